"""Load time, peak memory and query latency of four SPARQL stores on synthetic graphs.

For each size (about 10k, 100k and 1M triples, made by ``generate.py``) and each store:

  (a)  rdflib   — rdflib's default in-memory store (``rdflib.Dataset``, union default graph)
  (b)  embedded — the embedded default: the dump parsed into pyoxigraph's in-memory store,
                  as ``ashraf_kg.query.store.open_store`` does (storage "memory")
  (b′) disk     — the embedded disk cache of one-shot ``ashraf-kg query`` runs: pyoxigraph
                  on RocksDB (storage "disk")
  (c)  oxigraph — Oxigraph server (PyPI ``oxigraph``), queried over HTTP
  (d)  virtuoso — Virtuoso Open Source (Debian), bulk-loaded, queried over HTTP

it runs every query of ``queries/`` with its default parameters, ``--repeat`` times in a
row (once when a run takes over 2 s), and reports the median. A run gets ``--cap`` seconds:
one still going then is stopped and counted as ">cap", a lower bound of its time (so
rdflib's ratio to a store is then a lower bound, a store's an upper one). Each store is
measured in a process of its own, so that peak memory (the largest resident set of that
process, or of its server) is its own.

    python benchmarks/bench_sparql.py --sizes 10k,100k,1M
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

ENGINES = ("rdflib", "embedded", "disk", "oxigraph", "virtuoso")
LABELS = {"rdflib": "(a) rdflib", "embedded": "(b) embedded (memory)",
          "disk": "(b′) embedded disk cache", "oxigraph": "(c) Oxigraph server",
          "virtuoso": "(d) Virtuoso"}


# --- workers: one process per store and size ------------------------------------------------

def named_queries():
    from ashraf_kg.query.run import bind_parameters, list_queries

    return [(q.name, bind_parameters(q)) for q in list_queries()]


def time_runs(run, repeat: int) -> tuple[list[float], int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        if times[-1] > 2:
            break
    return times, rows


def result_size(result) -> int:
    if result.kind == "select":
        return len(result.rows)
    if result.kind == "graph":
        return len(result.graph)
    return int(bool(result.boolean))


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident set (VmHWM) of a process, or of this one and its children."""
    if pid is not None:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def work_rdflib(dump: Path, cap: float, repeat: int) -> dict:
    from rdflib import Dataset

    from ashraf_kg.namespaces import ID, PREFIXES

    start = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    load = time.perf_counter() - start
    namespaces = {**{p: str(ns) for p, ns in PREFIXES.items()}, "id": str(ID)}

    def run(text):
        result = dataset.query(text, initNs=namespaces)
        if result.type == "ASK":
            return 1
        return len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") else len(list(result))

    queries = {}
    for name, text in named_queries():
        queries[name] = run_forked(lambda text=text: run(text), cap, repeat)
    return {"load_s": load, "peak_mb": peak_rss_mb(), "queries": queries}


