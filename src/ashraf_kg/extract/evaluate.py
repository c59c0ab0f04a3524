"""Measuring extraction: precision, recall and F1 against curated annotations.

What counts as a match (each item matched at most once, best overlap first):

- entity mentions: same entity, overlapping spans (every occurrence of an ``all: true`` quote);
- entities: the set of entity ids the mentions name;
- events: overlapping evidence spans and the same type;
- event roles: (role, entity) pairs of matched events, ``place`` counted as a role; pairs
  of unmatched events count as false alarms or misses;
- claims: same claimant, same stance, overlapping evidence;
- relations: memberships and relations as (type or predicate, member or subject,
  organisation or object) triples, whatever their evidence.

``evaluate_corpus`` scores every curated document; with ``held_out_registry=True`` each
document is extracted with a registry stripped of the spellings only that document uses
(:func:`hold_out_registry`), so the figure measures the rules rather than what curating
the document taught the registry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..anchor import anchor_quote
from ..errors import AnchorError, ExtractionError
from ..model import Annotations, Document, Entity
from .names import is_named_in, occurs

ASPECTS = ("mentions", "entities", "events", "roles", "claims", "relations")
# F1 goals, micro-averaged over every curated document with the held-out registry.
GOALS = {"entities": 0.90, "events": 0.70, "roles": 0.60, "claims": 0.65, "relations": 0.60}


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one aspect, with what was missed and falsely found."""

    matched: int
    extracted: int
    curated: int
    misses: tuple[str, ...] = ()
    false_alarms: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """Scores of one document (or ``micro``: all documents pooled); ``invented`` lists the
    extracted entities none of whose names occurs in the document."""

    document: str
    aspects: dict[str, Score] = field(default_factory=dict)
    invented: tuple[str, ...] = ()

    def __getitem__(self, aspect: str) -> Score:
        return self.aspects[aspect]

    def as_dict(self) -> dict:
        return {"document": self.document, **{
            name: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                   "f1": round(s.f1, 3), "matched": s.matched, "extracted": s.extracted,
                   "curated": s.curated, "misses": list(s.misses),
                   "false_alarms": list(s.false_alarms)}
            for name, s in self.aspects.items()}, "invented": list(self.invented)}


