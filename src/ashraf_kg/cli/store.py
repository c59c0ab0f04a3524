"""The ``store`` command: start, stop or ask about the resident store that ``query`` uses."""

from __future__ import annotations

import time

from .project import add_graph_option


def _describe(store) -> str:
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(store.started))
    return (f"{store.dump} ({store.quads} quads, SHA-256 {store.key[:12]}…), process {store.pid}, "
            f"since {since}, socket {store.socket}")


def _run_store(args) -> int:
    from ..query import resident
    from ..query.dump import find_dump

    if args.action == "start":
        store = resident.start_resident_store(args.graph_dir)
        print(f"Resident store: {_describe(store)}.")
        print("`ashraf-kg query` answers from it; `ashraf-kg store stop` stops it.")
        return 0
    if args.action == "stop":
        stopped = resident.stop_resident_store(args.graph_dir, every=args.all)
        for store in stopped:
            print(f"Stopped the resident store of {store.dump} (process {store.pid}).")
        if not stopped:
            print("No resident store was running" + ("." if args.all else " for this graph."))
        return 0
    dump = find_dump(args.graph_dir)
    current = 1
    for store in resident.find_resident_stores():
        state = "holds" if store.serves(dump) else "does not hold"
        current = 0 if store.serves(dump) else current
        print(f"Running: {_describe(store)}; {state} {dump} as it is now.")
    if current:
        print(f"No resident store holds {dump}: `ashraf-kg query` uses the disk cache "
              "(`ashraf-kg store start` starts one).")
    return current


def add_store_options(p) -> None:
    p.add_argument("action", choices=("start", "stop", "status"),
                   help="start: load the graph into a background process (Unix socket, this user "
                        "only); stop: end it; status: show the running ones (exit 1 when none "
                        "holds this graph's dump)")
    add_graph_option(p, "the built graph")
    p.add_argument("--all", action="store_true", help="stop: every resident store, of any dump")
    p.set_defaults(func=_run_store)
