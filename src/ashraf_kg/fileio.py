"""Atomic writes: a reader never sees a half-written file or folder."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from .errors import AshrafKGError

# shutil and tempfile are imported where they are used: a one-shot query process imports
# this module for cache_root() alone, and its start-up is measured in milliseconds.


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


def write_chunks_atomic(path: Path, chunks) -> None:
    """Write the text of ``chunks`` (an iterable of str, UTF-8) to ``path`` through a temp
    file and rename, one chunk at a time: the whole text is never held. An error raised
    while the chunks are made leaves ``path`` as it was."""
    _write_atomic(path, lambda handle: handle.writelines(chunk.encode("utf-8") for chunk in chunks))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file and rename.

    Raises :class:`AshrafKGError` naming the file when it cannot be written (a folder in
    its place, no permission, a full disk); the file is then as it was.
    """
    _write_atomic(path, lambda handle: handle.write(data))


def _write_atomic(path: Path, write) -> None:
    import tempfile
    path = Path(path)
    if path.is_dir():
        raise AshrafKGError("is a folder, not a file", where=str(path), hint="give the name of a file to write")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            os.fchmod(handle.fileno(), public_mode())
        os.replace(tmp, path)
    except OSError as error:
        raise AshrafKGError(f"cannot write: {error.strerror or error}", where=str(path),
                            hint="check the folder exists, is writable and has free space") from None
    finally:
        if tmp is not None and Path(tmp).exists():
            Path(tmp).unlink()


def read_text_file(path: Path) -> str:
    """A UTF-8 text file's content; raises :class:`AshrafKGError` naming the file (and the line
    of the first byte that is not UTF-8) when it is missing, a folder, binary or not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AshrafKGError("no such file", where=str(path), hint="check the path") from None
    except IsADirectoryError:
        raise AshrafKGError("is a folder, not a file", where=str(path), hint="give a text file") from None
    except OSError as error:
        raise AshrafKGError(f"cannot read: {error.strerror or error}", where=str(path)) from None
    if b"\x00" in data:
        raise AshrafKGError("a binary file, not text", where=str(path), hint="give a plain-text (UTF-8) file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise AshrafKGError(f"not UTF-8 (byte {error.start})", where=f"{path}:{line}",
                            hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8") from None


def replace_folder(staging: Path, target: Path) -> None:
    """Swap a fully written ``staging`` folder into place of ``target``.

    The old folder is moved aside first and removed only after the swap, so a
    failure leaves ``target`` as it was.
    """
    import shutil
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
    import shutil
    import tempfile
    target = Path(target).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise _write_error(target, error) from None
    try:
        staging.chmod(public_mode(folder=True))
        yield staging
        replace_folder(staging, target)
    except OSError as error:  # a full disk, a permission: the target stays as it was
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_error(target, error) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_error(target: Path, error: OSError) -> AshrafKGError:
    return AshrafKGError(f"cannot write: {error.strerror or error}", where=str(target),
                         hint=f"check that {target.parent} is writable and has free space; "
                              "nothing was changed")


def cache_root() -> Path | None:
    """The build cache folder: ``$ASHRAF_KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ashraf-kg``
    (``~/.cache/ashraf-kg`` when unset); None when ``ASHRAF_KG_CACHE_DIR`` is ``off``."""
    from .places import cache_folder

    folder = cache_folder()
    return None if folder is None else Path(folder)


def cache_folder(kind: str) -> Path | None:
    """The folder for cached build results of one ``kind``: ``cache_root() / kind``.

    None when ``ASHRAF_KG_CACHE_DIR`` is ``off`` or the folder cannot be made: a build
    without its cache is slower, never different.
    """
    root = cache_root()
    if root is None:
        return None
    try:
        (root / kind).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root / kind


def mark_used(entry: Path) -> bool:
    """Whether the cache ``entry`` is there; if so its time is set to now, so that pruning
    after the build (:func:`ashraf_kg.cache.prune_build_cache`) keeps what the build used."""
    try:
        os.utime(entry)
    except OSError:  # absent, or removed a moment ago by another build's pruning
        return False
    return True


def digest_files(paths, *, salt: str = "") -> str:
    """SHA-256 of ``salt`` and the name and bytes of each file of ``paths``, in order."""
    import hashlib

    digest = hashlib.sha256(salt.encode())
    for path in paths:
        digest.update(f"\n{Path(path).name}\n".encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def make_or_reuse(kind: str, key: str, path: Path, make) -> None:
    """Write ``path`` with ``make(path)``, unless the build cache (``kind``) holds the file made
    for ``key`` before: then copy that. ``key`` must name everything the file depends on."""
    import shutil
    import tempfile
    folder = cache_folder(kind)
    kept = folder / key if folder is not None else None
    if kept is not None and mark_used(kept):
        try:
            shutil.copyfile(kept, path)
            return
        except OSError:  # removed since: made again below
            pass
    make(path)
    if kept is not None:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", dir=folder)
            os.close(fd)
            shutil.copyfile(path, tmp)
            os.replace(tmp, kept)
        except OSError:
            pass  # a cache that cannot be written costs only time


def rdf_syntax_error(path: Path, rdf_format: str) -> AshrafKGError:
    """The error for an RDF file that does not parse, naming its first bad line.

    ``rdf_format`` is ``nquads``, ``trig`` or ``turtle``; pyoxigraph finds the line, as
    rdflib's parsers do not say where they stopped.
    """
    import pyoxigraph

    formats = {"nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG,
               "turtle": pyoxigraph.RdfFormat.TURTLE}
    where, detail = str(path), "it does not parse"
    try:
        for _ in pyoxigraph.parse(path=str(path), format=formats[rdf_format]):
            pass
    except SyntaxError as error:
        where = f"{path}:{error.lineno}" if error.lineno else where
        detail = (error.msg or str(error)).split(" (")[0]
    except (OSError, ValueError) as error:
        detail = str(error)
    return AshrafKGError(f"not valid {rdf_format}: {detail}", where=where,
                         hint="rebuild the graph with `ashraf-kg build`")
