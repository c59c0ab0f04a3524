"""Standoff annotations, ``annotations.yaml`` (curated) and ``draft.yaml`` (extracted).

Read after a check against ``schemas/annotations.schema.json``; written (drafts) and edited
(``review``) from :class:`~ashraf_kg.model.Annotations` and its items, keeping comments.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from ..model import (
    Annotations,
    Claim,
    Count,
    Event,
    Location,
    Membership,
    Mention,
    Proposal,
    Quote,
    Relation,
    TimeSpec,
)
from ..vocab import EVENT_ROLES
from .schema import check_schema
from .yamlio import as_strings, load_yaml


def _loc(path: Path, item) -> Location:
    return Location(str(path), getattr(item, "line", 0))


def _quote(value, path: Path, item) -> Quote:
    """Evidence as written: a string, or a mapping with context and the extractor's offsets."""
    if isinstance(value, str):
        return Quote(exact=value, location=_loc(path, item))
    quote = Quote(exact=value["quote"], prefix=value.get("prefix") or "",
                  suffix=value.get("suffix") or "", location=_loc(path, value),
                  start=value.get("start"), end=value.get("end"))
    if (quote.start is None) != (quote.end is None) or (
            quote.start is not None and quote.end - quote.start != len(quote.exact)):
        raise CorpusError(f"offsets start: {quote.start}, end: {quote.end} do not frame the "
                          f"{len(quote.exact)} characters of the quote", where=str(quote.location),
                          hint="give both, end = start + length of the quote, or remove both "
                               "to have the quote found by its words")
    return quote


def _time(item) -> TimeSpec:
    time = item.get("time") or {}
    if isinstance(time, str):
        time = {"expression": time}
    return TimeSpec(**{k: time.get(k) for k in ("expression", "begin", "end", "duration")})


def _counts(item, path: Path) -> tuple[Count, ...]:
    return tuple(Count(kind=c["kind"], value=c.get("value"), expression=c["expression"],
                       evidence=_quote(c["evidence"], path, c), claimant=c.get("claimant"))
                 for c in item.get("counts") or ())


def _event(item, path: Path) -> Event:
    roles = tuple((role, as_strings(item.get(role))) for role in EVENT_ROLES.names if item.get(role))
    return Event(
        id=item["id"], type=item["type"], label=item["label"],
        evidence=_quote(item["evidence"], path, item), alleged=item.get("alleged", False),
        roles=roles, place=as_strings(item.get("place")), part_of=item.get("part_of"),
        about=item.get("about"), time=_time(item), counts=_counts(item, path),
        confidence=item.get("confidence"), location=_loc(path, item))


def _relation(item, path: Path) -> Membership | Relation:
    common = dict(id=item["id"], evidence=_quote(item["evidence"], path, item),
                  alleged=item.get("alleged", False), confidence=item.get("confidence"),
                  location=_loc(path, item))
    if item["type"] == "membership":
        return Membership(member=item["member"], organization=item["organization"],
                          role=item["role"], former=item.get("former", False), **common)
    return Relation(subject=item["subject"], predicate=item["predicate"], object=item["object"],
                    **common)


def _claim(item, path: Path) -> Claim:
    return Claim(
        id=item["id"], claimant=item["claimant"], stance=item["stance"],
        evidence=_quote(item["evidence"], path, item), about=as_strings(item.get("about")),
        proposition=item.get("proposition"), quoted=item.get("quoted"),
        reported_by=item.get("reported_by"), confidence=item.get("confidence"),
        location=_loc(path, item))


def _mention(item, path: Path) -> Mention:
    mention = Mention(entity=item["entity"], quote=_quote(item, path, item),
                      all=item.get("all", False), confidence=item.get("confidence"))
    if mention.all and mention.quote.start is not None:
        raise CorpusError("a mention with 'all: true' names every occurrence, but its offsets "
                          "name one", where=str(mention.quote.location),
                          hint="remove 'all: true' or remove start and end")
    return mention


def _proposal(item, path: Path) -> Proposal:
    return Proposal(
        number=item["number"], id=item["id"], type=item["type"], label=item["label"],
        quotes=tuple(_quote(q, path, item) for q in item.get("quotes") or ()),
        aliases=as_strings(item.get("aliases")), roles=as_strings(item.get("roles")),
        cue=item.get("cue") or "", confidence=item.get("confidence"), location=_loc(path, item))


def read_annotations(path: Path, doc_id: str) -> Annotations:
    """Read one annotations file (or draft) of document ``doc_id``.

    Raises :class:`CorpusError` naming ``file:line:column`` at the first place the file
    breaks ``schemas/annotations.schema.json``, or names another document.
    """
    yaml_file = load_yaml(Path(path))
    check_schema(yaml_file, "annotations")
    return _read(yaml_file, doc_id)


