"""The network stage, step 2: project the RDF dataset onto a networkx ``MultiDiGraph``.

Nodes are people, organisations, groups, places, things, events and claims (ids such as
``person/nouri-al-maliki``); edges keep their evidence: the relation in plain words, the
quote, the document, the offsets, the sentence, whether the link is alleged and, for links
that rest on a claim, the claimant and stance. Every attribute is a string, an integer or a
boolean, so the network exports to GraphML, GEXF and CSV unchanged. ``NODE_FIELDS`` and
``EDGE_FIELDS`` list the attributes.

>>> g = project_network(read_dataset("graph"))          # doctest: +SKIP
"""

from __future__ import annotations

import networkx as nx
from rdflib import Graph
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .. import vocab
from ..namespaces import AKG, ORG, SCHEMA, SEM, akg_name, last_segment, short_id
from .reader import DatasetReader, Evidence, node_kind, union_graphs

# The words of each link on the network, by property.
EVENT_ROLES = {link.iri: link.words for link in (*vocab.EVENT_ROLES, *vocab.EVENT_LINKS)}
RELATION_WORDS = {predicate.iri: predicate.words for predicate in vocab.RELATION_PREDICATES}
NODE_FIELDS = ("id", "label", "kind", "type", "iri", "aliases", "description", "role",
               "time_begin", "time_end", "alleged", "counts", "claimant", "stance", "quoted",
               "documents", "document", "quote", "quote_start", "quote_end", "sentence")
EDGE_FIELDS = ("source", "target", "key", "relation", "predicate", "statement", "link",
               "document", "document_title", "quote", "quote_start", "quote_end", "sentence",
               "sentence_start", "alleged", "claimed", "claim", "claimant", "stance")
# What a claim does to its proposition, by the stance's label.
_PROPOSITION_WORDS = {stance.label: stance.says for stance in vocab.STANCES}


def project_network(dataset) -> nx.MultiDiGraph:
    """The network of a dataset (an rdflib ``Dataset`` or ``Graph``, laid out as docs/model.md)."""
    union, graphs = union_graphs(dataset)
    reader = DatasetReader(union)
    g = nx.MultiDiGraph(name="ashraf-kg")
    claims = _claims_by_proposition(reader)
    for iri in sorted({s for s in union.subjects(RDF.type, None) if node_kind(s)}, key=str):
        _add_node(g, reader, iri)
    for graph in graphs:
        _add_event_edges(g, reader, graph, claims)
        _add_membership_edges(g, reader, graph, claims)
        _add_relation_edges(g, reader, graph, claims)
        _add_claim_edges(g, reader, graph)
    _add_documents(g)
    return g


def _add_node(g, reader: DatasetReader, iri) -> None:
    r = reader.g
    kind = node_kind(iri)
    types = sorted(name for name in map(akg_name, r.objects(iri, RDF.type)) if name is not None)
    specific = [t for t in types if t not in ("Place", "Event", "Statement")] or types
    attrs = {"label": reader.label(iri), "kind": kind, "type": specific[0] if specific else "",
             "iri": str(iri), "aliases": "; ".join(sorted({str(o) for o in r.objects(iri, SKOS.altLabel)})),
             "description": reader.text(iri, SCHEMA.description),
             "role": reader.text(iri, AKG.roleDescription), "documents": ""}
    if kind == "event":
        attrs.update(time_begin=reader.text(iri, SEM.hasBeginTimeStamp),
                     time_end=reader.text(iri, SEM.hasEndTimeStamp),
                     alleged=reader.flag(iri, AKG.alleged), counts=_counts(reader, iri))
    if kind == "claim":
        claimant = r.value(iri, AKG.claimant)
        attrs.update(claimant=reader.label(claimant) if claimant else "",
                     stance=reader.label(r.value(iri, AKG.stance)) if r.value(iri, AKG.stance) else "",
                     quoted=reader.text(iri, AKG.quotedText))
        if not reader.text(iri, RDFS.label):
            attrs["label"] = f"{attrs['claimant']} {attrs['stance']}: {_claim_topic(reader, iri)}"
    if kind in ("event", "claim"):
        ev = reader.evidence(iri)
        attrs.update(document=ev.document, quote=ev.quote, quote_start=ev.start, quote_end=ev.end,
                     sentence=ev.sentence)
    g.add_node(short_id(iri), **attrs)


