"""namespaces.py makes IRIs and reads them back: each maker has its inverse."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from ashraf_kg import namespaces as ns
from ashraf_kg.namespaces import AKG, SCHEMA


def test_id_of_inverts_entity_iri():
    for entity_id in ("person/nouri-al-maliki", "place/camp-ashraf", "event/raid", "claim/c1"):
        assert ns.id_of(ns.entity_iri(entity_id)) == entity_id


def test_id_of_is_none_outside_the_project():
    assert ns.id_of(SCHEMA.Person) is None
    assert ns.id_of(AKG.Camp) is None
    assert ns.short_id(SCHEMA.Person) == "https://schema.org/Person"


def test_kind_of_reads_ids_and_iris():
    assert ns.kind_of("person/nouri-al-maliki") == "person"
    assert ns.kind_of(ns.event_iri("raid")) == "event"
    assert ns.kind_of(ns.claim_iri("c1")) == "claim"
    assert ns.slug_of("organization/qods-force") == "qods-force"


def test_document_and_graph_names_come_back():
    assert ns.doc_id_of(ns.document_iri("000_abc")) == "000_abc"
    assert ns.doc_id_of(ns.entity_iri("person/x")) is None
    assert ns.graph_name_of(ns.graph_iri("drafts/000_abc")) == "drafts/000_abc"
    assert ns.graph_name_of(ns.document_iri("000_abc")) is None


def test_last_segment_is_the_slug_of_an_id_or_iri():
    assert ns.last_segment(ns.entity_iri("place/iraq")) == "iraq"
    assert ns.last_segment("https://schema.org/sponsor") == "sponsor"


def test_akg_name_reads_ontology_terms_only():
    assert ns.akg_name(AKG.Camp) == "Camp"
    assert ns.akg_name(SCHEMA.Place) is None


@pytest.mark.parametrize("iri,short", [(SCHEMA.Place, "schema:Place"), (AKG.agent, "akg:agent"),
                                       (ns.entity_iri("place/iraq"), "id:place/iraq"),
                                       (ns.stance_iri("calls-for"), "id:stance/calls-for")])
def test_compact_and_expand_are_inverse(iri, short):
    assert ns.compact(iri) == short
    assert ns.expand(short) == iri


def test_compact_can_leave_the_projects_own_things_whole():
    assert ns.compact(ns.entity_iri("place/iraq"), ids=False) is None
    assert ns.compact(URIRef("http://example.org/x")) is None


def test_expand_refuses_an_unknown_prefix():
    with pytest.raises(KeyError, match="nope"):
        ns.expand("nope:x")
