"""The ontology, its shapes, its JSON-LD context and its HTML documentation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VANN, VOID, XSD

from ashraf_kg import model
from ashraf_kg.namespaces import AKG, PREFIXES, count_kind_iri, scheme_iri, stance_iri

ONTOLOGY_IRI = URIRef("https://w3id.org/ashraf-kg/ontology")
SHAPES_NS = "https://w3id.org/ashraf-kg/ontology/shapes#"
ROOT = Path(__file__).resolve().parent.parent
# rdflib knows every term of these vocabularies (closed namespaces).
CLOSED = (SDO, PROV, ORG, SKOS, TIME, DCTERMS, FOAF, OWL, RDF, RDFS, XSD, SH, VANN, VOID, DCAT)
# rdflib has no namespace for SEM and Web Annotation: the terms of their specifications
# (https://semanticweb.cs.vu.nl/2009/11/sem/, https://www.w3.org/TR/annotation-vocab/).
SEM_TERMS = {"Event", "Actor", "Place", "Time", "Role", "hasActor", "hasPlace", "hasTime",
             "subEventOf", "hasBeginTimeStamp", "hasEndTimeStamp", "hasTimeStamp", "eventType",
             "actorType", "placeType", "roleType", "timeType"}
OA_TERMS = {"Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector",
            "hasBody", "hasTarget", "hasSource", "hasSelector", "motivatedBy", "exact", "prefix",
            "suffix", "start", "end", "identifying", "describing", "bookmarking", "commenting",
            "tagging", "linking", "classifying", "highlighting", "Motivation"}
SEM_NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"
OA_NS = "http://www.w3.org/ns/oa#"
STANDARD = tuple(str(ns) for ns in (SDO._NS, PROV._NS, ORG._NS, SKOS._NS, TIME._NS, FOAF._NS,
                                    RDF._NS)) + (SEM_NS, OA_NS)


def akg_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}


def is_known_term(iri: URIRef, ontology: Graph) -> bool:
    text = str(iri)
    if text.startswith(str(AKG)):
        return iri in akg_terms(ontology)
    if text.startswith(SEM_NS):
        return text[len(SEM_NS):] in SEM_TERMS
    if text.startswith(OA_NS):
        return text[len(OA_NS):] in OA_TERMS
    if text.startswith("https://w3id.org/ashraf-kg/"):
        return (iri, None, None) in ontology
    return any(text.startswith(ns._NS) and iri in ns for ns in CLOSED)


def superclasses(graph: Graph, term: URIRef, predicate=RDFS.subClassOf) -> set[URIRef]:
    return set(graph.transitive_objects(term, predicate)) - {term}


def test_ontology_header(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for predicate in (OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert ontology.value(ONTOLOGY_IRI, predicate) is not None, predicate


def test_every_akg_term_has_an_english_label_and_comment(ontology):
    for term in akg_terms(ontology):
        for predicate in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, predicate) if isinstance(v, Literal)]
            assert [v.language for v in values] == ["en"], (term, predicate)


def test_every_akg_term_is_in_the_akg_namespace(ontology):
    assert all(str(t).startswith(str(AKG)) for t in akg_terms(ontology))


def test_class_and_property_names_follow_the_house_style(ontology):
    for term in akg_terms(ontology):
        name = str(term)[len(str(AKG)):]
        is_class = (term, RDF.type, OWL.Class) in ontology
        assert re.fullmatch(r"[A-Z][A-Za-z]+" if is_class else r"[a-z][A-Za-z0-9]+", name), term


def test_every_class_reaches_a_standard_vocabulary(ontology):
    for cls in ontology.subjects(RDF.type, OWL.Class):
        assert any(str(s).startswith(STANDARD) for s in superclasses(ontology, cls)), cls


def test_event_types_of_the_annotation_format_are_event_classes(ontology):
    doc = (ROOT / "docs" / "annotation-format.md").read_text(encoding="utf-8")
    section = doc.split("### Event types", 1)[1].split("Loaded words", 1)[0]
    names = re.findall(r"[A-Z][A-Za-z]+", section)
    assert len(names) >= 20
    for name in names:
        assert AKG.Event in superclasses(ontology, AKG[name]), name


def test_registry_types_are_declared_with_their_alignment(ontology):
    expected = {"Person": {SDO.Person, FOAF.Person, PROV.Agent},
                "Organization": {SDO.Organization, ORG.Organization, PROV.Agent},
                "Group": {FOAF.Group, PROV.Agent}, "Place": {SDO.Place},
                "Country": {SDO.Country, AKG.Place}, "AdministrativeArea": {SDO.AdministrativeArea},
                "City": {SDO.City}, "Camp": {AKG.Place}, "Region": {AKG.Place},
                "Weapon": {SDO.Product}}
    for name, supers in expected.items():
        assert supers <= superclasses(ontology, AKG[name]), name


def test_claim_relation_and_event_alignment(ontology):
    assert {PROV.Entity, SDO.Claim} <= superclasses(ontology, AKG.Claim)
    assert RDF.Statement in superclasses(ontology, AKG.Relation)
    assert {URIRef(SEM_NS + "Event"), SDO.Event} <= superclasses(ontology, AKG.Event)
    assert AKG.Statement in superclasses(ontology, AKG.Denial)
    assert PROV.wasAttributedTo in superclasses(ontology, AKG.claimant, RDFS.subPropertyOf)


def test_event_roles_are_sem_actors(ontology):
    for role in ("agent", "target", "victim", "participant", "commander", "recipient"):
        assert URIRef(SEM_NS + "hasActor") in superclasses(ontology, AKG[role], RDFS.subPropertyOf)
    assert set(model.ROLES) <= {str(t)[len(str(AKG)):] for t in akg_terms(ontology)}


def test_typed_datatype_properties(ontology):
    assert ontology.value(AKG.alleged, RDFS.range) == XSD.boolean
    assert ontology.value(AKG.former, RDFS.range) == XSD.boolean
    assert ontology.value(AKG.confidence, RDFS.range) == XSD.decimal


def test_stances_match_the_model(ontology):
    scheme = scheme_iri("stance")
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    assert concepts == {stance_iri(s) for s in model.STANCES}
    for concept in concepts:
        assert (concept, RDF.type, AKG.Stance) in ontology
        assert ontology.value(concept, SKOS.prefLabel) is not None
        assert ontology.value(concept, SKOS.definition) is not None


def test_count_kinds_match_the_annotation_format(ontology):
    doc = (ROOT / "docs" / "annotation-format.md").read_text(encoding="utf-8")
    kinds = re.search(r"kind: \w+\s+# ([a-z |]+)", doc).group(1).split(" | ")
    concepts = set(ontology.subjects(SKOS.inScheme, scheme_iri("count-kind")))
    assert concepts == {count_kind_iri(k.strip()) for k in kinds}
    for concept in concepts:
        assert (concept, RDF.type, AKG.CountKind) in ontology
        assert ontology.value(concept, SKOS.definition) is not None


def test_every_term_used_in_the_shapes_is_declared(ontology, shapes):
    for _s, p, o in shapes:
        for term in (p, o):
            if isinstance(term, URIRef) and not str(term).startswith(SHAPES_NS) \
                    and term != ONTOLOGY_IRI:
                assert is_known_term(term, ontology), term


def test_every_shape_and_constraint_has_a_message(shapes):
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.path, None))
    shape_nodes |= set(shapes.objects(None, SH.sparql))
    assert len(shape_nodes) > 50
    for node in shape_nodes:
        assert shapes.value(node, SH.message) is not None, node


def test_event_shape_targets_every_event_class(ontology, shapes):
    event_classes = {c for c in ontology.subjects(RDF.type, OWL.Class)
                     if AKG.Event in superclasses(ontology, c)}
    targets = set(shapes.objects(URIRef(SHAPES_NS + "EventShape"), SH.targetClass))
    assert targets == event_classes | {AKG.Event}
    type_lists = [list(shapes.items(lst)) for lst in shapes.objects(None, SH["in"])]
    assert sorted(event_classes) in [sorted(items) for items in type_lists]


def test_context_binds_the_project_prefixes(context):
    ctx = context["@context"]
    assert ctx["@version"] == 1.1
    for prefix, namespace in PREFIXES.items():
        assert ctx[prefix] == str(namespace), prefix


def test_every_context_term_is_declared(context, ontology):
    ctx = context["@context"]
    for name, definition in ctx.items():
        if name.startswith("@") or name in PREFIXES or name == "id":
            continue
        prefix, local = definition["@id"].split(":", 1)
        iri = URIRef(ctx[prefix] + local)
        assert is_known_term(iri, ontology), name
        datatype = definition.get("@type")
        if datatype and datatype != "@id":
            dt_prefix, dt_local = datatype.split(":", 1)
            assert URIRef(ctx[dt_prefix] + dt_local) in XSD, name


def test_context_is_local_only(context):
    text = json.dumps(context)
    assert "@import" not in text
    assert not any(isinstance(v, str) and v.endswith((".jsonld", ".json"))
                   for v in context["@context"].values())


def test_context_expands_data_to_the_model(context):
    doc = {"@context": context["@context"], "@graph": [
        {"@id": "id:event/e", "@type": "akg:Attack", "alleged": "false",
         "agent": "id:organization/army", "hasPlace": "id:place/camp",
         "wasDerivedFrom": "id:annotation/doc/4-14"},
        {"@id": "id:annotation/doc/4-14/target/position", "start": "4", "end": "14"},
        {"@id": "id:count/e-killed-1", "value": "44", "countKind": "id:count-kind/killed"}]}
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    ID = "https://w3id.org/ashraf-kg/id/"
    assert (URIRef(ID + "event/e"), AKG.alleged, Literal("false", datatype=XSD.boolean)) in graph
    assert (URIRef(ID + "event/e"), AKG.agent, URIRef(ID + "organization/army")) in graph
    position = URIRef(ID + "annotation/doc/4-14/target/position")
    assert (position, URIRef(OA_NS + "start"), Literal("4", datatype=XSD.nonNegativeInteger)) in graph
    assert (URIRef(ID + "count/e-killed-1"), RDF.value, Literal("44", datatype=XSD.integer)) in graph
    assert (URIRef(ID + "event/e"), RDF.type, AKG.Attack) in graph


def _render_docs(path: Path, seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    code = "import sys; from ashraf_kg.export.ontodoc import write_ontology_docs; write_ontology_docs(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=env, timeout=300)
    return path.read_bytes()


@pytest.fixture(scope="module")
def ontology_html(tmp_path_factory) -> tuple[bytes, bytes]:
    folder = tmp_path_factory.mktemp("ontodoc")
    return _render_docs(folder / "a.html", "1"), _render_docs(folder / "b.html", "2")


def test_ontology_docs_are_byte_identical_across_runs(ontology_html):
    first, second = ontology_html
    assert first == second


def test_ontology_docs_load_nothing_from_the_network(ontology_html):
    page = ontology_html[0].decode("utf-8")
    assert not re.search(r"<(?:link|script|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", page, re.I)
    assert "@import" not in page


def test_ontology_docs_document_every_term(ontology_html, ontology):
    page = ontology_html[0].decode("utf-8")
    for term in akg_terms(ontology):
        assert str(term) in page, term
    for stance in model.STANCES:
        assert str(stance_iri(stance)) in page
    assert "<title>ashraf-kg ontology</title>" in page


def test_shapes_are_well_formed_shacl(shapes):
    import pyshacl

    # meta_shacl validates the shapes graph against the SHACL-SHACL shapes first and
    # raises if it does not conform.
    conforms, _, _ = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms
