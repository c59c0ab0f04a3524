"""The curated corpus, as it reaches the built graph.

These tests read the dataset built from ``corpus/`` (registry and reviewed annotations)
with SPARQL and check what analysts rely on: the named entities are there with their
labels, the assault of 1 September 2013 has its agent and place, every attributed
statement is an ``akg:Claim`` with the right claimant and stance, what a claim alleges
is marked alleged and never also stated as a bare fact, and disagreeing figures stand
side by side with their sources.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from ashraf_kg.namespaces import PREFIXES

SEED = "000_998ad53316df0c2c"
WIKI = "001_wikipedia_2013_camp_ashraf_massacre"
ID = "https://w3id.org/ashraf-kg/id/"
HEADER = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items()) + f"PREFIX id: <{ID}>\n"


@pytest.fixture(scope="module")
def union(dataset) -> Graph:
    """Every triple of every named graph in one graph, so queries may span graphs."""
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def ask(graph: Graph, body: str) -> bool:
    return bool(graph.query(HEADER + f"ASK {{ {body} }}").askAnswer)


def select(graph: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(HEADER + query)]


@pytest.mark.parametrize("entity, label", [
    ("person/nouri-al-maliki", "Nouri al-Maliki"),
    ("person/qassem-suleimani", "Qassem Suleimani"),
    ("person/abdul-reza-shahlai", "Abdul Reza Shahlai"),
    ("person/martin-kobler", "Martin Kobler"),
    ("person/tahar-boumedra", "Tahar Boumedra"),
    ("person/maryam-rajavi", "Maryam Rajavi"),
])
def test_named_person_exists_with_label(union, entity, label):
    assert ask(union, f"""<{ID}{entity}> a akg:Person ; rdfs:label "{label}"@en ;
                          skos:prefLabel "{label}"@en .""")


@pytest.mark.parametrize("entity, label", [
    ("organization/qods-force", "Qods Force"),
    ("organization/iraqi-army", "Iraqi Army"),
    ("organization/mek", "Mujahedin-e-Khalq"),
    ("organization/unami", "United Nations Assistance Mission in Iraq"),
])
def test_named_organisation_exists_with_label(union, entity, label):
    assert ask(union, f"""<{ID}{entity}> a akg:Organization ; rdfs:label "{label}"@en .""")


@pytest.mark.parametrize("entity, alias", [
    ("organization/qods-force", "Qod’s Force"),
    ("organization/mek", "MEK"),
    ("organization/mek", "People's Mujahedin of Iran"),
    ("organization/irgc", "Iranian Revolutionary Guard Corps"),
])
def test_alias_as_written_is_an_alt_label(union, entity, alias):
    assert ask(union, f"""<{ID}{entity}> skos:altLabel "{alias}"@en .""")


def test_every_entity_the_seed_mentions_is_a_labelled_registry_entity(union):
    rows = select(union, f"""SELECT DISTINCT ?body WHERE {{
        ?a oa:hasBody ?body ; oa:hasTarget ?t . ?t oa:hasSource <{ID}document/{SEED}> .
        FILTER(REGEX(STR(?body), "^{ID}(person|organization|group|place|thing)/"))
        FILTER NOT EXISTS {{ ?body skos:prefLabel ?label }} }}""")
    assert rows == []


def test_seed_mentions_forty_or_more_distinct_entities(union):
    rows = select(union, f"""SELECT DISTINCT ?body WHERE {{
        ?a oa:hasBody ?body ; oa:hasTarget ?t . ?t oa:hasSource <{ID}document/{SEED}> .
        ?body skos:prefLabel ?label }}""")
    assert len(rows) >= 40


def test_assault_has_iraqi_army_as_agent_and_camp_ashraf_as_place(union):
    assert ask(union, f"""<{ID}event/camp-ashraf-assault-2013> a akg:Attack ;
        akg:agent <{ID}organization/iraqi-army> ; sem:hasPlace <{ID}place/camp-ashraf> .""")


def test_assault_begins_at_local_midnight_and_lasts_six_hours(dataset):
    """As the seed tells it (other documents give the day only, in their own graphs)."""
    rows = select(dataset, f"""SELECT ?begin ?duration WHERE {{ GRAPH <{ID}graph/{SEED}> {{
        <{ID}event/camp-ashraf-assault-2013> sem:hasBeginTimeStamp ?begin ;
            sem:hasTime ?time . ?time time:hasXSDDuration ?duration }} }}""")
    assert rows == [(Literal("2013-09-01T00:00:00+03:00", datatype=XSD.dateTime),
                     Literal("PT6H", datatype=XSD.duration))]


def test_assault_is_one_event_told_by_every_document_that_tells_it(union, corpus):
    rows = select(union, f"""SELECT DISTINCT ?doc WHERE {{
        <{ID}event/camp-ashraf-assault-2013> prov:wasDerivedFrom ?a .
        ?a oa:hasTarget ?t . ?t oa:hasSource ?doc }} ORDER BY ?doc""")
    telling = sorted(a.document for a in corpus.annotations
                     if any(e.id == "camp-ashraf-assault-2013" for e in a.events))
    assert [str(r[0]) for r in rows] == [f"{ID}document/{d}" for d in telling]
    assert {SEED, WIKI} <= set(telling)


def _claims(graph: Graph, claimant: str, stance: str, about: str, doc: str = SEED) -> list:
    return select(graph, f"""SELECT ?claim WHERE {{
        ?claim a akg:Claim ; akg:claimant <{ID}{claimant}> ; akg:stance <{ID}stance/{stance}> ;
            schema:about <{ID}{about}> ; dcterms:source <{ID}document/{doc}> }}""")


@pytest.mark.parametrize("claimant, stance, about", [
    # the allegation that Suleimani ordered Maliki to attack
    ("organization/iranian-resistance", "accuses", "person/qassem-suleimani"),
    # the Iraqi government's and state television's denial
    ("organization/government-of-iraq", "denies", "organization/iraqi-army"),
    ("organization/al-iraqiya-tv", "denies", "place/camp-ashraf"),
    # Boumedra's and the former minister's descriptions
    ("person/tahar-boumedra", "describes", "place/camp-liberty"),
    ("person/former-national-security-minister", "describes", "person/qassem-suleimani"),
    # the names released by the NCRI
    ("organization/ncri", "asserts", "group/named-executed-victims"),
    # the article's own accusation about Kobler
    ("person/author-of-000", "accuses", "person/martin-kobler"),
])
def test_attributed_statement_is_a_claim_with_claimant_and_stance(union, claimant, stance, about):
    assert len(_claims(union, claimant, stance, about)) == 1


def test_suleimani_order_is_an_alleged_order_addressed_to_maliki(union):
    assert ask(union, f"""?claim akg:claimant <{ID}organization/iranian-resistance> ;
        akg:proposition ?order .
        ?order a akg:Order ; akg:alleged true ; akg:agent <{ID}person/qassem-suleimani> ;
            akg:recipient <{ID}person/nouri-al-maliki> ;
            schema:about <{ID}event/camp-ashraf-assault-2013> .""")


def test_denials_concern_the_assault(union):
    rows = select(union, f"""SELECT ?claimant WHERE {{
        ?claim akg:stance <{ID}stance/denies> ; akg:claimant ?claimant ;
            akg:proposition <{ID}event/camp-ashraf-assault-2013> }} ORDER BY ?claimant""")
    assert [str(r[0]) for r in rows] == [f"{ID}organization/al-iraqiya-tv",
                                         f"{ID}organization/government-of-iraq"]


def test_every_claimed_event_or_relation_is_alleged(union):
    rows = select(union, """SELECT ?claim ?proposition WHERE {
        ?claim a akg:Claim ; akg:proposition ?proposition .
        ?proposition a ?type .
        VALUES ?type { akg:Event akg:Relation org:Membership }
        FILTER NOT EXISTS { ?proposition akg:alleged true } }""")
    assert rows == []


def test_alleged_relations_are_not_stated_as_bare_facts(union):
    rows = select(union, """SELECT ?relation WHERE {
        ?relation a akg:Relation ; akg:alleged true ;
            rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        ?s ?p ?o }""")
    assert rows == []


def test_alleged_link_between_qods_force_and_hezbollah_is_the_authors_claim(union):
    assert ask(union, f"""?claim akg:claimant <{ID}person/author-of-000> ; akg:proposition ?r .
        ?r rdf:subject <{ID}organization/qods-force> ; rdf:predicate org:linkedTo ;
           rdf:object <{ID}organization/lebanese-hezbollah> ; akg:alleged true .""")


def test_loaded_words_are_quoted_by_a_claimant_not_types(union):
    quoted = {str(r[0]) for r in select(union, "SELECT ?q WHERE { ?c akg:quotedText ?q }")}
    assert {"concentration camp", "acts of terror", "cover up the slaughter"} <= quoted
    loaded_types = select(union, """SELECT DISTINCT ?type WHERE { ?x a ?type .
        FILTER(REGEX(STR(?type), "massacre|terror|slaughter|concentration", "i")) }""")
    assert loaded_types == []


def _figures(graph: Graph) -> set[tuple]:
    """(value or None, words, claimant, document) of every figure about the assault."""
    rows = select(graph, f"""SELECT ?value ?words ?claimant ?doc WHERE {{
        ?claim a akg:Claim ; akg:proposition ?count ; akg:claimant ?claimant ;
            dcterms:source ?doc .
        ?count a akg:Count ; akg:countOf ?event ; akg:countExpression ?words .
        OPTIONAL {{ ?count rdf:value ?value }}
        ?event sem:subEventOf* <{ID}event/camp-ashraf-assault-2013> }}""")
    return {(None if v is None else v.toPython(), str(w), str(c).removeprefix(ID),
             str(d).removeprefix(f"{ID}document/")) for v, w, c, d in rows}


def test_seed_gives_forty_four_killed_in_its_own_voice(union):
    assert (44, "forty-four", "person/author-of-000", SEED) in _figures(union)


def test_seed_gives_nearly_half_dead_without_a_number(union):
    assert (None, "Nearly half of the residents", "person/author-of-000", SEED) in _figures(union)


def test_wikipedia_gives_fifty_two_dead_beside_the_seed_figures(union):
    figures = _figures(union)
    assert (52, "52 PMOI members dead", "group/wikipedia-contributors", WIKI) in figures
    assert {SEED, WIKI} <= {doc for *_, doc in figures}


def test_us_official_denies_iraqi_soldiers_did_the_shooting_via_foreign_policy(union):
    assert ask(union, f"""?claim akg:claimant <{ID}person/unnamed-us-official> ;
        akg:stance <{ID}stance/denies> ; akg:reportedBy <{ID}organization/foreign-policy> ;
        akg:proposition ?shooting .
        ?shooting akg:agent <{ID}organization/iraqi-army> ; akg:alleged true ;
            sem:subEventOf <{ID}event/camp-ashraf-assault-2013> .""")


def test_maliki_is_prime_minister_in_the_government_of_iraq(union):
    assert ask(union, f"""?m a org:Membership ; org:member <{ID}person/nouri-al-maliki> ;
        org:organization <{ID}organization/government-of-iraq> ; org:role ?role ;
        akg:former false . ?role skos:prefLabel "Prime Minister"@en .""")


def test_kobler_is_former_chief_of_unami(union):
    assert ask(union, f"""?m org:member <{ID}person/martin-kobler> ;
        org:organization <{ID}organization/unami> ; akg:former true .""")


def test_qods_force_is_part_of_the_irgc(union):
    assert ask(union, f"""<{ID}organization/qods-force> org:subOrganizationOf
        <{ID}organization/irgc> .""")


def test_camp_ashraf_lies_in_diyala_which_lies_in_iraq(union):
    assert ask(union, f"""<{ID}place/camp-ashraf> schema:containedInPlace <{ID}place/diyala-province> .
        <{ID}place/diyala-province> schema:containedInPlace <{ID}place/iraq> .""")


def test_camp_liberty_is_near_baghdad(union):
    assert ask(union, f"""<{ID}place/camp-liberty> akg:locatedNear <{ID}place/baghdad> .""")
