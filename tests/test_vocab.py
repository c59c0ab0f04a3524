"""vocab.py against the files that repeat its lists: ontology, shapes, JSON-LD context, queries.

Adding an event type, a role, a stance, … means adding it to vocab.py and to each of
these files; each test here names the file that has drifted.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

from ashraf_kg import vocab
from ashraf_kg.namespaces import AKG, ID, akg_name, compact, expand, id_of, kind_of, scheme_iri, slug_of
from ashraf_kg.resources import queries_dir

SHAPES = "https://w3id.org/ashraf-kg/ontology/shapes#"
# Registry types that the ontology does not declare yet (the build still types such an
# entity akg:<type>); test_undeclared_types_are_still_undeclared keeps this list honest.
UNDECLARED_TYPES = {"Thing"}


def english(graph: Graph, term, predicate) -> list[str]:
    return [str(v) for v in graph.objects(term, predicate)
            if isinstance(v, Literal) and v.language == "en"]


def assert_declared(ontology: Graph, term: URIRef, kind: URIRef, label: str) -> None:
    assert (term, RDF.type, kind) in ontology, f"ashraf-kg.ttl does not declare {term} as {kind}"
    assert english(ontology, term, RDFS.label) == [label], f"ashraf-kg.ttl: label of {term}"
    assert english(ontology, term, RDFS.comment), f"ashraf-kg.ttl: {term} has no rdfs:comment"


def sh_in(shapes: Graph, path: URIRef) -> list[list]:
    """The ``sh:in`` lists of the shapes' constraints on ``path`` (or their inner shapes)."""
    lists = []
    for constraint in shapes.subjects(SH.path, path):
        nodes = [constraint, *shapes.objects(constraint, SH.qualifiedValueShape)]
        lists += [list(shapes.items(lst)) for node in nodes for lst in shapes.objects(node, SH["in"])]
    return lists


def shape(name: str) -> URIRef:
    return URIRef(SHAPES + name)


def test_every_list_names_each_entry_once():
    lists = [vocab.ENTITY_KINDS, vocab.ENTITY_TYPES, vocab.NODE_KINDS, vocab.EVENT_TYPES,
             vocab.EVENT_ROLES, vocab.EVENT_LINKS, vocab.RELATION_PREDICATES, vocab.STANCES,
             vocab.COUNT_KINDS, vocab.DOCUMENT_TYPES]
    for terms in lists:
        assert len(set(terms.names)) == len(terms) and all(t.label for t in terms), terms.names


def test_standard_terms_are_written_with_project_prefixes():
    for terms in (vocab.ENTITY_TYPES, vocab.EVENT_TYPES, vocab.EVENT_ROLES, vocab.DOCUMENT_TYPES):
        for term in terms:
            assert [compact(iri) for iri in term.standard_iris] == list(term.standard), term


def test_entity_types_are_declared_with_their_standard_classes(ontology):
    for entity_type in vocab.ENTITY_TYPES:
        if entity_type.name in UNDECLARED_TYPES:
            continue
        assert_declared(ontology, entity_type.iri, OWL.Class, entity_type.label)
        supers = set(ontology.transitive_objects(entity_type.iri, RDFS.subClassOf))
        assert set(entity_type.standard_iris) <= supers, entity_type.name


def test_undeclared_types_are_still_undeclared(ontology):
    for name in UNDECLARED_TYPES:
        assert name in vocab.ENTITY_TYPES
        assert (AKG[name], RDF.type, OWL.Class) not in ontology, f"remove {name} from UNDECLARED_TYPES"


def test_every_registry_class_of_the_ontology_is_an_entity_type(ontology):
    agents = {c for c in ontology.subjects(RDF.type, OWL.Class)
              if PROV.Agent in set(ontology.transitive_objects(c, RDFS.subClassOf))}
    places = set(ontology.transitive_subjects(RDFS.subClassOf, AKG.Place))
    for cls in agents | places | {AKG.Weapon}:
        assert akg_name(cls) in vocab.ENTITY_TYPES, f"vocab.py lacks entity type {cls}"


def test_actor_kinds_are_exactly_the_prov_agents(ontology):
    for kind in vocab.ENTITY_KINDS:
        for entity_type in kind.types:
            if entity_type.name in UNDECLARED_TYPES:
                continue
            supers = set(ontology.transitive_objects(entity_type.iri, RDFS.subClassOf))
            assert (PROV.Agent in supers) == kind.actor, entity_type.name
    assert vocab.ACTOR_KINDS == ("person", "organization", "group")


def test_event_types_are_the_event_classes_of_the_ontology(ontology):
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, AKG.Event)) - {AKG.Event}
    assert classes == {t.iri for t in vocab.EVENT_TYPES}
    for event_type in vocab.EVENT_TYPES:
        assert_declared(ontology, event_type.iri, OWL.Class, event_type.label)
        assert set(ontology.objects(event_type.iri, RDFS.subClassOf)) == \
            {AKG[event_type.parent], *event_type.standard_iris}, event_type.name


def test_event_base_types_are_the_supertypes_of_akg_event(ontology):
    assert set(ontology.objects(AKG.Event, RDFS.subClassOf)) == {expand(t) for t in vocab.EVENT_BASE_TYPES}


