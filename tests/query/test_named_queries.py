"""Each named query's exact rows on a small fixture corpus; every query answers on the live graph.

The fixture corpus (``tests/data/queries/corpus/``, told in its README) is two invented reports
of one shelling: a news report (9 killed; a mayor accuses the Northern Brigade, the Interior
Ministry denies; residents accuse Colonel Reyes of ordering it; Reyes and Minister Berg met two
days before) and a monitor's report (14 dead; a clinic set alight during the shelling; families
fled to Kesh; places within Valdoria; the brigade's chain of command, and an alleged link to the
ministry). Every query returns rows on it. Rows are written as people read them
(``format_result(..., "table")`` cells: ``id:`` and vocabulary prefixes, literals by their text,
empty for unbound) and were checked against the two texts. CONSTRUCT and DESCRIBE results are
compared as sets of triples.

The live corpus grows, so its rows are not pinned: every query must answer there, with rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ashraf_kg.query import store as embedded
from ashraf_kg.query.results import compact
from ashraf_kg.query.run import list_queries, run_query


def dump_dataset(dataset, folder: Path) -> Path:
    """``folder`` holding ``dataset`` as the N-Quads dump the embedded store reads."""
    dataset.serialize(destination=str(folder / "ashraf-kg.nq"), format="nquads")
    return folder


@pytest.fixture(scope="session")
def fixture_store(fixture_dir):
    """The fixture graph in the embedded default store (in memory)."""
    return embedded.open_store(fixture_dir)


@pytest.fixture(scope="session")
def disk_store(fixture_dir, tmp_path_factory):
    """The fixture graph in the embedded disk cache, as the command line queries it."""
    return embedded.open_store(fixture_dir, storage="disk", cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def live_store(dataset, tmp_path_factory):
    """The graph freshly built from the real corpus, in the embedded default store."""
    return embedded.open_store(dump_dataset(dataset, tmp_path_factory.mktemp("live-graph")))


def cells(result) -> list[tuple[str, ...]]:
    if result.kind == "graph":
        return sorted((compact(s), compact(p), compact(o)) for s, p, o in result.graph)
    return [tuple(compact(value) for value in row) for row in result.rows]


CASES = [
    ('construct_neighbourhood', {'entity': 'person/anna-berg'}, [
        ('akg:Person', 'rdfs:label', 'Person'),
        ('id:annotation/herald/281-290', 'oa:hasBody', 'id:person/anna-berg'),
        ('id:annotation/herald/438-442', 'oa:hasBody', 'id:person/anna-berg'),
        ('id:document/herald', 'rdfs:label', 'Nine killed as shells hit Camp Cedar'),
        ('id:document/herald', 'schema:mentions', 'id:person/anna-berg'),
        ('id:event/reyes-berg-meeting-in-kesh', 'akg:participant', 'id:person/anna-berg'),
        ('id:event/reyes-berg-meeting-in-kesh', 'rdfs:label', 'Tomas Reyes meets Anna Berg in Kesh'),
        ('id:membership/berg-minister-of-interior', 'org:member', 'id:person/anna-berg'),
        ('id:organization/interior-ministry', 'rdfs:label', 'Interior Ministry of Valdoria'),
        ('id:person/anna-berg', 'akg:roleDescription', 'Interior Minister of Valdoria'),
        ('id:person/anna-berg', 'org:memberOf', 'id:organization/interior-ministry'),
        ('id:person/anna-berg', 'rdf:type', 'akg:Person'),
        ('id:person/anna-berg', 'rdf:type', 'foaf:Person'),
        ('id:person/anna-berg', 'rdf:type', 'schema:Person'),
        ('id:person/anna-berg', 'rdfs:label', 'Anna Berg'),
        ('id:person/anna-berg', 'skos:altLabel', 'Berg'),
        ('id:person/anna-berg', 'skos:prefLabel', 'Anna Berg'),
    ]),
    ('count_events_by_type', {}, [
        ('akg:Arson', '1', '0'),
        ('akg:Attack', '1', '0'),
        ('akg:Flight', '1', '0'),
        ('akg:Meeting', '1', '0'),
        ('akg:Order', '1', '1'),
    ]),
    ('describe_entity', {'entity': 'person/anna-berg'}, [
        ('id:person/anna-berg', 'akg:roleDescription', 'Interior Minister of Valdoria'),
        ('id:person/anna-berg', 'org:memberOf', 'id:organization/interior-ministry'),
        ('id:person/anna-berg', 'rdf:type', 'akg:Person'),
        ('id:person/anna-berg', 'rdf:type', 'foaf:Person'),
        ('id:person/anna-berg', 'rdf:type', 'schema:Person'),
        ('id:person/anna-berg', 'rdfs:label', 'Anna Berg'),
        ('id:person/anna-berg', 'skos:altLabel', 'Berg'),
        ('id:person/anna-berg', 'skos:prefLabel', 'Anna Berg'),
    ]),
    ('list_casualty_figures', {'event': 'event/camp-cedar-shelling'}, [
        ('id:event/camp-cedar-shelling', 'id:count-kind/dead', '14', '14', 'id:organization/cedar-monitor', 'id:document/monitor'),
        ('id:event/camp-cedar-shelling', 'id:count-kind/killed', '9', 'nine', 'id:organization/kesh-herald', 'id:document/herald'),
    ]),
    ('list_claims_about', {'entity': 'organization/northern-brigade'}, [
        ('id:claim/residents-say-brigade-takes-orders-from-ministry', 'id:group/camp-cedar-residents', 'id:stance/asserts', 'id:relation/brigade-takes-orders-from-interior-ministry', 'id:document/monitor'),
        ('id:claim/interior-ministry-denies-brigade-fired', 'id:organization/interior-ministry', 'id:stance/denies', 'id:event/camp-cedar-shelling', 'id:document/herald'),
        ('id:claim/novak-accuses-brigade-of-massacre', 'id:person/lena-novak', 'id:stance/accuses', 'id:event/camp-cedar-shelling', 'id:document/herald'),
    ]),
    ('list_claims_by_claimant', {'claimant': 'person/lena-novak'}, [
        ('id:person/lena-novak', 'id:stance/accuses', 'id:claim/novak-accuses-brigade-of-massacre', 'id:event/camp-cedar-shelling', 'a massacre', 'Mayor Lena Novak accused the Northern Brigade of “a massacre”'),
        ('id:person/lena-novak', 'id:stance/calls-for', 'id:claim/novak-calls-for-inquiry', '', '', 'called for an inquiry'),
    ]),
    ('list_contested_statements', {}, [
        ('id:event/camp-cedar-shelling', 'id:person/lena-novak', 'id:stance/accuses', 'id:claim/novak-accuses-brigade-of-massacre'),
        ('id:event/camp-cedar-shelling', 'id:organization/interior-ministry', 'id:stance/denies', 'id:claim/interior-ministry-denies-brigade-fired'),
    ]),
    ('list_disagreeing_figures', {}, [
        ('deaths', 'id:event/camp-cedar-shelling', '9', 'id:organization/kesh-herald', 'id:document/herald', 'id:event/camp-cedar-shelling', '14', 'id:organization/cedar-monitor', 'id:document/monitor'),
    ]),
    ('list_documents', {}, [
        ('id:document/herald', 'Nine killed as shells hit Camp Cedar', '2022-05-10', 'news', '28'),
        ('id:document/monitor', 'Camp Cedar after the shelling', '2022-05-13', 'report', '25'),
    ]),
    ('list_entities_without_identifier', {'type': 'akg:Person'}, [
        ('id:person/anna-berg', 'akg:Person', 'Anna Berg'),
        ('id:person/lena-novak', 'akg:Person', 'Lena Novak'),
        ('id:person/tomas-reyes', 'akg:Person', 'Tomas Reyes'),
    ]),
    ('list_event_roles', {'event': 'event/camp-cedar-shelling'}, [
        ('id:event/camp-cedar-shelling', 'akg:agent', 'id:organization/northern-brigade'),
        ('id:event/camp-cedar-shelling', 'akg:instrument', 'id:thing/mortar-shells'),
        ('id:event/camp-cedar-shelling', 'akg:target', 'id:group/camp-cedar-residents'),
    ]),
    ('list_events_at_place', {'place': 'place/orlan-province'}, [
        ('id:event/camp-cedar-clinic-fire', 'Clinic of Camp Cedar set alight', 'id:place/camp-cedar'),
        ('id:event/camp-cedar-shelling', 'Shelling of Camp Cedar', 'id:place/camp-cedar'),
        ('id:event/reyes-berg-meeting-in-kesh', 'Tomas Reyes meets Anna Berg in Kesh', 'id:place/kesh'),
    ]),
    ('list_linked_organisations', {'organization': 'organization/northern-brigade'}, [
        ('id:organization/government-of-valdoria', 'Government of Valdoria'),
        ('id:organization/interior-ministry', 'Interior Ministry of Valdoria'),
        ('id:organization/valdorian-army', 'Valdorian Army'),
    ]),
    ('list_meetings_before', {'event': 'event/camp-cedar-shelling'}, [
        ('id:event/reyes-berg-meeting-in-kesh', 'Tomas Reyes meets Anna Berg in Kesh', '2022-05-08', 'id:person/anna-berg', 'id:person/tomas-reyes'),
    ]),
    ('list_mentions_of', {'entity': 'person/tomas-reyes'}, [
        ('id:document/herald', '161', '172', 'Tomas Reyes'),
        ('id:document/herald', '428', '433', 'Reyes'),
    ]),
    ('list_orders_and_commands', {}, [
        ('id:event/reyes-ordered-camp-cedar-shelling', 'Tomas Reyes orders the shelling of Camp Cedar', 'true', 'id:person/tomas-reyes', 'id:organization/northern-brigade', 'id:event/camp-cedar-shelling', 'id:group/camp-cedar-residents', 'id:stance/accuses'),
    ]),
    ('list_people_by_post', {}, [
        ('id:organization/interior-ministry', 'Minister', 'id:person/anna-berg', 'false', 'false'),
        ('id:organization/northern-brigade', 'commander', 'id:person/tomas-reyes', 'false', 'false'),
    ]),
    ('list_places_within', {'place': 'place/valdoria'}, [
        ('id:place/camp-cedar', 'Camp Cedar'),
        ('id:place/kesh', 'Kesh'),
        ('id:place/orlan-province', 'Orlan province'),
    ]),
    ('list_quoted_words', {}, [
        ('a massacre', 'id:person/lena-novak', 'id:stance/accuses', 'id:organization/northern-brigade'),
    ]),
    ('list_relation_evidence', {'entity': 'place/orlan-province'}, [
        ('id:place/camp-cedar', 'schema:containedInPlace', 'id:place/orlan-province', 'id:document/monitor', '47', '76', 'Camp Cedar, in Orlan province', 'Our team reached Camp Cedar, in Orlan province, two days after the shelling.'),
        ('id:place/kesh', 'schema:containedInPlace', 'id:place/orlan-province', 'id:document/monitor', '205', '245', 'Kesh, the largest town in Orlan province', 'Some 200 families fled to Kesh, the largest town in Orlan province.'),
        ('id:place/orlan-province', 'schema:containedInPlace', 'id:place/valdoria', 'id:document/monitor', '261', '305', 'Orlan province lies in the north of Valdoria', 'The U.N. says Orlan province lies in the north of Valdoria.'),
    ]),
    ('list_relations_of', {'entity': 'organization/northern-brigade'}, [
        ('id:organization/northern-brigade', 'org:linkedTo', 'id:organization/interior-ministry', 'true', 'id:group/camp-cedar-residents', 'id:stance/asserts'),
        ('id:organization/northern-brigade', 'org:subOrganizationOf', 'id:organization/valdorian-army', 'false', '', ''),
    ]),
    ('list_statements_about', {'entity': 'organization/northern-brigade'}, [
        ('id:document/herald', '37', 'id:event/camp-cedar-shelling', 'akg:agent', 'The Northern Brigade shelled Camp Cedar with mortar shells at dawn today'),
        ('id:document/herald', '153', 'id:membership/reyes-commander-of-northern-brigade', 'org:organization', 'Colonel Tomas Reyes, commander of the Northern Brigade'),
        ('id:document/herald', '212', 'id:event/reyes-ordered-camp-cedar-shelling', 'akg:recipient', 'ordering the shelling'),
        ('id:document/herald', '292', 'id:claim/interior-ministry-denies-brigade-fired', 'schema:about', 'denied that the brigade had fired on the camp'),
        ('id:document/herald', '339', 'id:claim/novak-accuses-brigade-of-massacre', 'schema:about', 'Mayor Lena Novak accused the Northern Brigade of “a massacre”'),
        ('id:document/monitor', '307', 'id:relation/northern-brigade-part-of-army', 'rdf:subject', 'The Northern Brigade is a unit of the Valdorian Army'),
        ('id:document/monitor', '406', 'id:claim/residents-say-brigade-takes-orders-from-ministry', 'schema:about', 'Residents told us the brigade takes its orders from the Interior Ministry'),
        ('id:document/monitor', '424', 'id:relation/brigade-takes-orders-from-interior-ministry', 'rdf:subject', 'the brigade takes its orders from the Interior Ministry'),
    ]),
    ('list_sub_events', {'event': 'event/camp-cedar-shelling'}, [
        ('id:event/camp-cedar-clinic-fire', 'id:event/camp-cedar-shelling', 'Clinic of Camp Cedar set alight'),
    ]),
    ('list_timeline', {}, [
        ('2022-05-08', '2022-05-08', 'id:event/reyes-berg-meeting-in-kesh', 'akg:Meeting', 'Tomas Reyes meets Anna Berg in Kesh', 'false', 'id:place/kesh', '', '', '', ''),
        ('2022-05-10', '2022-05-10', 'id:event/camp-cedar-shelling', 'akg:Attack', 'Shelling of Camp Cedar', 'false', 'id:place/camp-cedar', 'id:organization/northern-brigade', 'id:group/camp-cedar-residents', 'id:count-kind/dead', '14'),
        ('2022-05-10', '2022-05-10', 'id:event/camp-cedar-shelling', 'akg:Attack', 'Shelling of Camp Cedar', 'false', 'id:place/camp-cedar', 'id:organization/northern-brigade', 'id:group/camp-cedar-residents', 'id:count-kind/killed', '9'),
        ('', '', 'id:event/camp-cedar-clinic-fire', 'akg:Arson', 'Clinic of Camp Cedar set alight', 'false', 'id:place/camp-cedar', '', '', '', ''),
        ('', '', 'id:event/camp-cedar-flight-to-kesh', 'akg:Flight', 'Families of Camp Cedar flee to Kesh', 'false', '', '', '', '', ''),
        ('', '', 'id:event/reyes-ordered-camp-cedar-shelling', 'akg:Order', 'Tomas Reyes orders the shelling of Camp Cedar', 'true', '', 'id:person/tomas-reyes', '', '', ''),
    ]),
    ('rank_agents_by_events', {}, [
        ('id:organization/northern-brigade', '1'),
        ('id:person/tomas-reyes', '1'),
    ]),
    ('trace_chain_of_command', {'organization': 'organization/northern-brigade'}, [
        ('id:organization/government-of-valdoria', '', '', '', ''),
        ('id:organization/northern-brigade', 'id:organization/valdorian-army', 'id:person/tomas-reyes', 'commander', 'false'),
        ('id:organization/valdorian-army', 'id:organization/government-of-valdoria', '', '', ''),
    ]),
]
QUERY_NAMES = [case[0] for case in CASES]


def test_every_named_query_has_a_case():
    assert sorted(QUERY_NAMES) == sorted(q.name for q in list_queries())


def test_the_fixture_corpus_gives_every_query_rows():
    assert [name for name, _, expected in CASES if not expected] == []


@pytest.mark.parametrize(("name", "params", "expected"), CASES, ids=QUERY_NAMES)
def test_query_rows(fixture_store, name, params, expected):
    assert cells(run_query(name, store=fixture_store, params=params)) == expected


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_disk_cache_gives_the_rows_of_the_memory_store(fixture_store, disk_store, name):
    params = next(p for n, p, _ in CASES if n == name)
    assert cells(run_query(name, store=disk_store, params=params)) == \
        cells(run_query(name, store=fixture_store, params=params))


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_answers_on_the_live_graph(live_store, name):
    """With the defaults of its header, each query gives rows on the graph of the real corpus."""
    assert cells(run_query(name, store=live_store))


def test_relation_evidence_sentences_are_those_of_the_network_page(live_store):
    """The query cuts each sentence in SPARQL; the network page cuts it in Python: the same."""
    from ashraf_kg.sentences import find_sentence

    texts = {str(d): str(t) for d, t in
             run_query("SELECT ?d ?t WHERE { ?d schema:text ?t }", store=live_store).rows}
    rows = run_query("list_relation_evidence", store=live_store).rows
    assert len(rows) > 30
    for row in rows:
        document, start, end, sentence = str(row[3]), int(row[4]), int(row[5]), str(row[7])
        assert sentence == find_sentence(texts[document], start, end)[0]


def test_a_sentence_runs_on_past_an_abbreviation(fixture_store):
    rows = run_query("list_relation_evidence", store=fixture_store,
                     params={"entity": "place/valdoria"}).rows
    assert [str(row[7]) for row in rows] == ["The U.N. says Orlan province lies in the north of Valdoria."]
