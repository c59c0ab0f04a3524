"""The set-up scripts: lean Debian installs, and a short ending for a newcomer."""

from __future__ import annotations

import re
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def test_debian_packages_are_installed_without_their_recommendations():
    text = (SCRIPTS / "install-system-deps.sh").read_text(encoding="utf-8")
    installs = re.findall(r"apt-get install[^\n]*", text)
    assert installs and all("--no-install-recommends" in line for line in installs)


def test_setup_builds_quietly_and_ends_with_where_to_look_next():
    text = (SCRIPTS / "setup.sh").read_text(encoding="utf-8")
    commands = [line for line in text.splitlines() if line.startswith(".venv/bin/ashraf-kg")]
    assert commands == [".venv/bin/ashraf-kg build --quiet"]  # no query table in the summary
    summary = text.split("<<'EOF'\n", 1)[1].split("\nEOF", 1)[0].splitlines()
    assert 3 <= len(summary) <= 12 and max(map(len, summary)) <= 80
    assert any("README.md" in line for line in summary)
