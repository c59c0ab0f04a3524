"""Extraction, step 5c: positions a voice takes without a speech verb.

A statement speaks in sentences that have no verb of saying: "Those responsible must be
held accountable" calls for something, and "the perpetrators of this barbarous act"
characterises them. Whose position it is, is the sentence's voice:

- the institution that is the subject of the sentence's main verb when that verb is one
  of speech or attitude ("The ministry condemns …"), or is "we" ("We are consulting …");
- else the voice of the sentence before it in the same paragraph ("We call on them to
  investigate. The killers must be brought to justice.");
- else the document's author: in a statement every sentence is the author's; elsewhere
  only a call ("must", "should") is taken for the author's, not a description.

A sentence with "must", "should" or "ought to" as the auxiliary of its main verb is a
call (``calls-for``); one that says whose responsibility or duty something is ("It is
the responsibility of X to …") asserts it. In a statement, a noun phrase holding an evaluative word ("this
tragedy", "the horrific attack", "the late dictator") characterises, unless it lies in
words the voice condemns (the condemnation already quotes them), inside a quotation or
inside someone else's reported words, or in the title; elsewhere such words are the
writer's description ("the army continued its brutal assault" is no position of the army).
"It is unacceptable that …" condemns, and "X has done nothing to …" accuses X. A quotation
is the voice's own only where the voice says "I" or "we" in it.
"""

from __future__ import annotations

import re

from .claims import ClaimHit
from .institutions import ATTITUDE
from .mentions import Hit
from .speech import find_quotations

_MODALS = frozenset("must should ought".split())
_DUTIES = frozenset("responsibility obligation duty".split())
_SAYING = frozenset("say add explain note stress remind point tell admit confess emphasise emphasize "
                    "repeat begin start clarify".split())
EVALUATIVE = frozenset("""horrific horrible terrible tragic barbarous barbaric brutal vicious senseless
    cowardly heinous atrocious appalling outrageous shameful despicable abhorrent inhumane
    unprovoked unjustified unjustifiable unacceptable deplorable egregious murderous bloody
    ruthless savage evil monstrous criminal terrorist untenable grave dire horrendous""".split())
EVALUATIVE_NOUNS = frozenset("""tragedy tragedies atrocity atrocities massacre massacres slaughter
    terrorists terrorism dictator tyrant thugs butchers butcher""".split())


def _actor(index: dict[int, Hit], token) -> str | None:
    hit = index.get(token.idx)
    return hit.entity if hit is not None else None


def _own_voice(sentence, index: dict[int, Hit]) -> str | None:
    """The institution or person whose position the sentence states by its main verb."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i]
    subject = subjects[-1] if subjects else None  # the nearest: a header run in gives two
    first_person = subject is not None and subject.lower_ in ("we", "i")
    attitude = root.lower_ in ATTITUDE or any(  # "X is deeply concerned by …"
        c.dep_ == "acomp" and c.lower_ in ATTITUDE for c in root.children)
    if subject is None or not (first_person or attitude):
        return None
    return _actor(index, subject)


def _modal(root) -> bool:
    """The main verb, or a verb joined to it, takes "must", "should" or "ought"; not a
    speaker's own words about speaking ("I should explain that …", "I must say …")."""
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return any(c.dep_ == "aux" and c.lower_ in _MODALS and not _speaking_self(v)
               for v in verbs for c in v.children)


def _duty(root) -> bool:
    """"It is the responsibility of X to …", "It is X's duty to …": whose duty it is."""
    return root.lower_ in ("is", "was", "remains") and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in root.children) and any(
        c.dep_ == "attr" and c.lower_ in _DUTIES for c in root.children)


def _speaking_self(verb) -> bool:
    return verb.lower_ in _SAYING and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in verb.children)


def _speaks_in(text: str, quote, voice: str | None, hits: list[Hit]) -> bool:
    """Whether ``voice`` speaks in the quotation: an "I" or "we" in it stands for the voice."""
    return voice is not None and any(quote[0] <= h.start < quote[1] and h.entity == voice
                                     and text[h.start:h.end].lower() in ("i", "we") for h in hits)


def _voices(text: str, doc, index: dict[int, Hit], author: str | None, statement: bool):
    """(sentence, voice) of each sentence of the parse; the voice is None when the
    sentence states no one's position."""
    voices, inherited, last_end = [], None, 0
    for sentence in doc.sents:
        if "\n" in text[last_end:sentence.start_char]:
            inherited = None  # a new paragraph
        voice = _own_voice(sentence, index) or inherited
        inherited = voice
        voices.append((sentence, voice or (author if statement else None)))
        words = [t for t in sentence if not t.is_space]
        last_end = words[-1].idx + len(words[-1]) if words else sentence.end_char
    return voices


