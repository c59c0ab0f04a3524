"""What reaches a terminal: escape sequences and bidi overrides are shown, not obeyed."""

from __future__ import annotations

import os
import subprocess
import sys

from ashraf_kg.cli.terminal import terminal_safe

HOSTILE = "Maliki\x1b[2J\x1b]0;owned\x07\u202elive\u2066x\u2069\x9b"
QUERY = ('SELECT ?label WHERE { BIND("Maliki\\u001B[2J\\u001B]0;owned\\u0007\\u202Elive'
         '\\u2066x\\u2069\\u009B" AS ?label) }')


def test_terminal_safe_shows_controls_and_bidi_and_keeps_the_rest():
    assert terminal_safe(HOSTILE) == "Maliki\\x1b[2J\\x1b]0;owned\\x07\\u202elive\\u2066x\\u2069\\x9b"
    text = "Nouri al-Maliki\tمالکی — “quoted”\n"
    assert terminal_safe(text) == text


def run(graph_dir, tmp_path, *, on_terminal: bool, fmt: str) -> bytes:
    command = [sys.executable, "-m", "ashraf_kg.cli", "query", "-e", QUERY, "--graph-dir",
               str(graph_dir), "--storage", "memory", "--format", fmt]
    env = dict(os.environ, ASHRAF_KG_CACHE_DIR=str(tmp_path / "cache"))
    if not on_terminal:
        return subprocess.run(command, capture_output=True, env=env, timeout=120).stdout
    leader, follower = os.openpty()
    try:
        process = subprocess.Popen(command, stdout=follower, stderr=follower, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed when the command ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(120)
    finally:
        os.close(leader)
    return b"".join(chunks)


def test_a_label_reaches_the_terminal_escaped(graph_dir, tmp_path):
    out = run(graph_dir, tmp_path, on_terminal=True, fmt="table").decode("utf-8")
    assert "Maliki\\x1b[2J\\x1b]0;owned\\x07\\u202elive" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out


def test_a_label_reaches_a_pipe_unchanged(graph_dir, tmp_path):
    out = run(graph_dir, tmp_path, on_terminal=False, fmt="csv").decode("utf-8")
    assert HOSTILE in out
