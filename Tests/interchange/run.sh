#!/usr/bin/env bash
# Compares SESA's ReqIF exports (written by ReqIFWriterTests when SESA_REQIF_EXPORT_DIR is set) with the originals
# through the Python `reqif` library, in the project's virtualenv (created or extended with pip when missing).
# usage: Tests/interchange/run.sh ORIGINALS_DIR EXPORTS_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VENV="$ROOT/.venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import reqif" 2>/dev/null || "$VENV/bin/pip" install -q "reqif>=0.1,<0.2"
exec "$VENV/bin/python" "$ROOT/Tests/interchange/reqif_roundtrip.py" "$1" "$2"