def run_forked(run, cap: float, repeat: int) -> dict:
    """Time up to ``repeat`` runs of ``run`` in a forked child (sharing what the parent
    loaded), one line per run on a pipe; a run still going after ``cap`` s is stopped."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report each run, exit without cleanup
        os.close(reader)
        try:
            for _ in range(repeat):
                start = time.perf_counter()
                size = run()
                seconds = time.perf_counter() - start
                os.write(writer, (json.dumps({"s": seconds, "rows": size}) + "\n").encode())
                if seconds > 2:
                    break
        except Exception as error:  # noqa: BLE001 - reported to the parent
            os.write(writer, (json.dumps({"error": f"{type(error).__name__}: {error}"[:300]})
                              + "\n").encode())
        os._exit(0)
    os.close(writer)
    return _collect(reader, pid, cap)


def _collect(reader: int, pid: int, cap: float) -> dict:
    times, rows, buffer = [], None, b""
    with os.fdopen(reader, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], cap)
            if not ready:
                os.kill(pid, 9)
                break
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                answer = json.loads(line)
                if "error" in answer:
                    os.waitpid(pid, 0)
                    return {"times": [], "rows": None, "error": answer["error"]}
                times.append(answer["s"])
                rows = answer["rows"]
    os.waitpid(pid, 0)
    if not times:
        return {"times": [cap], "rows": None, "capped": True}
    return {"times": times, "rows": rows}


def link_graph_dir(dump: Path, folder: Path) -> Path:
    """A ``graph/`` folder in ``folder`` whose dump is ``dump`` (linked, not copied)."""
    graph_dir = folder / "graph"
    graph_dir.mkdir()
    os.symlink(dump, graph_dir / "ashraf-kg.nq")
    return graph_dir


def work_embedded(dump: Path, cap: float, repeat: int) -> dict:
    from ashraf_kg.query import store as embedded
    from ashraf_kg.query.run import evaluate

    with tempfile.TemporaryDirectory(prefix="bench-embedded-") as folder:
        graph_dir = link_graph_dir(dump, Path(folder))
        start = time.perf_counter()
        store = embedded.open_store(graph_dir)
        load = time.perf_counter() - start
        # The in-memory store is shared with each forked child, as rdflib's is.
        queries = {name: run_forked(lambda text=text: result_size(evaluate(store, text)), cap, repeat)
                   for name, text in named_queries()}
        return {"load_s": load, "peak_mb": peak_rss_mb(), "queries": queries,
                "one_shot_s": one_shot(graph_dir, "memory", Path(folder) / "cache")}


def work_disk(dump: Path, cap: float, repeat: int) -> dict:
    from ashraf_kg.query import store as embedded
    from ashraf_kg.query.run import evaluate

    with tempfile.TemporaryDirectory(prefix="bench-disk-") as folder:
        graph_dir = link_graph_dir(dump, Path(folder))
        start = time.perf_counter()
        path = embedded.store_path(graph_dir, cache_dir=Path(folder) / "cache")
        store = embedded.open_store(graph_dir, storage="disk", cache_dir=Path(folder) / "cache")
        load = time.perf_counter() - start
        peak = peak_rss_mb()
        # The queries run in forked children, so that one can be stopped at the cap; each
        # opens the store itself (RocksDB's threads do not survive a fork).
        embedded._opened.clear()
        del store
        queries = {}
        for name, text in named_queries():
            queries[name] = run_forked(lambda text=text: result_size(evaluate(open_read_only(path), text)),
                                       cap, repeat)
        return {"load_s": load, "peak_mb": max(peak, peak_rss_mb()), "queries": queries,
                "one_shot_s": one_shot(graph_dir, "disk", Path(folder) / "cache")}


ONE_SHOT_QUERY = "list_sub_events"


def one_shot(graph_dir: Path, storage: str, cache_dir: Path) -> float:
    """Seconds for a new Python process to import the package, open or parse the store
    and answer one small query: what each ``ashraf-kg query`` run pays (the disk cache
    already built). The median of three processes."""
    code = ("import sys, time; start = time.perf_counter()\n"
            "from ashraf_kg.query.run import run_query\n"
            f"run_query({ONE_SHOT_QUERY!r}, graph_dir={str(graph_dir)!r}, storage={storage!r})\n"
            "print(time.perf_counter() - start)")
    environment = {**os.environ, "ASHRAF_KG_CACHE_DIR": str(cache_dir)}
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, env=environment).stdout.split()[-1])
            for _ in range(3)]
    return statistics.median(runs)


_stores: dict = {}


def open_read_only(path):
    import pyoxigraph

    if path not in _stores:
        _stores[path] = pyoxigraph.Store.read_only(str(path))
    return _stores[path]


def timed(run, repeat: int, reraise=()) -> dict:
    try:
        times, rows = time_runs(run, repeat)
    except reraise:
        raise
    except Exception as error:  # noqa: BLE001 - a failing query is reported, not fatal
        return {"times": [], "rows": None, "error": f"{type(error).__name__}: {error}"[:300]}
    return {"times": times, "rows": rows}


def query_server(url: str, cap: float, repeat: int) -> dict:
    from ashraf_kg.errors import EndpointError
    from ashraf_kg.query.endpoint import query_endpoint
    from ashraf_kg.query.run import _declare_prefixes

    queries = {}
    for name, text in named_queries():
        full = _declare_prefixes(text)
        try:
            queries[name] = timed(lambda full=full: result_size(query_endpoint(url, full, timeout=cap)),
                                  repeat, reraise=EndpointError)
        except EndpointError as error:
            if "did not answer" not in str(error):
                queries[name] = {"times": [], "rows": None, "error": str(error)[:300]}
            else:
                queries[name] = {"times": [cap], "rows": None, "capped": True}
    return queries


def work_oxigraph(dump: Path, cap: float, repeat: int) -> dict:
    from ashraf_kg.query.server import start_oxigraph

    with tempfile.TemporaryDirectory(prefix="bench-oxigraph-") as folder:
        start = time.perf_counter()
        server = start_oxigraph(folder, graph_file=dump, port=0, timeout=600)
        load = time.perf_counter() - start
        try:
            queries = query_server(server.query_url, cap, repeat)
            peak = max(peak_rss_mb(server.pid), peak_rss_mb())
        finally:
            server.stop()
        return {"load_s": load, "peak_mb": peak, "queries": queries}


def work_virtuoso(dump: Path, cap: float, repeat: int) -> dict:
    from ashraf_kg.query.virtuoso import load_virtuoso, start_virtuoso

    with tempfile.TemporaryDirectory(prefix="bench-virtuoso-") as folder:
        server = start_virtuoso(folder, timeout=300)
        try:
            start = time.perf_counter()
            load_virtuoso(server, dump)
            load = time.perf_counter() - start
            queries = query_server(server.query_url, cap, repeat)
            peak = peak_rss_mb(server.pid)
        finally:
            server.stop()
        return {"load_s": load, "peak_mb": peak, "queries": queries}


WORKERS = {"rdflib": work_rdflib, "embedded": work_embedded, "disk": work_disk,
           "oxigraph": work_oxigraph, "virtuoso": work_virtuoso}


def measure(engine: str, dump: Path, cap: float, repeat: int) -> dict:
    """Run one worker in a fresh Python process; its JSON report comes back on stdout."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", engine,
               "--dump", str(dump), "--cap", str(cap), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"worker failed: {tail}", "queries": {}}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report ---------------------------------------------------------------------------------

