"""The only place that makes IRIs, and the only place that reads them back.

Ontology terms live under ``https://w3id.org/ashraf-kg/ontology#`` (prefix ``akg:``);
things under ``https://w3id.org/ashraf-kg/id/<id>``, where a registry entity's id is
``<kind>/<slug>``. Both ways: :func:`entity_iri` makes the IRI of an id, :func:`id_of`
reads the id of an IRI, :func:`kind_of` the kind of an id, :func:`compact` and
:func:`expand` go between an IRI and its ``prefix:local`` form.
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, VOID, XSD

AKG = Namespace("https://w3id.org/ashraf-kg/ontology#")
ID = Namespace("https://w3id.org/ashraf-kg/id/")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "akg": AKG,
    "schema": SCHEMA,
    "sem": SEM,
    "prov": PROV,
    "org": ORG,
    "oa": OA,
    "skos": SKOS,
    "time": TIME,
    "foaf": FOAF,
    "dcterms": DCTERMS,
    "void": VOID,
    "dcat": DCAT,
    "sh": SH,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}

_ID, _AKG = str(ID), str(AKG)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def is_slug(text: str) -> bool:
    """True when ``text`` is a lowercase ASCII slug (letters, digits, single hyphens)."""
    return bool(_SLUG.match(text))


def make_slug(text: str) -> str:
    """Turn a label into a slug: ``make_slug("Prime Minister") == "prime-minister"``."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


def is_doc_id(text: str) -> bool:
    return bool(_DOC_ID.match(text))


def entity_iri(entity_id: str) -> URIRef:
    """IRI of a registry entity: ``entity_iri("person/nouri-al-maliki")``."""
    return ID[entity_id]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"document/{doc_id}"]


def graph_iri(name: str) -> URIRef:
    """Named graph of a document (its id), or of ``ontology`` / ``registry`` / ``drafts/<doc-id>``."""
    return ID[f"graph/{name}"]


def event_iri(slug: str) -> URIRef:
    return ID[f"event/{slug}"]


def event_time_iri(slug: str, doc_id: str) -> URIRef:
    """Time of an event as one document tells it (two documents may disagree)."""
    return ID[f"event/{slug}/time/{doc_id}"]


def membership_iri(slug: str) -> URIRef:
    return ID[f"membership/{slug}"]


def relation_iri(slug: str) -> URIRef:
    return ID[f"relation/{slug}"]


def claim_iri(slug: str) -> URIRef:
    return ID[f"claim/{slug}"]


def count_iri(doc_id: str, owner_slug: str, kind: str, index: int) -> URIRef:
    """A figure given by one document about one event (``index`` counts from 1)."""
    return ID[f"count/{doc_id}/{owner_slug}-{kind}-{index}"]


def draft_slug(doc_id: str, item_id: str) -> str:
    """Drafts get their own ids so they never collide with curated items."""
    return f"draft-{make_slug(doc_id)}-{item_id}"


def count_claim_slug(doc_id: str, owner_slug: str, kind: str, index: int) -> str:
    return f"figure-{make_slug(doc_id)}-{owner_slug}-{kind}-{index}"


def class_partition_iri(local_name: str) -> URIRef:
    return ID[f"dataset/ashraf-kg/class/{local_name}"]


def graph_subset_iri(name: str) -> URIRef:
    return ID[f"dataset/ashraf-kg/graph/{name}"]


def checksum_iri(filename: str) -> URIRef:
    return ID[f"dataset/ashraf-kg/{filename}/checksum"]


def role_iri(label: str) -> URIRef:
    return ID[f"role/{make_slug(label)}"]


def stance_iri(stance: str) -> URIRef:
    return ID[f"stance/{stance}"]


def count_kind_iri(kind: str) -> URIRef:
    return ID[f"count-kind/{kind}"]


def scheme_iri(name: str) -> URIRef:
    """SKOS concept scheme of the ontology graph: ``scheme_iri("stance")``, ``scheme_iri("count-kind")``."""
    return ID[f"scheme/{name}"]


def annotation_iri(doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"annotation/{doc_id}/{start}-{end}"]