def _read(yaml_file, doc_id: str) -> Annotations:
    data, path = yaml_file.data, yaml_file.path
    if data["document"] != doc_id:
        raise CorpusError(f"document {data['document']!r} does not match the folder {doc_id!r}",
                          where=yaml_file.where(("document",)), hint=f"write 'document: {doc_id}'")
    relations = [_relation(i, path) for i in data.get("relations") or ()]
    return Annotations(
        document=doc_id, status=data["status"],
        mentions=tuple(_mention(i, path) for i in data.get("mentions") or ()),
        events=tuple(_event(i, path) for i in data.get("events") or ()),
        memberships=tuple(r for r in relations if isinstance(r, Membership)),
        relations=tuple(r for r in relations if isinstance(r, Relation)),
        claims=tuple(_claim(i, path) for i in data.get("claims") or ()),
        proposals=tuple(_proposal(i, path) for i in data.get("proposed_entities") or ()),
        extractor=data.get("extractor"), location=Location(str(path)))


# --- writing: drafts from the extractor, and the edits of ``review`` --------------------

DRAFT_HEADER = ("Draft annotations, machine-extracted: review before publishing.\n"
                "Format: docs/annotation-format.md; confidence is the extractor's; start and end\n"
                "are the offsets of a quote in text.txt (remove both when you change the quote).")


def _flow(items, mapping: bool = False):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap(items) if mapping else CommentedSeq(items)
    node.fa.set_flow_style()
    return node


def _quote_fields(quote: Quote, key: str = "quote") -> dict:
    fields = {key: quote.exact}
    fields.update({k: v for k, v in (("prefix", quote.prefix), ("suffix", quote.suffix)) if v})
    if quote.start is not None:
        fields.update(start=quote.start, end=quote.end)
    return fields


def _block(fields: dict):
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap((k, v) for k, v in fields.items())


def _mention_node(mention: Mention):
    return _block({"entity": mention.entity, **_quote_fields(mention.quote),
                   **({"all": True} if mention.all else {}), "confidence": mention.confidence})


def _event_node(event: Event):
    fields = {"id": event.id, "type": event.type, "label": event.label,
              "evidence": _flow(_quote_fields(event.evidence), True), "alleged": event.alleged}
    fields.update({role: _flow(ids) for role, ids in event.roles})
    fields["place"] = _flow(event.place)
    fields.update({k: getattr(event, k) for k in ("part_of", "about") if getattr(event, k)})
    if event.time.expression:
        fields["time"] = _block({k: v for k, v in vars(event.time).items() if v is not None})
    if event.counts:
        fields["counts"] = [_block({
            "kind": c.kind, "value": c.value, "expression": c.expression,
            "evidence": _flow(_quote_fields(c.evidence), True),
            **({"claimant": c.claimant} if c.claimant else {})}) for c in event.counts]
    fields["confidence"] = event.confidence
    return _block(fields)


def _relation_node(item: Membership | Relation):
    if isinstance(item, Membership):
        fields = {"id": item.id, "type": "membership", "member": item.member,
                  "organization": item.organization, "role": item.role, "former": item.former}
    else:
        fields = {"id": item.id, "type": "relation", "subject": item.subject,
                  "predicate": item.predicate, "object": item.object}
    return _block({**fields, "alleged": item.alleged,
                   "evidence": _flow(_quote_fields(item.evidence), True),
                   "confidence": item.confidence})


def _claim_node(claim: Claim):
    return _block({"id": claim.id, "claimant": claim.claimant, "stance": claim.stance,
                   "about": _flow(claim.about), "proposition": claim.proposition,
                   "quoted": claim.quoted,
                   **({"reported_by": claim.reported_by} if claim.reported_by else {}),
                   "evidence": _flow(_quote_fields(claim.evidence), True),
                   "confidence": claim.confidence})


def _proposal_node(proposal: Proposal):
    return _block({"number": proposal.number, "id": proposal.id, "type": proposal.type,
                   "label": proposal.label, "aliases": _flow(proposal.aliases),
                   "roles": _flow(proposal.roles), "cue": proposal.cue,
                   "confidence": proposal.confidence,
                   "quotes": [_flow(_quote_fields(q), True) for q in proposal.quotes]})


