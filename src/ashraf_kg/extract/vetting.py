"""Extraction, step 1f: proposed names vetted, and found wherever the text writes them.

A proposal, from the recogniser (:mod:`.entities`) or from a cue to its kind
(:mod:`.proposals`), is kept only where it reads as a name: never a lone common word, a
possessive fragment, a document's kind, a word a demonstrative points at, a dateline's
capitals, nor a name only a headline gives, nor a piece of a longer name ("Geneva" of
"the Geneva Conventions"). Each kept proposal then takes every place the body writes its
name, and a proposed person the places that write the surname alone.
"""

from __future__ import annotations

import re

from .entities import NOT_NAMES, OPENERS, TITLE_WORDS
from .mentions import Hit
from .names import fold
from .proposals import ORG_HEADS, PLACE_HEADS, Proposal


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Headlines and header lines, where every word is capitalised and the recogniser guesses,
    and a first line that is a headline in sentence case (short, no closing stop)."""
    lines = []
    first = re.match(r"[^\n]+(?=\n)", text)
    if first and len(first[0].split()) <= 20 and not re.search(r"[.;:,!?\"”]\s*$", first[0]):
        lines.append((first.start(), first.end()))
    for m in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[A-Za-z][\w'’-]*", m[0])
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            lines.append((m.start(), m.end()))
    return lines


# "KHANAQIN, Iraq, June 3 (AFP) --", "WASHINGTON DC—": a place written in capitals to open a dateline
_DATELINE_PLACE = re.compile(r"(?<![^\n])[A-Z][A-Z'’ -]{3,}(?=,| \(|\s*(?:--|[–—]))")


_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|my|your|his|her|its|our|their)\s+$", re.IGNORECASE)


# Words that end a person's title, not an organisation's name ("UN Rights Spokesman")
_PERSON_TITLE_HEADS = frozenset("spokesman spokeswoman spokesperson official envoy adviser advisor".split())


def _not_a_name(folded: str, proposal: Proposal, words: list[str]) -> bool:
    """A document's kind ("EU Declaration", "Press Statement"); a person's title taken for
    an organisation ("the UN Rights Spokesman"); a word a demonstrative or a possessive
    points at ("by that Answer"); a person whose name opens with an acronym ("FOB Grizzly"
    is a base)."""
    if words[-1] in NOT_NAMES and len(words) > 1:
        return True
    if proposal.type == "Organization" and words[-1].lower() in _PERSON_TITLE_HEADS:
        return True
    if all(_DEMONSTRATIVE.search(folded[max(0, s - 12):s]) for s, _ in proposal.spans):
        return True
    return proposal.type == "Person" and len(words) > 1 and words[0].isupper() and len(words[0]) > 1 \
        and not all(w.isupper() for w in words)


def plausible_proposals(text: str, proposals: list[Proposal]) -> list[Proposal]:
    """Proposals that read as names: never a lone common word ("Government": a word the text
    also writes in lower case, or a head word), never a possessive fragment, a document's
    kind, a word after a demonstrative ("that Answer") nor a dateline's capitals, and from a
    headline only when the body names it too."""
    folded, headers = fold(text), _title_case_lines(text)
    kept = []
    for proposal in proposals:
        label = fold(proposal.label)
        words = label.split()
        if "'" in label[-2:] or not words:
            continue
        if len(words) == 1 and (re.search(rf"(?<![\w-]){re.escape(label.lower())}(?![\w-])", folded)
                                or label in ORG_HEADS or label in PLACE_HEADS or label in NOT_NAMES
                                or label in OPENERS or label in TITLE_WORDS):
            continue
        if _not_a_name(folded, proposal, words):
            continue
        spans = tuple(s for s in proposal.spans if not any(a <= s[0] < b for a, b in headers)
                      and not _DATELINE_PLACE.match(text, s[0]))
        if not spans:
            continue
        label = proposal.label
        if label.isupper():  # a dateline's capitals: the label as the body writes it
            label = next((text[s:e] for s, e in spans if not text[s:e].isupper()), label)
        kept.append(Proposal(proposal.id, proposal.type, label, spans,
                             proposal.confidence, proposal.cue, proposal.roles))
    return kept


def name_every_occurrence(text: str, proposals: list[Proposal], hits: list[Hit]) -> list[Proposal]:
    """Each proposal with every place the body writes its name, where the recogniser saw
    only some ("Witnesses told Human Rights Watch …"), and a proposed person's surname
    where no other proposed person has it; an acronym defined for a proposed organisation
    is that organisation, and so is a person proposed under its name without its head