def target_iri(doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"annotation/{doc_id}/{start}-{end}/target"]


def quote_selector_iri(doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"annotation/{doc_id}/{start}-{end}/target/quote"]


def position_selector_iri(doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"annotation/{doc_id}/{start}-{end}/target/position"]


def dataset_iri(name: str = "ashraf-kg") -> URIRef:
    return ID[f"dataset/{name}"]


def distribution_iri(filename: str) -> URIRef:
    return ID[f"dataset/ashraf-kg/{filename}"]


def wikidata_iri(qid: str) -> URIRef:
    return WD[qid]


def id_of(iri) -> str | None:
    """The id an IRI of the project stands for, or None for any other IRI.

    >>> id_of("https://w3id.org/ashraf-kg/id/person/nouri-al-maliki")
    'person/nouri-al-maliki'
    """
    text = str(iri)
    return text[len(_ID):] if text.startswith(_ID) else None


def short_id(iri) -> str:
    """The id of an IRI of the project; any other IRI's text unchanged."""
    found = id_of(iri)
    return str(iri) if found is None else found


def kind_of(id_or_iri) -> str:
    """The kind of an id or of a project IRI: its first segment.

    >>> kind_of("person/nouri-al-maliki"), kind_of(event_iri("camp-raid"))
    ('person', 'event')
    """
    return short_id(id_or_iri).split("/", 1)[0]


def slug_of(entity_id: str) -> str:
    """What follows the kind in an entity id: ``slug_of("person/nouri-al-maliki") == "nouri-al-maliki"``."""
    return entity_id.partition("/")[2]


def last_segment(id_or_iri) -> str:
    """What follows the last ``/`` of an id or IRI: an entity's slug, ``last_segment("place/iraq") == "iraq"``."""
    return str(id_or_iri).rsplit("/", 1)[-1]


def doc_id_of(iri) -> str | None:
    """The document id of a document IRI (:func:`document_iri`), else None."""
    found = id_of(iri)
    return found[len("document/"):] if found and found.startswith("document/") else None


def graph_name_of(iri) -> str | None:
    """The name of a named graph of the project (:func:`graph_iri`), else None."""
    found = id_of(iri)
    return found[len("graph/"):] if found is not None and found.startswith("graph/") else None


def akg_name(iri) -> str | None:
    """The name of an ontology term (``akg_name(AKG.Camp) == "Camp"``), else None."""
    text = str(iri)
    return text[len(_AKG):] if text.startswith(_AKG) else None


ALL_PREFIXES: dict[str, str] = {**{p: str(n) for p, n in PREFIXES.items()}, "id": str(ID)}
"""Every prefix a query, a compact IRI or a parameter may use: :data:`PREFIXES` and ``id:``."""
# Longest namespace first, so that a namespace inside another one would win.
_COMPACT = sorted(((namespace, prefix) for prefix, namespace in ALL_PREFIXES.items()),
                  key=lambda pair: -len(pair[0]))


def compact(iri, *, ids: bool = True) -> str | None:
    """The ``prefix:local`` form of an IRI, or None when no prefix of the project fits.

    ``ids=False`` leaves the project's own things (``id:``) uncompacted.

    >>> compact(SCHEMA.Place), compact(entity_iri("place/iraq"))
    ('schema:Place', 'id:place/iraq')
    """
    text = str(iri)
    for namespace, prefix in _COMPACT:
        if text.startswith(namespace) and len(text) > len(namespace) and (ids or prefix != "id"):
            return f"{prefix}:{text[len(namespace):]}"
    return None


def expand(compact_iri: str) -> URIRef:
    """The IRI of a ``prefix:local`` form: ``expand("akg:Camp") == AKG.Camp``."""
    prefix, _, local = compact_iri.partition(":")
    namespace = ID if prefix == "id" else PREFIXES.get(prefix)
    if namespace is None:
        raise KeyError(f"unknown prefix {prefix!r} in {compact_iri!r}")
    return namespace[local]


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset (replacing rdflib defaults)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", ID, override=True, replace=True)
