"""Extraction, step 3b: the stance of what a speaker says, read from its verb and its words.

The stance comes from the verb: deny, reject and "not accept" deny, blame and accuse
accuse, condemn and deplore condemn, urge, call on and "hope that" call for, "called X
“Y”", "described X as Y" and criticise characterise, the rest assert (welcome,
appreciate, "agree that", supporting a call or a plan); "reiterates its condemnation"
takes the noun's stance, and an attitude stated ("is deeply concerned", "continues to be
troubled") asserts, or reports when it is "at reports of …"; "reported that …" reports;
"is (remains) committed to …" asserts, and calls for when it is to holding someone
accountable. Words that reject an accusation make a denial, words of obligation a call
(not after "agree that"). Who says it is found by :mod:`.attribution`.
"""

from __future__ import annotations

import re

from .claims import ClaimHit
from .positions import EVALUATIVE, EVALUATIVE_NOUNS

# word form -> stance; forms, not lemmas, because the lemmatizer is not run
STANCES = {
    **dict.fromkeys("say says said tell tells told state states stated add adds added announce announces "
                    "announced report reports reported confirm confirms confirmed insist insists insisted "
                    "warn warns warned note notes noted write writes wrote declare declares declared "
                    "explain explains explained allege alleges alleged acknowledge acknowledged "
                    "acknowledges maintain maintained maintains welcome welcomes welcomed appreciate "
                    "appreciates appreciated promise promises promised".split(), "asserts"),
    **dict.fromkeys("deny denies denied reject rejects rejected dismiss dismisses dismissed refute refutes "
                    "refuted".split(), "denies"),
    **dict.fromkeys("blame blames blamed accuse accuses accused charge charges charged".split(), "accuses"),
    **dict.fromkeys("condemn condemns condemned deplore deplores deplored denounce denounces "
                    "denounced".split(), "condemns"),
    **dict.fromkeys("urge urges urged demand demands demanded appeal appeals appealed".split(), "calls-for"),
    **dict.fromkeys("affirm affirms affirmed reaffirm reaffirms reaffirmed reiterate reiterates reiterated "
                    "commend commends commended applaud applauds applauded recognise recognises "
                    "recognised recognize recognizes recognized".split(), "asserts"),
    **dict.fromkeys("understand understands understood".split(), "reports"),
    **dict.fromkeys("criticise criticises criticised criticize criticizes criticized".split(), "characterises"),
}
# "X reiterates its condemnation of …": the stance is the noun's
_RESTATE = frozenset("reiterate reiterates reiterated express expresses expressed voice voices voiced "
                     "repeat repeats repeated restate restates restated renew renews renewed".split())
_NOUN_STANCES = {**dict.fromkeys("condemnation condemnations".split(), "condemns"),
                 **dict.fromkeys("denial denials rejection".split(), "denies"),
                 **dict.fromkeys("call calls demand demands appeal appeals".split(), "calls-for"),
                 **dict.fromkeys("concern concerns support regret view position".split(), "asserts")}
# "X is deeply concerned about …", "X continues to be troubled by …": an attitude stated
ATTITUDES = frozenset("concerned disturbed troubled alarmed pleased relieved grateful saddened dismayed "
                      "encouraged heartened outraged appalled shocked horrified".split())
_HOPE = frozenset("hope hopes hoped wish wishes wished".split())  # "we hope that X will be appointed"
_SUPPORT = frozenset("support supports supported endorse endorses endorsed back backs backed".split())
_PROPOSALS = frozenset("call calls proposal proposals plan plans effort efforts process initiative "
                       "initiatives decision decisions resolution investigation inquiry mission work "
                       "position view statement declaration request appeal demand".split())
_ACCEPT = frozenset("accept accepts accepted".split())
_AGREE = frozenset("agree agrees agreed".split())  # "X agrees that …" (not "agreed to meet")
# "X remains committed to …": a position taken with an adjective
_POSITIONS = frozenset("committed determined convinced resolved opposed".split())
_REMAIN = frozenset("remain remains remained".split())
_LINKING = frozenset("be is are was were am 'm ’m 's ’s 're ’re continue continues continued".split())
# "X insists that Y be brought to justice": a demand in the subjunctive
_MANDATIVE = frozenset("insist insists insisted demand demands demanded ask asks asked".split())
_CALL = frozenset("call calls called calling".split())  # "call on", "call for"
_REPORT = frozenset("report reports reported".split())
_CLAIM = frozenset("claim claims claimed claiming".split())
_FINDING = frozenset("determine determines determined conclude concludes concluded find finds found "
                     "establish establishes established verify verifies verified".split())
_NAMING = frozenset("describe describes described label labels labelled labeled brand brands branded "
                    "term terms termed".split())


