"""The build at scale: generate a corpus of N documents in the real corpus's shape, build it
through the public API stage by stage, and print wall time, CPU time and peak memory.

    python benchmarks/bench_build.py --documents 1000            # cold, then warm cache
    python benchmarks/bench_build.py --documents 0               # the real corpus/ itself
    python benchmarks/bench_build.py --documents 17 --runs cold

Each generated document is a copy of one of the curated documents of ``corpus/`` (its
text, source, metadata and annotations), under a new document id and title; the ids of
its events, memberships, relations and claims get the suffix of its *round* (with the 17
curated documents of the corpus, documents ``17r … 17r+16`` are round r), so that, as in
the real corpus, the documents of a round tell some of the same events. The registry is
the real one. Method and goals: ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

GOAL_SECONDS = {1000: 120.0}  # the goals: 1,000 documents in 2 minutes …
GOAL_REAL_SECONDS = 3.0       # … and the real corpus in 3 seconds
GOAL_MEMORY_MB = 4096.0
STATEMENT_LISTS = ("events", "memberships", "relations", "claims")


def curated_documents(corpus: Path) -> list[Path]:
    """The documents of ``corpus`` whose annotations are reviewed (the build's input)."""
    found = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        notes = folder / "annotations.yaml"
        if notes.is_file() and yaml.safe_load(notes.read_text(encoding="utf-8")).get("status") == "reviewed":
            found.append(folder)
    return found


def _rename(value, names: dict):
    """``value`` (parsed YAML) with every string that is a statement id replaced."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_rename(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, names) for k, v in value.items()}
    return value


def statement_ids(template: Path) -> set[str]:
    """Ids of the events, memberships, relations and claims ``template`` defines."""
    notes = yaml.safe_load((template / "annotations.yaml").read_text(encoding="utf-8"))
    return {item["id"] for key in STATEMENT_LISTS for item in notes.get(key) or () if "id" in item}


def write_copy(template: Path, target: Path, doc_id: str, names: dict, number: int) -> None:
    """One generated document: ``template``'s files under ``doc_id``, statement ids renamed."""
    target.mkdir(parents=True)
    for name in ("text.txt", "source.txt"):
        if (template / name).is_file():
            shutil.copyfile(template / name, target / name)
    meta = yaml.safe_load((template / "meta.yaml").read_text(encoding="utf-8"))
    meta["id"] = doc_id
    meta["title"] = f"{meta['title']} (benchmark copy {number})"
    (target / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    notes = _rename(yaml.safe_load((template / "annotations.yaml").read_text(encoding="utf-8")), names)
    notes["document"] = doc_id
    (target / "annotations.yaml").write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")


def generate_corpus(source: Path, target: Path, documents: int) -> Path:
    """A corpus of ``documents`` copies of ``source``'s curated documents in ``target``.

    A statement another document of the round defines is that round's copy; one defined
    by a document the (last, incomplete) round lacks is round 0's.
    """
    templates = curated_documents(source)
    defined = [statement_ids(t) for t in templates]
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "registry.yaml", target / "registry.yaml")
    for number in range(documents):
        index, rounds = number % len(templates), number // len(templates)
        present = min(len(templates), documents - rounds * len(templates))
        names = {i: f"{i}-r{rounds if k < present else 0}" for k, ids in enumerate(defined) for i in ids}
        template = templates[index]
        doc_id = f"{number:04d}_bench_{template.name.split('_', 1)[1]}"[:80].rstrip("_-")
        write_copy(template, target / doc_id, doc_id, names, number)
    return target


def _usage(side_peaks: tuple = ()) -> tuple[float, float]:
    """CPU seconds of this process and its reaped children (the pages' side processes, any
    validation workers), and the peak resident memory in MB: this process's, plus that of
    each side process (``side_peaks``: they run at the same time as this one), plus that of
    the largest other child if it was larger than all of them."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    largest = children.ru_maxrss / 1024
    other = largest if largest > max(side_peaks, default=0.0) + 0.5 else 0.0
    return cpu, own.ru_maxrss / 1024 + sum(side_peaks) + other


def run_stages(corpus_dir: Path, graph_dir: Path, *, pages: bool = True) -> list[tuple]:
    """Build ``corpus_dir`` into ``graph_dir`` with ``pipeline.build_graph``, timing each stage
    as it ends in this process (``visualise`` is the wait for the pages' side processes).

    Returns rows ``(stage, wall s, CPU s, peak MB so far)`` and the side processes' usage.
    """
    rows = []
    wall0, (cpu0, _) = time.perf_counter(), _usage()

    def lap(stage: str) -> None:
        nonlocal wall0, cpu0
        wall, (cpu, peak) = time.perf_counter(), _usage()
        rows.append((stage, wall - wall0, cpu - cpu0, peak))
        wall0, cpu0 = wall, cpu

    from ashraf_kg.pipeline import build_graph
    lap("import")
    summary = build_graph(corpus_dir, graph_dir, pages=pages, on_stage=lap)
    # The memory of the side processes is known once they are waited for: the figures of
    # the stages from then on count it.
    peaks = tuple(usage.peak_mb for usage in summary.side_work)
    at = [r[0] for r in rows].index("visualise")
    rows[at:] = [(stage, wall, cpu, max(peak, _usage(peaks)[1])) for stage, wall, cpu, peak in rows[at:]]
    return rows, summary.side_work


def print_table(title: str, rows: list[tuple], goal: float | None) -> float:
    load = os.getloadavg()
    print(f"\n{title}  (load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} cores)")
    print(f"{'stage':<10} {'wall s':>8} {'CPU s':>8} {'peak MB':>9}")
    for stage, wall, cpu, peak in rows:
        print(f"{stage:<10} {wall:8.2f} {cpu:8.2f} {peak:9.0f}")
    wall, cpu, peak = sum(r[1] for r in rows), sum(r[2] for r in rows), max(r[3] for r in rows)
    print(f"{'total':<10} {wall:8.2f} {cpu:8.2f} {peak:9.0f}")
    if goal:
        print(f"goal: under {goal:.0f} s and {GOAL_MEMORY_MB:.0f} MB -> wall {wall / goal:.2f}× "
              f"of the goal, CPU {cpu / goal:.2f}×, memory {peak / GOAL_MEMORY_MB:.2f}×")
    return wall


def _child(args) -> None:
    """One build in this (fresh) process, its table printed."""
    rows, side = run_stages(Path(args.corpus), Path(args.graph_dir), pages=not args.no_pages)
    print_table(args.title, rows, args.goal or None)
    for usage in side:
        print(f"  beside it: {usage.name:<14} {usage.wall:6.2f} s wall {usage.cpu:6.2f} s CPU "
              f"{usage.peak_mb:7.0f} MB peak")
    if args.json:
        import json

        runs = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else []
        runs.append({"title": args.title, "load": os.getloadavg(), "stages": rows,
                     "side": [[u.name, u.wall, u.cpu, u.peak_mb] for u in side]})
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000,
                        help="documents to generate (0: build the real corpus/)")
    parser.add_argument("--runs", default="cold,warm",
                        help="cold (empty build cache), warm (the cache of the run before), or both")
    parser.add_argument("--no-pages", action="store_true", help="skip the two HTML pages")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--json", type=Path, help="also append each run's stages to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--graph-dir", help=argparse.SUPPRESS)
    parser.add_argument("--title", default="", help=argparse.SUPPRESS)
    parser.add_argument("--goal", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        if args.documents:
            corpus = args.keep or work / "corpus"
            if not (corpus / "registry.yaml").is_file():
                started = time.perf_counter()
                generate_corpus(ROOT / "corpus", corpus, args.documents)
                print(f"generated {args.documents} documents in {corpus} "
                      f"({time.perf_counter() - started:.1f} s)")
        else:
            corpus = ROOT / "corpus"
        goal = GOAL_SECONDS.get(args.documents, GOAL_REAL_SECONDS if args.documents <= 17 else 0.0)
        path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)
        env = {**os.environ, "ASHRAF_KG_CACHE_DIR": str(work / "cache"), "PYTHONPATH": path}
        for run in args.runs.split(","):
            # Each run is a fresh process, so its peak memory is its own.
            command = [sys.executable, __file__, "--child", "--corpus", str(corpus),
                       "--graph-dir", str(work / "graph"), "--goal", str(goal),
                       "--title", f"{args.documents or 'real'} documents, {run} cache"]
            if args.no_pages:
                command.append("--no-pages")
            if args.json:
                command += ["--json", str(args.json.resolve())]
            import subprocess

            subprocess.run(command, env=env, check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
