"""Extraction, step 5b: whose voice tells each event, and with which stance.

After speech verbs have given claims (extract_claims), this step settles:

- relays: "Foreign Policy stated that “U.S. officials believe that …”" is the officials'
  claim, relayed (``reported_by``) by Foreign Policy, not a claim of Foreign Policy's own;
  "X said he “deplores …”" is one act, the more specific one (condemns);
- reported events: every event told inside someone's reported words is their claim — an
  accusation when it is a wrongdoing with a named agent said flatly, an assertion when
  believed or when no one is blamed, a denial when negated ("didn't do the shooting");
- labels: "Tehran's proxies, A and B" inside reported words characterises A and B;
- the document's own voice: hedged statements ("X were believed to be responsible")
  are reported, not asserted; a loaded modifier ("a suspected terrorist attack")
  characterises; "also referred to as …" reports a name; in an opinion piece, wrongdoing
  told in the author's voice is the author's accusation, while an encyclopedia or news
  report telling an event flatly makes no claim beyond the event itself; what a voice
  calls for is not asserted to have happened, nor is an event a claim already condemns or
  characterises; a wrongdoing someone "may have" done accuses no one; a release whose
  words are claimed already ("released a statement calling on …") asserts nothing more;
- a resolution's grounds and purpose: each "Whereas …" clause that reports no one else's
  words is its author's assertion, and a heading opening with a stance gerund
  ("Condemning the attack on …") its author's stance, once.
"""

from __future__ import annotations

import re

from .claims import ClaimHit, office_speaks
from .events import EventHit
from .speech import content_end, find_quotations

WRONGDOING = ("Attack", "Killing", "Wounding", "Arson", "Detention", "Abduction", "Plotting",
              "Training", "MilitarySupport", "Deception", "Order")
SPEECH_EVENTS = ("Statement", "Denial", "Accusation", "Appeal", "Condemnation", "Broadcast",
                 "InformationRelease", "Publication")
