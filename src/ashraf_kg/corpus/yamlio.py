"""YAML of the curation files: read with limits and positions, checked by schema, written back
keeping every comment.

One round-trip loader (ruamel.yaml, YAML 1.2: only ``true``/``false`` are booleans) reads
``registry.yaml``, ``meta.yaml``, ``annotations.yaml`` and ``draft.yaml``. A file is refused
before it can cost much: nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_ALIASES`
aliases or more than :data:`MAX_NODES` values once aliases are expanded (a "billion laughs").
What it reads comes back twice: the round-trip ``tree`` (comments, order, positions), which
the owners of the files edit and write back, and a plain ``data`` copy (dicts, lists, str,
int, float, bool, None) that the schema checks and the readers turn into model types.
Dates stay the text the curator wrote, so ``2013-02-30`` is a schema error, not a crash.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.representer import RoundTripRepresenter

from ..errors import CorpusError

MAX_DEPTH = 40  # a curation file nests six levels deep at most
MAX_ALIASES = 100
MAX_NODES = 1_000_000  # values after expanding aliases


class LineDict(dict):
    """A mapping read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


class DateText(str):
    """A YAML date or timestamp, kept as the text written (checked by the schema, not parsed)."""


class _TooBig(YAMLError):
    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.message, self.mark = message, mark


