"""Extraction, step 1b: quotations, their speakers, and the pronouns that point back.

A quotation (“…” or "…") belongs to the speaker of the speech verb that introduces it
("Ban Ki-moon said he “…”", "The statement added, “…”"), or of a label just before it
("Statement by Ban Ki-moon:"); inside it, "I" and "we" are
that speaker. "The statement" speaking is whoever made the statement just told. Outside
quotations, "he"/"she" is the person named before it in its sentence (else in the
sentence before), "they" as a subject the organisation or group named before it in the
same sentence ("Iraqi soldiers didn't …, but they didn't …") when no other plural noun
stands between them, and "the group" the
organisation or group of that sentence or the one before — each only when one entity
alone fits, and none whose antecedent is joined by "and"/"or" to a proper name no
mention covers; otherwise it stays unresolved. Each resolution is a mention
(``via="pronoun"``) with a low confidence.
"""

from __future__ import annotations

import re

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .mentions import Hit
from .names import fold

SPEECH_VERB = re.compile(r"\b(?:said|says|stated|states|added|adds|told|wrote|declared|announced"
                         r"|condemned|believe[sd]?)\b")
_INTRO = re.compile(r"\b(?:said|says|stated|states|added|adds|told|wrote|declared|announced)"
                    r"(?:\s+that)?,?\s*(?:(?:he|she|they|it)\s+)?$")
_LABEL = re.compile(r"\b(?:[Ss]tatement|[Rr]emarks|[Cc]omments?|[Mm]essage)\s+(?:by|from|of)\s+"
                    r"([^:\n]{2,80}):\s*\Z")
