"""Commands for readers and network analysis: ``viz``, ``analyze``, ``path``, ``export-network``."""

from __future__ import annotations

from pathlib import Path

from .project import add_graph_option


def _read_network(graph_dir):
    from ..export.dumps import read_dataset
    from ..network.projection import project_network

    return project_network(read_dataset(Path(graph_dir)))


def _run_viz(args) -> int:
    from ..export.dumps import read_dataset
    from ..visualise.page import write_network_page

    output = args.output or Path(args.graph_dir) / "ashraf.html"
    path = write_network_page(read_dataset(Path(args.graph_dir)), output, threshold=args.threshold)
    print(f"Wrote {path}")
    return 0


def add_viz_options(p) -> None:
    from ..visualise import DEFAULT_THRESHOLD

    add_graph_option(p, "the built graph")
    p.add_argument("--output", default=None, metavar="FILE",
                   help="the page to write (default: ashraf.html in the graph folder)")
    p.add_argument("--threshold", type=int, default=DEFAULT_THRESHOLD, metavar="N",
                   help=f"above N nodes, hide links while the reader drags or zooms (default: {DEFAULT_THRESHOLD})")
    p.set_defaults(func=_run_viz)


def _run_analyze(args) -> int:
    import json

    from ..errors import NetworkError, check_at_least
    from ..network.analysis import analyze_network

    check_at_least(args.top, 0, "top", NetworkError)
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


def add_analyze_options(p) -> None:
    add_graph_option(p, "the built graph")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--top", type=int, default=20, metavar="N", help="rows per table (default: 20)")
    p.set_defaults(func=_run_analyze)


def _run_path(args) -> int:
    from ..network.paths import find_paths

    paths = find_paths(_read_network(args.graph_dir), args.a, args.b, k=args.k)
    if not paths:
        print(f"No path links {args.a!r} and {args.b!r}.")
        return 1
    for i, path in enumerate(paths, 1):
        hops = path.hops
        print(f"Path {i} of {len(paths)}: {hops[0].source_label} to {hops[-1].target_label}, {len(hops)} hops")
        for n, hop in enumerate(hops, 1):
            print(f"  {n}. {hop.describe()}  [{hop.attribution()}]")
            print(f"     “{hop.quote}” ({hop.document}, characters {hop.start}–{hop.end})")
    return 0


def add_path_options(p) -> None:
    p.add_argument("a", help="a name, alias or id, e.g. Suleimani")
    p.add_argument("b", help="another name, alias or id, e.g. 'Camp Ashraf'")
    p.add_argument("--k", type=int, default=3, help="how many paths (default: 3)")
    add_graph_option(p, "the built graph")
    p.set_defaults(func=_run_path)


def _run_export_network(args) -> int:
    from ..errors import NetworkError
    from ..network.export import write_csv, write_gexf, write_graphml

    if args.nodes and args.format != "csv":
        raise NetworkError(f"--nodes is for --format csv, not {args.format}",
                           hint=f"a {args.format} file holds the nodes and the links")
    g = _read_network(args.graph_dir)
    if args.format == "csv":
        written = write_csv(g, args.nodes, args.output)
    else:
        written = ((write_graphml if args.format == "graphml" else write_gexf)(g, args.output),)
    print(f"Wrote {', '.join(map(str, written))} ({g.number_of_nodes()} nodes, {g.number_of_edges()} links)")
    return 0


def add_export_network_options(p) -> None:
    p.add_argument("--format", choices=("graphml", "gexf", "csv"), required=True, help="file format")
    p.add_argument("--output", required=True, metavar="FILE",
                   help="the file to write (for csv: the link list, one row per link)")
    p.add_argument("--nodes", metavar="FILE", help="for csv: also write the node list to this file")
    add_graph_option(p, "the built graph")
    p.set_defaults(func=_run_export_network)
