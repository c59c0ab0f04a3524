"""Extraction, step 3: reported speech as claims with a claimant and a stance.

A speech verb ("charged … with", "described … as", "denied", "claiming", "called for",
"said", "condemned") marks a claim. The claimant is the actor that speaks: the one
after "by" for a passive or a noun ("described by X", "the denial by X"), else the
actors of the subject before the verb ("The UN human rights office and UNAMI also
condemned"). The subject of a passive accusation ("X was charged with …") is the
accused: the accuser is only the one after "by". A participle that describes a noun
("the recently reported attack") and a headline in title case (whose subject cannot be
told) make no claim. Words the claimant is quoted as using become the claim's ``quoted``
text. A document's own loaded description ("in what can only be described as …") is a
claim of the document's voice. "X reported that …" relays (``reports``); in "X quoted Y
as saying" Y speaks. An organisation
that only qualifies a title ("the Kesh Council President said") is not the claimant. The
actor that brings charges accuses, and so does every later sentence saying what someone
is charged with ("Y is accused of …", "The complaint alleges …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .arguments import find_coordinated
from .events import split_clauses
from .mentions import Hit

# (pattern, stance, where the claimant is: "subject" before the verb, "by" after it, or
# "after" it with no other to fall back on)
SPEECH = (
    (r"\b(?:has |have |had )?charged\b", "accuses", "subject"),
    (r"\baccus(?:ed|es|ing)\b", "accuses", "subject"),
    (r"\b(?:was |were |is |are |being |been )?described by\b", "describes", "by"),
    (r"\bdenial by\b", "denies", "by"),
    (r"\bden(?:ied|ies|y|ying)\b(?! access)", "denies", "subject"),
    (r"\bclaim(?:ed|ing|s)? that\s+(?:no|none|nothing|there (?:was|were|had been) no)\b",
     "denies", "subject"),
    (r"\bclaim(?:ed|ing|s)?\b", "asserts", "subject"),
    (r"\b(?:call(?:ed|s|ing)? (?:for|on)|urg(?:ed|es|ing))\b", "calls-for", "subject"),
    (r"\b(?:condemn(?:ed|s|ing)?|deplores?|deplored)\b", "condemns", "subject"),
    (r"\b(?-i:said|says|stated|states|added|announced|told)\b", "asserts", "subject"),
    (r"\b(?-i:reported|reports) that\b", "reports", "subject"),  # relays, without endorsing
    (r"\b(?-i:reported)\b", "asserts", "subject"),
    (r"\bbelieved?\b(?! to be)", "asserts", "subject"),
    (r"\baccording to\b", "reports", "by"),
    # "AFP quoted X (, a spokesman,) as saying": X says it; no one named after, no claimant
    (r"\bquot(?:ed|es|ing)\b(?=\s[^.;:\"“]{1,80}?\s(?:as\s+)?saying\b)", "asserts", "after"),
)
_SAYING = re.compile(r"\bsaying\b")
_SPEECH = tuple((re.compile(p, re.IGNORECASE), s, w) for p, s, w in SPEECH)
_AUTHOR_VOICE = re.compile(r"\b(?:in )?what (?:can|could|must|may) only be (?:described|called)"
                           r" as\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\Z",
                      re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|recent|latest|"
                          r"widely|often|first)\s+(?:\w+ly\s+)?\Z", re.IGNORECASE)
# The head of a title its holder speaks under: "the Kesh Council President said" is the
# unnamed president's word, not the council's (a spokesman, though, speaks for his body)
OFFICE_WORDS = frozenset("""secretary-general secretary general president minister ambassador
    commissioner representative envoy governor mayor king queen prince emir sultan senator
    judge commander chief chairman chairwoman director""".split())
_TITLE_AFTER = re.compile(r"\s*((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)")
_QUOTED = re.compile(r"[‘“\"']([^’”\"]{3,120}?)[’”\"'](?=[\s.,;:)]|$)")


@dataclass
class ClaimHit:
    claimant: str
    stance: str
    span: tuple[int, int]
    verb: tuple[int, int]
    about: list[str] = field(default_factory=list)
    quoted: str | None = None
    confidence: float = 0.6
    shared: bool = False  # the claimant is the subject of an earlier verb joined to this one
    subject: tuple[int, int] | None = None  # the words of the parse's subject phrase
    closed: bool = False  # its words end before another claimant's statement joined after it


# an apposition naming another actor after a title: ", the spokesman for " (Y)
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+[^,]*?\b(?:for|of|to|at)\s+[^,]*")


def _subject_claimants(text: str, clause, verb, mentions: list[Hit]) -> list[Hit]:
    """Actors of the subject: the last one before the verb and those coordinated with it."""
    before = [h for h in mentions if clause[0] <= h.start and h.end <= verb[0]
              and kind_of(h.entity) in ACTOR_KINDS]
    if not before:
        return []
    last = before[-1]
    if len(before) > 1 and re.search(r"\s[a-z]+\b.*,\s*and\s+(?:also\s+)?$", text[last.end:verb[0]]):
        last = before[0]  # coordinated verbs share the subject: "We note …, and call on"
    elif len(before) > 1 and _APPOSITION.fullmatch(text[before[-2].end:last.start]) \
            and re.fullmatch(r"\s*,\s*", text[last.end:verb[0]]):
        last = before[-2]  # "X, the spokesman for Y, said": X speaks
    chosen = find_coordinated(text, last, before)
    gap = text[chosen[-1].end:verb[0]]
    if office_holder(gap):
        return []
    if re.search(r"\b(?:that|which|who|whom)\b", gap) and len(gap) > 60:
        return []
    return chosen


def office_holder(after: str) -> bool:
    """Whether the words after a name open with a title whose holder speaks ("…
    Secretary-General said"), so the name only qualifies the title."""
    m = _TITLE_AFTER.match(after)
    return bool(m) and any(w in OFFICE_WORDS for w in re.split(r"[\s-]+", m[1].lower()) + [m[1].lower()])


_TITLE_BEFORE_VERB = re.compile(r"([A-Z][\w-]*)\s+(?:\w+ly\s+)?\Z")


def office_speaks(text: str, start: int, end: int) -> bool:
    """Whether words of saying in ``text[start:end]`` are an unnamed title holder's ("the
    Kesh Council President strongly condemned …")."""
    for pattern, _, where in _SPEECH:
        for m in pattern.finditer(text, start, end):
            title = _TITLE_BEFORE_VERB.search(text, start, m.start())
            if where == "subject" and title and office_holder(title[1]):
                return True
    return False


def _by_claimant(text: str, clause, verb, mentions: list[Hit]) -> list[Hit]:
    """The head of the noun phrase after "by": "by UN official Tahar Boumedra" -> Boumedra."""
    head = None
    for hit in mentions:
        if verb[1] <= hit.start < min(clause[1], verb[1] + 60) \
                and kind_of(hit.entity) in ACTOR_KINDS:
            if head and not re.fullmatch(r"\s+(?:[a-z]+\s+)?", text[head.end:hit.start]):
                break
            head = hit
    return [head] if head else []


def _accused(text: str, mentions: list[Hit], verb, about: list[str]) -> list[str]:
    """The one named right after an accusing verb is the accused ("accused Iran of …"),
    whatever its kind: a country accused of a deed stands for its state."""
    gap = re.match(r"\s+(?:the\s+)?", text[verb[1]:verb[1] + 10])
    accused = next((h.entity for h in mentions if gap and h.start == verb[1] + gap.end()), None)
    return [accused, *(a for a in about if a != accused)][:2] if accused else about


def _quoted(text: str, start: int, end: int) -> str | None:
    m = _QUOTED.search(text, start, end)
    return m[1].strip(" .,") if m else None


def _about(mentions: list[Hit], span, claimants: list[Hit], verb) -> list[str]:
    about = []
    for hit in mentions:
        if span[0] <= hit.start < span[1] and hit not in claimants and hit.start >= verb[1] \
                and kind_of(hit.entity) in ACTOR_KINDS and hit.entity not in about:
            about.append(hit.entity)
    return about[:2]


def _headline(text: str) -> int:
    """Where a first line in title case (most of its words capitalised, no closing
    full stop, text below it) ends; else 0."""
    line = text.split("\n", 1)[0]
    if line == text or line.rstrip().endswith("."):
        return 0
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    long = [w for w in words if len(w) > 3]
    return len(line) if len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long) else 0


