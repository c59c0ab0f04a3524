"""The library and the command line against rdflib and raw pyoxigraph, side by side in one run.

Three measurements, each printed as a table with CPU time beside wall time and the
machine's load average before and after:

``queries``  one process holds the same dump three ways — rdflib's in-memory ``Dataset``,
             a raw ``pyoxigraph.Store`` and the library's store (``open_store``) — and runs
             every query of ``queries/`` on each in turn, interleaved run by run, so a drift
             in the machine's speed reaches all three alike. rdflib answers through
             ``Dataset.query`` (rows listed), raw pyoxigraph through ``Store.query`` (every
             solution read), the library through ``run_query`` (the public API: catalogue
             look-up, syntax check, parameters, result read). Ratios per query:
             rdflib / library and library / raw.
``startup``  whole processes: a bare interpreter, ``ashraf-kg --help``, and a one-shot
             ``ashraf-kg query`` on the committed graph and on the generated dump, on the
             disk cache and on a resident store (``ashraf-kg store start``).
``cli``      every query as one fresh ``ashraf-kg query`` process (start-up included) on
             the generated dump, on the disk cache and on a resident store, against
             rdflib's in-process time for the same query.

    python benchmarks/bench_library.py --size 1M            # all three
    python benchmarks/bench_library.py --size 100k --only queries
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class Capped(Exception):
    """A run still going when its time ran out."""


def _alarm(_signum, _frame):
    raise Capped


def timed(run, *, cap: float) -> tuple[float, float]:
    """(wall, cpu) seconds of one call of ``run``; ``Capped`` when it passes ``cap`` s."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, cap)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        run()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - wall, time.process_time() - cpu


def dump_of(size: str) -> Path:
    """The generated dump of ``size`` triples, written by generate.py when missing."""
    path = HERE / "data" / f"bench-{size}.nq"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", size, "--out", str(path)],
                       check=True)
    return path


def graph_dir_of(dump: Path, folder: Path) -> Path:
    """A graph folder holding ``dump`` under the name the library expects, with a
    ``void.ttl`` recording its SHA-256 as the build writes it (so that, as on a built
    graph, no query process hashes the dump to find its cache)."""
    import hashlib

    target = folder / "graph"
    target.mkdir(exist_ok=True)
    link = target / "ashraf-kg.nq"
    if not link.exists():
        link.symlink_to(dump)
    digest = hashlib.sha256()
    with dump.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    (target / "void.ttl").write_text(
        "<https://w3id.org/ashraf-kg/id/dataset/ashraf-kg/ashraf-kg.nq/checksum> a spdx:Checksum ;\n"
        "    spdx:algorithm spdx:checksumAlgorithm_sha256 ;\n"
        f'    spdx:checksumValue "{digest.hexdigest()}"^^xsd:hexBinary .\n', encoding="utf-8")
    return target


def load_three(dump: Path, graph_dir: Path) -> tuple[dict, dict]:
    import pyoxigraph
    from rdflib import Dataset

    from ashraf_kg.query import open_store

    loads = {}
    wall, cpu = time.perf_counter(), time.process_time()
    dataset = Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    loads["rdflib"] = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    raw = pyoxigraph.Store()
    raw.load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
    loads["raw"] = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    store = open_store(graph_dir, storage="memory")
    loads["library"] = (time.perf_counter() - wall, time.process_time() - cpu)
    return {"rdflib": dataset, "raw": raw, "library": store}, loads


