#!/usr/bin/env python3
"""Compares SESA's ReqIF exports with the originals through the Python `reqif` library (PyPI `reqif`).

usage: reqif_roundtrip.py ORIGINALS_DIR EXPORTS_DIR
Every .reqif in EXPORTS_DIR must parse, and keep the original's counts of spec objects, relations,
specifications, hierarchy nodes and attribute values. Exits 1 with a line per difference.
"""
import pathlib
import sys

from reqif.parser import ReqIFParser


def counts(path):
    bundle = ReqIFParser.parse(str(path))
    content = bundle.core_content.req_if_content if bundle.core_content else None
    objects = (content.spec_objects or []) if content else []
    relations = (content.spec_relations or []) if content else []
    specifications = (content.specifications or []) if content else []

    def nodes(children):
        return sum(1 + nodes(child.children or []) for child in children or [])

    values = sum(len(item.attributes or []) for item in objects)
    values += sum(len(item.values or []) for item in relations)
    values += sum(len(getattr(item, "values", None) or []) for item in specifications)
    return {
        "spec objects": len(objects),
        "relations": len(relations),
        "specifications": len(specifications),
        "hierarchy nodes": sum(nodes(spec.children) for spec in specifications),
        "attribute values": values,
    }


def main():
    originals, exports = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    files = sorted(exports.glob("*.reqif"))
    if not files:
        print(f"no exports in {exports}")
        return 1
    problems = []
    for export in files:
        try:
            want, got = counts(originals / export.name), counts(export)
        except Exception as error:  # a parse failure is the finding
            problems.append(f"{export.name}: {type(error).__name__}: {error}")
            continue
        for name in want:
            if want[name] != got[name]:
                problems.append(f"{export.name}: {name}: original {want[name]}, export {got[name]}")
    for problem in problems:
        print(problem)
    print(f"{len(files)} exports compared with the Python reqif library, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
