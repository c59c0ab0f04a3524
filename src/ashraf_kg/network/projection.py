"""The network stage, step 2: project the RDF dataset onto a networkx ``MultiDiGraph``.

Nodes are people, organisations, groups, places, things, events and claims (ids such as
``person/nouri-al-maliki``); edges keep their evidence: the relation in plain words, the
quote, the document, the offsets, the sentence, whether the link is alleged, its status
(``fact``, ``alleged``, ``asserted``, ``denied``, ``contested``: computed here, once) and,
for links that rest on claims, one entry per claim in the aligned tuples ``claim``,
``claimant``, ``claimant_id`` and ``stance``. Lists stay tuples in the graph; the exports
(:mod:`.export`) flatten them to ``"; "``-joined text. ``NODE_FIELDS`` and ``EDGE_FIELDS``
list the attributes.

>>> g = project_network(read_dataset("graph"))          # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx

from .. import namespaces, vocab
from ..namespaces import akg_name, last_segment, short_id
from .reader import NODE_KINDS, PROV, RDF, RDFS, SCHEMA, SKOS, DatasetReader, Evidence, Terms, node_kind

AKG, ORG, SEM = Terms(namespaces.AKG), Terms(namespaces.ORG), Terms(namespaces.SEM)
# The words of each link on the network, by property.
EVENT_ROLES = {link.iri: link.words for link in (*vocab.EVENT_ROLES, *vocab.EVENT_LINKS)}
RELATION_WORDS = {predicate.iri: predicate.words for predicate in vocab.RELATION_PREDICATES}
LINK_STATUSES = ("fact", "alleged", "asserted", "denied", "contested")
NODE_FIELDS = ("id", "label", "kind", "type", "iri", "aliases", "description", "role", "mentions",
               "time_begin", "time_end", "time_expression", "alleged", "counts", "claimant",
               "claimant_id", "stance", "quoted", "documents", "document", "quote", "quote_start",
               "quote_end", "sentence", "sentence_start")
EDGE_FIELDS = ("source", "target", "key", "relation", "predicate", "statement", "statement_label",
               "link", "status", "document", "document_title", "quote", "quote_start", "quote_end",
               "sentence", "sentence_start", "marks", "alleged", "claimed", "claim", "claimant",
               "claimant_id", "stance")
# What a claim does to its proposition, by the stance's label.
_PROPOSITION_WORDS = {stance.label: stance.says for stance in vocab.STANCES}


def project_network(dataset) -> nx.MultiDiGraph:
    """The network of a dataset (an rdflib ``Dataset`` or ``Graph``, laid out as docs/model.md)."""
    reader = DatasetReader(dataset)
    g = nx.MultiDiGraph(name="ashraf-kg")
    claims = _claims_by_proposition(reader)
    # Only IRIs of the project's kinds of node can be nodes: the others are not sorted.
    kinds = tuple(f"{namespaces.ID}{kind}/" for kind in NODE_KINDS)
    for iri in reader.subjects(having=RDF.type, starting=kinds):
        if node_kind(iri):
            _add_node(g, reader, iri)
    for graph in reader.graph_names:
        _add_event_edges(g, reader, graph, claims)
        _add_membership_edges(g, reader, graph, claims)
        _add_relation_edges(g, reader, graph, claims)
        _add_claim_edges(g, reader, graph)
    _add_documents(g)
    return g


def link_status(*, alleged: bool, claimed: bool, stances=()) -> str:
    """``fact`` or ``alleged``; for a link resting on claims ``asserted``, ``denied`` (every
    claim denies it) or ``contested`` (some assert, some deny)."""
    if claimed:
        stances = {s for s in stances if s}
        if stances and stances <= {"denies"}:
            return "denied"
        return "contested" if "denies" in stances else "asserted"
    return "alleged" if alleged else "fact"


def _add_node(g, reader: DatasetReader, iri) -> None:
    kind = node_kind(iri)
    types = sorted(name for name in map(akg_name, reader.objects(iri, RDF.type)) if name is not None)
    specific = [t for t in types if t not in ("Place", "Event", "Statement")] or types
    attrs = {"label": reader.label(iri), "kind": kind, "type": specific[0] if specific else "",
             "iri": str(iri), "aliases": reader.texts(iri, SKOS.altLabel),
             "description": reader.text(iri, SCHEMA.description),
             "role": reader.text(iri, AKG.roleDescription), "mentions": reader.mention_count(iri),
             "documents": ()}
    if kind == "event":
        attrs.update(time_begin=reader.text(iri, SEM.hasBeginTimeStamp),
                     time_end=reader.text(iri, SEM.hasEndTimeStamp),
                     time_expression=tuple(sorted({e for t in reader.objects(iri, SEM.hasTime)
                                                   for e in reader.texts(t, AKG.timeExpression)})),
                     alleged=reader.flag(iri, AKG.alleged), counts=_counts(reader, iri))
    if kind == "claim":
        claimant, stance = reader.value(iri, AKG.claimant), reader.value(iri, AKG.stance)
        attrs.update(claimant=reader.label(claimant) if claimant is not None else "",
                     claimant_id=short_id(claimant) if claimant is not None else "",
                     stance=reader.label(stance) if stance is not None else "",
                     quoted=reader.text(iri, AKG.quotedText))
        if not reader.text(iri, RDFS.label):
            attrs["label"] = f"{attrs['claimant']} {attrs['stance']}: {_claim_topic(reader, iri)}"
    if kind in ("event", "claim"):
        ev = reader.evidence(iri)
        attrs.update(document=ev.document, quote=ev.quote, quote_start=ev.start, quote_end=ev.end,
                     sentence=ev.sentence, sentence_start=ev.sentence_start)
    g.add_node(short_id(iri), **attrs)


def _claim_topic(reader: DatasetReader, claim) -> str:
    """What a claim says, in a few words: its proposition, else what it is about."""
    topics = [_proposition_words(reader, p) for p in reader.objects(claim, AKG.proposition)]
    topics = topics or sorted(reader.label(a) for a in reader.objects(claim, SCHEMA.about))
    return "; ".join(topics) or "…"


def _proposition_words(reader: DatasetReader, proposition) -> str:
    if reader.has(proposition, RDF.type, AKG.Count):
        return _count_words(reader, proposition)
    if reader.has(proposition, RDF.type, ORG.Membership):
        return _membership_words(reader, proposition)
    if reader.has(proposition, RDF.type, AKG.Relation):
        return _relation_words(reader, proposition)
    return reader.label(proposition)


def _membership_words(reader: DatasetReader, membership) -> str:
    """``Nouri al-Maliki is Prime Minister of Government of Iraq``."""
    role = reader.value(membership, ORG.role)
    return (f"{reader.label(reader.value(membership, ORG.member))} is "
            f"{reader.label(role) if role is not None else 'member'} of "
            f"{reader.label(reader.value(membership, ORG.organization))}")


def _relation_words(reader: DatasetReader, relation) -> str:
    """``Camp Ashraf located in Diyala province``."""
    predicate = reader.value(relation, RDF.predicate)
    return (f"{reader.label(reader.value(relation, RDF.subject))} "
            f"{RELATION_WORDS.get(predicate, short_id(predicate))} "
            f"{reader.label(reader.value(relation, RDF.object))}")


def _count_words(reader: DatasetReader, count) -> str:
    """``44 killed (“forty-four”)``."""
    value, kind = reader.value(count, RDF.value), reader.value(count, AKG.countKind)
    words = reader.text(count, AKG.countExpression)
    figure = str(value) if value is not None else words
    return (f"{figure} {reader.label(kind) if kind is not None else ''}".strip()
            + (f" (“{words}”)" if words and words != figure else ""))


def _counts(reader: DatasetReader, event) -> tuple[str, ...]:
    return tuple(sorted(_count_words(reader, c) for c in reader.objects(event, AKG.hasCount)))


def _claims_by_proposition(reader: DatasetReader) -> dict:
    claims: dict = {}
    for claim, proposition in reader.pairs(AKG.proposition):
        claims.setdefault(proposition, []).append(claim)
    return claims


def _claim_fields(reader: DatasetReader, claims) -> dict:
    """One aligned entry per (claim, claimant): the claim, who makes it, and with what stance."""
    entries = [(short_id(c), reader.label(who), short_id(who),
                reader.label(stance) if (stance := reader.value(c, AKG.stance)) is not None else "")
               for c in claims for who in reader.objects(c, AKG.claimant) or [None] if who is not None]
    return {"claim": tuple(e[0] for e in entries), "claimant": tuple(e[1] for e in entries),
            "claimant_id": tuple(e[2] for e in entries), "stance": tuple(e[3] for e in entries),
            "claimed": bool(claims)}


def _add_edge(g, reader: DatasetReader, source, target, *, statement, label: str, predicate, relation: str,
              link: str, evidence: Evidence, alleged: bool = False, claims=()) -> None:
    """One link; ``claims`` are those it rests on (for a claim's own links, the claim)."""
    source, target = short_id(source), short_id(target)
    if source not in g or target not in g:
        return
    fields = _claim_fields(reader, claims)
    key = f"{short_id(statement)} {short_id(predicate)} {target if source == short_id(statement) else source}"
    key = f"{key} {evidence.document}".strip()
    g.add_edge(source, target, key=key, relation=relation, predicate=str(predicate),
               statement=short_id(statement), statement_label=label, link=link,
               status=link_status(alleged=alleged, claimed=fields["claimed"], stances=fields["stance"]),
               document=evidence.document, document_title=evidence.document_title, quote=evidence.quote,
               quote_start=evidence.start, quote_end=evidence.end, sentence=evidence.sentence,
               sentence_start=evidence.sentence_start, marks=evidence.marks, alleged=bool(alleged), **fields)


def _resting_claims(reader: DatasetReader, statement, claims: dict) -> tuple[bool, list]:
    """Whether a statement is alleged, and the claims it then rests on.

    A statement the document reports as fact rests on no claim even when some party denies
    it: the denial is a claim node of its own, linked to the statement.
    """
    alleged = reader.flag(statement, AKG.alleged)
    return alleged, claims.get(statement, []) if alleged else []


def _add_event_edges(g, reader: DatasetReader, graph: str, claims: dict) -> None:
    for event in reader.subjects(graph, having=PROV.wasDerivedFrom):
        if node_kind(event) != "event":
            continue
        evidence = reader.evidence(event, graph)
        alleged, resting = _resting_claims(reader, event, claims)
        for predicate, words in EVENT_ROLES.items():
            for entity in reader.objects(event, predicate, graph):
                _add_edge(g, reader, event, entity, statement=event, label=reader.label(event),
                          predicate=predicate, relation=words, link="event role",
                          evidence=role_evidence(reader, evidence, entity, place=predicate == SEM.hasPlace),
                          alleged=alleged, claims=resting)


def role_evidence(reader: DatasetReader, event: Evidence, entity, *, place: bool = False) -> Evidence:
    """The evidence for an event's link to ``entity``: the event's sentence, with the words
    that name the entity marked where that sentence has them. A place must be named by its
    name (not only "the site"): else the evidence is the sentence of the same document that
    names the place nearest to the event's words."""
    found = reader.mentions(event.document, entity)
    if not found or event.start < 0:
        return event
    stop = event.sentence_start + len(event.sentence)
    inside = [n for n in found if event.sentence_start <= n.start and n.end <= stop]
    names = {name.casefold() for name in (reader.label(entity), *reader.texts(entity, SKOS.altLabel))}
    named = [n for n in found if any(name in n.quote.casefold() for name in names)]
    if inside and (not place or any(n in named for n in inside)):
        return replace(event, marks=tuple((n.start, n.end) for n in inside
                                          if n.end <= event.start or n.start >= event.end))
    if not place:
        return event
    return min(named or found, key=lambda n: (max(n.start - event.end, event.start - n.end), n.start))


def _add_membership_edges(g, reader: DatasetReader, graph: str, claims: dict) -> None:
    for membership in reader.subjects(graph, of_type=ORG.Membership):
        role = reader.value(membership, ORG.role, graph)
        words = f"{reader.label(role)} of" if role is not None else "member of"
        if reader.flag(membership, AKG.former):
            words = f"former {words}"
        alleged, resting = _resting_claims(reader, membership, claims)
        _add_edge(g, reader, reader.value(membership, ORG.member, graph),
                  reader.value(membership, ORG.organization, graph), statement=membership,
                  label=_membership_words(reader, membership), predicate=ORG.memberOf, relation=words,
                  link="membership", evidence=reader.evidence(membership, graph), alleged=alleged, claims=resting)


def _add_relation_edges(g, reader: DatasetReader, graph: str, claims: dict) -> None:
    for relation in reader.subjects(graph, of_type=AKG.Relation):
        predicate = reader.value(relation, RDF.predicate, graph)
        alleged, resting = _resting_claims(reader, relation, claims)
        _add_edge(g, reader, reader.value(relation, RDF.subject, graph), reader.value(relation, RDF.object, graph),
                  statement=relation, label=_relation_words(reader, relation), predicate=predicate,
                  relation=RELATION_WORDS.get(predicate, last_segment(predicate)),
                  link="relation", evidence=reader.evidence(relation, graph), alleged=alleged, claims=resting)


def _add_claim_edges(g, reader: DatasetReader, graph: str) -> None:
    for claim in reader.subjects(graph, of_type=AKG.Claim):
        evidence = reader.evidence(claim, graph)
        label = g.nodes[short_id(claim)]["label"] if short_id(claim) in g else reader.label(claim)
        stance = reader.value(claim, AKG.stance)
        stance = reader.label(stance) if stance is not None else "claims"
        common = {"statement": claim, "label": label, "link": "claim", "evidence": evidence, "claims": [claim]}
        for claimant in reader.objects(claim, AKG.claimant, graph):
            _add_edge(g, reader, claimant, claim, predicate=AKG.claimant, relation=stance, **common)
        for about in reader.objects(claim, SCHEMA.about, graph):
            _add_edge(g, reader, claim, about, predicate=SCHEMA.about, relation="about", **common)
        for proposition in reader.objects(claim, AKG.proposition, graph):
            target, words = _proposition_target(reader, proposition, stance)
            if target is not None:
                _add_edge(g, reader, claim, target, predicate=AKG.proposition, relation=words, **common)


def _proposition_target(reader: DatasetReader, proposition, stance: str) -> tuple:
    """The node a claim's proposition points to, and the words for that link."""
    if reader.has(proposition, RDF.type, AKG.Count):
        return reader.value(proposition, AKG.countOf), f"gives the figure {_count_words(reader, proposition)}"
    words = _PROPOSITION_WORDS.get(stance, "states")
    if reader.has(proposition, RDF.type, ORG.Membership):
        return reader.value(proposition, ORG.member), words
    if reader.has(proposition, RDF.type, AKG.Relation):
        return reader.value(proposition, RDF.subject), words
    return proposition, words


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
        data["documents"] = tuple(sorted(docs[n]))
