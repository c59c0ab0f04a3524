"""``python -m ashraf_kg.cli``: the ``ashraf-kg`` command."""

import sys

from . import main

sys.exit(main())
