"""``python -m ashraf_kg``: the ``ashraf-kg`` command."""

import sys

from .cli import main

sys.exit(main())
