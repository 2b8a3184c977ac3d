#!/usr/bin/env bash
# SESA's browser suite: headless Chromium (Debian) + selenium (PyPI) against the release binary.
#   Tests/browser/run.sh [path/to/sesa]     (default .build/release/sesa)
# Installs chromium, chromium-driver and a virtualenv with selenium + pytest when missing (root, apt, pip).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export SESA_BINARY="$(cd "$(dirname "${1:-$ROOT/.build/release/sesa}")" && pwd)/$(basename "${1:-sesa}")"
export SESA_SCREENSHOTS="${SESA_SCREENSHOTS:-$ROOT/ci-artifacts/screenshots}"
export SE_OFFLINE=true   # Selenium Manager must not try to download drivers: we name them explicitly.

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "Installing chromium and chromium-driver (apt)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
fi
VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/pytest" ] || ! "$VENV/bin/python" -c "import selenium" 2>/dev/null; then
  echo "Creating $VENV with selenium and pytest (pip)…"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "selenium>=4.20,<5" "pytest>=8,<10"
fi
echo "Screenshots: $SESA_SCREENSHOTS"
cd "$ROOT/Tests/browser"
exec "$VENV/bin/pytest" -q -p no:cacheprovider -s .
