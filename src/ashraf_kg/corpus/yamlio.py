"""YAML reading that remembers where each mapping was written, for error messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from ..errors import CorpusError
from ..model import Location


class LineDict(dict):
    """A mapping read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path):
    """Parse a YAML file; mappings come back as :class:`LineDict`.

    Raises :class:`CorpusError` naming ``file:line:column`` on a syntax error.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError("file not found", where=str(path)) from None
    except UnicodeDecodeError as error:
        raise CorpusError(f"not UTF-8 (byte {error.start})", where=str(path),
                          hint="save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise CorpusError(f"malformed YAML: {error.problem or error.context}", where=where,
                          hint="fix the YAML syntax at that place") from None
    except yaml.YAMLError as error:
        raise CorpusError(f"malformed YAML: {error}", where=str(path)) from None


def where_of(path: Path, item) -> str:
    return str(Location(str(path), getattr(item, "line", 0)))


def require(item: dict, key: str, path: Path, *, kind=str):
    """Return ``item[key]`` or raise a CorpusError naming the file and line."""
    value = item.get(key) if isinstance(item, dict) else None
    if value is None or (kind is str and not str(value).strip()):
        raise CorpusError(f"missing required field {key!r}", where=where_of(path, item),
                          hint=f"add '{key}:' to this item")
    if not isinstance(value, kind):
        raise CorpusError(f"field {key!r} must be a {kind.__name__}, not {type(value).__name__}",
                          where=where_of(path, item))
    return value


def as_strings(value, key: str, path: Path, item) -> tuple[str, ...]:
    """A YAML scalar or list of scalars as a tuple of strings."""
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    raise CorpusError(f"field {key!r} must be a string or a list of strings",
                      where=where_of(path, item))


def parse_date(value, key: str, path: Path, item) -> date | None:
    """A YAML date (or ISO string) as a ``date``; ``None`` stays ``None``."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"unparseable date {value!r} in field {key!r}", where=where_of(path, item),
                          hint="write dates as YYYY-MM-DD") from None