def find_claims(text: str, sentences, mentions: list[Hit], *, author: str | None) -> list[ClaimHit]:
    """Claims of a document, in text order; ``author`` is the document's own voice."""
    claims: list[ClaimHit] = []
    headline = _headline(text)
    for sentence in sentences:
        for clause in split_clauses(text, *sentence):
            if clause[0] < headline:
                continue  # a headline in title case ("X, Y and Z Condemns …") has no reliable subject
            claims.extend(_clause_claims(text, clause, sentence, mentions))
        if author:
            for m in _AUTHOR_VOICE.finditer(text, sentence[0], sentence[1]):
                end = min(sentence[1], m.end() + 80)
                words = re.match(r"\s*([^.,;]+)", text[m.end():end])
                claims.append(ClaimHit(author, "characterises", (m.start(), m.end() + (
                    words.end() if words else 0)), (m.start(), m.end()),
                    quoted=words[1].strip() if words else None, confidence=0.5))
    return sorted(claims + charge_claims(text, sentences, mentions, claims), key=lambda c: c.span)


# A prosecution: "X is announcing charges against …", "X filed charges", "X indicted …"
_CHARGING = re.compile(r"\b(?:(?:announc|fil|bring|brought|unseal|press|lay|laid|level)\w*\s+"
                       r"(?:\w+\s+){0,2}charges|indict(?:ed|s|ing)?)\b", re.IGNORECASE)
# What the charges say, passive or through the charging paper: "Y is accused of …",
# "Y is alleged to have …", "Y and Z are charged with …", "The complaint alleges that …"
_CHARGED = re.compile(r"\b(?:(?:is|are|was|were|has been|have been)\s+(?:also\s+)?(?:accused\s+of|"
                      r"alleged\s+to|charged\s+with)|the\s+(?:criminal\s+)?(?:complaint|indictment|"
                      r"charge\s+sheet)\s+(?:alleges|alleged|charges|charged|says|said|states|stated))\b",
                      re.IGNORECASE)