def _claim_topic(reader: DatasetReader, claim) -> str:
    """What a claim says, in a few words: its proposition, else what it is about."""
    r = reader.g
    topics = []
    for proposition in sorted(r.objects(claim, AKG.proposition), key=str):
        if (proposition, RDF.type, AKG.Count) in r:
            topics.append(_count_words(reader, proposition))
        elif (proposition, RDF.type, ORG.Membership) in r:
            role = r.value(proposition, ORG.role)
            topics.append(f"{reader.label(r.value(proposition, ORG.member))} is "
                          f"{reader.label(role) if role else 'member'} of "
                          f"{reader.label(r.value(proposition, ORG.organization))}")
        elif (proposition, RDF.type, AKG.Relation) in r:
            predicate = r.value(proposition, RDF.predicate)
            topics.append(f"{reader.label(r.value(proposition, RDF.subject))} "
                          f"{RELATION_WORDS.get(predicate, short_id(predicate))} "
                          f"{reader.label(r.value(proposition, RDF.object))}")
        else:
            topics.append(reader.label(proposition))
    topics = topics or sorted(reader.label(a) for a in r.objects(claim, SCHEMA.about))
    return "; ".join(topics) or "…"


def _count_words(reader: DatasetReader, count) -> str:
    """``44 killed (“forty-four”)``."""
    value = reader.g.value(count, RDF.value)
    kind = reader.g.value(count, AKG.countKind)
    words = reader.text(count, AKG.countExpression)
    figure = str(value) if value is not None else words
    return (f"{figure} {reader.label(kind) if kind else ''}".strip()
            + (f" (“{words}”)" if words and words != figure else ""))


def _counts(reader: DatasetReader, event) -> str:
    return "; ".join(sorted(_count_words(reader, c) for c in reader.g.objects(event, AKG.hasCount)))


def _claims_by_proposition(reader: DatasetReader) -> dict:
    claims: dict = {}
    for claim, proposition in reader.g.subject_objects(AKG.proposition):
        claims.setdefault(proposition, []).append(claim)
    return {p: sorted(c, key=str) for p, c in claims.items()}


def _claim_fields(reader: DatasetReader, claims, *, alleged: bool = True) -> dict:
    """Claimant and stance of the claims an alleged statement rests on.

    A statement the document reports as fact keeps no claim fields even when some party
    denies it: the denial is a claim node of its own, linked to the statement.
    """
    r = reader.g
    claims = claims if alleged else []
    # One (claimant, stance) pair per distinct attribution; the two fields stay aligned,
    # so the n-th claimant holds the n-th stance.
    pairs = sorted({(reader.label(r.value(c, AKG.claimant)), reader.label(r.value(c, AKG.stance)))
                    for c in claims if r.value(c, AKG.claimant) is not None
                    and r.value(c, AKG.stance) is not None})
    return {"claim": "; ".join(short_id(c) for c in claims),
            "claimant": "; ".join(claimant for claimant, _ in pairs),
            "stance": "; ".join(stance for _, stance in pairs),
            "claimed": bool(claims)}


def _add_edge(g, source, target, *, statement, predicate, relation, link, evidence: Evidence,
              alleged=False, claim_fields=None) -> None:
    source, target = short_id(source), short_id(target)
    if source not in g or target not in g:
        return
    fields = claim_fields or {"claim": "", "claimant": "", "stance": "", "claimed": False}
    key = f"{short_id(statement)} {short_id(predicate)} {target if source == short_id(statement) else source}"
    key = f"{key} {evidence.document}".strip()
    g.add_edge(source, target, key=key, relation=relation, predicate=str(predicate),
               statement=short_id(statement), link=link, document=evidence.document,
               document_title=evidence.document_title, quote=evidence.quote,
               quote_start=evidence.start, quote_end=evidence.end, sentence=evidence.sentence,
               sentence_start=evidence.sentence_start, alleged=bool(alleged), **fields)


def _statements(graph: Graph, rdf_type) -> list:
    return sorted(set(graph.subjects(RDF.type, rdf_type)), key=str)