def test_event_roles_are_declared_with_their_standard_property(ontology):
    for role in vocab.EVENT_ROLES:
        assert_declared(ontology, role.iri, OWL.ObjectProperty, role.label)
        assert set(ontology.objects(role.iri, RDFS.subPropertyOf)) == set(role.standard_iris), role.name
    # An event role links an event to an entity: every such property of the ontology.
    roles = {p for p in ontology.subjects(RDFS.domain, AKG.Event)
             if (p, RDF.type, OWL.ObjectProperty) in ontology} - {AKG.hasCount}
    assert roles == {role.iri for role in vocab.EVENT_ROLES}


def test_relation_predicates_of_the_ontology_are_declared(ontology):
    own = [p for p in vocab.RELATION_PREDICATES if akg_name(p.iri) is not None]
    assert own, "akg:locatedNear is one of the relation predicates"
    for predicate in own:
        assert_declared(ontology, predicate.iri, OWL.ObjectProperty, predicate.label)


@pytest.mark.parametrize("terms,scheme,cls", [(vocab.STANCES, "stance", AKG.Stance),
                                              (vocab.COUNT_KINDS, "count-kind", AKG.CountKind)])
def test_concept_schemes_hold_the_vocabulary(ontology, terms, scheme, cls):
    concepts = set(ontology.subjects(SKOS.inScheme, scheme_iri(scheme)))
    assert concepts == {t.iri for t in terms}
    assert set(ontology.objects(scheme_iri(scheme), SKOS.hasTopConcept)) == concepts
    for term in terms:
        assert (term.iri, RDF.type, cls) in ontology, term.name
        assert english(ontology, term.iri, SKOS.prefLabel) == [term.label], term.name
        assert english(ontology, term.iri, SKOS.definition), term.name


def test_event_shape_targets_and_allows_every_event_type(shapes):
    types = {t.iri for t in vocab.EVENT_TYPES}
    assert set(shapes.objects(shape("EventShape"), SH.targetClass)) == types | {AKG.Event}
    assert [set(items) for items in sh_in(shapes, RDF.type)] == [types]


def test_event_shape_asks_for_the_actor_roles(shapes):
    alternatives = [shapes.value(node, SH.path) for node in
                    shapes.items(shapes.value(shape("EventShape"), SH["or"]))]
    actors = {r.iri for r in vocab.EVENT_ROLES if "sem:hasActor" in r.standard}
    assert set(alternatives) == actors | {vocab.EVENT_LINKS["place"].iri}


def test_relation_shape_allows_exactly_the_relation_predicates(shapes):
    predicates = [p.iri for p in vocab.RELATION_PREDICATES]
    assert sh_in(shapes, RDF.predicate) == [predicates]
    messages = [str(m) for c in shapes.subjects(SH.path, RDF.predicate)
                for m in shapes.objects(c, SH.message)]
    assert any(", ".join(compact(p) for p in predicates) in m for m in messages), messages


@pytest.mark.parametrize("terms,path", [(vocab.STANCES, "stance"), (vocab.COUNT_KINDS, "countKind")])
def test_scheme_messages_list_the_vocabulary(shapes, terms, path):
    messages = [str(m) for m in shapes.objects(None, SH.message) if f"akg:{path} must be" in str(m)]
    assert messages and all(f"({', '.join(terms.names)})" in m for m in messages), messages


def test_entity_shapes_target_entity_types(shapes):
    targets = {t for s in shapes.subjects(RDF.type, SH.NodeShape)
               for t in shapes.objects(s, SH.targetClass)}
    registry = {t for t in targets if akg_name(t) in vocab.ENTITY_TYPES}
    assert {akg_name(t) for t in registry} == {"Person", "Organization", "Group", "Place", "Weapon"}


def test_context_names_every_role_link_and_predicate(context):
    context = context["@context"]
    for link in (*vocab.EVENT_ROLES, *vocab.EVENT_LINKS, *vocab.RELATION_PREDICATES):
        terms = [name for name, d in context.items()
                 if isinstance(d, dict) and d.get("@id") == compact(link.iri)]
        assert terms, f"context.jsonld has no term for {compact(link.iri)}"
        assert all(context[name].get("@type") == "@id" for name in terms), link.name
    for role in vocab.EVENT_ROLES:
        assert context[role.name]["@id"] == compact(role.iri), role.name


def _query_texts() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(queries_dir().glob("*.rq"))}
    assert len(texts) >= 20
    return texts


def test_every_akg_term_of_the_queries_is_declared(ontology):
    declared = {akg_name(s) for s in ontology.subjects(RDF.type, None)} - {None}
    for name, text in _query_texts().items():
        used = set(re.findall(r"\bakg:([A-Za-z]\w*)", text))
        used |= set(re.findall(re.escape(str(AKG)) + r"([A-Za-z]\w*)", text))
        assert used <= declared, f"{name} uses undeclared {sorted(used - declared)}"


def test_every_concept_the_queries_name_is_in_the_vocabulary():
    lists = {"stance": vocab.STANCES, "count-kind": vocab.COUNT_KINDS}
    named = 0
    for name, text in _query_texts().items():
        ids = [id_of(iri) for iri in re.findall(r"<(" + re.escape(str(ID)) + r"[^>]+)>", text)]
        ids += re.findall(r"\bid:([a-z-]+/[\w-]+)", text)
        for one in ids:
            if kind_of(one) in lists:
                named += 1
                assert slug_of(one) in lists[kind_of(one)], f"{name}: {one} is not in vocab.py"
    assert named


def test_every_genre_is_written_as_a_document_type():
    assert vocab.GENRES and set(vocab.GENRES.values()) <= set(vocab.DOCUMENT_TYPES.names)