word ("Kesh Front" and a person "Kesh" recognised in "a Kesh spokesman")."""
    folded, headers = fold(text), _title_case_lines(text)
    defined = _other_names(text, proposals)
    proposals = [p for p in proposals if defined.get(p.label, p.id) == p.id]  # "CSK" is the council
    taken = [(h.start, h.end) for h in hits] + [s for p in proposals for s in p.spans]
    surnames = [fold(p.label).split()[-1] for p in proposals if p.type == "Person" and " " in p.label]
    found = []
    for proposal in proposals:
        spans = list(proposal.spans)
        names = [fold(proposal.label)]
        surname = names[0].split()[-1]
        if proposal.type == "Person" and " " in proposal.label and len(surname) > 3 \
                and surnames.count(surname) == 1:
            names.append(surname)  # "… al-Dabbagh said": the one person proposed with that surname
        names += [name for name, owner in defined.items() if owner == proposal.id]
        for m in re.finditer(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])", folded):
            span = (m.start(), m.end())
            if not any(a < span[1] and span[0] < b for a, b in taken + spans) \
                    and not any(a <= span[0] < b for a, b in headers) \
                    and (text[m.start():m.end()].isupper() or not _CONTINUED.match(text, m.end())):
                spans.append(span)
        found.append(Proposal(proposal.id, proposal.type, proposal.label, tuple(sorted(spans)),
                              proposal.confidence, proposal.cue, proposal.roles))
    return found


def _defined_acronyms(text: str, proposal: Proposal) -> list[str]:
    """Acronyms the text defines in parentheses right after a proposed organisation's name
    ("the Kesh Relief Council (CSK)"): the acronym may come from the name in another
    language, so its letters need not be the name's."""
    if proposal.type != "Organization":
        return []
    found = (re.match(r" \(([A-Z]{2,10})\)", text[e:e + 14]) for _, e in proposal.spans)
    return [m[1] for m in found if m]


def _other_names(text: str, proposals: list[Proposal]) -> dict[str, str]:
    """Other names of proposed organisations -> the organisation: acronyms the text defines
    for them, and their names without the head word where a person or another organisation
    was proposed so."""
    found = {a: p.id for p in proposals for a in _defined_acronyms(text, p)}
    people = {p.label for p in proposals if p.type in ("Person", "Organization")}
    for proposal in proposals:
        short, _, head = proposal.label.rpartition(" ")
        if proposal.type == "Organization" and head in ORG_HEADS and short in people:
            found.setdefault(short, proposal.id)
    return found


_DAYS_MONTHS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
                "|April|May|June|July|August|September|October|November|December")
# A capitalised word right after a name goes on with it ("Geneva Conventions", "Defense
# Secretary"); a day or month after a name only dates the sentence.
_CONTINUED = re.compile(rf" (?!(?:{_DAYS_MONTHS})\b)[A-Z][a-z]")


def drop_fragments(text: str, proposals: list[Proposal], hits: list[Hit]) -> list[Proposal]:
    """Proposals without the places where they are only a piece of a longer name: inside
    another proposal or a mention, or followed at once by a capitalised word that goes on
    with the name (an acronym stands alone: "UNHCR Representative"); a proposal left with
    no place is dropped."""
    wider = [(h.start, h.end) for h in hits] + [s for p in proposals for s in p.spans]
    kept = []
    for proposal in proposals:
        spans = tuple(s for s in proposal.spans
                      if not any(a <= s[0] and s[1] <= b and (a, b) != s for a, b in wider)
                      and (text[s[0]:s[1]].isupper() or not _CONTINUED.match(text, s[1])))
        if spans:
            kept.append(Proposal(proposal.id, proposal.type, proposal.label, spans,
                                 proposal.confidence, proposal.cue, proposal.roles))
    return kept
