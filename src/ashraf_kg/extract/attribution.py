"""Extraction, step 3b: who says what, read from the dependency parse.

A speech or stance verb ("said", "told", "denied", "rejected", "blamed … on", "claimed
responsibility", "condemned", "urged") makes a claim whose claimant is the verb's
grammatical subject: the name the subject is, or the name set beside it ("a government
spokesman, Ali al-Mousawi, said"; "ministry spokesman Saad Maan said"), or the entity a
pronoun was resolved to — never a name inside the subject's relative clause ("X, who
advised Y, said": X), nor one a negative subject rules out ("no one — not X — is …").
"According to X" makes X the claimant, and a passive ("was denied by X") the agent after
"by". A verb joined to another ("condemned the attack and urged …") shares its subject,
and so does a participle clause ("X wrote to Y, condemning …"): a participle that
restates its verb, or a verb joined over one object ("appreciate and support those
efforts"), is one statement with it. The stance comes from the verb: deny, reject and
"not accept" deny, blame and accuse accuse, condemn and deplore condemn, urge, call on
and "hope that" call for, "called X “Y”", "described X as Y" and criticise
characterise, the rest assert (welcome, appreciate, "agree that", supporting a call or a
plan); "reiterates its condemnation" takes the noun's stance, and an attitude stated
("is deeply concerned", "continues to be troubled") asserts, or reports when it is "at
reports of …"; "reported that …" reports; "is (remains) committed to …" asserts, and calls
for when it is to holding someone accountable. A name qualifying a title ("the Kesh
Council President") is not the speaker: the title's unnamed holder is. Words that
reject an accusation make a denial, words of obligation a call
(not after "agree that"). The claim's words run from the subject to the end of the
verb's phrase, before any verb joined after it, so a quotation before or after the verb
is inside them.

Claimants are registry entities or names proposed for review (``names`` maps a span of
the text to a proposed id); a subject that names neither makes no claim.
"""

from __future__ import annotations

