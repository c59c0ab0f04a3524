"""No dead code: vulture, configured in pyproject.toml ([tool.vulture]), finds nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_vulture_finds_no_dead_code():
    result = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout == "" and result.returncode == 0, result.stdout + result.stderr
