"""The ``cache`` command: show or clear the cache folder (``ASHRAF_KG_CACHE_DIR``)."""

from __future__ import annotations


def format_size(size: int) -> str:
    """``size`` bytes as a short figure: ``812 B``, ``4.2 MB``."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return ""  # not reached: GB returns above


def _run_info(_args) -> int:
    from ..cache import cache_info

    info = cache_info()
    if info.folder is None:
        print("No cache: ASHRAF_KG_CACHE_DIR is off.")
        return 0
    print(f"Cache folder: {info.folder} ({format_size(info.size)})")
    for kind in info.kinds:
        print(f"  {kind.name:<20} {kind.entries:>6} entries  {format_size(kind.size):>9}")
    if not info.kinds:
        print("  (empty)")
    return 0


def _run_clear(args) -> int:
    from ..cache import clear_cache

    cleared = clear_cache(args.kinds)
    if cleared.folder is None:
        print("No cache: ASHRAF_KG_CACHE_DIR is off.")
        return 0
    names = ", ".join(kind.name for kind in cleared.kinds) or "nothing to clear"
    print(f"Cleared {cleared.folder}: {names} ({format_size(cleared.size)}).")
    return 0


def add_cache_options(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = actions.add_parser("info", help="the cache folder, and each kind's entries and size")
    info.set_defaults(func=_run_info)
    clear = actions.add_parser("clear", help="remove the cached results (the next build or "
                                             "query makes them again); resident stores keep running")
    clear.add_argument("kinds", nargs="*", metavar="KIND",
                       help="only these kinds (as `cache info` lists them; default: all)")
    clear.set_defaults(func=_run_clear)
