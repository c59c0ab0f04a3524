"""Atomic writes: a reader never sees a half-written file or folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return mask


def public_mode(*, folder: bool = False) -> int:
    """The mode a plain ``open()`` or ``mkdir()`` would give: 0666 (0777 for a folder)
    less the umask. Temporary files and folders are private (0600, 0700) until renamed
    into place, so they are given this mode first."""
    return (0o777 if folder else 0o666) & ~current_umask()


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` through a temp file and rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), public_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_folder(staging: Path, target: Path) -> None:
    """Swap a fully written ``staging`` folder into place of ``target``.

    The old folder is moved aside first and removed only after the swap, so a
    failure leaves ``target`` as it was.
    """
    staging, target = Path(staging), Path(target)
    backup = target.with_name(f".{target.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        os.replace(target, backup)
    try:
        os.replace(staging, target)
    except BaseException:
        if backup.exists():
            os.replace(backup, target)
        raise
    if backup.exists():
        shutil.rmtree(backup)


@contextmanager
def staged_folder(target: Path):
    """Yield a fresh folder beside ``target``; swap it into place only if the block succeeds.

    >>> with staged_folder(Path("graph")) as folder:        # doctest: +SKIP
    ...     (folder / "a.nq").write_text("")
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        staging.chmod(public_mode(folder=True))
        yield staging
        replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
