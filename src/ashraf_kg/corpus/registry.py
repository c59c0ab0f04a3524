"""The entity registry, ``corpus/registry.yaml``: read, and grown by ``add`` and ``review``.

Every read is checked against ``schemas/registry.schema.json``; every write goes through
:class:`~ashraf_kg.model.Entity`, keeps the curator's comments and order, is read back and
checked before it replaces the file, and is atomic.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorpusError
from ..model import Entity, Location
from ..namespaces import is_slug, kind_of, slug_of
from ..vocab import ENTITY_KINDS
from .schema import check_schema, modeline
from .yamlio import YamlFile, as_strings, load_yaml, parse_yaml, write_yaml_file

__all__ = ["read_registry", "append_entity", "add_aliases", "has_entity", "check_entity"]

def _checked(registry: YamlFile) -> YamlFile:
    check_schema(registry, "registry")
    return registry


def _load(path: Path) -> YamlFile:
    return _checked(load_yaml(path))


def _read_entity(item: dict, where: str, path: Path) -> Entity:
    entity_id, entity_type = item["id"], item["type"]
    kind = kind_of(entity_id)
    if entity_type not in ENTITY_KINDS[kind].types:
        raise CorpusError(f"type {entity_type!r} does not fit kind {kind!r}", where=where,
                          hint=f"use one of {', '.join(ENTITY_KINDS[kind].types.names)}")
    return Entity(id=entity_id, type=entity_type, label=item["label"],
                  aliases=as_strings(item.get("aliases")), roles=as_strings(item.get("roles")),
                  description=str(item.get("description") or "").strip(),
                  wikidata=item.get("wikidata"), location=Location(str(path), item.line))


def _entities(registry: YamlFile) -> list[Entity]:
    entities, seen = [], {}
    for index, item in enumerate(registry.data["entities"]):
        entity = _read_entity(item, registry.where(("entities", index)), registry.path)
        if entity.id in seen:
            raise CorpusError(f"duplicate entity id {entity.id!r} (first at line {seen[entity.id]})",
                              where=registry.where(("entities", index, "id")),
                              hint="give each entity its own id")
        seen[entity.id] = entity.location.line
        entities.append(entity)
    return entities


def read_registry(path: Path) -> tuple[Entity, ...]:
    """Read ``registry.yaml``, sorted by id; ids must be unique and types fit their kind."""
    return tuple(sorted(_entities(_load(Path(path))), key=lambda e: e.id))


def has_entity(path: Path, entity_id: str) -> bool:
    """True when the registry at ``path`` exists and lists ``entity_id``."""
    path = Path(path)
    return path.exists() and any(e.id == entity_id for e in read_registry(path))


def _entity_node(entity: Entity):
    """The YAML mapping of ``entity``, in the registry's field order and list style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap(id=entity.id, type=entity.type, label=entity.label)
    for key in ("aliases", "roles"):
        node[key] = CommentedSeq(getattr(entity, key))
        node[key].fa.set_flow_style()
    if entity.description:
        node["description"] = entity.description
    if entity.wikidata:
        node["wikidata"] = entity.wikidata
    return node


def check_entity(entity: Entity) -> None:
    """Raise :class:`CorpusError` unless ``entity`` would be a valid registry entry."""
    kind, slug, where = kind_of(entity.id), slug_of(entity.id), str(entity.location)
    if kind not in ENTITY_KINDS or not is_slug(slug):
        raise CorpusError(f"bad entity id {entity.id!r}", where=where,
                          hint=f"write <kind>/<slug> with kind one of {', '.join(ENTITY_KINDS.names)}"
                               " and a lowercase-hyphenated slug")
    if entity.type not in ENTITY_KINDS[kind].types:
        raise CorpusError(f"type {entity.type!r} does not fit kind {kind!r}", where=where,
                          hint=f"use one of {', '.join(ENTITY_KINDS[kind].types.names)}")
    if not entity.label.strip():
        raise CorpusError(f"entity {entity.id} has an empty label", where=where,
                          hint="give it the name the documents use")


def _fresh(path: Path) -> YamlFile:
    return parse_yaml(f"{modeline('registry', path)}\nentities: []\n", path)


def _write(registry: YamlFile) -> None:
    """Write the registry back once its new text reads as a valid registry."""
    write_yaml_file(registry, check=lambda text: _entities(_checked(parse_yaml(text, registry.path))))


def append_entity(path: Path, entity: Entity) -> None:
    """Add ``entity`` at the end of the registry (created when missing), keeping its comments.

    Raises :class:`CorpusError` when the id is malformed or already there.
    """
    from ruamel.yaml.comments import CommentedSeq

    path = Path(path)
    check_entity(entity)
    registry = _load(path) if path.exists() else _fresh(path)
    if any(e["id"] == entity.id for e in registry.data["entities"]):
        raise CorpusError(f"{entity.id} is already in the registry", where=str(path),
                          hint=f"merge instead: --merge NEW_ID {entity.id}")
    entities = registry.tree.get("entities")
    if not isinstance(entities, CommentedSeq):
        entities = registry.tree["entities"] = CommentedSeq()
    entities.fa.set_block_style()
    text = registry.dump()
    if entities and re.search(r"\n[ \t]*\n[ \t]*- ", text) and not text.endswith("\n\n"):
        entities.append(_entity_node(entity))  # the registry sets entries apart with a blank line
        entities.yaml_set_comment_before_after_key(len(entities) - 1, before="\n", indent=2)
    else:
        entities.append(_entity_node(entity))
    _write(registry)


def add_aliases(path: Path, entity_id: str, names) -> tuple[str, ...]:
    """Add the ``names`` an entity lacks to its aliases (every alias is kept); return them all."""
    from ruamel.yaml.comments import CommentedSeq

    registry = _load(Path(path))
    index = next((i for i, e in enumerate(registry.data["entities"]) if e["id"] == entity_id), None)
    if index is None:
        raise CorpusError(f"unknown entity {entity_id!r}", where=str(path),
                          hint="name an id of registry.yaml")
    item = registry.data["entities"][index]
    node = registry.tree["entities"][index]
    old = list(as_strings(item.get("aliases")))
    new = [n for n in dict.fromkeys(names) if n not in old and n != item["label"]]
    if isinstance(node.get("aliases"), CommentedSeq):
        node["aliases"].extend(new)  # in place: a comment after the list stays
    else:
        aliases = CommentedSeq(old + new)
        aliases.fa.set_flow_style()
        if "aliases" in node:
            node["aliases"] = aliases
        else:
            node.insert(list(node).index("label") + 1, "aliases", aliases)
    _write(registry)
    return tuple(old + new)