def charge_claims(text: str, sentences, mentions: list[Hit], claims: list[ClaimHit]) -> list[ClaimHit]:
    """A prosecutor's accusations: the actor that brings charges ("The Justice Ministry is
    announcing charges against two men …") accuses, and so does every later sentence that
    says what they are charged with without naming who charges ("Y is accused of …", "The
    complaint alleges …"); before any prosecutor is named such a sentence is no one's."""
    found, accuser = [], None
    for sentence in sentences:
        for clause in split_clauses(text, *sentence):
            charging = _CHARGING.search(text, clause[0], clause[1])
            if charging:
                verb = (charging.start(), charging.end())
                subject = _subject_claimants(text, clause, verb, mentions)
                if subject and not any(c.verb[0] < verb[1] and verb[0] < c.verb[1] for c in claims):
                    accuser = subject[0].entity
                    found.append(ClaimHit(accuser, "accuses", (subject[0].start, sentence[1]), verb,
                                          about=_about(mentions, (verb[1], sentence[1]), subject, verb),
                                          confidence=0.6))
                    continue
            charged = _CHARGED.search(text, clause[0], clause[1])
            if charged and accuser and not re.match(r"[^.;]*?\bby\b", text[charged.end():clause[1]]):
                verb = (charged.start(), charged.end())
                found.append(ClaimHit(accuser, "accuses", (clause[0], sentence[1]), verb,
                                      about=_about(mentions, (clause[0], sentence[1]), [], (clause[0], 0)),
                                      confidence=0.5))
    return found


def _clause_claims(text: str, clause, sentence, mentions: list[Hit]) -> list[ClaimHit]:
    found, taken = [], []
    for pattern, stance, where in _SPEECH:
        for m in pattern.finditer(text, clause[0], clause[1]):
            verb = (m.start(), m.end())
            if any(verb[0] < e and s < verb[1] for s, e in taken):
                continue
            taken.append(verb)
            if m[0].lower().endswith("ed") and _ATTRIBUTIVE.search(text, clause[0], verb[0]):
                continue  # "the recently reported attack": a participle that describes a noun
            side = "by" if where == "after" else where
            if stance == "accuses" and _PASSIVE.search(text, clause[0], verb[0]):
                if not re.match(r"\s+by\b", text[verb[1]:clause[1]]):
                    continue  # "X was accused of …": X is the accused, and no accuser is named
                side = "by"
            claimants = (_by_claimant if side == "by" else _subject_claimants)(
                text, clause, verb, mentions)
            if not claimants and where == "by" and stance != "reports":
                # "described by the Times" names its source; "according to the group" names
                # one the mentions lack, never the subject before it
                claimants = _subject_claimants(text, clause, verb, mentions)
            for claimant in claimants:
                start = min(claimant.start, verb[0])
                span = (start, sentence[1] if side == "subject" else min(sentence[1], verb[1] + 120))
                claim = ClaimHit(claimant.entity, stance, span, verb,
                                 quoted=_quoted(text, verb[1], span[1]),
                                 confidence=0.7 if claimant.confidence >= 0.9 else 0.5)
                if where == "after":  # "quoted Y as saying": the saying is this claim's verb too
                    claim.verb = (verb[0], _SAYING.search(text, verb[1]).end())
                if side == "by":
                    subject = [h for h in mentions if clause[0] <= h.start < verb[0]
                               and kind_of(h.entity) in ACTOR_KINDS]
                    claim.about = [subject[-1].entity] if subject else []
                    claim.span = (subject[-1].start if subject else clause[0], span[1])
                else:
                    claim.about = _about(mentions, span, claimants, verb)
                    if stance == "accuses":
                        claim.about = _accused(text, mentions, verb, claim.about)
                found.append(claim)
    return found


# what joins two statements of one sentence: "… but Y denied …", "…, and Y said …", "…; Y
# said …" ("and" without a comma joins names more often: "that A and B denied")
_JOINED = re.compile(r"(?:,\s+(?:and|while|whereas)|,?\s+but|;)\s*$")


def end_before_next_speaker(text: str, claims: list[ClaimHit]) -> list[ClaimHit]:
    """Each claim's words ending where a clause joined after its verb gives another
    claimant's statement ("X was reported to have echoed it, but Y denied …": X's words end
    before "but"), and about no one only that later statement names as its claimant."""
    for claim in claims:
        later = sorted((o for o in claims if o.verb[0] > claim.verb[1]
                        and claim.verb[1] <= o.span[0] < claim.span[1]), key=lambda o: o.span)
        joint = later and later[0].claimant != claim.claimant and _JOINED.search(
            text, claim.verb[1], later[0].span[0])
        if joint:
            claim.span, claim.closed = (claim.span[0], joint.start()), True
            claim.about = [a for a in claim.about if a != later[0].claimant]
    return claims