def _index(doc, hits: list[Hit]) -> dict[int, Hit]:
    index = {}
    for hit in hits:
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        for token in span or ():
            index.setdefault(token.idx, hit)
    return index


def _inside(at: int, spans) -> bool:
    return any(s <= at < e for s, e in spans)


def find_positions(text: str, doc, hits: list[Hit], claims: list[ClaimHit], author: str | None,
                   genre: str) -> list[ClaimHit]:
    """Calls and characterisations of each sentence's voice; see the module docstring."""
    quotes = find_quotations(text)
    title_end = text.find("\n") if "\n" in text else 0
    described = [c.span for c in claims if c.stance == "characterises"]
    found = []
    for sentence, voice in _voices(text, doc, _index(doc, hits), author, genre == "statement"):
        span, root = (sentence.start_char, sentence.end_char), sentence.root
        first = span[0] + len(re.match(r"\W*", text[span[0]:span[1]])[0])  # past an opening mark
        quote = next((q for q in quotes if q[0] <= first < q[1]), None)
        if quote and not _speaks_in(text, quote, voice, hits) or root.idx < title_end:
            continue  # quoted words are the quoted speaker's: the voice's only if it says "I" in them
        found += _judgements(text, span, voice, hits)
        if _modal(root) and (voice or author):
            found.append(ClaimHit(voice or author, "calls-for", span,
                                  (root.idx, root.idx + len(root)), confidence=0.5))
        if _duty(root) and (voice or author):
            found.append(ClaimHit(voice or author, "asserts", span, (root.idx, root.idx + len(root)),
                                  confidence=0.5))
        if voice is None or genre != "statement":
            continue  # outside a statement, a description is the writer's, not a position taken
        others = [c.span for c in claims if c.claimant != voice or c.stance == "condemns"]
        for chunk in _noun_phrases(sentence):
            at = chunk.start_char
            if _evaluative(chunk) and at >= title_end and not _inside(at, quotes + others + described):
                found.append(ClaimHit(voice, "characterises", (at, chunk.end_char),
                                      (chunk.root.idx, chunk.root.idx + len(chunk.root)),
                                      quoted=chunk.text, confidence=0.5))
    return found


# "It is unacceptable that …": the voice condemns what it judges so
_JUDGED = re.compile(r"\W*[Ii]t(?:['’]s|\s+is|\s+was|\s+remains)\s+(?:\w+ly\s+)?(\w+)\s+that\b")
# "X has done nothing to …", "X have so far failed to …": the voice blames X for inaction
_INACTION = re.compile(r"\b(?:has|have|had)\s+(?:(?:to date|so far|thus far|yet|still|again|"
                       r"repeatedly|utterly|completely)\s+)?(?:done nothing|failed)\s+to\b")


def _judgements(text: str, span, voice: str | None, hits: list[Hit]) -> list[ClaimHit]:
    """The voice's condemnation ("It is unacceptable that …") and its blame for inaction
    ("the council has done nothing to …") in a sentence without a verb of saying."""
    if voice is None:
        return []
    found = []
    judged = _JUDGED.match(text, span[0], span[1])
    if judged and judged[1].lower() in EVALUATIVE:
        found.append(ClaimHit(voice, "condemns", span, (judged.start(1), judged.end(1)), confidence=0.5))
    for m in _INACTION.finditer(text, span[0], span[1]):
        actors = [h for h in hits if span[0] <= h.start and h.end <= m.start() and h.entity != voice]
        if actors and not re.search(r"[.;:]", text[actors[-1].end:m.start()]):
            found.append(ClaimHit(voice, "accuses", (actors[-1].start, span[1]), (m.start(), m.end()),
                                  about=[actors[-1].entity], confidence=0.5))
    return found


def _noun_phrases(sentence):
    """Each noun with the words before it that modify it ("this unprovoked terrorist
    attack"); read from the parse's tags, as the pipeline runs without part-of-speech
    mapping."""
    for token in sentence:
        if token.tag_.startswith("NN") and token.dep_ not in ("compound", "poss"):
            start = min([c.left_edge.i for c in token.lefts] + [token.i])
            yield sentence.doc[start:token.i + 1]


def _evaluative(chunk) -> bool:
    return chunk.root.lower_ in EVALUATIVE_NOUNS or any(
        t.lower_ in EVALUATIVE for t in chunk if t.i != chunk.root.i)
