"""The only place that makes IRIs, and the only place that reads them back.

Ontology terms live under ``https://w3id.org/ashraf-kg/ontology#`` (prefix ``akg:``);
things under ``https://w3id.org/ashraf-kg/id/<id>``, where a registry entity's id is
``<kind>/<slug>``. Both ways: :func:`entity_iri` makes the IRI of an id, :func:`id_of`
reads the id of an IRI, :func:`kind_of` the kind of an id, :func:`compact` and
:func:`expand` go between an IRI and its ``prefix:local`` form.
"""

from __future__ import annotations

import re

# typing.TYPE_CHECKING's value, which type checkers read as True: importing typing took a
# one-shot query 2 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from rdflib import URIRef

# Every namespace as plain text: reading and compacting IRIs needs no RDF library, so
# the command line answers a query without importing rdflib.
NAMESPACES: dict[str, str] = {
    "akg": "https://w3id.org/ashraf-kg/ontology#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sh": "http://www.w3.org/ns/shacl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}
ID_NAMESPACE = "https://w3id.org/ashraf-kg/id/"

# rdflib's own objects for the standard vocabularies (closed namespaces that check names).
_RDFLIB_NAMESPACES = ("PROV", "SKOS", "TIME", "FOAF", "DCTERMS", "VOID", "DCAT", "SH", "OWL", "RDF",
                      "RDFS", "XSD")
_OWN_NAMESPACES = {"AKG": "akg", "SCHEMA": "schema", "SEM": "sem", "ORG": "org", "OA": "oa", "WD": "wd"}
# Used in the VoID description only, written out in full (not bound as a prefix).
_UNBOUND_NAMESPACES = {"SPDX": "http://spdx.org/rdf/terms#"}
_URIRef = None


def __getattr__(name: str):
    """The rdflib ``Namespace`` objects (``AKG``, ``ID``, ``SCHEMA``, ``RDF``, … and
    ``PREFIXES``), made on first use so that importing this module loads no rdflib."""
    if name in _RDFLIB_NAMESPACES:
        import rdflib.namespace

        value = getattr(rdflib.namespace, name)
    elif name in _OWN_NAMESPACES or name in _UNBOUND_NAMESPACES or name == "ID":
        from rdflib import Namespace

        value = Namespace(ID_NAMESPACE if name == "ID" else _UNBOUND_NAMESPACES.get(name)
                          or NAMESPACES[_OWN_NAMESPACES[name]])
    elif name == "PREFIXES":
        value = {prefix: _namespace(prefix) for prefix in NAMESPACES}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _namespace(prefix: str):
    upper = prefix.upper()
    return __getattr__(upper) if upper in _RDFLIB_NAMESPACES or upper in _OWN_NAMESPACES else None


def _iri(text: str):
    """An rdflib ``URIRef`` (rdflib is imported on the first one)."""
    global _URIRef
    if _URIRef is None:
        from rdflib import URIRef

        _URIRef = URIRef
    return _URIRef(text)


_ID, _AKG = ID_NAMESPACE, NAMESPACES["akg"]
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
    return _iri(_ID + entity_id)


def document_iri(doc_id: str) -> URIRef:
    return _iri(_ID + f"document/{doc_id}")


def graph_iri(name: str) -> URIRef:
    """Named graph of a document (its id), or of ``ontology`` / ``registry`` / ``drafts/<doc-id>``."""
    return _iri(_ID + f"graph/{name}")


def event_iri(slug: str) -> URIRef:
    return _iri(_ID + f"event/{slug}")


def event_time_iri(slug: str, doc_id: str) -> URIRef:
    """Time of an event as one document tells it (two documents may disagree)."""
    return _iri(_ID + f"event/{slug}/time/{doc_id}")


def membership_iri(slug: str) -> URIRef:
    return _iri(_ID + f"membership/{slug}")


def relation_iri(slug: str) -> URIRef:
    return _iri(_ID + f"relation/{slug}")


def claim_iri(slug: str) -> URIRef:
    return _iri(_ID + f"claim/{slug}")


def count_iri(doc_id: str, owner_slug: str, kind: str, index: int) -> URIRef:
    """A figure given by one document about one event (``index`` counts from 1)."""
    return _iri(_ID + f"count/{doc_id}/{owner_slug}-{kind}-{index}")


def draft_slug(doc_id: str, item_id: str) -> str:
    """Drafts get their own ids so they never collide with curated items."""
    return f"draft-{make_slug(doc_id)}-{item_id}"


def count_claim_slug(doc_id: str, owner_slug: str, kind: str, index: int) -> str:
    return f"figure-{make_slug(doc_id)}-{owner_slug}-{kind}-{index}"


def class_partition_iri(local_name: str) -> URIRef:
    return _iri(_ID + f"dataset/ashraf-kg/class/{local_name}")


def graph_subset_iri(name: str) -> URIRef:
    return _iri(_ID + f"dataset/ashraf-kg/graph/{name}")


def checksum_iri(filename: str) -> URIRef:
    return _iri(_ID + f"dataset/ashraf-kg/{filename}/checksum")


def role_iri(label: str) -> URIRef:
    return _iri(_ID + f"role/{make_slug(label)}")


def stance_iri(stance: str) -> URIRef:
    return _iri(_ID + f"stance/{stance}")


def count_kind_iri(kind: str) -> URIRef:
    return _iri(_ID + f"count-kind/{kind}")


def scheme_iri(name: str) -> URIRef:
    """SKOS concept scheme of the ontology graph: ``scheme_iri("stance")``, ``scheme_iri("count-kind")``."""
    return _iri(_ID + f"scheme/{name}")


def annotation_iri(doc_id: str, start: int, end: int, motivation: str | None = None, *,
                   draft: bool = False) -> URIRef:
    """The Web Annotation of a span; ``motivation`` (``describing``) tells apart a second
    annotation of the same span made for another reason than the first. A ``draft``
    annotation (of the drafts graph) has IRIs of its own, so a span that a draft and the
    curated annotations both use never gets two motivations on one node."""
    suffix = ("/draft" if draft else "") + (f"/{motivation}" if motivation else "")
    return _iri(_ID + f"annotation/{doc_id}/{start}-{end}{suffix}")


def target_iri(doc_id: str, start: int, end: int) -> URIRef:
    return _iri(_ID + f"annotation/{doc_id}/{start}-{end}/target")


def quote_selector_iri(doc_id: str, start: int, end: int) -> URIRef:
    return _iri(_ID + f"annotation/{doc_id}/{start}-{end}/target/quote")


def position_selector_iri(doc_id: str, start: int, end: int) -> URIRef:
    return _iri(_ID + f"annotation/{doc_id}/{start}-{end}/target/position")


def dataset_iri(name: str = "ashraf-kg") -> URIRef:
    return _iri(_ID + f"dataset/{name}")


def distribution_iri(filename: str) -> URIRef:
    return _iri(_ID + f"dataset/ashraf-kg/{filename}")


def wikidata_iri(qid: str) -> URIRef:
    return _iri(NAMESPACES["wd"] + qid)


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


ALL_PREFIXES: dict[str, str] = {**NAMESPACES, "id": ID_NAMESPACE}
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
    if prefix not in ALL_PREFIXES:
        raise KeyError(f"unknown prefix {prefix!r} in {compact_iri!r}")
    return _iri(ALL_PREFIXES[prefix] + local)


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset (replacing rdflib defaults)."""
    for prefix, namespace in __getattr__("PREFIXES").items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", __getattr__("ID"), override=True, replace=True)