def runners(stores: dict, query) -> dict:
    from ashraf_kg.namespaces import ALL_PREFIXES
    from ashraf_kg.query import run_query
    from ashraf_kg.query.run import bind_parameters

    text = bind_parameters(query)

    def rdflib_run():
        answer = stores["rdflib"].query(text, initNs=ALL_PREFIXES)
        return len(answer.graph) if answer.type in ("CONSTRUCT", "DESCRIBE") else len(list(answer))

    def raw_run():
        answer = stores["raw"].query(text, prefixes=ALL_PREFIXES, use_default_graph_as_union=True)
        if hasattr(answer, "variables"):
            return sum(1 for solution in answer for _ in solution)
        return sum(1 for _ in answer) if not isinstance(answer, bool) and hasattr(answer, "__iter__") else 1

    def library_run():
        result = run_query(query.name, store=stores["library"])
        return len(result.terms) or len(result.triples)

    return {"rdflib": rdflib_run, "raw": raw_run, "library": library_run}


def measure_queries(stores: dict, *, repeat: int, cap: float) -> dict:
    from ashraf_kg.query import list_queries

    table = {}
    for query in list_queries():
        runs = runners(stores, query)
        times: dict[str, list] = {name: [] for name in runs}
        for _ in range(repeat):
            for name, run in runs.items():  # interleaved: raw, library and rdflib in turn
                if times[name] and times[name][-1] is None:
                    continue
                try:
                    times[name].append(timed(run, cap=cap))
                except Capped:
                    times[name].append(None)
        table[query.name] = {name: _median(values) for name, values in times.items()}
    return table


def _median(values: list) -> tuple[float, float] | None:
    done = [v for v in values if v is not None]
    if len(done) < len(values):
        return None
    return statistics.median(v[0] for v in done), statistics.median(v[1] for v in done)