def _spans(text: str, quote, doc_id: str, every: bool = False) -> list[tuple[int, int]]:
    try:
        return [(s.start, s.end) for s in anchor_quote(text, quote, doc_id=doc_id, all=every)]
    except AnchorError:
        if every:
            raise
        spans = anchor_quote(text, quote, doc_id=doc_id, all=True)  # ambiguous: take the first
        return [(spans[0].start, spans[0].end)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(extracted: list, curated: list, compatible) -> list[tuple[int, int]]:
    """One-to-one pairs (index in extracted, index in curated), largest overlap first."""
    candidates = []
    for i, x in enumerate(extracted):
        for j, c in enumerate(curated):
            overlap = compatible(x, c)
            if overlap:
                candidates.append((overlap, i, j))
    pairs, used_x, used_c = [], set(), set()
    for _, i, j in sorted(candidates, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_x and j not in used_c:
            pairs.append((i, j))
            used_x.add(i)
            used_c.add(j)
    return pairs


def _score(extracted: list, curated: list, pairs, describe) -> Score:
    used_x = {i for i, _ in pairs}
    used_c = {j for _, j in pairs}
    return Score(len(pairs), len(extracted), len(curated),
                 tuple(describe(c) for j, c in enumerate(curated) if j not in used_c),
                 tuple(describe(x) for i, x in enumerate(extracted) if i not in used_x))


def _mention_spans(annotations: Annotations, text: str) -> list[tuple[str, tuple[int, int]]]:
    items = set()
    for mention in annotations.mentions:
        for span in _spans(text, mention.quote, annotations.document, mention.all):
            items.add((mention.entity, span))
    return sorted(items, key=lambda m: m[1])


def _event_items(annotations: Annotations, text: str) -> list[dict]:
    items = []
    for event in annotations.events:
        pairs = {(role, entity) for role, ids in event.roles for entity in ids}
        pairs |= {("place", entity) for entity in event.place}
        items.append({"id": event.id, "type": event.type, "roles": pairs,
                      "span": _spans(text, event.evidence, annotations.document)[0]})
    return items


def _claim_items(annotations: Annotations, text: str) -> list[dict]:
    return [{"id": c.id, "claimant": c.claimant, "stance": c.stance,
             "span": _spans(text, c.evidence, annotations.document)[0]}
            for c in annotations.claims]


def evaluate(extracted: Annotations, curated: Annotations, document: Document,
             registry: tuple[Entity, ...] = ()) -> Scores:
    """Score ``extracted`` annotations of ``document`` against the ``curated`` ones.

    >>> evaluate(draft, curated, document)["events"].f1   # doctest: +SKIP
    0.85
    """
    if extracted.document != curated.document or curated.document != document.id:
        raise ExtractionError("annotations of different documents cannot be compared",
                              where=f"{extracted.document} vs {curated.document}")
    text, aspects = document.text, {}
    xm, cm = _mention_spans(extracted, text), _mention_spans(curated, text)
    pairs = _match(xm, cm, lambda x, c: x[0] == c[0] and _overlap(x[1], c[1]))
    aspects["mentions"] = _score(xm, cm, pairs, lambda m: f"{m[0]} {text[m[1][0]:m[1][1]]!r}"
                                 f" @{m[1][0]}")
    xe, ce = sorted({m[0] for m in xm}), sorted({m[0] for m in cm})
    aspects["entities"] = _score(xe, ce, _match(xe, ce, lambda x, c: x == c), str)
    xv, cv = _event_items(extracted, text), _event_items(curated, text)
    pairs = _match(xv, cv, lambda x, c: x["type"] == c["type"] and _overlap(x["span"], c["span"]))
    aspects["events"] = _score(xv, cv, pairs, lambda e: f"{e['type']} {e['id']} "
                               f"{text[e['span'][0]:e['span'][1]][:60]!r}")
    aspects["roles"] = _role_score(xv, cv, pairs)
    xc, cc = _claim_items(extracted, text), _claim_items(curated, text)
    pairs = _match(xc, cc, lambda x, c: x["claimant"] == c["claimant"]
                   and x["stance"] == c["stance"] and _overlap(x["span"], c["span"]))
    aspects["claims"] = _score(xc, cc, pairs, lambda c: f"{c['stance']} by {c['claimant']}: "
                               f"{text[c['span'][0]:c['span'][1]][:60]!r}")
    xr, cr = _relation_items(extracted), _relation_items(curated)
    aspects["relations"] = _score(xr, cr, _match(xr, cr, lambda x, c: x == c), " ".join)
    return Scores(document.id, aspects, invented_entities(extracted, document, registry))


def micro_scores(scores: list[Scores]) -> Scores:
    """Every document's matches, extractions and curated items pooled (micro average)."""
    pooled = {name: Score(sum(s[name].matched for s in scores), sum(s[name].extracted for s in scores),
                          sum(s[name].curated for s in scores)) for name in ASPECTS}
    return Scores("micro", pooled, tuple(i for s in scores for i in s.invented))


def _entity_ids(annotations: Annotations) -> set[str]:
    ids = {m.entity for m in annotations.mentions}
    for event in annotations.events:
        ids |= {e for _, group in event.roles for e in group} | set(event.place)
    for item in annotations.memberships:
        ids |= {item.member, item.organization}
    for item in annotations.relations:
        ids |= {item.subject, item.object}
    for claim in annotations.claims:
        ids |= {claim.claimant, *(a for a in claim.about if "/" in a)}
    return ids


def invented_entities(annotations: Annotations, document: Document,
                      registry: tuple[Entity, ...]) -> tuple[str, ...]:
    """Entities a draft names although none of their names (``registry``'s label and
    aliases) occurs in the document; the document's own voice is not counted, a country's
    government is named where the country is, and a described group ("Those wounded at
    Camp Nord") where its place is, by any of the place's names."""
    from .described import named_through_its_place
    from .institutions import governments

    known = {e.id: e for e in registry}
    # A country's government is named by the country's name where the country acts ("The
    # United States condemns …"): the registry says which organisation governs which country.
    country_of = {government: country for country, government in governments(registry).items()}

    def named(entity_id: str) -> bool:
        entity, country = known[entity_id], known.get(country_of.get(entity_id, ""))
        return is_named_in(entity, document.text) or (
            country is not None and is_named_in(country, document.text)) or (
            entity.kind == "group" and named_through_its_place(entity, registry, document.text))

    return tuple(sorted(i for i in _entity_ids(annotations) - {document.meta.author}
                        if i in known and not named(i)))


def _relation_items(annotations: Annotations) -> list[tuple[str, str, str]]:
    items = {("membership", m.member, m.organization) for m in annotations.memberships}
    items |= {(r.predicate, r.subject, r.object) for r in annotations.relations}
    return sorted(items)


def hold_out_registry(registry: tuple[Entity, ...], document: Document,
                      others: list[Document]) -> tuple[Entity, ...]:
    """``registry`` without the aliases that occur in ``document`` and in no other document.

    Every entity keeps its canonical label; an alias stays only if another document's
    text uses it (or no document does). Scoring a document against this registry tells
    how well the rules find what the registry was not taught by that very document.
    """
    held = []
    for entity in registry:
        common = entity.kind in ("group", "thing")
        kept = tuple(a for a in entity.aliases
                     if not occurs(a, document.text, ignore_case=common)
                     or any(occurs(a, o.text, ignore_case=common) for o in others))
        held.append(replace(entity, aliases=kept))
    return tuple(held)


def evaluate_corpus(corpus_dir: str | Path, doc_ids=(), *,
                    held_out_registry: bool = False) -> list[Scores]:
    """Extract and score every curated document of ``corpus_dir`` (or those of ``doc_ids``).

    >>> [s.document for s in evaluate_corpus("corpus")]          # doctest: +SKIP
    ['000_998ad53316df0c2c', '001_wikipedia_2013_camp_ashraf_massacre']
    """
    from ..corpus.annotations import read_annotations
    from ..corpus.reader import list_document_dirs, read_document, read_registry
    from .pipeline import extract_annotations

    corpus_dir = Path(corpus_dir)
    registry = read_registry(corpus_dir / "registry.yaml")
    every = list_document_dirs(corpus_dir)
    dirs = [corpus_dir / d for d in doc_ids] if doc_ids else [
        d for d in every if (d / "annotations.yaml").exists()]
    documents = {d.name: read_document(d) for d in {*every, *dirs}}
    scores = []
    for doc_dir in dirs:
        document = documents[doc_dir.name]
        curated = read_annotations(doc_dir / "annotations.yaml", document.id)
        used = registry if not held_out_registry else hold_out_registry(
            registry, document, [d for name, d in documents.items() if name != doc_dir.name])
        scores.append(evaluate(extract_annotations(document, used), curated, document, registry))
    return scores


def _role_score(xv: list[dict], cv: list[dict], pairs) -> Score:
    partner = dict(pairs)
    matched, misses, alarms = 0, [], []
    for i, event in enumerate(xv):
        gold = cv[partner[i]]["roles"] if i in partner else set()
        for role, entity in sorted(event["roles"]):
            if (role, entity) in gold:
                matched += 1
            else:
                alarms.append(f"{event['id']}: {role} {entity}")
    found = {j: xv[i]["roles"] for i, j in pairs}
    for j, event in enumerate(cv):
        misses += [f"{event['id']}: {r} {e}" for r, e in sorted(event["roles"])
                   if (r, e) not in found.get(j, set())]
    return Score(matched, sum(len(e["roles"]) for e in xv), sum(len(e["roles"]) for e in cv),
                 tuple(misses), tuple(alarms))


def format_markdown(scores: list[Scores]) -> str:
    """F1 per document and aspect, then the micro average (P / R / F1), as a Markdown table."""
    lines = ["| document | " + " | ".join(ASPECTS) + " | invented |",
             "| --- |" + " --- |" * (len(ASPECTS) + 1)]
    for score in scores:
        lines.append(f"| {score.document} | " + " | ".join(f"{score[a].f1:.3f}" for a in ASPECTS)
                     + f" | {len(score.invented)} |")
    micro = micro_scores(scores)
    lines.append("| **micro (P / R / F1)** | " + " | ".join(
        f"{micro[a].precision:.2f} / {micro[a].recall:.2f} / **{micro[a].f1:.3f}**" for a in ASPECTS)
        + f" | {len(micro.invented)} |")
    return "\n".join(lines) + "\n"


def format_scores(scores: list[Scores], *, fmt: str = "table", details: bool = True) -> str:
    """Scores as a text table (per document, then micro; with misses and false alarms),
    a Markdown table (``fmt="markdown"``) or JSON."""
    if fmt == "json":
        return json.dumps([s.as_dict() for s in scores], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return format_markdown(scores)
    lines = [f"{'document':42} {'aspect':9} {'P':>6} {'R':>6} {'F1':>6} {'goal':>5}"]
    for score in [*scores, micro_scores(scores)] if len(scores) > 1 else scores:
        for name in ASPECTS:
            s = score[name]
            goal = f"{GOALS[name]:.2f}" if name in GOALS else ""
            lines.append(f"{score.document[:42]:42} {name:9} {s.precision:6.3f} {s.recall:6.3f}"
                         f" {s.f1:6.3f} {goal:>5}")
    for score in scores:
        lines += [f"{score.document} invented entity: {i}" for i in score.invented]
    if details:
        for score in scores:
            for name in ASPECTS:
                s = score[name]
                for label, items in (("miss", s.misses), ("false alarm", s.false_alarms)):
                    lines += [f"{score.document} {name} {label}: {item}" for item in items]
    return "\n".join(lines) + "\n"
