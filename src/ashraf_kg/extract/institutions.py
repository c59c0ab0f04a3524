"""Extraction, step 1d: the institutions that act and speak.

Two readings of the parse turn words into the institution they stand for:

- a country that acts or speaks is its government ("The United States condemns …",
  "Iran denied …"): a country named as the subject of a verb, other than a verb of
  where it lies or what it is ("Iraq borders Iran", "Iraq is a country"), is the
  registry's government of that country, when the registry has exactly one;
- "we" in a document's own words (outside quotations) is the institution the document
  speaks for: in a statement, the one organisation that is the subject of a speech or
  attitude verb before it in the document's own words; else the document's author when
  the author is an organisation; otherwise it stays unresolved (in an opinion piece
  "we" is the writer and the readers, not an institution the writer names);
- a parliamentary question put to an institution ("To ask Her Majesty's Government what
  …") is answered by it: the paragraphs after the question alternate between its answer
  and the asker's supplementary question, and "we" of an answer is that institution,
  "we" of a supplementary nobody the text names;
- "I" in a document's own words is its author, when the author is a person (testimony,
  a member's statement).
"""

from __future__ import annotations

import re

from ..model import Entity
from .mentions import Hit
from .names import registry_cache
from .speech import find_quotations

# Verbs a country is the subject of as a place, not as an actor.
_PLACE_VERBS = frozenset("""border borders bordered lie lies lay neighbour neighbours neighbor
    neighbors stretch stretches cover covers covered contain contains include includes
    located situated""".split())
_BE = frozenset("be is are was were been being 's".split())
# Verbs that say an institution speaks or takes a position (word forms: no lemmatizer).
ATTITUDE = frozenset("""say says said state states stated announce announces announced condemn
    condemns condemned deplore deplores deplored denounce denounces denounced urge urges urged
    call calls called demand demands demanded insist insists insisted note notes noted support
    supports supported welcome welcomes welcomed affirm affirms affirmed reaffirm reaffirms
    reaffirmed reiterate reiterates reiterated remain remains remained continue continues
    continued hope hopes hoped regret regrets regretted express expresses expressed offer offers
    offered understand understands understood believe believes believed recognise recognises
    recognize recognizes recognized commend commends commended applaud applauds applauded
    encourage encourages encouraged deny denies denied reject rejects rejected warn warns warned
    appeal appeals appealed stand stands concerned committed agree agrees agreed appreciate
    appreciates appreciated accept accepts accepted promise promises promised""".split())


@registry_cache
def governments(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Country id -> the one registry organisation that is its government, read from the
    organisation's label, aliases and roles ("Government of Iraq", "national government of
    the United States", "United States Government")."""
    owners: dict[str, set[str]] = {}
    countries = [e for e in registry if e.type == "Country"]
    for entity in registry:
        if entity.kind != "organization":
            continue
        names = (entity.label, *entity.aliases, *entity.roles)
        for country in countries:
            label = re.escape(country.label)
            pattern = (rf"(?:the\s+)?(?:national\s+|federal\s+|central\s+)?government\s+of\s+"
                       rf"(?:the\s+)?{label}|(?:the\s+)?{label}(?:['’]s)?\s+government")
            if any(re.fullmatch(pattern, name, re.IGNORECASE) for name in names):
                owners.setdefault(country.id, set()).add(entity.id)
    return {country: ids.pop() for country, ids in owners.items() if len(ids) == 1}


def _root(doc, hit: Hit):
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _acts(token) -> bool:
    """The token is the subject (or a subject joined to it) of a verb of action or speech."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    if verb.lower_ in _PLACE_VERBS:
        return False
    if verb.lower_ in _BE:  # "X is deeply concerned" acts; "X is a country" does not
        return any(c.dep_ == "acomp" for c in verb.children)
    return verb.tag_.startswith("VB")


def resolve_governments(doc, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """``hits`` with every country that acts or speaks replaced by its government."""
    table = governments(registry)
    resolved = []
    for hit in hits:
        government = table.get(hit.entity)
        token = _root(doc, hit) if government else None
        if token is not None and _acts(token):
            hit = Hit(government, hit.start, hit.end, round(hit.confidence * 0.9, 2), "government")
        resolved.append(hit)
    return resolved


def _speakers(doc, hits: list[Hit], quotes) -> list[tuple[int, str]]:
    """(token index, organisation) of each organisation that is the subject of a speech or
    attitude verb in the document's own words."""
    found = []
    for hit in hits:
        token = _root(doc, hit) if hit.entity.startswith("organization/") else None
        if token is not None and token.dep_ == "nsubj" and token.head.lower_ in ATTITUDE \
                and not any(s <= token.idx < e for s, e in quotes):
            found.append((token.i, hit.entity))
    return found


_QUESTION = re.compile(r"^To ask\b[^\n]*", re.MULTILINE)


def _answer_turns(text: str, hits: list[Hit]) -> list[tuple[int, int, str | None]]:
    """(start, end, who answers) of each paragraph after a question put to an institution:
    the institution, then the asker (None), alternately."""
    question = _QUESTION.search(text)
    asked = [h for h in hits if question and question.start() <= h.start < question.end()
             and h.entity.startswith("organization/")] if question else []
    if not asked:
        return []
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text[question.end():])]
    return [(question.end() + s, question.end() + e, asked[0].entity if n % 2 == 0 else None)
            for n, (s, e) in enumerate(paragraphs)]


def _first_person(token, author: str | None) -> bool:
    """"I" of the document's own words stands for a person author."""
    return token.text == "I" and bool(author) and author.startswith("person/")


def resolve_we(text: str, doc, hits: list[Hit], author: str | None, genre: str = "statement") -> list[Hit]:
    """Mentions for "we" subjects in the document's own words; see the module docstring."""
    quotes = find_quotations(text)
    speakers = _speakers(doc, hits, quotes) if genre == "statement" else []
    turns = _answer_turns(text, hits)
    taken = {h.start for h in hits}
    found = []
    for token in doc:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.idx in taken \
                or any(s <= token.idx < e for s, e in quotes):
            continue
        if _first_person(token, author):
            found.append(Hit(author, token.idx, token.idx + len(token), 0.6, "pronoun"))
            continue
        turn = next((t for t in turns if t[0] <= token.idx < t[1]), None)
        if token.lower_ != "we" or turn is not None:
            if token.lower_ == "we" and turn[2]:
                found.append(Hit(turn[2], token.idx, token.idx + len(token), 0.6, "pronoun"))
            continue
        before = {entity for i, entity in speakers if i < token.i}
        if len(before) == 1:
            found.append(Hit(before.pop(), token.idx, token.idx + len(token), 0.6, "pronoun"))
        elif not before and author and author.startswith("organization/"):
            found.append(Hit(author, token.idx, token.idx + len(token), 0.5, "pronoun"))
    return found
