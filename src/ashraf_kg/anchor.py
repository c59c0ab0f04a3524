"""Anchoring: turn each quoted piece of evidence into character offsets.

Offsets count Unicode code points of the cleaned text (``text.txt``), as W3C Web
Annotation's TextPositionSelector does. A quote written with straight quotes or
hyphens still anchors to curly quotes or dashes in the text: the folding maps one
character to one character, so offsets found in the folded text are offsets in
the real text, and the span records the text's own characters.
"""

from __future__ import annotations

from .clean import fold
from .errors import AnchorError
from .model import AnchoredDocument, Annotations, Corpus, Document, Quote, Span

CONTEXT = 32  # characters of prefix/suffix recorded in each TextQuoteSelector



def find_all(text: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``text``, overlapping matches included."""
    starts, start = [], text.find(needle)
    while start >= 0:
        starts.append(start)
        start = text.find(needle, start + 1)
    return starts


def _line_col(text: str, offset: int) -> str:
    # Only for error messages, for a few offsets: counting from the start is fine.
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _candidates(text: str, quote: Quote, folded: str | None = None) -> list[int]:
    """Starts of the quote (exact, then folded); prefix and suffix are compared in place,
    never by copying the text before each candidate, so the work stays linear in the text."""
    for haystack, exact, prefix, suffix in (
            (text, quote.exact, quote.prefix, quote.suffix),
            (None, fold(quote.exact), fold(quote.prefix), fold(quote.suffix))):
        if haystack is None:
            haystack = folded if folded is not None else fold(text)
        starts = [s for s in find_all(haystack, exact)
                  if haystack.endswith(prefix, 0, s)
                  and haystack.startswith(suffix, s + len(exact))]
        if starts:
            return starts
    return []


def make_span(text: str, doc_id: str, start: int, end: int) -> Span:
    """The span ``text[start:end]`` with up to CONTEXT characters of context each side."""
    return Span(doc_id=doc_id, start=start, end=end, exact=text[start:end],
                prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT])


def _span_at(text: str, quote: Quote, *, doc_id: str, where: str) -> Span:
    """The span at the offsets a draft recorded, when the quote's words are there."""
    start, end = quote.start, quote.start + len(quote.exact)
    found = text[start:end]
    if found != quote.exact and fold(found) != fold(quote.exact):
        raise AnchorError(f"quote {quote.exact!r} is not at offsets {start}-{end} of document "
                          f"{doc_id} (the text there reads {found!r})", where=where,
                          hint="fix the quote, or remove start and end to have it found by its words")
    return make_span(text, doc_id, start, end)


def anchor_quote(text: str, quote: Quote, *, doc_id: str, all: bool = False,
                 folded: str | None = None) -> tuple[Span, ...]:
    """Anchor ``quote`` in ``text``; with ``all`` every occurrence, else exactly one.
    ``folded`` is ``fold(text)`` when the caller has it (one per document, not per quote).

    >>> anchor_quote("a cat and a cat", Quote("cat", prefix="and a "), doc_id="d")[0].start
    12
    """
    where = str(quote.location) or doc_id
    if not quote.exact.strip():
        raise AnchorError(f"empty quote in document {doc_id}", where=where)
    if quote.start is not None and not all:
        return (_span_at(text, quote, doc_id=doc_id, where=where),)
    starts = _candidates(text, quote, folded)
    if not starts:
        raise AnchorError(f"quote not found in document {doc_id}: {quote.exact!r}"
                          + (f" with prefix {quote.prefix!r}" if quote.prefix else "")
                          + (f" and suffix {quote.suffix!r}" if quote.suffix else ""),
                          where=where, hint="copy the words exactly from the document's text.txt")
    if len(starts) > 1 and not all:
        places = "; ".join(_line_col(text, s) for s in starts[:5]) + ("; …" if len(starts) > 5 else "")
        raise AnchorError(f"quote {quote.exact!r} occurs {len(starts)} times in document "
                          f"{doc_id} ({places})", where=where,
                          hint="add a prefix or suffix that makes it unique, or 'all: true' "
                               "for a mention")
    return tuple(make_span(text, doc_id, s, s + len(quote.exact)) for s in starts)


def iter_quotes(annotations: Annotations):
    """Every (quote, all-occurrences) pair of an annotations file, in file order."""
    for mention in annotations.mentions:
        yield mention.quote, mention.all
    for event in annotations.events:
        yield event.evidence, False
        for count in event.counts:
            yield count.evidence, False
    for item in (*annotations.memberships, *annotations.relations, *annotations.claims):
        yield item.evidence, False


def anchor_document(document: Document, annotations: Annotations) -> AnchoredDocument:
    """Anchor every quote of ``annotations`` in ``document``'s cleaned text.

    A quote is anchored once per way it is asked for: the same words as an ``all: true``
    mention and as evidence are two questions, and the evidence must still be unique.
    """
    asked: set[tuple[Quote, bool]] = set()
    spans: dict[Quote, tuple[Span, ...]] = {}
    folded = fold(document.text)
    for quote, every in iter_quotes(annotations):
        if (quote, every) not in asked:
            asked.add((quote, every))
            found = anchor_quote(document.text, quote, doc_id=document.id, all=every,
                                 folded=folded)
            spans.setdefault(quote, found)
    return AnchoredDocument(document=document, annotations=annotations,
                            spans=tuple(spans.items()))


def anchor_corpus(corpus: Corpus, *, include_drafts: bool = False) -> list[AnchoredDocument]:
    """Anchor the annotations to publish: reviewed ones, and drafts when asked."""
    documents = {d.id: d for d in corpus.documents}
    return [anchor_document(documents[a.document], a) for a in corpus.annotations
            if a.status == "reviewed" or include_drafts]