def _annotations_node(annotations: Annotations):
    return _block({
        "document": annotations.document, "status": annotations.status,
        "extractor": annotations.extractor,
        "mentions": [_mention_node(m) for m in annotations.mentions],
        "events": [_event_node(e) for e in annotations.events],
        "relations": [_relation_node(r) for r in (*annotations.memberships, *annotations.relations)],
        "claims": [_claim_node(c) for c in annotations.claims],
        "proposed_entities": [_proposal_node(p) for p in annotations.proposals]})


def _write_checked(yaml_file, doc_id: str) -> None:
    """Write an annotations file once its new text reads back as valid annotations."""
    from .yamlio import parse_yaml, write_yaml_file

    def check(text: str) -> None:
        checked = parse_yaml(text, yaml_file.path)
        check_schema(checked, "annotations")
        _read(checked, doc_id)

    write_yaml_file(yaml_file, check=check)


def _is_curated(path: Path) -> bool:
    try:
        return path.name == "annotations.yaml" or (
            path.exists() and (load_yaml(path).data or {}).get("status") == "reviewed")
    except CorpusError:
        return False  # a broken draft may be replaced by a fresh one


def write_annotations(annotations: Annotations, path: str | Path, *, proposals=None) -> Path:
    """Write draft ``annotations`` (and their proposed entities) to ``path`` atomically.

    Never over curated annotations: ``annotations.yaml``, or any file with ``status: reviewed``.
    """
    from dataclasses import replace

    from ..errors import ExtractionError
    from .schema import modeline
    from .yamlio import YamlFile

    path = Path(path)
    if _is_curated(path):
        raise ExtractionError("refusing to overwrite curated annotations", where=str(path),
                              hint="write drafts to draft.yaml (the default of ashraf-kg extract)")
    if proposals is not None:
        annotations = replace(annotations, proposals=tuple(proposals))
    node = _annotations_node(annotations)
    node.yaml_set_start_comment(modeline("annotations", path).removeprefix("# ") + "\n"
                                + DRAFT_HEADER)
    _write_checked(YamlFile(path, tree=node), annotations.document)
    return path


_ENTITY_LISTS = (*EVENT_ROLES.names, "place", "about")
_ENTITY_KEYS = ("claimant", "member", "organization", "subject", "object", "reported_by")


def _rename_entity(tree, old: str, new: str) -> None:
    """Drafted statements that name ``old`` (a merged proposal) name ``new`` instead."""
    for item in (*(tree.get("events") or []), *(tree.get("relations") or []),
                 *(tree.get("claims") or [])):
        for key in _ENTITY_LISTS:
            values = item.get(key)
            if isinstance(values, list) and old in values:
                kept = list(dict.fromkeys(new if v == old else v for v in values))
                values[:] = kept
        for key in _ENTITY_KEYS:
            if item.get(key) == old:
                item[key] = new


def _drop_entity(tree, old: str) -> None:
    """Drafted statements lose ``old`` (a rejected proposal): a role or place naming it is
    taken off; a claim, post or relation that needs it as claimant or end is dropped."""
    for key in ("relations", "claims"):
        items = tree.get(key) or []
        for i in reversed(range(len(items))):
            if any(items[i].get(k) == old for k in _ENTITY_KEYS):
                del items[i]
    for item in (*(tree.get("events") or []), *(tree.get("relations") or []),
                 *(tree.get("claims") or [])):
        for key in _ENTITY_LISTS:
            values = item.get(key)
            if isinstance(values, list) and old in values:
                values[:] = [v for v in values if v != old]


def resolve_proposal(path: Path, doc_id: str, number: int, mentions: tuple[Mention, ...], *,
                     merged_into: str | None = None, rejected: bool = False) -> None:
    """Remove proposal ``number`` from a draft and add ``mentions`` in its place, keeping
    the rest of the file (comments included) as it is; when the proposal is
    ``merged_into`` a registry entity, the drafted statements that named it name that one;
    when it is ``rejected``, they no longer name it."""
    from ruamel.yaml.comments import CommentedSeq

    yaml_file = load_yaml(Path(path))
    check_schema(yaml_file, "annotations")
    proposals = yaml_file.tree["proposed_entities"]
    index = next(i for i, p in enumerate(yaml_file.data["proposed_entities"]) if p["number"] == number)
    proposal_id = yaml_file.data["proposed_entities"][index]["id"]
    if merged_into:
        _rename_entity(yaml_file.tree, proposal_id, merged_into)
    elif rejected:
        _drop_entity(yaml_file.tree, proposal_id)
    del proposals[index]
    if not isinstance(yaml_file.tree.get("mentions"), CommentedSeq):
        yaml_file.tree["mentions"] = CommentedSeq()
    yaml_file.tree["mentions"].extend(_mention_node(m) for m in mentions)
    _write_checked(yaml_file, doc_id)