_STATEMENT = re.compile(r"\b[Tt]he (?:statement|report|communiqu[eé]|announcement)\b")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotation marks, per line."""
    folded, spans = fold(text), []
    for line in re.finditer(r"[^\n]+", folded):
        marks = [line.start() + m.start() for m in re.finditer(r'"', line[0])]
        spans += [(a + 1, b) for a, b in zip(marks[::2], marks[1::2], strict=False)]
    return spans


def _kind(hit: Hit) -> str:
    return kind_of(hit.entity)


def _sentence_of(sentences, at: int) -> tuple[int, int]:
    return next((s for s in sentences if s[0] <= at < s[1] + 1), (0, at))


def _statement_speaker(folded: str, sentences, hits: list[Hit], at: int) -> str | None:
    """Who made the statement a sentence refers back to: the speaker of the sentence before."""
    index = sentences.index(_sentence_of(sentences, at)) if _sentence_of(
        sentences, at) in sentences else 0
    for start, end in reversed(sentences[:index]):
        verb = SPEECH_VERB.search(folded, start, end)
        actors = [h for h in hits if start <= h.start and verb and h.end <= verb.start()
                  and _kind(h) in ACTOR_KINDS]
        if actors:
            return actors[-1].entity
    return None


def _speaker(folded: str, sentences, hits: list[Hit], quote: tuple[int, int]) -> str | None:
    """The speaker of a quotation: the subject of the speech verb just before it."""
    sentence = _sentence_of(sentences, quote[0])
    before = folded[sentence[0]:quote[0] - 1]
    verb = _INTRO.search(before)
    if not verb:
        return _labelled_speaker(folded, hits, quote)
    subject = before[:verb.start()]
    actors = [h for h in hits if sentence[0] <= h.start and h.end <= sentence[0] + verb.start()
              and _kind(h) in ACTOR_KINDS]
    statement = list(_STATEMENT.finditer(subject))
    if statement and (not actors or actors[-1].start < sentence[0] + statement[-1].start()):
        return _statement_speaker(folded, sentences, hits, quote[0])
    return actors[-1].entity if actors else None


def _labelled_speaker(folded: str, hits: list[Hit], quote: tuple[int, int]) -> str | None:
    """The speaker a label names just before the quotation ("Statement by X:")."""
    start = max(0, quote[0] - 160)
    label = _LABEL.search(folded, start, quote[0] - 1)
    if not label:
        return None
    actors = [h for h in hits if label.start(1) <= h.start and h.end <= label.end(1) and _kind(h) in ACTOR_KINDS]
    return actors[-1].entity if actors else None


def find_references(text: str, sentences, hits: list[Hit]) -> list[Hit]:
    """Pronouns and "the statement" resolved to the entities they point back to."""
    folded, found = fold(text), []
    quotes = find_quotations(text)
    for quote in quotes:
        speaker = _speaker(folded, sentences, hits, quote)
        if speaker:
            for m in re.finditer(r"\b(?:I|[Ww]e|me|us)\b", folded[quote[0]:quote[1]]):
                found.append(Hit(speaker, quote[0] + m.start(), quote[0] + m.end(), 0.5, "pronoun"))
    for m in re.finditer(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Tt]he group)\b", folded):
        sentence = _sentence_of(sentences, m.start())
        word = m[0].lower()
        if word == "they":
            if not re.match(r"\s+(?:did|do|does|didn't|don't|were|are|had|have|will|would|"
                            r"could|\w+ed)\b", folded[m.end():m.end() + 12]):
                continue
            earlier = [h for h in hits if sentence[0] <= h.start and h.end <= m.start()
                       and _kind(h) in ("organization", "group")]
        elif word == "the group":
            start = _previous_sentence_start(sentences, sentence)
            earlier = [h for h in hits if start <= h.start and h.end <= m.start()
                       and _kind(h) in ("organization", "group")]
        else:  # the people of this sentence before it, else of the sentence before
            earlier = [h for h in hits if sentence[0] <= h.start and h.end <= m.start()
                       and _kind(h) == "person"] or [
                h for h in hits if _previous_sentence_start(sentences, sentence) <= h.start
                and h.end <= sentence[0] and _kind(h) == "person"]
        if len({h.entity for h in earlier}) == 1:  # only an unambiguous antecedent
            found.append(Hit(earlier[-1].entity, m.start(), m.end(), 0.5, "pronoun"))
    return found


def drop_crossed_plurals(text: str, doc, references: list[Hit], hits: list[Hit]) -> list[Hit]:
    """"They" resolved to an actor named before it in its sentence, unless a plural noun
    the mentions do not cover comes before it there too ("Seven residents remain missing,
    and Iraq should say where they are held": they may be the residents). ``doc`` is the
    parse of ``text``."""
    kept = []
    for ref in references:
        if fold(text[ref.start:ref.end]).lower() == "they":
            sentence = doc.char_span(ref.start, ref.end, alignment_mode="expand").sent
            between = [t for t in sentence if t.idx < ref.start and t.tag_ == "NNS"]
            if any(not any(h.start <= t.idx < h.end for h in hits) for t in between):
                continue
        kept.append(ref)
    return kept


_POINTERS = frozenset(("he", "she", "they", "the group"))


def drop_coordinated_antecedents(text: str, doc, references: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A pronoun resolved to a name joined by "and"/"or" to a proper name no mention
    covers ("Smith and Jones spoke. He denied …", where only "Jones" was recognised) stays
    unresolved: the other name is as likely its antecedent. ``doc`` is the parse of ``text``."""
    kept = []
    for ref in references:
        if fold(text[ref.start:ref.end]).lower() in _POINTERS and _coordinated_with_unnamed(
                doc, ref, hits):
            continue
        kept.append(ref)
    return kept


def _coordinated_with_unnamed(doc, ref: Hit, hits: list[Hit]) -> bool:
    """Whether the last mention of ``ref``'s entity before it is coordinated with a proper
    name that no mention covers."""
    antecedent = next((h for h in reversed(hits) if h.entity == ref.entity and h.end <= ref.start), None)
    span = doc.char_span(antecedent.start, antecedent.end, alignment_mode="expand") if antecedent else None
    if span is None:
        return False
    root = span.root
    partners = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(p.tag_ in ("NNP", "NNPS") and not any(h.start <= p.idx < h.end for h in hits) for p in partners)


def _previous_sentence_start(sentences, sentence) -> int:
    index = sentences.index(sentence) if sentence in sentences else 0
    return sentences[max(0, index - 1)][0] if sentences else sentence[0]


def content_end(sentence: tuple[int, int], quotes: list[tuple[int, int]]) -> int:
    """Where reported words starting in ``sentence`` end: a quotation may run past it."""
    end = sentence[1]
    for start, stop in quotes:
        if sentence[0] <= start < sentence[1] and stop > end:
            end = min(stop + 1, end + 400)
    return end
