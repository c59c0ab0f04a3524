"""The resident store's wire: the address of its Unix socket, and the frames both sides
send (see :mod:`ashraf_kg.query.resident`).

Messages are frames: a 4-byte big-endian length and that many bytes of JSON; an answer's
text follows its frame as ``length`` bytes of UTF-8.
"""

from __future__ import annotations

import _socket
import json
import os

PROTOCOL = 1
MAX_FRAME = 16 << 20


class unix_address:  # noqa: N801 - used as a function: ``with unix_address(path) as address``
    """An address for ``path`` that fits a Unix socket's 107 bytes (through /proc when long).
    (A class, not a contextlib generator: importing contextlib is not needed on the query path.)"""

    def __init__(self, path: str | os.PathLike):
        self.path, self.folder = os.fspath(path), None

    def __enter__(self) -> str:
        if len(os.fsencode(self.path)) < 100:
            return self.path
        parent, name = os.path.split(self.path)
        self.folder = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
        return f"/proc/self/fd/{self.folder}/{name}"

    def __exit__(self, *_) -> None:
        if self.folder is not None:
            os.close(self.folder)
            self.folder = None


# The client's side speaks through _socket.socket, of which socket.socket is the subclass:
# a query process needs none of what socket.py adds, and importing it (with selectors and
# array) was a fifteenth of that process's own time. The store's side uses socket.socket.

def send_frame(conn: _socket.socket, message: dict, body: bytes = b"") -> None:
    """Send ``message`` as one frame, then ``body`` (its ``length`` bytes)."""
    data = json.dumps(message).encode("utf-8")
    conn.sendall(len(data).to_bytes(4, "big") + data)
    if body:
        conn.sendall(body)


def read_exactly(conn: _socket.socket, size: int) -> bytes:
    """``size`` bytes from ``conn``; EOFError when it closes first."""
    parts, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def read_frame(conn: _socket.socket) -> dict:
    """One frame's message; ValueError when it is not one."""
    size = int.from_bytes(read_exactly(conn, 4), "big")
    if size > MAX_FRAME:
        raise ValueError(f"a frame of {size} bytes")
    message = json.loads(read_exactly(conn, size))
    if not isinstance(message, dict):
        raise ValueError("a frame that is not an object")
    return message