OPINION_GENRES = ("opinion/advocacy", "statement", "")
_EPISTEMIC = re.compile(r"^(?:believe[sd]?|think|thinks|thought|suspect\w*)$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:didn't|did not|didn’t|never|do not|don't|don’t|does not)\s+(?:\w+\s+){0,2}$")
_HEDGE = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:also\s+)?(?:(?:believed|thought|suspected|alleged|"
                    r"reported|said)\s+to|suspected\s+of)|reportedly|allegedly|apparently)\b", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(?:an?\s+)?(?:suspected\s+|alleged\s+)?(?:terrorist|cowardly|barbaric|"
                       r"brutal|criminal)\s+(?:\w+\s+)?$", re.IGNORECASE)
_ALSO_NAMED = re.compile(r"\b(?:also\s+)?(?:referred\s+to|known|called)\s+as\s+(?:the\s+)?"
                         r"([^,.;()]{3,60})")
_PROXIES = re.compile(r"(?:\b\w+['’]s\s+)?(?:(?:[\w-]+\s+){0,2})prox(?:y|ies)\b")


def _content(text: str, claim: ClaimHit, sentences, quotes) -> tuple[int, int]:
    if claim.closed:
        return claim.verb[1], claim.span[1]
    sentence = next((s for s in sentences if s[0] <= claim.verb[0] < s[1] + 1), claim.span)
    return claim.verb[1], max(claim.span[1], content_end(sentence, quotes))


def collapse_relays(text: str, sentences, claims: list[ClaimHit]) -> list[ClaimHit]:
    """Drop a claim whose words are only another speech act (a relay or a restatement)."""
    quotes = find_quotations(text)
    kept = []
    for claim in claims:
        start, end = _content(text, claim, sentences, quotes)
        inner = [c for c in claims if c is not claim and start <= c.verb[0] < min(end, start + 60)
                 and c.span[0] >= claim.verb[0]]
        relayed = [c for c in inner if c.claimant != claim.claimant]
        restated = [c for c in inner if c.claimant == claim.claimant and c.stance != "asserts"]
        if claim.stance == "asserts" and (relayed or restated):
            continue
        kept.append(claim)
    return kept


def _speaker_of(event: EventHit, scopes) -> tuple | None:
    inside = [s for s in scopes if s[1][0] <= event.trigger[0] < s[1][1]]
    return max(inside, key=lambda s: s[1][0]) if inside else None


_MAY = re.compile(r"\b(?:may|might|could)\s+(?:(?:have|be|been|still|also)\s+){0,2}$")


def _event_stance(text: str, event: EventHit, verb: str) -> str:
    before = text[max(0, event.trigger[0] - 40):event.trigger[0]]
    if _NEGATION.search(before):
        return "denies"
    if event.type in WRONGDOING and event.roles.get("agent") and not _EPISTEMIC.match(verb) \
            and not _MAY.search(before):  # "groups that may be holding them": no one accused
        return "accuses"
    return "asserts"


def reported_event_claims(text: str, sentences, events: list[EventHit],
                          claims: list[ClaimHit], relayed: list[ClaimHit]) -> list[ClaimHit]:
    """Claims for the events told inside reported words; updates the stance of the speech
    claim whose first reported event it is."""
    quotes = find_quotations(text)
    scopes = [(c, _content(text, c, sentences, quotes)) for c in relayed]
    first: set[int] = set()
    found = []
    for event in events:
        scope = _speaker_of(event, scopes)
        if scope is None:
            continue
        claim, _ = scope
        if claim.claimant in event.roles.get("agent", []) or (
                event.type in SPEECH_EVENTS and not event.roles.get("agent")):
            continue
        verb = text[claim.verb[0]:claim.verb[1]].split()[-1]
        stance = _event_stance(text, event, verb)
        if id(claim) not in first and claim in claims and stance != "denies":
            first.add(id(claim))
            if claim.stance == "asserts":
                claim.stance = stance
                claim.about = claim.about or list(event.roles.get("agent", [])[:1])
                continue
            if claim.stance != "calls-for":
                continue
        if claim.stance == "calls-for" and stance == "asserts":
            continue  # what a voice calls for it does not assert has happened
        start = event.evidence[0]
        negation = _NEGATION.search(text[max(0, start - 40):start])
        span = (start - 40 + negation.start() if negation and start >= 40 else start, event.evidence[1])
        found.append(ClaimHit(claim.claimant, stance, span, event.trigger,
                              about=list(event.roles.get("agent", [])[:2]), confidence=0.5))
    return found


def label_claims(text: str, sentences, hits, claims: list[ClaimHit],
                 author: str | None) -> list[ClaimHit]:
    """"<X>'s proxies, A and B": whoever speaks there characterises A and B."""
    quotes = find_quotations(text)
    scopes = [(c, _content(text, c, sentences, quotes)) for c in claims]
    found = []
    for m in _PROXIES.finditer(text):
        inside = [s for s in scopes if s[1][0] <= m.start() < s[1][1]]
        speaker = max(inside, key=lambda s: s[1][0])[0].claimant if inside else author
        if speaker is None:
            continue
        named = []
        at = m.end()
        for hit in (h for h in hits if h.start >= at):
            if not re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?", text[at:hit.start]):
                break
            named.append(hit)
            at = hit.end
        for hit in named or [None]:
            end = hit.end if hit else m.end()
            found.append(ClaimHit(speaker, "characterises", (m.start(), end),
                                  (m.start(), m.end()), about=[hit.entity] if hit else [],
                                  quoted=text[m.start():m.end()], confidence=0.5))
    return found


def own_voice_claims(document, events: list[EventHit], claims: list[ClaimHit],
                     sentences, heard: list[ClaimHit] = ()) -> list[ClaimHit]:
    """What the document tells in its own voice; see the module docstring.

    An event reported through someone else's words (``claims``, or ``heard``: the speech
    before relays were collapsed) is theirs; a release of information ("the NCRI has
    released five names") is an assertion of whoever releases it.
    """
    author, text = document.meta.author, document.text
    quotes = find_quotations(text)
    others = [c for c in [*claims, *heard] if c.claimant != author]
    voiced = [_content(text, c, sentences, quotes) for c in others]
    # a quotation inside someone's statement ("“… killed by X,” Y said") is theirs too
    voiced += [q for q in quotes if any(c.span[0] <= q[0] and q[1] <= c.span[1] for c in others)]
    described = {c.span: c for c in claims if c.claimant == author and c.stance == "characterises"}
    opinion = document.meta.genre in OPINION_GENRES
    # an event a claim already condemns or characterises ("condemning the attack") is not
    # asserted again in the author's voice
    judged = [c.span for c in claims if c.stance in ("condemns", "characterises")]
    found = []
    for event in events:
        agents = event.roles.get("agent", [])
        if event.type == "InformationRelease" and agents and not _says_what(event, agents[0], claims):
            found.append(ClaimHit(agents[0], "asserts", event.evidence, event.trigger,
                                  about=list(event.roles.get("target", [])), confidence=0.5))
        if not author or event.type not in WRONGDOING \
                or any(s <= event.trigger[0] < e for s, e in voiced + judged):
            continue
        claim = _author_claim(text, author, event, sentences, opinion=opinion,
                              described=described, claims=claims)
        if claim is not None:
            found.append(claim)
    return found + _naming_claims(document, sentences) + _preamble_claims(document, [*claims, *heard])


def _says_what(event: EventHit, agent: str, claims: list[ClaimHit]) -> bool:
    """Whether the released words are claimed already ("X released a statement calling on
    …"): then the release itself asserts nothing more."""
    return any(c.claimant == agent and 0 <= c.verb[0] - event.trigger[1] < 40 for c in claims)


def _author_claim(text: str, author: str, event: EventHit, sentences, *, opinion: bool,
                  described: dict, claims: list[ClaimHit]) -> ClaimHit | None:
    """The author's own claim about a wrongdoing told in their voice: a characterisation
    when a loaded modifier precedes it, a report when hedged, else (in opinion pieces only)
    an accusation of its agent, which absorbs a "described as" just after it."""
    agents = event.roles.get("agent", [])
    sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1]), event.evidence)
    modifier = _MODIFIER.search(text, max(sentence[0], event.trigger[0] - 40), event.trigger[0])
    if modifier:
        span = (modifier.start(), event.trigger[1])
        return ClaimHit(author, "characterises", span, event.trigger, about=list(agents[:1]),
                        quoted=text[span[0]:span[1]], confidence=0.5)
    if _HEDGE.search(text, sentence[0], sentence[1]):
        return ClaimHit(author, "reports", event.evidence, event.trigger,
                        about=list(agents[:1]), confidence=0.5)
    if not opinion:
        return None
    stance, span = ("accuses" if agents else "asserts"), event.evidence
    for key, claim in list(described.items()):  # "… in what can only be described as …"
        if 0 <= key[0] - event.evidence[1] < 80 and stance == "accuses":
            span = key
            described.pop(key)
            claims.remove(claim)
    return ClaimHit(author, stance, span, event.trigger, about=list(agents[:1]),
                    quoted=None, confidence=0.5)