import re

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .claims import ClaimHit, office_holder
from .mentions import Hit
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
_ATTITUDES = frozenset("concerned disturbed troubled alarmed pleased relieved grateful saddened dismayed "
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


def _entity_at(index: dict[int, str], token) -> str | None:
    return index.get(token.idx)


def _token_index(doc, hits: list[Hit], names: dict[tuple[int, int], str]) -> dict[int, str]:
    """Start offset of every token inside a name -> the entity (or proposal) it names."""
    spans = [(h.start, h.end, h.entity) for h in hits if kind_of(h.entity) in ACTOR_KINDS]
    spans += [(s, e, i) for (s, e), i in names.items() if kind_of(i) in ACTOR_KINDS]
    index: dict[int, str] = {}
    for start, end, entity in sorted(spans, key=lambda s: s[0] - s[1]):  # longest first
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            index.setdefault(token.idx, entity)
    return index


_NOBODY = frozenset("nobody none neither".split())


def _speaker(token, index: dict[int, str]) -> str | None:
    """The entity a subject names: itself, a name beside it, or a resolved pronoun; never
    one of those a negative subject rules out ("no one — not X, nor Y — is concerned")."""
    entity = _entity_at(index, token)
    if entity:
        return entity
    if token.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return None
    for child in token.children:  # "a government spokesman, Ali al-Mousawi," / "spokesman Maan"
        if child.dep_ in ("appos", "compound") and (found := _entity_at(index, child)):
            if child.dep_ == "compound" and kind_of(found) != "person" and office_holder(token.text):
                continue  # "the Kesh Council President": the unnamed president, not the council
            return found
    return None


def grammatical_subject(verb) -> tuple:
    """The subject token of ``verb`` (or of the verb it is joined to: then ``shared``), or
    the agent after "by" in a passive; ``(None, False)`` when there is none."""
    kinds = ("nsubj", "csubj", "nsubjpass") if verb.lower_ in _ATTITUDES else ("nsubj", "csubj")
    subjects = sorted((c for c in verb.children if c.dep_ in kinds),
                      key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
    if subjects:  # the nearest before the verb: a headline run into the text gives two
        return subjects[0], False
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None), False
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.tag_.startswith("VB"):
        return grammatical_subject(verb.head)[0], True  # "X wrote to Y, condemning …": X condemns
    if verb.dep_ == "conj" and verb.head.tag_.startswith("VB"):
        return grammatical_subject(_finite_partner(verb))[0], True
    if verb.tag_ in _FINITE:  # "X welcomes …; urges …; and calls on …": one subject
        earlier = [t for t in verb.sent if t.i < verb.i and t.tag_ in _FINITE
                   and any(c.dep_ == "nsubj" for c in t.children)]
        if earlier:
            return grammatical_subject(earlier[-1])[0], True
    return None, False


_FINITE = ("VBZ", "VBD", "VBP")


def _finite_partner(verb):
    """The verb a conjoined verb shares its subject with. A finite verb the parse joins to
    an infinitive ("calls on X to move … and calls on Y") is joined to the finite verb
    that infinitive depends on: only finite verbs take a subject."""
    head = verb.head
    if verb.tag_ in _FINITE:
        while head.tag_ in ("VB", "VBG") and head.dep_ in ("xcomp", "advcl", "ccomp", "conj") \
                and head.head.i != head.i and not any(c.dep_ == "nsubj" for c in head.children):
            head = head.head
    return head


def _stance(verb) -> str | None:
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
    if word in _ATTITUDES:
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
        states = [c for c in link.children if c.dep_ in ("acomp", "xcomp") and c.lower_ in _ATTITUDES]
        for adjective in states + ([link] if link.lower_ in _ATTITUDES else []):
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


def _about(verb, subject, index: dict[int, str], claimant: str, span) -> list[str]:
    """Actors the claim is about: named in the verb's phrase, outside its subject."""
    skip = {t.i for t in subject.subtree} if subject is not None else set()
    about = []
    for token in verb.subtree:
        entity = _entity_at(index, token) if span[0] <= token.idx < span[1] else None
        if entity and token.i not in skip and entity != claimant and entity not in about:
            about.append(entity)
    return about[:2]


def _claim(verb, subject, stance: str, index, sentence) -> ClaimHit | None:
    claimant = _speaker(subject, index) if subject is not None else None
    if claimant is None:
        return None
    start = min(verb.left_edge.idx, subject.left_edge.idx, verb.idx)
    # a verb joined after it ("condemns … and insists that …") is a statement of its own
    own = [c.right_edge for c in verb.children if c.dep_ not in ("conj", "cc", "punct") and c.i > verb.i]
    end = max([verb.idx + len(verb)] + [t.idx + len(t) for t in own])
    span = (max(start, sentence[0]), min(end, sentence[1]))
    words = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
    return ClaimHit(claimant, stance, span, (verb.idx, verb.idx + len(verb)),
                    about=_about(verb, subject, index, claimant, span), confidence=0.6,
                    subject=words)


def find_speech(text: str, doc, sentences, hits: list[Hit],
                names: dict[tuple[int, int], str] | None = None,
                nameless: list[tuple[tuple[int, int], tuple[int, int]]] | None = None) -> list[ClaimHit]:
    """Claims whose claimant is the subject of a speech or stance verb, or the X of
    "according to X", in text order. A verb whose own subject names no one ("analysts
    said") is added to ``nameless`` as (verb, subject words) when a list is given."""
    index = _token_index(doc, hits, names or {})
    found, by_verb = [], {}

    def sentence_of(token) -> tuple[int, int]:
        return next((s for s in sentences if s[0] <= token.idx < s[1]), (0, len(text)))

    for token in doc:
        to = next((c for c in token.children if c.lower_ == "to"), None) if token.lower_ == "according" else None
        if to is not None:
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            head = token.head if token.head is not token else token
            claim = _claim(head, source, "reports", index, sentence_of(token)) if source is not None else None
            if claim:
                claim.verb = (token.idx, to.idx + len(to))
                found.append(claim)
            continue
        stance = _stance(token) if token.tag_.startswith("VB") else None
        if not stance:
            if nameless is not None and token.tag_ in _FINITE:  # a verb only the rules read
                _note_nameless(token, index, nameless)
            continue
        subject, shared = grammatical_subject(token)
        if claim := _claim(token, subject, stance, index, sentence_of(token)):
            claim.shared = shared
            found.append(claim)
            by_verb[token.i] = claim
        elif nameless is not None:
            _note_nameless(token, index, nameless)
    return _fold_participles(doc, found, by_verb)


def _note_nameless(verb, index: dict[int, str], nameless: list) -> None:
    """Add (verb, subject words) when the verb's own subject stands before it and names no
    one ("analysts said", an unresolved "he claimed")."""
    subject, shared = grammatical_subject(verb)
    if subject is not None and not shared and subject.i < verb.i and _speaker(subject, index) is None:
        nameless.append(((verb.idx, verb.idx + len(verb)),
                         (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))))


