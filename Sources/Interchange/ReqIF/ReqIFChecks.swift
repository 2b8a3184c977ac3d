/// The checks that need the whole document. Errors: IDENTIFIERs used twice, relations without SOURCE or TARGET.
/// Warnings (some tools export partially — even the ReqIF
/// specification's own Enterprise Architect example relates objects it does not contain — and what resolves
/// is still kept): relations and hierarchy entries whose objects are missing, relation groups naming what the
/// file does not define (in a ReqIFZ it may be in another file), undefined types and attribute definitions.
struct ReqIFChecks {
    let file: String
    let document: ReqIFDocument
    let lines: [String: Int]

    func run() throws -> [ReqIFWarning] {
        let repeats = try uniqueIdentifiers()
        let objects = Set(document.specObjects.map(\.identity.identifier))
        var dangling: [ReqIFWarning] = []
        for relation in document.specRelations {
            let id = relation.identity.identifier
            if relation.sourceRef.isEmpty { throw error(id, "SPEC-RELATION \(id) has no SOURCE") }
            if relation.targetRef.isEmpty { throw error(id, "SPEC-RELATION \(id) has no TARGET") }
            for (end, ref) in [("SOURCE", relation.sourceRef), ("TARGET", relation.targetRef)] where !objects.contains(ref) {
                dangling.append(ReqIFWarning(line: lines[id], message: "SPEC-RELATION \(id) has the \(end) \(ref), which is no "
                                             + "SPEC-OBJECT of the file; the relation is skipped"))
            }
        }
        var warnings = repeats + dangling
        for specification in document.specifications {
            try checkNodes(specification.children, objects: objects, warnings: &warnings)
        }
        let specifications = Set(document.specifications.map(\.identity.identifier))
        let relations = Set(document.specRelations.map(\.identity.identifier))
        for group in document.relationGroups {
            let id = group.identity.identifier
            // In a ReqIFZ the group's specifications and relations may live in another file of the archive.
            for ref in [group.sourceSpecificationRef, group.targetSpecificationRef] where !ref.isEmpty && !specifications.contains(ref) {
                warnings.append(ReqIFWarning(line: lines[id], message: "RELATION-GROUP \(id) refers to the SPECIFICATION \(ref), "
                                             + "which this file does not define"))
            }
            let missing = group.relationRefs.filter { !relations.contains($0) }
            if !missing.isEmpty {
                warnings.append(ReqIFWarning(line: lines[id], message: "RELATION-GROUP \(id) refers to \(missing.count) SPEC-RELATIONs "
                                             + "this file does not define: \(missing.prefix(5).joined(separator: ", "))"))
            }
        }
        return warnings + softReferences()
    }

    private func error(_ id: String, _ message: String) -> ReqIFError {
        ReqIFError(file: file, line: lines[id], message)
    }

    private func checkNodes(_ nodes: [ReqIFDocument.HierarchyNode], objects: Set<String>, warnings: inout [ReqIFWarning]) throws {
        for node in nodes {
            let id = node.identity.identifier
            if node.objectRef.isEmpty { throw error(id, "SPEC-HIERARCHY \(id) has no OBJECT") }
            if !objects.contains(node.objectRef) {
                warnings.append(ReqIFWarning(line: lines[id], message: "SPEC-HIERARCHY \(id) refers to the SPEC-OBJECT \(node.objectRef), "
                                             + "which the file does not define; the entry is skipped"))
            }
            try checkNodes(node.children, objects: objects, warnings: &warnings)
        }
    }

    private func uniqueIdentifiers() throws -> [ReqIFWarning] {
        var seen: Set<String> = []
        func check(_ id: String, _ element: String) throws {
            guard !id.isEmpty else { throw ReqIFError(file: file, "a \(element) has no IDENTIFIER") }
            if !seen.insert(id).inserted { throw error(id, "the IDENTIFIER \(id) is used twice (again by a \(element))") }
        }
        for datatype in document.datatypes {
            try check(datatype.identity.identifier, "DATATYPE-DEFINITION-\(datatype.kind.rawValue)")
            for value in datatype.values { try check(value.identity.identifier, "ENUM-VALUE") }
        }
        for type in document.specTypes {
            try check(type.identity.identifier, type.category.rawValue)
            for attribute in type.attributes { try check(attribute.identity.identifier, "ATTRIBUTE-DEFINITION-\(attribute.kind.rawValue)") }
        }
        for object in document.specObjects { try check(object.identity.identifier, "SPEC-OBJECT") }
        for relation in document.specRelations { try check(relation.identity.identifier, "SPEC-RELATION") }
        for specification in document.specifications { try check(specification.identity.identifier, "SPECIFICATION") }
        for group in document.relationGroups { try check(group.identity.identifier, "RELATION-GROUP") }
        // Hierarchy entries are positions, not content: the import does not need their identity, and Polarion
        // writes files that repeat them. A repeat is a warning.
        var nodes: Set<String> = []
        var repeated: Set<String> = []
        for specification in document.specifications {
            var stack = specification.children
            while let node = stack.popLast() {
                let id = node.identity.identifier
                if seen.contains(id) || !nodes.insert(id).inserted { repeated.insert(id) }
                stack += node.children
            }
        }
        return repeated.isEmpty ? [] : [ReqIFWarning(line: nil, message: "SPEC-HIERARCHY IDENTIFIERs used more than once (kept; "
                                                     + "the import does not depend on them): \(repeated.sorted().joined(separator: ", "))")]
    }

    /// Types and attribute definitions a value or object names but the file does not define.
    private func softReferences() -> [ReqIFWarning] {
        let types = Set(document.specTypes.map(\.identity.identifier))
        let definitions = Set(document.specTypes.flatMap { $0.attributes.map(\.identity.identifier) })
        var missingTypes: Set<String> = []
        var missingDefinitions: Set<String> = []
        func values(_ values: [ReqIFDocument.AttributeValue]) {
            for value in values where !definitions.contains(value.definitionRef) { missingDefinitions.insert(value.definitionRef) }
        }
        for object in document.specObjects {
            if !object.typeRef.isEmpty && !types.contains(object.typeRef) { missingTypes.insert(object.typeRef) }
            values(object.values)
        }
        for relation in document.specRelations {
            if !relation.typeRef.isEmpty && !types.contains(relation.typeRef) { missingTypes.insert(relation.typeRef) }
            values(relation.values)
        }
        for specification in document.specifications { values(specification.values) }
        var warnings: [ReqIFWarning] = []
        if !missingTypes.isEmpty {
            warnings.append(.init(line: nil, message: "types named but not defined: \(missingTypes.sorted().joined(separator: ", "))"))
        }
        if !missingDefinitions.isEmpty {
            warnings.append(.init(line: nil, message: "values of attribute definitions the file does not define (kept as they are): "
                                  + missingDefinitions.sorted().joined(separator: ", ")))
        }
        return warnings
    }
}