class _Composer(Composer):
    """Counts aliases and refuses a document whose aliases expand it past MAX_NODES."""

    def compose_document(self):
        self.aliases = 0
        node = super().compose_document()
        _check_expanded_size(node)
        return node

    def compose_node(self, parent, index):
        if self.parser.check_event(AliasEvent):
            self.aliases = getattr(self, "aliases", 0) + 1
            if self.aliases > MAX_ALIASES:
                raise _TooBig(f"more than {MAX_ALIASES} aliases (*name)",
                              self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


def _check_expanded_size(root) -> None:
    sizes: dict[int, int] = {}

    def size(node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 1  # a cycle (a mapping holding its own alias) counts once
            children = node.value if isinstance(node.value, list) else []
            total = 1
            for child in children:
                total += size(child[0]) + size(child[1]) if isinstance(child, tuple) else size(child)
                if total > MAX_NODES:
                    break
            sizes[id(node)] = total
        return sizes[id(node)]

    if root is not None and size(root) > MAX_NODES:
        raise _TooBig(f"more than {MAX_NODES:,} values once its aliases are expanded",
                      root.start_mark)


class _Constructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node, values=None):
        return DateText(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Representer(RoundTripRepresenter):
    pass


_Representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
_Representer.add_representer(DateText, lambda r, v: r.represent_scalar("tag:yaml.org,2002:timestamp", str(v)))


def round_trip_yaml() -> YAML:
    """The project's YAML reader and writer: round-trip, limited, in the corpus's layout."""
    yaml = YAML(typ="rt")
    yaml.Composer, yaml.Constructor, yaml.Representer = _Composer, _Constructor, _Representer
    yaml.max_depth = MAX_DEPTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long quote the curator wrote on one line
    yaml.preserve_quotes = True
    return yaml


@dataclass
class YamlFile:
    """A YAML file as read: its round-trip ``tree`` and a plain ``data`` copy."""

    path: Path
    tree: object
    data: object

    def position(self, keys) -> tuple[int, int]:
        """1-based (line, column) of the value at ``keys`` (mapping keys and list indexes)."""
        node = self.tree
        line, column = (node.lc.line, node.lc.col) if hasattr(node, "lc") else (0, 0)
        for key in keys:
            try:
                line, column = node.lc.item(key) if isinstance(key, int) else node.lc.value(key)
                node = node[key]
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return line + 1, column + 1

    def key_position(self, keys, key) -> tuple[int, int]:
        """1-based (line, column) of mapping key ``key`` inside the mapping at ``keys``."""
        node = self.tree
        try:
            for step in keys:
                node = node[step]
            line, column = node.lc.key(key)
            return line + 1, column + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            return self.position(keys)

    def where(self, keys=(), *, key=None) -> str:
        line, column = self.key_position(keys, key) if key is not None else self.position(keys)
        return f"{self.path}:{line}:{column}"

    def dump(self) -> str:
        """The YAML text of ``tree``, comments and order kept."""
        out = io.StringIO()
        round_trip_yaml().dump(self.tree, out)
        return out.getvalue()


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError("file not found", where=str(path)) from None
    except IsADirectoryError:
        raise CorpusError("a folder, not a file", where=str(path)) from None
    except UnicodeDecodeError as error:
        raise CorpusError(f"not UTF-8 (byte {error.start})", where=str(path),
                          hint="save the file as UTF-8") from None


def _yaml_error(path: Path, text: str, error: Exception) -> CorpusError:
    if isinstance(error, _TooBig):
        mark = error.mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        return CorpusError(f"refused: {error.message}", where=where,
                           hint="curation files need no anchors or aliases; write the values out")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
    if "maximum depth" in str(problem):
        problem, hint = f"nested deeper than {MAX_DEPTH} levels", "a curation file nests a few levels only"
    else:
        hint = "fix the YAML syntax at that place"
    if mark is None and getattr(error, "position", None) is not None:  # a character YAML refuses
        offset = error.position
        line = text.count("\n", 0, offset)
        mark = type("Mark", (), {"line": line, "column": offset - (text.rfind("\n", 0, offset) + 1)})
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    return CorpusError(f"malformed YAML: {' '.join(str(problem).split())}", where=where, hint=hint)


def load_yaml(path: Path) -> YamlFile:
    """Parse a YAML file within the limits; raise :class:`CorpusError` with ``file:line:column``."""
    return parse_yaml(_read_text(Path(path)), Path(path))


def parse_yaml(text: str, path: Path) -> YamlFile:
    """Parse YAML ``text`` as the content of ``path`` (named in errors); see :func:`load_yaml`."""
    try:
        tree = round_trip_yaml().load(text)
    except (YAMLError, MarkedYAMLError) as error:
        raise _yaml_error(path, text, error) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        raise CorpusError(f"malformed YAML: {error}", where=str(path),
                          hint="fix the YAML syntax") from None
    yaml_file = YamlFile(path, tree, None)
    yaml_file.data = _plain(tree, (), yaml_file)
    return yaml_file


def _plain(value, keys: tuple, yaml_file: YamlFile):
    """A plain copy of a round-trip value; anything JSON cannot hold is an error here."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dict):
        copy = LineDict()
        copy.line = yaml_file.position(keys)[0]
        for key, item in value.items():
            if not isinstance(key, str):
                raise CorpusError(f"key {key!r} is not text", where=yaml_file.where(keys, key=key),
                                  hint="write field names as plain words")
            copy[key] = _plain(item, (*keys, key), yaml_file)
        return copy
    if isinstance(value, list):
        return [_plain(item, (*keys, i), yaml_file) for i, item in enumerate(value)]
    if isinstance(value, str):
        return _text(value, keys, yaml_file)
    if isinstance(value, int) and type(value).__name__ == "ScalarBoolean":  # an anchored boolean
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CorpusError(f"{value} is not a finite number", where=yaml_file.where(keys),
                              hint="write an ordinary number")
        return float(value)
    raise CorpusError(f"a {type(value).__name__} value YAML tags made, which no curation file holds",
                      where=yaml_file.where(keys), hint="remove the !tag and write plain text")


def _text(value: str, keys: tuple, yaml_file: YamlFile) -> str:
    for offset, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            raise CorpusError(f"a lone surrogate (\\u{ord(char):04x}) at character {offset + 1} "
                              "of the text", where=yaml_file.where(keys),
                              hint="write the character itself, not its UTF-16 halves")
    return str(value)


def write_yaml_file(yaml_file: YamlFile, *, check=None) -> None:
    """Write ``yaml_file.tree`` back atomically; ``check(text)`` may refuse it first."""
    from ..fileio import write_text_atomic

    text = yaml_file.dump()
    if check is not None:
        check(text)
    write_text_atomic(yaml_file.path, text)


def as_strings(value) -> tuple[str, ...]:
    """A schema-checked text, list of texts or null as a tuple of texts."""
    return () if value is None else (value,) if isinstance(value, str) else tuple(value)


def parse_date(value) -> date | None:
    """A date the schema has checked (``YYYY-MM-DD``), or None."""
    return None if value is None else date.fromisoformat(str(value))