_WHEREAS = re.compile(r"^Whereas,?\s+(.+?)[;,]?(?:\s+and)?\s*$", re.MULTILINE)
# A heading that opens with a gerund of a stance verb states the document's purpose
# ("Condemning the attack on …", "Calling on the government to …")
_PURPOSE = re.compile(r"^(?:Condemning|Denouncing|Deploring|Calling (?:on|upon|for)|Urging|Demanding"
                      r"|Expressing|Supporting|Recognizing|Recognising|Reaffirming|Affirming"
                      r"|Commending|Welcoming)\b[^\n]*$", re.MULTILINE)
_PURPOSE_STANCES = {"condemning": "condemns", "denouncing": "condemns", "deploring": "condemns",
                    "calling": "calls-for", "urging": "calls-for", "demanding": "calls-for"}


def _preamble_claims(document, claims: list[ClaimHit]) -> list[ClaimHit]:
    """What a resolution states as its grounds and its purpose: each "Whereas …" clause
    that reports no one else's words is its author's assertion; a heading that opens with a
    stance gerund is the author's stance (the last time it is given: a body repeats its
    title)."""
    author, text = document.meta.author, document.text
    if not author:
        return []
    others = [c.verb for c in claims if c.claimant != author]
    found = []
    for m in _WHEREAS.finditer(text):
        if not any(m.start() <= v[0] < m.end() for v in others) and not office_speaks(text, *m.span()):
            found.append(ClaimHit(author, "asserts", m.span(1), (m.start(), m.start(1)), confidence=0.5))
    last: dict[str, re.Match] = {}
    for m in _PURPOSE.finditer(text):
        last[m[0].strip()] = m
    for m in last.values():
        stance = _PURPOSE_STANCES.get(m[0].split()[0].lower(), "asserts")
        found.append(ClaimHit(author, stance, m.span(), (m.start(), m.start() + len(m[0].split()[0])),
                              confidence=0.5))
    return found


_LOADED_TITLE = re.compile(r"\b(?:massacre|terror\w*|slaughter|genocide|atrocity|crime)\b",
                           re.IGNORECASE)


def _naming_claims(document, sentences) -> list[ClaimHit]:
    """A loaded title characterises; "also referred to as X" reports a name."""
    author, text = document.meta.author, document.text
    if not author:
        return []
    found = []
    for m in _ALSO_NAMED.finditer(text):
        found.append(ClaimHit(author, "reports", (m.start(), m.end()), (m.start(), m.end()),
                              quoted=m[1].strip(), confidence=0.5))
    first = (0, len(text.split("\n", 1)[0]))
    title = text[:first[1]]
    if _LOADED_TITLE.search(title):
        found.append(ClaimHit(author, "characterises", first, (0, 0), quoted=title.strip("= "),
                              confidence=0.5))
    return found