def _shares_object(verb) -> bool:
    """"appreciate and support those efforts": the first verb has no object of its own."""
    return verb.dep_ == "conj" and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in verb.head.children)


def _fold_participles(doc, found: list[ClaimHit], by_verb: dict) -> list[ClaimHit]:
    """A participle clause continues its verb's statement: "X wrote to Y, condemning …" is
    one condemnation, "I am relieved to report …, recognizing that …" one assertion; so do
    verbs joined over one object ("we appreciate and support those efforts")."""
    dropped = set()
    for i, claim in by_verb.items():
        token = doc[i]
        participle = token.tag_ == "VBG" and token.dep_ == "advcl"
        outer = by_verb.get(token.head.i) if participle or _shares_object(token) else None
        if outer is None or outer.claimant != claim.claimant:
            continue
        if outer.stance == claim.stance:
            dropped.add(id(claim))
        elif outer.stance == "asserts":
            dropped.add(id(outer))
    return [c for c in found if id(c) not in dropped]


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


def mark_denials(text: str, claims: list[ClaimHit]) -> list[ClaimHit]:
    """A statement whose own words reject an accusation or deny an act is a denial; one
    whose words say what must or should be done is a call."""
    for claim in claims:
        if claim.stance == "asserts" and _DENIAL.search(text, claim.span[0], claim.span[1]):
            claim.stance = "denies"
        elif claim.stance == "asserts" and _OBLIGATION.search(text, claim.span[0], claim.span[1]) \
                and text[claim.verb[0]:claim.verb[1]].lower() not in _AGREE:  # agreeing to a norm asserts it
            claim.stance = "calls-for"
    return claims


def _inside_subject(rule: ClaimHit, parsed: ClaimHit) -> bool:
    """The rule's claimant (where its words start) lies inside the parse's subject phrase,
    after its head: "X, who had worked for Y, accused …" — X speaks, not Y (subjects
    joined by "and" each speak: the rules then name the parse's claimant too)."""
    return parsed.subject is not None and parsed.subject[0] < rule.span[0] < parsed.subject[1] \
        and rule.span[0] < rule.verb[0]


def _inverted(rule: ClaimHit, parsed: ClaimHit) -> bool:
    """The parse's subject follows the verb at once (a quotation, then "…," said X; not the
    agent after "described by"): the actor the rules took from before the verb is one the
    quotation names, not its speaker."""
    return parsed.subject is not None and parsed.verb[1] == rule.verb[1] \
        and rule.verb[1] <= parsed.subject[0] <= rule.verb[1] + 1


def _spoken_by_nameless(rule: ClaimHit, nameless) -> bool:
    """The verb has a subject of its own that names no one, and the rules' claimant stands
    before it ("X met Y, and analysts said …": neither X nor Y said it)."""
    return any(rule.verb[0] < verb[1] and verb[0] < rule.verb[1] and rule.span[0] < words[0]
               for verb, words in nameless)


def merge_speech(rules: list[ClaimHit], parsed: list[ClaimHit], nameless=()) -> list[ClaimHit]:
    """The rules' claims, widened to the parse's words when both name the same claimant
    for a verb (a quotation before it); and the parse's claims for verbs the rules did not
    read, or read with another claimant where the verb shares its subject with an earlier
    one ("X blamed … on Y and said …": X said it, not Y) or where the subject follows the
    verb ("…," said X). A rule's claim whose verb has a ``nameless`` subject after its
    claimant is dropped."""
    rules = [r for r in rules if not _spoken_by_nameless(r, nameless)]
    extra = []
    for claim in parsed:
        same = [r for r in rules if claim.verb[0] < r.verb[1] and r.verb[0] < claim.verb[1]]
        if not same:
            extra.append(claim)
        for rule in same:
            if rule.claimant != claim.claimant and _inverted(rule, claim):
                rule.claimant, rule.about = claim.claimant, claim.about
            if rule.claimant == claim.claimant:
                rule.span = (min(rule.span[0], claim.span[0]), max(rule.span[1], claim.span[1]))
            elif claim.shared or (_inside_subject(rule, claim)
                                  and not any(r.claimant == claim.claimant for r in same)):
                rule.claimant, rule.about = claim.claimant, claim.about
    return sorted(rules + extra, key=lambda c: c.span)
