"""The ``ashraf-kg`` command: a thin shell over the library.

Each command is one ``add_<name>_parser`` function that declares its options and
sets ``func``; library errors become one ``Error: …`` line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import AshrafKGError


def _run_clean(args) -> int:
    from .corpus import clean_text

    text = Path(args.file).read_text(encoding="utf-8")
    sys.stdout.write(clean_text(text))
    return 0


def add_clean_parser(sub) -> None:
    p = sub.add_parser("clean", help="print the cleaned article body of a raw document")
    p.add_argument("file", help="a document as received (plain text)")
    p.set_defaults(func=_run_clean)


def _run_build(args) -> int:
    from .pipeline import build_graph
    from .stats import compute_stats, format_stats
    from .export import read_dataset

    summary = build_graph(Path(args.corpus_dir), Path(args.graph_dir),
                          include_drafts=args.include_drafts, validate=not args.no_validate)
    print(f"Built {summary.graph_dir}: {summary.documents} documents, {summary.graphs} graphs, "
          f"{summary.quads} quads, {len(summary.files)} files.")
    if not args.quiet:
        print(format_stats(compute_stats(read_dataset(summary.graph_dir))), end="")
    return 0


def add_build_parser(sub) -> None:
    p = sub.add_parser("build", help="read, anchor, build, validate and write graph/")
    p.add_argument("--corpus-dir", default="corpus", help="the corpus folder (default: corpus)")
    p.add_argument("--graph-dir", default="graph", help="where the dumps go (default: graph)")
    p.add_argument("--include-drafts", action="store_true",
                   help="also publish machine-drafted annotations, in their own named graphs")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the one-line summary")
    p.set_defaults(func=_run_build)


def _run_validate(args) -> int:
    from .validate import validate_dumps

    report = validate_dumps(Path(args.graph_dir))
    if report.conforms:
        print(f"{args.graph_dir}: {report.summary()}.")
        return 0
    for result in report.results:
        print(result)
    print(f"{args.graph_dir}: {report.summary()}.", file=sys.stderr)
    return 1


def add_validate_parser(sub) -> None:
    p = sub.add_parser("validate", help="check the committed dumps against the SHACL shapes")
    p.add_argument("--graph-dir", default="graph",
                   help="the built graph: reads ashraf-kg.trig, else ashraf-kg.ttl (default: graph)")
    p.set_defaults(func=_run_validate)


def _run_stats(args) -> int:
    from .export import read_dataset
    from .stats import compute_stats, format_stats

    print(format_stats(compute_stats(read_dataset(Path(args.graph_dir)), top=args.top)), end="")
    return 0


def add_stats_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts by graph and type, and the most connected entities")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--top", type=int, default=10, help="how many entities to list (default: 10)")
    p.set_defaults(func=_run_stats)


def _run_query(args) -> int:
    from .errors import QueryError
    from .query import format_result, resolve_query, run_query

    spec = args.expression if args.expression is not None else args.query
    if spec is None or (args.expression is not None and args.query is not None):
        raise QueryError("give one query: a NAME, a FILE, or -e TEXT", hint="`ashraf-kg queries` lists the names")
    params = dict(_split_param(item) for item in args.param)
    result = run_query(resolve_query(spec), graph_dir=args.graph_dir, endpoint=args.endpoint,
                       params=params, timeout=args.timeout, user=args.user, password=args.password)
    sys.stdout.write(format_result(result, args.format))
    return 0


def _split_param(item: str) -> tuple[str, str]:
    from .errors import QueryError

    name, sep, value = item.partition("=")
    if not sep or not name:
        raise QueryError(f"--param {item!r} is not name=value", hint="write e.g. --param entity=person/nouri-al-maliki")
    return name.strip(), value


def add_query_parser(sub) -> None:
    from .results import FORMATS

    p = sub.add_parser("query", help="run a SPARQL query (a named one, a file, or -e TEXT)")
    p.add_argument("query", nargs="?", help="a query name (see `ashraf-kg queries`) or a .rq file")
    p.add_argument("-e", "--expression", metavar="TEXT", help="the query text itself")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable); <…> or http(s)://… values are IRIs")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="give up after this many seconds")
    p.add_argument("--graph-dir", default="graph", help="the built graph, for embedded queries (default: graph)")
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint instead")
    p.add_argument("--user", help="user name for the endpoint")
    p.add_argument("--password", help="password for the endpoint")
    p.set_defaults(func=_run_query)


def _run_queries(args) -> int:
    from .catalogue import write_catalogue
    from .query import list_queries

    if args.catalogue or args.check:
        target = write_catalogue(check=args.check)
        print(f"{target} is up to date." if args.check else f"Wrote {target}.")
        return 0
    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        print(f"{q.name.ljust(width)}  {q.title}")
    return 0


def add_queries_parser(sub) -> None:
    p = sub.add_parser("queries", help="list the named queries, or write their catalogue")
    p.add_argument("--catalogue", action="store_true", help="write queries/README.md from the query headers")
    p.add_argument("--check", action="store_true",
                   help="only check that queries/README.md matches the headers (exit 2 if not)")
    p.set_defaults(func=_run_queries)


def _run_serve(args) -> int:
    import signal

    from .server import serve_graph

    # SIGINT even when started in the background (where the shell ignores it), and
    # SIGTERM from a service manager: both stop the server in order, like Ctrl-C.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with serve_graph(args.graph_dir, host=args.host, port=args.port,
                     data_dir=args.data_dir) as server:
        print(f"SPARQL endpoint: {server.query_url}  (read-only; Ctrl-C stops it)", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
    print("Stopped.", flush=True)
    return 0


def add_serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the graph read-only with Oxigraph server (SPARQL over HTTP)")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port to listen on; 0 picks a free one (default: 7878)")
    p.add_argument("--data-dir", metavar="DIR",
                   help="keep the server's store here and reuse it (default: a temporary folder)")
    p.set_defaults(func=_run_serve)


def _run_push(args) -> int:
    from .remote import push_dataset

    report = push_dataset(args.graph_dir, args.endpoint, gsp_url=args.gsp, user=args.user,
                          password=args.password, auth=args.auth, timeout=args.timeout)
    for graph in report.graphs:
        print(f"{graph.found:>9}  <{graph.graph}>")
    print(f"Replaced {len(report.graphs)} graphs ({report.triples} triples) through "
          f"{report.gsp_url}; counts checked on {report.endpoint}.")
    return 0


def add_push_parser(sub) -> None:
    import os

    p = sub.add_parser("push", help="load the graph into a SPARQL store (Graph Store Protocol), replacing its graphs")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    p.add_argument("--gsp", metavar="URL",
                   help="its Graph Store Protocol URL (guessed for Oxigraph /query and Virtuoso /sparql)")
    p.add_argument("--user", help="user name for the store")
    p.add_argument("--password", default=os.environ.get("ASHRAF_KG_PASSWORD"),
                   help="password for the store (default: $ASHRAF_KG_PASSWORD)")
    p.add_argument("--auth", choices=("digest", "basic"), default="digest",
                   help="HTTP authentication method (default: digest)")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="give up on a request after this many seconds (default: 300)")
    p.set_defaults(func=_run_push)


def _read_network(graph_dir):
    from .export import read_dataset
    from .network_projection import project_network

    return project_network(read_dataset(Path(graph_dir)))


def _run_viz(args) -> int:
    from .export import read_dataset
    from .visualise import write_network_page

    path = write_network_page(read_dataset(Path(args.graph_dir)), args.output, threshold=args.threshold)
    print(f"Wrote {path}")
    return 0


def add_viz_parser(sub) -> None:
    from .visualise import DEFAULT_THRESHOLD

    p = sub.add_parser("viz", help="write the interactive network page (one self-contained HTML file)")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--output", default="graph/ashraf.html", help="the page to write (default: graph/ashraf.html)")
    p.add_argument("--threshold", type=int, default=DEFAULT_THRESHOLD, metavar="N",
                   help=f"above N nodes, precompute positions and turn physics off (default: {DEFAULT_THRESHOLD})")
    p.set_defaults(func=_run_viz)


def _run_analyze(args) -> int:
    import json

    from .network_analysis import analyze_network

    analysis = analyze_network(_read_network(args.graph_dir))
    if args.format == "json":
        print(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"Most central nodes (top {args.top} by betweenness)")
    print(f"  {'betweenness':>11}  {'degree':>6}  {'community':>9}  {'kind':<12}  node")
    for m in analysis.nodes[:args.top]:
        print(f"  {m.betweenness:>11.4f}  {m.degree:>6}  {m.community:>9}  {m.kind:<12}  {m.label} ({m.id})")
    print(f"\nCommunities ({len(analysis.communities)})")
    label = {m.id: m.label for m in analysis.nodes}
    for i, members in enumerate(analysis.communities):
        print(f"  {i:>3} ({len(members)}): " + "; ".join(label[n] for n in members))
    print(f"\nBrokers between communities (top {args.top})")
    for b in analysis.brokers[:args.top]:
        print(f"  {b.betweenness:>11.4f}  links {', '.join(map(str, b.communities)):<12}  {b.label} ({b.id})")
    return 0


def add_analyze_parser(sub) -> None:
    p = sub.add_parser("analyze", help="centrality, communities and brokers of the network")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--top", type=int, default=20, metavar="N", help="rows per table (default: 20)")
    p.set_defaults(func=_run_analyze)


def _run_path(args) -> int:
    from .network_paths import find_paths

    paths = find_paths(_read_network(args.graph_dir), args.a, args.b, k=args.k)
    if not paths:
        print(f"No path links {args.a!r} and {args.b!r}.")
        return 1
    for i, path in enumerate(paths, 1):
        hops = path.hops
        print(f"Path {i} of {len(paths)}: {hops[0].source_label} to {hops[-1].target_label}, {len(hops)} hops")
        for n, hop in enumerate(hops, 1):
            status = "reported as fact"
            if hop.claimed:
                who = "; ".join(f"{c} {s}" for c, s in zip(hop.claimant.split("; "),
                                                           hop.stance.split("; ")))
                status = f"CLAIM: {who}" + (", alleged" if hop.alleged else "")
            elif hop.alleged:
                status = "ALLEGED"
            print(f"  {n}. {hop.describe()}  [{status}]")
            print(f"     “{hop.quote}” ({hop.document}, characters {hop.start}–{hop.end})")
    return 0


def add_path_parser(sub) -> None:
    p = sub.add_parser("path", help="the shortest explained paths between two nodes, with evidence per hop")
    p.add_argument("a", help="a name, alias or id, e.g. Suleimani")
    p.add_argument("b", help="another name, alias or id, e.g. 'Camp Ashraf'")
    p.add_argument("--k", type=int, default=3, help="how many paths (default: 3)")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.set_defaults(func=_run_path)


def _run_export_network(args) -> int:
    from .network_export import write_csv, write_gexf, write_graphml

    g = _read_network(args.graph_dir)
    if args.format == "csv":
        written = write_csv(g, Path(args.output) / "nodes.csv", Path(args.output) / "edges.csv")
    else:
        written = ((write_graphml if args.format == "graphml" else write_gexf)(g, args.output),)
    print(f"Wrote {', '.join(map(str, written))} ({g.number_of_nodes()} nodes, {g.number_of_edges()} links)")
    return 0


def add_export_network_parser(sub) -> None:
    p = sub.add_parser("export-network", help="write the network as GraphML, GEXF or CSV node and edge lists")
    p.add_argument("--format", choices=("graphml", "gexf", "csv"), required=True, help="file format")
    p.add_argument("--output", required=True, metavar="PATH",
                   help="the file to write (for csv: a folder that receives nodes.csv and edges.csv)")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.set_defaults(func=_run_export_network)


def _run_add(args) -> int:
    from .ingest import add_document

    report = add_document(args.path, args.corpus_dir, doc_id=args.doc_id)
    for doc in report.documents:
        missing = f" (not stated: {', '.join(doc.missing)})" if doc.missing else ""
        verb = "added" if doc.status == "added" else "unchanged, already in the corpus as"
        print(f"{doc.path}: {verb} {doc.doc_id}{missing}")
    return 0


def add_add_parser(sub) -> None:
    p = sub.add_parser("add", help="add a document (plain text or saved HTML) or a folder of them")
    p.add_argument("path", metavar="FILE|DIR")
    p.add_argument("--corpus-dir", default="corpus")
    p.add_argument("--doc-id", default=None, help="the document id (default: NNN_<title-slug>)")
    p.set_defaults(func=_run_add)


def _run_extract(args) -> int:
    from .corpus import read_document, read_registry
    from .extract import extract_document, write_annotations

    corpus_dir = Path(args.corpus_dir)
    document = read_document(corpus_dir / args.doc_id)
    result = extract_document(document, read_registry(corpus_dir / "registry.yaml"))
    path = write_annotations(result.annotations, args.output or corpus_dir / args.doc_id /
                             "draft.yaml", proposals=result.proposals, text=document.text)
    a = result.annotations
    print(f"{path}: {len(a.mentions)} mentions, {len(a.events)} events, {len(a.claims)} claims,"
          f" {len(result.proposals)} proposed entities")
    return 0


def add_extract_parser(sub) -> None:
    p = sub.add_parser("extract", help="draft annotations of a document (rules, no model)")
    p.add_argument("doc_id", metavar="DOC-ID")
    p.add_argument("--corpus-dir", default="corpus")
    p.add_argument("--output", default=None, help="default: corpus/<doc>/draft.yaml")
    p.set_defaults(func=_run_extract)


def _run_review(args) -> int:
    from .corpus import read_registry
    from .resolve import accept_proposal, merge_proposal, review_items

    corpus_dir = Path(args.corpus_dir)
    if args.accept is not None:
        print(f"added {accept_proposal(corpus_dir, args.doc_id, args.accept)} to the registry")
        return 0
    if args.merge:
        aliases = merge_proposal(corpus_dir, args.doc_id, *args.merge)
        print(f"merged {args.merge[0]} into {args.merge[1]}; aliases: {', '.join(aliases)}")
        return 0
    for item in review_items(corpus_dir, args.doc_id, read_registry(corpus_dir / "registry.yaml")):
        p = item.proposal
        match = (f"possible match {item.candidate} ({item.score:.0f})" if item.candidate
                 else "new entity")
        print(f"{item.number:3}  {p['id']:40} {p['type']:18} {p['label']!r}: {match}")
    return 0


def add_review_parser(sub) -> None:
    p = sub.add_parser("review", help="list proposed entities of a draft; accept or merge them")
    p.add_argument("doc_id", metavar="DOC-ID")
    p.add_argument("--corpus-dir", default="corpus")
    p.add_argument("--accept", type=int, metavar="N", help="add proposal N to the registry")
    p.add_argument("--merge", nargs=2, metavar=("NEW_ID", "INTO_ID"),
                   help="add proposal NEW_ID's spellings to registry entity INTO_ID")
    p.set_defaults(func=_run_review)


def _run_evaluate(args) -> int:
    from .evaluate import evaluate_corpus, format_scores

    scores = evaluate_corpus(args.corpus_dir, args.doc_ids,
                             held_out_registry=args.held_out_registry)
    sys.stdout.write(format_scores(scores, fmt=args.format, details=not args.summary))
    return 0


def add_evaluate_parser(sub) -> None:
    p = sub.add_parser("evaluate", help="precision, recall and F1 of extraction vs curated")
    p.add_argument("doc_ids", nargs="*", metavar="DOC-ID")
    p.add_argument("--corpus-dir", default="corpus")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--summary", action="store_true", help="leave out misses and false alarms")
    p.add_argument("--held-out-registry", action="store_true",
                   help="extract each document with a registry stripped of the spellings "
                        "only that document uses (measures the rules, not the registry)")
    p.set_defaults(func=_run_evaluate)


# Every command's parser, in the order ``--help`` lists them.
COMMANDS = [
    add_add_parser,
    add_extract_parser,
    add_review_parser,
    add_evaluate_parser,
    add_clean_parser,
    add_build_parser,
    add_validate_parser,
    add_stats_parser,
    add_query_parser,
    add_queries_parser,
    add_serve_parser,
    add_push_parser,
    add_viz_parser,
    add_analyze_parser,
    add_path_parser,
    add_export_network_parser,
]


def make_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="ashraf-kg",
        description="Build, check, query and explore the ashraf-kg knowledge graph.")
    parser.add_argument("--version", action="version", version=f"ashraf-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_parser in COMMANDS:
        add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except AshrafKGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