def median_s(entry: dict) -> float | None:
    return statistics.median(entry["times"]) if entry.get("times") else None


def format_time(entry: dict | None) -> str:
    if not entry or entry.get("error"):
        return "error"
    seconds = median_s(entry)
    text = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return f">{seconds:.0f} s" if entry.get("capped") else text


def ratio(base: dict | None, other: dict | None) -> tuple[float | None, str]:
    """rdflib time / other time, and "≥" when rdflib was stopped at the cap (a lower
    bound), "≤" when the other store was (an upper bound), "" when both finished."""
    if not base or not other or base.get("error") or other.get("error"):
        return None, ""
    b, o = median_s(base), median_s(other)
    if not b or not o:
        return None, ""
    if base.get("capped") and other.get("capped"):
        return None, ""
    return b / o, "≥" if base.get("capped") else "≤" if other.get("capped") else ""


def format_ratio(value: float | None, bound: str) -> str:
    if value is None:
        return "–"
    return f"{bound}{value:.1f}×"


def size_table(size: str, results: dict[str, dict], engines: list[str]) -> list[str]:
    names = sorted({q for r in results.values() for q in r.get("queries", {})})
    header = ["query"] + [LABELS[e] for e in engines]
    lines = [f"### {size} triples ({results[engines[0]].get('triples', '?')} quads)", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in names:
        base = results.get("rdflib", {}).get("queries", {}).get(name)
        cells = [name]
        row_counts = {e: results[e].get("queries", {}).get(name, {}).get("rows") for e in engines}
        for engine in engines:
            entry = results[engine].get("queries", {}).get(name)
            cell = format_time(entry)
            if engine != "rdflib" and "rdflib" in results:
                cell += f" ({format_ratio(*ratio(base, entry))})"
            cells.append(cell)
        known = {v for v in row_counts.values() if v is not None}
        if len(known) > 1:
            cells[0] += " ¹"
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *summary_lines(results, engines), ""]
    return lines


def summary_lines(results: dict[str, dict], engines: list[str]) -> list[str]:
    lines = ["| store | load | load ratio | peak memory | median query ratio to (a) | "
             "same, rows as (a) only | "
             f"new process, one query ({ONE_SHOT_QUERY}) |",
             "|---|---|---|---|---|---|---|"]
    base = results.get("rdflib", {})
    for engine in engines:
        r = results[engine]
        if r.get("error"):
            lines.append(f"| {LABELS[engine]} | {r['error']} | | | | | |")
            continue
        load_ratio = base["load_s"] / r["load_s"] if base.get("load_s") and r.get("load_s") else None
        every = median_ratio(base.get("queries", {}), r["queries"], agreeing=False)
        agreeing = median_ratio(base.get("queries", {}), r["queries"], agreeing=True)
        one = f"{r['one_shot_s']:.2f} s" if r.get("one_shot_s") else "–"
        lines.append(f"| {LABELS[engine]} | {r['load_s']:.2f} s | {format_ratio(load_ratio, '')} | "
                     f"{r['peak_mb']:.0f} MB | {every if engine != 'rdflib' else '1×'} | "
                     f"{agreeing if engine != 'rdflib' else '1×'} | {one} |")
    return lines


