"""The network projection, its measures, explained paths and exports."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from rdflib.namespace import RDF

from ashraf_kg import cli
from ashraf_kg.errors import NetworkError
from ashraf_kg.network import (
    NODE_KINDS,
    analyze_network,
    find_paths,
    link_status,
    project_network,
    resolve_node,
    simple_graph,
    write_csv,
    write_gexf,
    write_graphml,
)
from ashraf_kg.network.export import flatten

ORDER = "event/suleimani-ordered-attack"
MALIKI = "person/nouri-al-maliki"
SULEIMANI = "person/qassem-suleimani"


@pytest.fixture(scope="module")
def tiny(tiny_dataset):
    return project_network(tiny_dataset)


@pytest.fixture(scope="module")
def tiny_text(tiny_dataset):
    from ashraf_kg.namespaces import SCHEMA, document_iri

    return str(next(tiny_dataset.quads((document_iri("tiny"), SCHEMA.text, None, None)))[2])


def edge(g, u, v, relation):
    found = [d for d in g.get_edge_data(u, v, default={}).values() if d["relation"] == relation]
    assert len(found) == 1, (u, v, relation, g.get_edge_data(u, v))
    return found[0]


def test_nodes_are_entities_events_and_claims_with_their_names(tiny):
    assert {d["kind"] for _, d in tiny.nodes(data=True)} == {"person", "organization", "place", "event", "claim"}
    assert tiny.nodes[MALIKI]["label"] == "Nouri al-Maliki"
    assert tiny.nodes[MALIKI]["aliases"] == ("Maliki", "al-Maliki")
    assert tiny.nodes["place/camp-ashraf"]["type"] == "Camp"
    assert not any(n.startswith("document/") or n.startswith("count/") for n in tiny)


def test_event_role_edge_keeps_its_evidence(tiny, tiny_text):
    data = edge(tiny, ORDER, MALIKI, "addressed to")
    assert data["quote"] == "ordering Maliki to attack"
    assert tiny_text[data["quote_start"]:data["quote_end"]] == data["quote"]
    assert data["document"] == "tiny" and data["document_title"] == "A tiny test document"
    assert data["sentence"] == "The Iranian resistance has charged Suleimani with ordering Maliki to attack."
    assert tiny_text[data["sentence_start"]:].startswith(data["sentence"])


def test_alleged_event_links_carry_claimant_and_stance(tiny):
    data = edge(tiny, ORDER, SULEIMANI, "carried out by")
    assert (data["alleged"], data["claimed"], data["status"]) == (True, True, "asserted")
    assert (data["claim"], data["claimant"], data["claimant_id"], data["stance"]) == (
        ("claim/ncri-charges-suleimani",), ("Iranian resistance",), ("organization/iranian-resistance",),
        ("accuses",))


def test_links_reported_as_fact_stay_facts_even_when_denied(tiny):
    data = edge(tiny, "event/camp-ashraf-assault-2013", "organization/iraqi-army", "carried out by")
    assert (data["alleged"], data["claimed"], data["claimant"], data["status"]) == (False, False, (), "fact")
    denial = edge(tiny, "claim/government-denies-attack", "event/camp-ashraf-assault-2013", "denies")
    assert denial["stance"] == ("denies",) and denial["claimed"] and denial["status"] == "denied"


@pytest.mark.parametrize("alleged, claimed, stances, status", [
    (False, False, (), "fact"), (True, False, (), "alleged"), (True, True, ("accuses",), "asserted"),
    (True, True, ("denies", "denies"), "denied"), (True, True, ("accuses", "denies"), "contested"),
    (True, True, ("",), "asserted"),
])
def test_link_status_follows_the_stances_of_the_claims(alleged, claimed, stances, status):
    assert link_status(alleged=alleged, claimed=claimed, stances=stances) == status


def test_every_link_has_one_entry_per_claim_and_its_status(network):
    for _, _, data in network.edges(data=True):
        assert len(data["claim"]) == len(data["claimant"]) == len(data["claimant_id"]) == len(data["stance"])
        assert data["status"] == link_status(alleged=data["alleged"], claimed=data["claimed"],
                                             stances=data["stance"])
        assert all(isinstance(data[f], tuple) for f in ("claim", "claimant", "stance", "marks"))


def test_memberships_relations_and_claims_become_labelled_links(tiny):
    assert edge(tiny, MALIKI, "organization/government-of-iraq", "Prime Minister of")["link"] == "membership"
    assert edge(tiny, "place/camp-ashraf", "place/diyala-province", "located in")["quote"] == \
        "Camp Ashraf in Diyala province"
    assert edge(tiny, "organization/iranian-resistance", "claim/ncri-charges-suleimani", "accuses")
    assert edge(tiny, "claim/ncri-charges-suleimani", ORDER, "alleges")
    assert edge(tiny, "claim/ncri-charges-suleimani", SULEIMANI, "about")
    count = edge(tiny, "claim/author-counts-killed", "event/camp-ashraf-assault-2013",
                 "gives the figure 44 killed (“forty-four”)")
    assert count["quote"] == "killing forty-four"


def test_analysis_measures_match_networkx_and_repeat(tiny):
    analysis = analyze_network(tiny)
    simple = simple_graph(tiny)
    expected = nx.betweenness_centrality(simple)
    assert {m.id: m.betweenness for m in analysis.nodes} == pytest.approx(expected, abs=1e-6)
    assert {m.id: m.degree for m in analysis.nodes} == dict(simple.degree())
    assert analysis.nodes[0].id == max(expected, key=lambda n: (expected[n], -ord(n[0])))
    assert sorted(n for c in analysis.communities for n in c) == sorted(tiny)
    assert analyze_network(tiny) == analysis


def test_brokers_touch_more_than_one_community(tiny):
    analysis = analyze_network(tiny)
    member_of = {n: i for i, c in enumerate(analysis.communities) for n in c}
    simple = simple_graph(tiny)
    assert analysis.brokers
    for broker in analysis.brokers:
        reached = {member_of[m] for m in simple[broker.id]} | {member_of[broker.id]}
        assert tuple(sorted(reached)) == broker.communities and len(reached) > 1


def test_names_and_aliases_resolve_and_unknown_names_suggest_close_ones(tiny):
    assert resolve_node(tiny, "Suleimani") == SULEIMANI
    assert resolve_node(tiny, "maliki") == MALIKI
    assert resolve_node(tiny, "Camp Ashraf") == "place/camp-ashraf"
    with pytest.raises(NetworkError, match="Qassem Suleimani"):
        resolve_node(tiny, "Qasem Suleimany")


def test_paths_are_shortest_and_every_hop_is_a_real_link(tiny):
    paths = find_paths(tiny, "Suleimani", "Camp Ashraf", k=3)
    assert len(paths) == 3
    assert [len(p.hops) for p in paths] == sorted(len(p.hops) for p in paths)
    assert len(paths[0].hops) == nx.shortest_path_length(simple_graph(tiny), SULEIMANI, "place/camp-ashraf")
    assert paths[0].nodes[0] == SULEIMANI and paths[0].nodes[-1] == "place/camp-ashraf"
    for hop in (h for p in paths for h in p.hops):
        u, v = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
        assert any(d["relation"] == hop.relation and d["quote"] == hop.quote
                   for d in tiny.get_edge_data(u, v).values())
    first = paths[0].hops[0]
    assert (first.target, first.relation, first.alleged, first.claimant) == (
        ORDER, "carried out by", True, ("Iranian resistance",))
    assert first.attribution() == "CLAIMED — Iranian resistance (accuses)"


def test_exports_read_back_with_networkx(tiny, tmp_path):
    graphml = nx.read_graphml(write_graphml(tiny, tmp_path / "n.graphml"), force_multigraph=True)
    gexf = nx.read_gexf(write_gexf(tiny, tmp_path / "n.gexf"))
    for back in (graphml, gexf):
        assert sorted(back.nodes) == sorted(tiny.nodes)
        assert back.number_of_edges() == tiny.number_of_edges()
    key = next(k for k, d in tiny.get_edge_data(ORDER, MALIKI).items())
    assert graphml.get_edge_data(ORDER, MALIKI)[key]["quote"] == "ordering Maliki to attack"
    assert graphml.get_edge_data(ORDER, MALIKI)[key]["claimant"] == "Iranian resistance"
    assert graphml.nodes[MALIKI]["label"] == "Nouri al-Maliki"
    assert graphml.nodes[MALIKI]["aliases"] == gexf.nodes[MALIKI]["aliases"] == "Maliki; al-Maliki"


def test_flattening_joins_lists_and_spans():
    assert flatten(("a", "b")) == "a; b" and flatten(((3, 9), (12, 20))) == "3-9; 12-20"
    assert flatten(()) == "" and flatten(7) == 7 and flatten("x; y") == "x; y"


def test_csv_lists_hold_every_node_and_link(tiny, tmp_path):
    nodes_csv, edges_csv = write_csv(tiny, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    nodes = list(csv.DictReader(nodes_csv.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_csv.open(encoding="utf-8")))
    assert sorted(r["id"] for r in nodes) == sorted(tiny.nodes)
    back = nx.MultiDiGraph((r["source"], r["target"], r["key"]) for r in edges)
    assert sorted(back.edges(keys=True)) == sorted(tiny.edges(keys=True))
    row = next(r for r in edges if r["source"] == ORDER and r["target"] == MALIKI)
    assert (row["alleged"], row["claimant"], row["stance"]) == ("True", "Iranian resistance", "accuses")


# --- on the committed graph -------------------------------------------------------------

@pytest.fixture(scope="module")
def network(graph_dir):
    from ashraf_kg.export.dumps import read_dataset

    return project_network(read_dataset(graph_dir))


@pytest.fixture(scope="module")
def texts(corpus):
    return {d.id: d.text for d in corpus.documents}


def test_cli_path_prints_hops_backed_by_the_built_graph(graph_dir, network, texts, capsys):
    assert cli.main(["path", "Suleimani", "Camp Ashraf", "--graph-dir", str(graph_dir)]) == 0
    printed = capsys.readouterr().out
    paths = find_paths(network, "Suleimani", "Camp Ashraf")
    assert paths and printed.count("Path ") == len(paths)
    for hop in (h for p in paths for h in p.hops):
        assert hop.describe() in printed
        assert f"“{hop.quote}” ({hop.document}, characters {hop.start}–{hop.end})" in printed
        assert texts[hop.document][hop.start:hop.end] == hop.quote
        line = printed.split(hop.describe())[1].split("\n")[0]
        assert f"[{hop.attribution()}]" in line
        assert ("reported as fact" in line) == (hop.status == "fact")
    assert paths[0].hops[0].source == SULEIMANI and paths[0].hops[-1].target == "place/camp-ashraf"


def test_cli_path_rejects_an_unknown_name(graph_dir, capsys):
    assert cli.main(["path", "Suleimanni", "Camp Ashraf", "--graph-dir", str(graph_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "Suleimanni" in err and "did you mean" in err


def test_cli_analyze_json_lists_every_node(graph_dir, network, capsys):
    assert cli.main(["analyze", "--format", "json", "--graph-dir", str(graph_dir)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sorted(n["id"] for n in result["nodes"]) == sorted(network.nodes)
    assert sum(c["size"] for c in result["communities"]) == network.number_of_nodes()


def test_cli_export_network_writes_every_format(graph_dir, network, tmp_path):
    for fmt, out in (("graphml", tmp_path / "a.graphml"), ("gexf", tmp_path / "a.gexf")):
        assert cli.main(["export-network", "--format", fmt, "--output", str(out),
                         "--graph-dir", str(graph_dir)]) == 0
    assert nx.read_graphml(tmp_path / "a.graphml", force_multigraph=True).number_of_edges() == \
        network.number_of_edges()
    assert sorted(nx.read_gexf(tmp_path / "a.gexf").nodes) == sorted(network.nodes)


@pytest.mark.parametrize("writer,reader", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_xml_exports_are_well_formed_whatever_a_label_holds(tiny, tmp_path, writer, reader):
    """XML 1.0 cannot hold most control characters, even escaped: they are written as their
    Control Pictures (\\v as ␋), and the file parses."""
    from xml.etree import ElementTree

    g = tiny.copy()
    g.nodes[MALIKI]["label"] = "Nouri\x0bal-\x01Maliki\ufffe"
    path = writer(g, tmp_path / "n.xml")
    ElementTree.parse(path)  # well-formed
    assert reader(path).nodes[MALIKI]["label"] == "Nouri\u240bal-\u2401Maliki\ufffd"
    assert tiny.nodes[MALIKI]["label"] == "Nouri al-Maliki"  # the network itself is untouched


def test_cli_export_network_csv_writes_the_file_it_names(graph_dir, network, tmp_path):
    assert cli.main(["export-network", "--format", "csv", "--output", str(tmp_path / "net.csv"),
                     "--graph-dir", str(graph_dir)]) == 0
    assert (tmp_path / "net.csv").is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["net.csv"]
    links = list(csv.DictReader((tmp_path / "net.csv").open(encoding="utf-8")))
    assert len(links) == network.number_of_edges()
    assert cli.main(["export-network", "--format", "csv", "--output", str(tmp_path / "links.csv"),
                     "--nodes", str(tmp_path / "nodes.csv"), "--graph-dir", str(graph_dir)]) == 0
    assert len(list(csv.DictReader((tmp_path / "nodes.csv").open(encoding="utf-8")))) == \
        network.number_of_nodes()


def test_an_event_time_is_not_a_node(graph_dir, network):
    from rdflib.namespace import TIME

    from ashraf_kg.export.dumps import read_dataset
    from ashraf_kg.namespaces import short_id

    times = {short_id(s) for s in read_dataset(graph_dir).subjects(RDF.type, TIME.Interval)}
    assert times and all("/time/" in t for t in times)
    assert not times & set(network)
    assert all(n.count("/") == 1 for n in network)


def test_analyze_counts_no_time_interval_as_a_community(graph_dir, network, capsys):
    assert cli.main(["analyze", "--format", "json", "--graph-dir", str(graph_dir)]) == 0
    communities = json.loads(capsys.readouterr().out)["communities"]
    assert not [m for c in communities for m in c["members"] if "/time/" in m]
    assert all(network.nodes[m]["kind"] in NODE_KINDS for c in communities for m in c["members"])
    assert cli.main(["analyze", "--graph-dir", str(graph_dir)]) == 0
    assert f"Communities ({len(communities)})" in capsys.readouterr().out


def _names(network, node) -> set[str]:
    return {n.casefold() for n in (network.nodes[node]["label"], *network.nodes[node]["aliases"])}


def test_a_place_link_quotes_a_sentence_that_names_the_place(network, texts):
    places = [(u, v, d) for u, v, d in network.edges(data=True) if d["relation"] == "took place at"]
    assert len(places) > 10
    for event, place, data in places:
        names = _names(network, place)
        assert texts[data["document"]][data["sentence_start"]:].startswith(data["sentence"])
        marked = [data["quote"]] + [texts[data["document"]][a:b] for a, b in data["marks"]]
        assert any(name in words.casefold() for name in names for words in marked), (event, place, marked)


def test_role_marks_lie_in_the_sentence_outside_the_quote(network):
    marked = [d for _, _, d in network.edges(data=True) if d["marks"]]
    assert marked
    for data in marked:
        stop = data["sentence_start"] + len(data["sentence"])
        for a, b in data["marks"]:
            assert data["sentence_start"] <= a < b <= stop
            assert b <= data["quote_start"] or a >= data["quote_end"]