def one_process(command: list[str], *, env: dict) -> tuple[float, float]:
    """(wall, cpu) of one whole process, CPU from ``getrusage`` of the finished child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def process_times(command: list[str], *, runs: int, env: dict) -> tuple[float, float]:
    """Median (wall, cpu) of ``runs`` whole processes, after one warm-up run."""
    times = [one_process(command, env=env) for _ in range(runs + 1)][1:]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def command_line() -> list[str]:
    """The command as a user runs it: the ``ashraf-kg`` script the install put beside this
    Python (``python -m ashraf_kg`` costs runpy's start-up on top, about 10 ms here), or
    ``python -m ashraf_kg`` where there is no such script."""
    script = Path(sys.executable).with_name("ashraf-kg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ashraf_kg"]


def measure_startup(graph_dir: Path, *, runs: int, env: dict) -> dict:
    python = sys.executable
    query = [*command_line(), "query", "list_sub_events", "--format", "csv"]
    rows = {
        "bare interpreter": process_times([python, "-c", "pass"], runs=runs, env=env),
        "ashraf-kg --help": process_times([*command_line(), "--help"], runs=runs, env=env),
        "one-shot query, committed graph (disk cache)": process_times(
            query + ["--graph-dir", str(ROOT / "graph"), "--storage", "disk"], runs=runs, env=env),
        "one-shot query, generated dump (disk cache)": process_times(
            query + ["--graph-dir", str(graph_dir), "--storage", "disk"], runs=runs, env=env),
    }
    with resident_store(ROOT / "graph", env):
        rows["one-shot query, committed graph (resident store)"] = process_times(
            query + ["--graph-dir", str(ROOT / "graph")], runs=runs, env=env)
    with resident_store(graph_dir, env) as started:
        rows["one-shot query, generated dump (resident store)"] = process_times(
            query + ["--graph-dir", str(graph_dir)], runs=runs, env=env)
    rows["resident store start, generated dump"] = started
    return rows


@contextmanager
def resident_store(graph_dir: Path, env: dict):
    """``ashraf-kg store start`` on entry (yields its wall and CPU time; the store's own
    CPU is not a finished child's, so wall is the figure), ``ashraf-kg store stop`` on exit."""
    started = one_process([*command_line(), "store", "start", "--graph-dir", str(graph_dir)], env=env)
    try:
        yield started
    finally:
        one_process([*command_line(), "store", "stop", "--graph-dir", str(graph_dir)], env=env)


def measure_cli(graph_dir: Path, rdflib_times: dict, *, runs: int, env: dict) -> dict:
    """Every query as fresh processes: on the disk cache (the command line's default when no
    resident store runs), then on the resident store."""
    from ashraf_kg.query import list_queries

    table = {}
    for query in list_queries():
        command = [*command_line(), "query", query.name, "--format", "csv",
                   "--graph-dir", str(graph_dir)]
        table[query.name] = {"disk": process_times(command + ["--storage", "disk"], runs=runs, env=env),
                             "rdflib": rdflib_times.get(query.name)}
    with resident_store(graph_dir, env):
        for query in list_queries():
            command = [*command_line(), "query", query.name, "--format", "csv",
                       "--graph-dir", str(graph_dir)]
            table[query.name]["resident"] = process_times(command, runs=runs, env=env)
    return table


def _fmt(pair) -> str:
    return ">cap" if pair is None else f"{pair[0] * 1000:9.1f} {pair[1] * 1000:9.1f}"


def _ratio(top, bottom) -> float | None:
    return None if top is None or bottom is None or bottom[0] == 0 else top[0] / bottom[0]


def _at_least(cap: float, bottom) -> float:
    """The ratio of a query rdflib did not finish within ``cap`` seconds: a lower bound,
    counted in the median as such (it can only be higher)."""
    return float("inf") if bottom is None else cap / bottom[0]


def query_ratios(table: dict, cap: float) -> tuple[dict, dict]:
    """Per query: rdflib / library (a query rdflib did not finish counts at the cap, as a
    lower bound) and library / raw pyoxigraph."""
    speedups, overheads = {}, {}
    for name, row in table.items():
        speedup, overhead = _ratio(row["rdflib"], row["library"]), _ratio(row["library"], row["raw"])
        speedups[name] = speedup if speedup is not None else _at_least(cap, row["library"])
        if overhead is not None:
            overheads[name] = overhead
    return speedups, overheads


def report_queries(table: dict, loads: dict, cap: float) -> list[str]:
    lines = ["| query | rdflib ms (wall cpu) | raw pyoxigraph | library | rdflib / library | library / raw |",
             "|---|---|---|---|---|---|"]
    speedups, overheads = query_ratios(table, cap)
    for name, row in table.items():
        bound = "≥" if row["rdflib"] is None else ""
        overhead = f"{overheads[name]:.2f}×" if name in overheads else "-"
        lines.append(f"| {name} | {_fmt(row['rdflib'])} | {_fmt(row['raw'])} | {_fmt(row['library'])} | "
                     f"{bound}{speedups[name]:.1f}× | {overhead} |")
    lines += ["", "| load | wall s | cpu s |", "|---|---|---|"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in loads.items()]
    capped = sum(1 for row in table.values() if row["rdflib"] is None)
    lines += ["", f"- median rdflib / library: **{statistics.median(speedups.values()):.1f}×** (goal ≥ 25×; "
              f"over {len(speedups)} queries, the {capped} that rdflib did not finish within {cap:g} s "
              f"counted at the cap, as lower bounds)",
              f"- library / raw pyoxigraph: median **{statistics.median(overheads.values()):.2f}×** "
              f"(goal ≤ 1.2×), worst **{max(overheads.values()):.2f}×** (goal ≤ 2×)"]
    return lines


def report_processes(title: str, rows: dict) -> list[str]:
    lines = [f"| {title} | wall ms | cpu ms |", "|---|---|---|"]
    lines += [f"| {name} | {wall * 1000:.0f} | {cpu * 1000:.0f} |" for name, (wall, cpu) in rows.items()]
    return lines


def cli_ratios(table: dict, cap: float) -> dict:
    """Per storage (disk, resident), per query: rdflib in process / one-shot process."""
    ratios: dict[str, dict] = {"disk": {}, "resident": {}}
    for name, row in table.items():
        for mode in ratios:
            ratio = _ratio(row["rdflib"], row[mode])
            ratios[mode][name] = ratio if ratio is not None else _at_least(cap, row[mode])
    return ratios


def report_cli(table: dict, cap: float) -> list[str]:
    lines = ["| query | rdflib in process ms (wall cpu) | one-shot, disk cache | one-shot, resident store "
             "| rdflib / disk | rdflib / resident |", "|---|---|---|---|---|---|"]
    ratios = cli_ratios(table, cap)
    for name, row in table.items():
        bound = "≥" if row["rdflib"] is None else ""
        lines.append(f"| {name} | {_fmt(row['rdflib'])} | {_fmt(row['disk'])} | {_fmt(row['resident'])} | "
                     f"{bound}{ratios['disk'][name]:.1f}× | {bound}{ratios['resident'][name]:.1f}× |")
    lines.append(f"\n- median rdflib / one-shot process: disk cache "
                 f"**{statistics.median(ratios['disk'].values()):.1f}×**, resident store "
                 f"**{statistics.median(ratios['resident'].values()):.1f}×** (goal ≥ 10×; over "
                 f"{len(table)} queries, those rdflib did not finish counted at the cap)")
    return lines


def summarise(parts: dict, cap: float) -> dict:
    """The figures the goals are judged on, for ``--json``."""
    summary: dict = {}
    if "queries" in parts:
        speedups, overheads = query_ratios(parts["queries"], cap)
        worst = max(overheads, key=overheads.get)
        summary.update(speedup_median=statistics.median(speedups.values()),
                       overhead_median=statistics.median(overheads.values()),
                       overhead_worst=overheads[worst], overhead_worst_query=worst)
    if "startup" in parts:
        summary["startup"] = {name: {"wall": wall, "cpu": cpu} for name, (wall, cpu) in parts["startup"].items()}
    if "cli" in parts:
        summary["cli_median"] = {mode: statistics.median(r.values())
                                 for mode, r in cli_ratios(parts["cli"], cap).items()}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100k", help="generated dump size: 10k, 100k, 1M")
    parser.add_argument("--only", choices=("queries", "startup", "cli"), action="append")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query and store (median)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--processes", type=int, default=5, help="whole-process runs per figure")
    parser.add_argument("--json", type=Path, help="also write the goals' figures to this file")
    args = parser.parse_args(argv)
    parts = args.only or ["queries", "startup", "cli"]
    # An installed package has its bytecode; without it (PYTHONDONTWRITEBYTECODE set, or a
    # fresh checkout) every measured process would compile the package from source again.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    dump = dump_of(args.size)
    out = [f"# Library and command line, {args.size} triples", "",
           f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; "
           f"{os.cpu_count()} cores; Python {sys.version.split()[0]}", ""]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ASHRAF_KG_CACHE_DIR": str(Path(folder) / "cache")}
        graph_dir = graph_dir_of(dump, Path(folder))
        rdflib_times: dict = {}
        measured: dict = {}
        if "queries" in parts or "cli" in parts:
            stores, loads = load_three(dump, graph_dir)
            table = measure_queries(stores, repeat=args.repeat, cap=args.cap)
            rdflib_times = {name: row["rdflib"] for name, row in table.items()}
            measured["queries"] = table
            if "queries" in parts:
                out += ["## Queries in one process", ""] + report_queries(table, loads, args.cap) + [""]
            del stores
        if "startup" in parts:
            rows = measured["startup"] = measure_startup(graph_dir, runs=args.processes, env=env)
            out += ["## Start-up (whole processes, median)", ""] + report_processes("command", rows) + [""]
        if "cli" in parts:
            table = measured["cli"] = measure_cli(graph_dir, rdflib_times, runs=args.processes, env=env)
            out += ["## One process per query", ""] + report_cli(table, args.cap) + [""]
    out.append(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print("\n".join(out))
    if args.json:
        summary = {"size": args.size, "load": os.getloadavg(), **summarise(measured, args.cap)}
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