def median_ratio(base: dict, other: dict, *, agreeing: bool) -> str:
    """The median of the per-query ratios, as text; with ``agreeing``, only over the
    queries on which both stores returned the same number of rows (a store that answers
    wrongly, e.g. with no rows, is not timed against one that answers)."""
    ratios = []
    for name, entry in other.items():
        rows = (base.get(name, {}).get("rows"), entry.get("rows"))
        if agreeing and None not in rows and rows[0] != rows[1]:
            continue
        ratios.append(ratio(base.get(name), entry))
    values = sorted(v for v, _ in ratios if v is not None)
    if not values:
        return "–"
    median = statistics.median(values)
    # The median is a lower bound when a lower-bound ratio lies at or below it.
    bound = "≥" if any(b == "≥" for v, b in ratios if v is not None and v <= median) else ""
    return format_ratio(median, bound)


def machine_lines(cap: float, repeat: int) -> list[str]:
    import pyoxigraph
    import rdflib

    virtuoso = subprocess.run(["/usr/bin/virtuoso-t", "-?"], capture_output=True, text=True)
    version = next((line.strip() for line in (virtuoso.stdout + virtuoso.stderr).splitlines()
                    if line.startswith("Version")), "not installed")
    return [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}; "
            f"Python {platform.python_version()}; rdflib {rdflib.__version__}; pyoxigraph "
            f"{pyoxigraph.__version__}; Virtuoso {version}.",
            f"Each time is the median of up to {repeat} runs in a row of the query with its "
            f"default parameters (one run when it takes over 2 s). A run is stopped after "
            f"{cap:g} s (shown as >{cap:g} s, a lower bound). Ratios are rdflib's time divided "
            "by the store's (higher is faster); ≥ marks a lower bound (rdflib was stopped), "
            "≤ an upper bound (the store was). ¹: the stores disagree on the number of rows; "
            "error: the store refused the query (see benchmarks/README.md)."]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per rdflib query (default 60)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dump", type=Path, default=ROOT / "graph" / "ashraf-kg.nq",
                        help="the real dump whose shape is scaled")
    parser.add_argument("--data-dir", type=Path, default=HERE / "data",
                        help="where the generated graphs are kept (default benchmarks/data)")
    parser.add_argument("--out", type=Path, default=HERE / "results-stores.md")
    parser.add_argument("--reuse", action="store_true",
                        help="use the raw figures of a size already measured (data-dir/raw-<size>.json)")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        report = WORKERS[args.worker](args.dump.resolve(), args.cap, args.repeat)
        print(json.dumps(report))
        return 0
    return run_all(args)


def run_all(args) -> int:
    from generate import generate, parse_size, write_nquads

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    lines = ["# SPARQL benchmark results", "", "Written by `python benchmarks/bench_sparql.py "
             f"--sizes {args.sizes}`.", "", *machine_lines(args.cap, args.repeat), ""]
    for size in args.sizes.split(","):
        dump = args.data_dir / f"bench-{size}.nq"
        if not dump.is_file():
            write_nquads(generate(args.dump, parse_size(size)), dump)
        quads = sum(1 for _ in open(dump, "rb"))
        raw = args.data_dir / f"raw-{size}.json"
        results = json.loads(raw.read_text()) if args.reuse and raw.is_file() else {}
        for engine in engines:
            if engine in results:
                continue
            print(f"[{size}] {engine} …", file=sys.stderr, flush=True)
            results[engine] = measure(engine, dump.resolve(), args.cap, args.repeat)
            results[engine]["triples"] = quads
        table = size_table(size, results, engines)
        print("\n".join(table), flush=True)
        lines += table
        (args.data_dir / f"raw-{size}.json").write_text(json.dumps(results, indent=1))
    partial = args.out.with_name(args.out.name + ".part")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(args.out)
    print(f"Wrote {args.out}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
