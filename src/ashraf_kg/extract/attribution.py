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
efforts"), is one statement with it. Its stance is read from the verb and its words
(:mod:`.stances`). A name qualifying a title ("the Kesh Council President") is not the
speaker: the title's unnamed holder is. The claim's words run from the subject to the end
of the verb's phrase, before any verb joined after it, so a quotation before or after the
verb is inside them.

Claimants are registry entities or names proposed for review (``names`` maps a span of
the text to a proposed id); a subject that names neither makes no claim.
"""

from __future__ import annotations

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .claims import ClaimHit, office_holder
from .mentions import Hit
from .stances import ATTITUDES, verb_stance


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
    return _named_before(token, index)


def _named_before(token, index: dict[int, str]) -> str | None:
    """The person named before a comma and a title for someone, an apposition the parse
    missed: "Ali al-Mousawi, the spokesman for the prime minister, said"."""
    left = token.left_edge
    if left.i < 2 or token.doc[left.i - 1].text != "," or token.tag_ != "NN" \
            or not any(c.dep_ == "prep" and c.lower_ in ("for", "of", "to") for c in token.children):
        return None
    found = _entity_at(index, token.doc[left.i - 2])
    return found if found and kind_of(found) == "person" else None


def grammatical_subject(verb) -> tuple:
    """The subject token of ``verb`` (or of the verb it is joined to: then ``shared``), or
    the agent after "by" in a passive; ``(None, False)`` when there is none."""
    kinds = ("nsubj", "csubj", "nsubjpass") if verb.lower_ in ATTITUDES else ("nsubj", "csubj")
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
        stance = verb_stance(token) if token.tag_.startswith("VB") else None
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