def verb_stance(verb) -> str | None:
    """The stance of a statement made with ``verb`` (a spaCy token); None when the verb
    makes no statement."""
    word = verb.lower_
    if word in _CALL or word in _NAMING:  # "called the attack “a crime”", "described it as …"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
               for c in [*verb.children, *(g for o in objects for g in o.children)]):
            return "characterises"
    if word in _CALL:
        return "calls-for" if any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children) \
            else None
    if word in _CLAIM:
        return "asserts" if any(c.lower_ == "responsibility" for c in verb.children) else None
    if word in _REMAIN or word in _LINKING:
        return _position(verb) or _attitude(verb)
    if word in ATTITUDES:
        return _attitude(verb)
    if word in _RESTATE:
        return next((_NOUN_STANCES[c.lower_] for c in verb.children
                     if c.dep_ == "dobj" and c.lower_ in _NOUN_STANCES), None)
    if word in _SUPPORT:  # "X supports the call for …": a position; "X supports the militia": no speech
        return "asserts" if any(c.dep_ == "dobj" and c.lower_ in _PROPOSALS for c in verb.children) else None
    if word in _ACCEPT:  # "we do not accept the criticisms": a rejection
        return "denies" if any(c.dep_ == "neg" for c in verb.children) else None
    if word in _HOPE or word in _AGREE:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        return None if not clauses else "calls-for" if word in _HOPE else "asserts"
    if word in _MANDATIVE and any(c.dep_ == "ccomp" and _subjunctive(c) for c in verb.children):
        return "calls-for"
    if word in _REPORT and any(c.dep_ == "ccomp" for c in verb.children):
        return "reports"  # "the Times reported that …" relays what it learnt, without endorsing it
    if word in _FINDING:  # "the inspectors determined that the camp met the standards"
        return "asserts" if any(c.dep_ == "ccomp" for c in verb.children) else None
    return STANCES.get(word) or _gerund_stance(verb)


def _gerund_stance(verb) -> str | None:
    """"condemning", "urging", "denying": the stance of the verb's base form."""
    word = verb.lower_
    if verb.tag_ != "VBG" or not word.endswith("ing"):
        return None
    stem = word[:-3]
    stance = next((STANCES[w] for w in (stem, stem + "e", stem[:-1]) if w in STANCES), None)
    if stance == "asserts" and not any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "adding to the damage" says nothing; "adding that …" does
    return stance


def _position(verb) -> str | None:
    """"X remains (is) committed to …": a position asserted; one to holding someone
    accountable or bringing them to justice calls for it."""
    for adjective in (c for c in verb.children if c.dep_ == "acomp" and c.lower_ in _POSITIONS):
        words = {t.lower_ for t in adjective.subtree}
        return "calls-for" if words & {"accountable", "justice"} else "asserts"
    return None


def _attitude(verb) -> str | None:
    """"X is (deeply) concerned …", "X continues to be troubled …": an attitude asserted;
    "concerned at reports of …" only reports."""
    links = (verb, *(c for c in verb.children if c.dep_ == "xcomp" and c.lower_ == "be"))
    for link in links:  # the parse reads "troubled" as an adjective or as a passive verb
        states = [c for c in link.children if c.dep_ in ("acomp", "xcomp") and c.lower_ in ATTITUDES]
        for adjective in states + ([link] if link.lower_ in ATTITUDES else []):
            objects = [g for p in adjective.children if p.dep_ in ("prep", "agent") for g in p.children]
            if any(g.lower_ == "reports" for g in objects):
                return "reports"
            loaded = any(t.lower_ in EVALUATIVE or t.lower_ in EVALUATIVE_NOUNS for g in objects for t in g.subtree)
            return "characterises" if loaded else "asserts"  # "outraged by the atrocious massacre"
    return None


def _subjunctive(verb) -> bool:
    """A base form with a subject and no modal: "that they leave", "that X be brought"."""
    auxiliaries = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    base = verb.tag_ == "VB" if not auxiliaries else auxiliaries[0].tag_ == "VB"
    return base and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
        and not any(a.tag_ in ("MD", "TO") for a in auxiliaries)


# What makes reported words a denial though the verb is neutral ("told reporters, “Our
# forces did not enter the camp. These accusations are baseless.”")
_DENIAL = re.compile(
    r"\b(?:baseless|unfounded|groundless|untrue|fabricat\w+|no truth|nothing to do with"
    r"|no (?:role|part|involvement|hand) in)\b|\b(?:did|does|do|had|has|have|was|were)\s*(?:not|n['’]t)"
    r"\s+(?:\w+\s+)?(?:enter\w*|attack\w*|kill\w*|shoot\w*|shot|fire[sd]?|open\w* fire|storm\w*"
    r"|raid\w*|take part|took part|participat\w*|carr\w+ out|involv\w*|order\w*|target\w*"
    r"|harm\w*|abduct\w*|detain\w*|arrest\w*|present|involved)\b"
    r"|\b(?:no one|nobody|none)\s+(?:was|were|has been|had been)\s+(?:\w+\s+)?(?:killed|hurt|injured"
    r"|wounded|harmed|arrested|detained|abducted|taken)\b", re.IGNORECASE)


_OBLIGATION = re.compile(r"\b(?:must|should|ought to|needs? to|ha(?:s|ve) to)\b(?!\s+have\b)", re.IGNORECASE)


# "did not deny", "could not immediately confirm or deny": no denial was made
_NOT_DENIED = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:(?:confirm|admit)\s+or\s+)?den(?:y|ies|ied)$",
                         re.IGNORECASE)


def mark_denials(text: str, claims: list[ClaimHit]) -> list[ClaimHit]:
    """A statement whose own words reject an accusation or deny an act is a denial; one
    whose words say what must or should be done is a call. A denial its speaker did not
    make ("could not confirm or deny") is no statement."""
    claims = [c for c in claims if not _NOT_DENIED.search(text, max(0, c.verb[0] - 50), c.verb[1])]
    for claim in claims:
        if claim.stance == "asserts" and _DENIAL.search(text, claim.span[0], claim.span[1]):
            claim.stance = "denies"
        elif claim.stance == "asserts" and _OBLIGATION.search(text, claim.span[0], claim.span[1]) \
                and text[claim.verb[0]:claim.verb[1]].lower() not in _AGREE:  # agreeing to a norm asserts it
            claim.stance = "calls-for"
    return claims
