"""Curation effort: what a curator changed in a machine draft to make it reviewed.

``draft.yaml`` (what ``extract`` and ``review`` proposed) is compared with
``annotations.yaml`` (what the curator published). Each drafted statement is

- **kept** when a curated statement at the same place says the same thing,
- **edited** when a curated statement at the same place says something else,
- **dropped** when no curated statement is at its place;

each curated statement no drafted one became was **added** by hand. Statements are
mention occurrences (entity and span: an ``all: true`` quote counts once per occurrence),
events, relations (posts and other relations) and claims. "The same place" is an
overlap of evidence spans (each statement paired at most once, largest overlap first);
"the same thing" ignores ids, labels and confidence, and compares:

- mentions: entity and exact span;
- events: type, alleged, roles, places, the events they are part of or about, time, and
  counts (kind and value);
- relations: member or subject, organisation or object, post (case aside), former, alleged;
- claims: claimant, stance, what they are about, proposition, quoted words, relayer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExtractionError
from ..model import Annotations, Document
from .evaluate import _match, _overlap, _spans

KINDS = ("mentions", "events", "relations", "claims")
OUTCOMES = ("kept", "edited", "dropped", "added")


@dataclass(frozen=True)
class Effort:
    """How many statements of each kind were kept, edited, dropped and added."""

    document: str
    counts: dict  # kind -> outcome -> number

    def total(self, outcome: str) -> int:
        return sum(self.counts[kind][outcome] for kind in KINDS)

    @property
    def drafted(self) -> int:
        return self.total("kept") + self.total("edited") + self.total("dropped")

    @property
    def curated(self) -> int:
        return self.total("kept") + self.total("edited") + self.total("added")


def measure_effort(draft: Annotations, curated: Annotations, document: Document) -> Effort:
    """Compare a document's draft with its curated annotations.

    >>> measure_effort(draft, curated, document).total("added")   # doctest: +SKIP
    57
    """
    if draft.document != curated.document or curated.document != document.id:
        raise ExtractionError("annotations of different documents cannot be compared",
                              where=f"{draft.document} vs {curated.document}")
    text, doc_id = document.text, document.id
    counts = {"mentions": _outcomes(_mention_items(draft, text), _mention_items(curated, text))}
    draft_events, curated_events = _located(draft.events, text, doc_id), _located(
        curated.events, text, doc_id)
    events = _paired_ids(draft_events, curated_events)
    counts["events"] = _outcomes([(s, _event_signature(e, events)) for s, e in draft_events],
                                 [(s, _event_signature(e, {})) for s, e in curated_events])
    relations = [*draft.memberships, *draft.relations], [*curated.memberships, *curated.relations]
    located = [_located(items, text, doc_id) for items in relations]
    statements = {**events, **_paired_ids(*located)}  # what claims' propositions refer to
    counts["relations"] = _outcomes(*[[(s, _relation_signature(r)) for s, r in items]
                                      for items in located])
    counts["claims"] = _outcomes(
        [(s, _claim_signature(c, statements)) for s, c in _located(draft.claims, text, doc_id)],
        [(s, _claim_signature(c, {})) for s, c in _located(curated.claims, text, doc_id)])
    return Effort(document.id, counts)


def _located(items, text: str, doc_id: str) -> list[tuple[tuple[int, int], object]]:
    return [(_spans(text, item.evidence, doc_id)[0], item) for item in items]


def _paired_ids(drafted: list, curated: list) -> dict[str, str]:
    pairs = _match(drafted, curated, lambda x, c: _overlap(x[0], c[0]))
    return {drafted[i][1].id: curated[j][1].id for i, j in pairs}


def _mention_items(annotations: Annotations, text: str) -> list[tuple[tuple[int, int], tuple]]:
    items = {(span, (mention.entity, span)) for mention in annotations.mentions
             for span in _spans(text, mention.quote, annotations.document, mention.all)}
    return sorted(items)


def _event_signature(event, ids: dict) -> tuple:
    time = event.time
    return (event.type, event.alleged, tuple(sorted((r, tuple(sorted(e))) for r, e in event.roles)),
            tuple(sorted(event.place)), ids.get(event.part_of, event.part_of),
            ids.get(event.about, event.about), (time.expression, time.begin, time.end,
                                                time.duration),
            tuple(sorted((c.kind, -1 if c.value is None else c.value) for c in event.counts)))


def _relation_signature(item) -> tuple:
    if hasattr(item, "member"):
        return ("membership", item.member, item.organization, item.role.casefold(), item.former,
                item.alleged)
    return (item.predicate, item.subject, item.object, item.alleged)


def _claim_signature(claim, ids: dict) -> tuple:
    return (claim.claimant, claim.stance, tuple(sorted(ids.get(a, a) for a in claim.about)),
            ids.get(claim.proposition, claim.proposition), claim.quoted, claim.reported_by)


def _outcomes(drafted: list, curated: list) -> dict[str, int]:
    """kept / edited / dropped / added of located statements ``(span, signature)``."""
    pairs = _match(drafted, curated, lambda x, c: _overlap(x[0], c[0]))
    kept = sum(1 for i, j in pairs if drafted[i][1] == curated[j][1])
    return {"kept": kept, "edited": len(pairs) - kept, "dropped": len(drafted) - len(pairs),
            "added": len(curated) - len(pairs)}


def measure_corpus_effort(corpus_dir: str | Path, doc_ids=()) -> list[Effort]:
    """The effort of every document of ``corpus_dir`` that has both a draft and a curated file."""
    from ..corpus.annotations import read_annotations
    from ..corpus.reader import list_document_dirs, read_document

    corpus_dir = Path(corpus_dir)
    dirs = [corpus_dir / d for d in doc_ids] if doc_ids else [
        d for d in list_document_dirs(corpus_dir)
        if (d / "draft.yaml").is_file() and (d / "annotations.yaml").is_file()]
    efforts = []
    for doc_dir in dirs:
        for name in ("draft.yaml", "annotations.yaml"):
            if not (doc_dir / name).is_file():
                raise ExtractionError(f"no {name}", where=str(doc_dir / name),
                                      hint="effort compares a document's draft with its curation")
        document = read_document(doc_dir)
        efforts.append(measure_effort(read_annotations(doc_dir / "draft.yaml", document.id),
                                      read_annotations(doc_dir / "annotations.yaml", document.id),
                                      document))
    return efforts


def format_effort(efforts: list[Effort], *, fmt: str = "markdown") -> str:
    """A table of statements drafted, kept, edited, dropped, added and curated per document,
    with totals and the share of curated statements the draft supplied unchanged."""
    if fmt == "json":
        return json.dumps([{"document": e.document, **e.counts} for e in efforts], indent=2) + "\n"
    header = ("document", "drafted", "kept", "edited", "dropped", "added", "curated", "kept share")
    rows = [(e.document, e.drafted, e.total("kept"), e.total("edited"), e.total("dropped"),
             e.total("added"), e.curated) for e in efforts]
    totals = ("total", *(sum(r[i] for r in rows) for i in range(1, 7)))
    lines = [header, *[(*r, _share(r)) for r in rows], (*totals, _share(totals))]
    kinds = [("statement kind", "drafted", "kept", "edited", "dropped", "added", "curated",
              "kept share")]
    for kind in KINDS:
        n = [sum(e.counts[kind][o] for e in efforts) for o in OUTCOMES]
        row = (kind, n[0] + n[1] + n[2], *n, n[0] + n[1] + n[3])
        kinds.append((*row[:7], _share(row)))
    return _render(lines, fmt) + "\n" + _render(kinds, fmt)


BEGIN = "<!-- generated: ashraf-kg effort --format markdown -->"
END = "<!-- end -->"


def update_effort_page(path: str | Path, efforts: list[Effort]) -> None:
    """Replace the generated tables of a Markdown page (between its ``BEGIN`` and ``END``
    markers) with the tables of ``efforts``, atomically."""
    from ..fileio import write_text_atomic

    path = Path(path)
    page = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN not in page or END not in page.split(BEGIN, 1)[1]:
        raise ExtractionError("the page has no generated block", where=str(path),
                              hint=f"put the lines {BEGIN.strip()} and {END.strip()} where the "
                                   "tables go")
    head, rest = page.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    write_text_atomic(path, f"{head}{BEGIN}\n{format_effort(efforts)}{END}{tail}")


def _share(row) -> str:
    """Kept statements as a share of curated ones: what the draft saved the curator."""
    return f"{row[2] / row[6]:.0%}" if row[6] else "-"


def _render(rows: list, fmt: str) -> str:
    cells = [[str(c) for c in row] for row in rows]
    if fmt == "markdown":
        out = ["| " + " | ".join(cells[0]) + " |",
               "| " + " | ".join(["---"] + ["---:"] * (len(cells[0]) - 1)) + " |"]
        out += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(out) + "\n"
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True)))
                     for row in cells) + "\n"
