"""Read and check standoff annotations (``annotations.yaml`` / ``draft.yaml``)."""

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
    Quote,
    Relation,
    TimeSpec,
)
from ..namespaces import is_slug
from ..vocab import COUNT_KINDS, EVENT_ROLES, EVENT_TYPES, RELATION_PREDICATES, STANCES, STATUSES
from .yamlio import as_strings, read_yaml, require


def _loc(path: Path, item) -> Location:
    return Location(str(path), getattr(item, "line", 0))


def _quote(value, path: Path, item, key: str = "evidence") -> Quote:
    if isinstance(value, str):
        value = {"quote": value}
    if not isinstance(value, dict) or not value.get("quote"):
        raise CorpusError(f"{key!r} must be a mapping with a 'quote'", where=str(_loc(path, item)),
                          hint=f"write {key}: {{quote: \"exact words of the text\"}}")
    return Quote(exact=str(value["quote"]), prefix=str(value.get("prefix") or ""),
                 suffix=str(value.get("suffix") or ""), location=_loc(path, value))


def _slug_id(item, path: Path) -> str:
    item_id = require(item, "id", path)
    if not is_slug(item_id):
        raise CorpusError(f"bad id {item_id!r}", where=str(_loc(path, item)),
                          hint="use lowercase ASCII letters, digits and single hyphens")
    return item_id


def _choice(value, allowed, key: str, path: Path, item) -> str:
    if value not in allowed:
        raise CorpusError(f"unknown {key} {value!r}", where=str(_loc(path, item)),
                          hint=f"use one of {', '.join(allowed)}")
    return value


def _confidence(item) -> float | None:
    value = item.get("confidence")
    return None if value is None else float(value)


def _time(item, path: Path) -> TimeSpec:
    time = item.get("time") or {}
    if isinstance(time, str):
        time = {"expression": time}
    values = {k: (str(time[k]) if time.get(k) is not None else None)
              for k in ("expression", "begin", "end", "duration")}
    return TimeSpec(**values)


def _counts(item, path: Path) -> tuple[Count, ...]:
    counts = []
    for count in item.get("counts") or []:
        value = count.get("value")
        if value is not None and not isinstance(value, int):
            raise CorpusError(f"count value {value!r} is not an integer", where=str(_loc(path, count)),
                              hint="write a whole number, or null when the text gives none")
        counts.append(Count(kind=_choice(count.get("kind"), COUNT_KINDS.names, "count kind", path, count),
                            value=value, expression=str(require(count, "expression", path)),
                            evidence=_quote(count.get("evidence"), path, count),
                            claimant=count.get("claimant")))
    return tuple(counts)


def _event(item, path: Path) -> Event:
    roles = tuple((role, as_strings(item.get(role), role, path, item)) for role in EVENT_ROLES.names
                  if item.get(role))
    return Event(
        id=_slug_id(item, path),
        type=_choice(item.get("type"), EVENT_TYPES.names, "event type", path, item),
        label=require(item, "label", path), evidence=_quote(item.get("evidence"), path, item),
        alleged=bool(item.get("alleged", False)), roles=roles,
        place=as_strings(item.get("place"), "place", path, item),
        part_of=item.get("part_of"), about=item.get("about"), time=_time(item, path),
        counts=_counts(item, path), confidence=_confidence(item), location=_loc(path, item))


def _relation(item, path: Path) -> Membership | Relation:
    common = dict(id=_slug_id(item, path), evidence=_quote(item.get("evidence"), path, item),
                  alleged=bool(item.get("alleged", False)), confidence=_confidence(item),
                  location=_loc(path, item))
    kind = _choice(item.get("type"), ("membership", "relation"), "relation type", path, item)
    if kind == "membership":
        return Membership(member=require(item, "member", path),
                          organization=require(item, "organization", path),
                          role=str(require(item, "role", path)),
                          former=bool(item.get("former", False)), **common)
    return Relation(subject=require(item, "subject", path),
                    predicate=_choice(item.get("predicate"), RELATION_PREDICATES.names, "predicate",
                                      path, item),
                    object=require(item, "object", path), **common)


def _claim(item, path: Path) -> Claim:
    return Claim(
        id=_slug_id(item, path), claimant=require(item, "claimant", path),
        stance=_choice(item.get("stance"), STANCES.names, "stance", path, item),
        evidence=_quote(item.get("evidence"), path, item),
        about=as_strings(item.get("about"), "about", path, item),
        proposition=item.get("proposition"), quoted=item.get("quoted"),
        reported_by=item.get("reported_by"), confidence=_confidence(item),
        location=_loc(path, item))


def _mention(item, path: Path) -> Mention:
    return Mention(entity=require(item, "entity", path), quote=_quote(item, path, item, "quote"),
                   all=bool(item.get("all", False)), confidence=_confidence(item))


def _items(data, key: str, path: Path) -> list:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise CorpusError(f"{key!r} must be a list of mappings", where=str(_loc(path, data)))
    return items


def read_annotations(path: Path, doc_id: str) -> Annotations:
    """Read one annotations file of document ``doc_id``."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise CorpusError("expected a mapping", where=str(path))
    if str(data.get("document")) != doc_id:
        raise CorpusError(f"document {data.get('document')!r} does not match the folder {doc_id!r}",
                          where=str(_loc(path, data)), hint=f"write 'document: {doc_id}'")
    relations = [_relation(i, path) for i in _items(data, "relations", path)]
    return Annotations(
        document=doc_id, status=_choice(data.get("status"), STATUSES, "status", path, data),
        mentions=tuple(_mention(i, path) for i in _items(data, "mentions", path)),
        events=tuple(_event(i, path) for i in _items(data, "events", path)),
        memberships=tuple(r for r in relations if isinstance(r, Membership)),
        relations=tuple(r for r in relations if isinstance(r, Relation)),
        claims=tuple(_claim(i, path) for i in _items(data, "claims", path)),
        extractor=data.get("extractor"), location=Location(str(path)))
