"""A document as received, checked before ``ashraf-kg add`` writes anything of it.

Its bytes (:func:`read_document_bytes`: a regular file or a pipe the shell gives, within
:data:`MAX_BYTES`), its text (:func:`decode_document`: UTF-8, not a binary file) and its
language (:func:`check_language`: English). Each refusal is an :class:`IngestError` that
says what the file is and how to add it instead.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import IngestError

MAX_BYTES = 10 * 1024 * 1024
PIPE_WAIT = 30.0  # seconds a pipe may stay silent before the command gives up on it
_ENGLISH = frozenset(
    "the of and to a in is was that for on with as by at from it his her their its are were "
    "be been has have had not this which who or an but they he she we after than also "
    "into over said about more when would there them".split())
_MARKERS = {
    "French": frozenset("le la les des est et une du que pour dans qui pas sur avec au aux".split()),
    "German": frozenset("der die das und ist nicht ein eine mit den dem von zu auf für sich".split()),
    "Spanish": frozenset("el los las del que y por una con para es se al como su".split()),
    "Italian": frozenset("il di che la le della per una sono con non gli dei nel".split()),
    "Dutch": frozenset("de het een en van is dat op te niet zijn met voor".split()),
    "Portuguese": frozenset("o os da do das dos em que uma com para não se ao".split()),
}
_SCRIPTS = (("Arabic script (Arabic, Persian, Urdu)", 0x0600, 0x06FF),
            ("Cyrillic script", 0x0400, 0x04FF), ("Hebrew script", 0x0590, 0x05FF),
            ("CJK characters", 0x4E00, 0x9FFF), ("Greek script", 0x0370, 0x03FF))


def read_document_bytes(path: Path) -> bytes:
    """The bytes of a document: a regular file, or a pipe the shell gives (``add /dev/stdin``,
    ``add <(…)``), never more than :data:`MAX_BYTES`. A device (``/dev/zero``) and a named
    FIFO (which may wait for a writer for ever) are refused unread."""
    try:
        info = path.stat()
    except OSError as error:
        raise IngestError(f"cannot read the file: {error.strerror}", where=str(path)) from None
    if stat.S_ISFIFO(info.st_mode) and str(path).startswith(("/dev/", "/proc/")):
        return _read_pipe(path)
    if stat.S_ISFIFO(info.st_mode):
        raise IngestError("a named pipe (FIFO), which may wait for a writer for ever",
                          where=str(path), hint="save the document to a file and add that file")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("not a regular file (a device, a socket, …)", where=str(path),
                          hint="save the document to a file and add that file")
    if info.st_size > MAX_BYTES:
        raise _too_big(path, f"the file is {info.st_size / 2**20:.1f} MB")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # the file may have grown since stat()
    if len(raw) > MAX_BYTES:
        raise _too_big(path, "the file grew while it was read")
    return raw


def _read_pipe(path: Path, wait: float = PIPE_WAIT) -> bytes:
    import select

    # Non-blocking open: a FIFO with no writer would otherwise block the open itself.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks, size = [], 0
    try:
        while True:
            if not select.select([fd], [], [], wait)[0]:
                raise IngestError(f"nothing came through the pipe for {wait:g} s", where=str(path),
                                  hint="save the document to a file and add that file")
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_BYTES:
                raise _too_big(path, f"the pipe sent more than {size // 2**20} MB")
            chunks.append(chunk)
    finally:
        os.close(fd)


def _too_big(path: Path, what: str) -> IngestError:
    return IngestError(f"{what}, over the {MAX_BYTES // 2**20} MB limit for one document",
                       where=str(path), hint="split it into its articles or add the article alone")


def decode_document(raw: bytes, path: Path) -> str:
    """The text of a document's bytes: UTF-8, and not a binary file."""
    head = raw[:8192]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or (head and controls / len(head) > 0.05):
        raise IngestError("this is a binary file, not a text or HTML document", where=str(path),
                          hint="save the article as plain text (UTF-8) or as an HTML page")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise IngestError(f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} at "
                          f"offset {error.start})", where=f"{path}:{line}",
                          hint="convert it to UTF-8, e.g. iconv -f windows-1252 -t utf-8") from None


def check_language(text: str, *, where: str) -> None:
    """Raise :class:`IngestError` unless ``text`` reads as English.

    A dependency-free test: in English prose about a quarter of the words are
    among a few dozen function words; other languages have their own, and other
    scripts show in the letters themselves.
    """
    letters = [c for c in text if c.isalpha()]
    for name, low, high in _SCRIPTS:
        share = sum(1 for c in letters if low <= ord(c) <= high) / max(len(letters), 1)
        if share > 0.3:
            raise IngestError(f"the document is not in English: {share:.0%} of its letters are "
                              f"{name}", where=where, hint="add an English version")
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    if len(words) < 20:
        return  # too short to judge
    english = sum(1 for w in words if w in _ENGLISH) / len(words)
    rivals = {name: sum(1 for w in words if w in markers) / len(words)
              for name, markers in _MARKERS.items()}
    best = max(rivals, key=rivals.get)
    if english < 0.12 or rivals[best] > english:
        seen = sorted({w for w in words if w in _MARKERS[best]}, key=words.index)[:6]
        raise IngestError(f"the document does not read as English ({english:.0%} English "
                          f"function words; {best} markers seen: {', '.join(seen) or 'none'}, "
                          f"{rivals[best]:.0%} of words)", where=where,
                          hint="add an English version of the document")
