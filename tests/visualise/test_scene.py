"""What the page draws: claims as links, one word per kind, looks that do not rest on colour alone."""

from __future__ import annotations

import pytest

from ashraf_kg.network import project_network
from ashraf_kg.visualise.scene import (
    KIND_STYLE,
    OTHER_STANCE,
    STANCE_STYLE,
    STATUS_STYLE,
    accused_of,
    claim_links,
    drawn_graph,
    kind_words,
    node_priority,
)

# The Okabe–Ito palette, told apart by readers with any common colour-vision deficiency,
# with a dark olive for things (its yellow is too light on white) and greys.
SAFE_COLOURS = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#8F7F00", "#5A5A5A"}


@pytest.fixture(scope="module")
def network(graph_dir):
    from ashraf_kg.export.dumps import read_dataset

    return project_network(read_dataset(graph_dir))


@pytest.fixture(scope="module")
def tiny(tiny_dataset):
    return project_network(tiny_dataset)


def test_a_claim_is_a_link_from_its_claimant_to_what_it_is_about(tiny):
    links = {(a, t, s): claims for a, t, s, claims in claim_links(tiny)}
    charge = "claim/ncri-charges-suleimani"
    assert links[("organization/iranian-resistance", "person/qassem-suleimani", "accuses")] == [charge]
    assert links[("organization/iranian-resistance", "event/suleimani-ordered-attack", "accuses")] == [charge]


def test_every_claim_is_drawn_as_links_to_all_it_is_about(network):
    links = claim_links(network)
    for claim, data in network.nodes(data=True):
        if data["kind"] != "claim":
            continue
        targets = {v for _, v in network.out_edges(claim)} - {claim}
        claimants = {u for u, _, d in network.in_edges(claim, data=True)
                     if d["relation"] == (data["stance"] or "claims")}
        drawn = {(a, t) for a, t, _, claims in links if claim in claims}
        assert drawn == {(a, t) for a in claimants for t in targets}, claim


def test_the_first_view_draws_no_claim_node_and_no_time_interval(network):
    simple = drawn_graph(network, claim_links(network))
    assert {network.nodes[n]["kind"] for n in simple} == set(KIND_STYLE) - {"claim"}
    assert not [n for n in network if "/time/" in n]


@pytest.mark.parametrize("kind, type_, words", [
    ("organization", "Organization", "Organisation"), ("person", "Person", "Person"),
    ("place", "Camp", "Place · Camp"), ("event", "InformationRelease", "Event · Information release"),
    ("claim", "Claim", "Claim"), ("group", "Group", "Group of people"),
    ("thing", "Weapon", "Thing (e.g. weapon)"), ("place", "AdministrativeArea", "Place · Administrative area"),
])
def test_one_word_per_kind_and_a_narrower_type_only_when_there_is_one(kind, type_, words):
    assert kind_words(kind, type_) == words


def test_people_and_organisations_come_first_most_linked_first(network):
    order = node_priority(network, drawn_graph(network, claim_links(network)))
    kinds = [network.nodes[n]["kind"] for n in order]
    first_other = next(i for i, k in enumerate(kinds) if k not in ("person", "organization"))
    assert set(kinds[first_other:]).isdisjoint({"person", "organization"})
    assert sorted(order) == sorted(network)


def test_every_distinction_by_colour_is_also_one_by_shape_or_dash():
    shapes = [shape for _, shape, _ in KIND_STYLE.values()]
    assert len(set(shapes)) == len(shapes)
    dashes = [tuple(d) if d else () for _, d, _ in (*STATUS_STYLE.values(), *STANCE_STYLE.values(), OTHER_STANCE)]
    assert len(set(dashes)) == len(dashes)
    colours = {c for c, _, _ in (*KIND_STYLE.values(), *STATUS_STYLE.values(), *STANCE_STYLE.values(), OTHER_STANCE)}
    assert colours <= SAFE_COLOURS


def test_every_stance_of_the_vocabulary_has_its_look():
    from ashraf_kg.vocab import STANCES

    assert {s.label for s in STANCES} == set(STANCE_STYLE)


def test_whoever_a_document_accuses_of_an_event_counts_among_the_principal_actors(network):
    accused = accused_of(network)
    for node, times in accused.items():
        links = [d for _, v, d in network.in_edges(node, data=True)
                 if d.get("predicate", "").rsplit("#", 1)[-1] in ("agent", "commander")
                 and "accuses" in d.get("stance", ())]
        assert len(links) == times > 0
    assert "person/qassem-suleimani" in accused
    order = node_priority(network, drawn_graph(network, claim_links(network)))
    assert order.index("person/qassem-suleimani") < order.index("person/ted-poe")