def _add_event_edges(g, reader: DatasetReader, graph: Graph, claims: dict) -> None:
    for event in sorted({s for s, _ in graph.subject_objects(PROV.wasDerivedFrom)
                         if node_kind(s) == "event"}, key=str):
        evidence = reader.evidence(event, graph)
        alleged = reader.flag(event, AKG.alleged)
        fields = _claim_fields(reader, claims.get(event, []), alleged=alleged)
        for predicate, words in EVENT_ROLES.items():
            for entity in sorted(graph.objects(event, predicate), key=str):
                _add_edge(g, event, entity, statement=event, predicate=predicate, relation=words,
                          link="event role", evidence=evidence, alleged=alleged, claim_fields=fields)


def _add_membership_edges(g, reader: DatasetReader, graph: Graph, claims: dict) -> None:
    for membership in _statements(graph, ORG.Membership):
        role = graph.value(membership, ORG.role)
        words = f"{reader.label(role)} of" if role is not None else "member of"
        if reader.flag(membership, AKG.former):
            words = f"former {words}"
        _add_edge(g, graph.value(membership, ORG.member), graph.value(membership, ORG.organization),
                  statement=membership, predicate=ORG.memberOf, relation=words, link="membership",
                  evidence=reader.evidence(membership, graph),
                  alleged=reader.flag(membership, AKG.alleged),
                  claim_fields=_claim_fields(reader, claims.get(membership, []),
                                             alleged=reader.flag(membership, AKG.alleged)))


def _add_relation_edges(g, reader: DatasetReader, graph: Graph, claims: dict) -> None:
    for relation in _statements(graph, AKG.Relation):
        predicate = graph.value(relation, RDF.predicate)
        _add_edge(g, graph.value(relation, RDF.subject), graph.value(relation, RDF.object),
                  statement=relation, predicate=predicate,
                  relation=RELATION_WORDS.get(predicate, last_segment(predicate)),
                  link="relation", evidence=reader.evidence(relation, graph),
                  alleged=reader.flag(relation, AKG.alleged),
                  claim_fields=_claim_fields(reader, claims.get(relation, []),
                                             alleged=reader.flag(relation, AKG.alleged)))


def _add_claim_edges(g, reader: DatasetReader, graph: Graph) -> None:
    for claim in _statements(graph, AKG.Claim):
        evidence = reader.evidence(claim, graph)
        fields = _claim_fields(reader, [claim])
        stance = fields["stance"] or "claims"
        for claimant in sorted(graph.objects(claim, AKG.claimant), key=str):
            _add_edge(g, claimant, claim, statement=claim, predicate=AKG.claimant, relation=stance,
                      link="claim", evidence=evidence, claim_fields=fields)
        for about in sorted(graph.objects(claim, SCHEMA.about), key=str):
            _add_edge(g, claim, about, statement=claim, predicate=SCHEMA.about, relation="about",
                      link="claim", evidence=evidence, claim_fields=fields)
        for proposition in sorted(graph.objects(claim, AKG.proposition), key=str):
            _add_proposition_edge(g, reader, claim, proposition, evidence, fields)


def _add_proposition_edge(g, reader: DatasetReader, claim, proposition, evidence, fields) -> None:
    r = reader.g
    target, words = proposition, _PROPOSITION_WORDS.get(fields["stance"], "states")
    if (proposition, RDF.type, AKG.Count) in r:
        target = r.value(proposition, AKG.countOf)
        words = f"gives the figure {_count_words(reader, proposition)}"
    elif (proposition, RDF.type, ORG.Membership) in r:
        target = r.value(proposition, ORG.member)
    elif (proposition, RDF.type, AKG.Relation) in r:
        target = r.value(proposition, RDF.subject)
    if target is not None:
        _add_edge(g, claim, target, statement=claim, predicate=AKG.proposition, relation=words,
                  link="claim", evidence=evidence, claim_fields=fields)


def _add_documents(g) -> None:
    """Each node's documents: where it is told, by its own evidence or by its links."""
    docs: dict[str, set] = {n: set() for n in g}
    for u, v, data in g.edges(data=True):
        if data["document"]:
            docs[u].add(data["document"])
            docs[v].add(data["document"])
    for n, data in g.nodes(data=True):
        if data.get("document"):
            docs[n].add(data["document"])
        data["documents"] = " ".join(sorted(docs[n]))
