"""YAML of the curation files: read fast, within limits, with the place of every value.

``registry.yaml``, ``meta.yaml``, ``annotations.yaml`` and ``draft.yaml`` are read as YAML 1.2
(only ``true`` and ``false`` are booleans; dates stay the text written, for the schema to
check) by libyaml's composer, then turned into plain ``data`` (dicts, lists, str, int, float,
bool, None) by this module, which refuses what no curation file holds: a key that is not text,
a duplicate key, a tag, a lone surrogate, a number that is not finite. A file is refused before
it can cost much: nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_ALIASES` aliases,
more than :data:`MAX_NODES` values once aliases are expanded (a "billion laughs"), or an alias
inside its own anchor.

The owners of the files edit the round-trip ``tree`` (:mod:`.yamlrt`, loaded when first
asked for), which keeps the curator's comments, and write it back with :func:`write_yaml_file`.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

import yaml

from ..errors import CorpusError
from .limits import MAX_ALIASES, MAX_DEPTH, MAX_NODES
from .yamlrt import DateText

__all__ = ["YamlFile", "LineDict", "DateText", "load_yaml", "parse_yaml", "write_yaml_file", "check_yaml_limits",
           "as_strings", "parse_date", "MAX_DEPTH", "MAX_ALIASES", "MAX_NODES"]

_CORE = "tag:yaml.org,2002:"


class LineDict(dict):
    """A mapping read from YAML, with the 1-based ``line`` it starts on."""

    line: int = 0


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2's core schema, and timestamps (kept as text)."""


for _tag, _regex, _first in (
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                  r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
        ("timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                      r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$", "0123456789")):
    _Resolver.add_implicit_resolver(_CORE + _tag, re.compile(_regex),
                                    list(_first) + ([""] if _tag == "null" else []))


try:  # libyaml's parser and composer, as PyYAML ships them
    from yaml._yaml import CParser as _Parser
except ImportError:  # the same, in Python
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
        def __init__(self, text: str):
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Composer(_Parser, _Resolver):
    def __init__(self, text: str):
        _Parser.__init__(self, text)
        _Resolver.__init__(self)


class YamlFile:
    """A YAML file as read: its plain ``data``, the place of each value, and (for edits)
    its round-trip ``tree``."""

    def __init__(self, path: Path, data=None, *, root=None, text: str | None = None, tree=None):
        self.path, self.data, self._root, self._text, self._tree = Path(path), data, root, text, tree

    @property
    def tree(self):
        """The round-trip tree (comments kept) the owners of the file edit."""
        if self._tree is None:
            from .yamlrt import round_trip_yaml

            try:
                self._tree = round_trip_yaml().load(self._text)
            except Exception as error:  # read fast first: only the limits' backstops remain
                raise CorpusError(f"malformed YAML: {error}", where=str(self.path)) from None
        return self._tree

    def _node(self, keys):
        if self._root is None and self.data is not None:  # read from events: composed when asked
            self._root = yaml.compose(self._text, Loader=_Composer)
        node = self._root
        for key in keys:
            if isinstance(node, yaml.MappingNode) and isinstance(key, str):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                return None
        return node

    def position(self, keys) -> tuple[int, int]:
        """1-based (line, column) of the value at ``keys`` (mapping keys and list indexes)."""
        for end in range(len(keys), -1, -1):  # the closest place that exists
            node = self._node(tuple(keys)[:end])
            if node is not None:
                return node.start_mark.line + 1, node.start_mark.column + 1
        return 1, 1

    def key_position(self, keys, key) -> tuple[int, int]:
        """1-based (line, column) of mapping key ``key`` inside the mapping at ``keys``."""
        node = self._node(keys)
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                if k.value == key:
                    return k.start_mark.line + 1, k.start_mark.column + 1
        return self.position(keys)

    def where(self, keys=(), *, key=None) -> str:
        line, column = self.key_position(keys, key) if key is not None else self.position(keys)
        return f"{self.path}:{line}:{column}"

    def dump(self) -> str:
        """The YAML text of ``tree``, comments and order kept."""
        import io

        from .yamlrt import round_trip_yaml

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


def _at(path: Path, mark) -> str:
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)


def _refused(path: Path, mark, message: str) -> CorpusError:
    return CorpusError(f"refused: {message}", where=_at(path, mark),
                       hint="curation files need no anchors or aliases; write the values out")


def _check_events(text: str, path: Path) -> bool:
    """Nesting depth and aliases, counted on the parser's events before anything is built.

    Returns whether the composed document still needs :func:`_check_expansion`: without an
    alias, its values are its scalars and collections, counted here, and its depth is the
    nesting checked here."""
    depth = aliases = values = 0
    for event in yaml.parse(text, Loader=_Composer):
        if isinstance(event, yaml.ScalarEvent):
            values += 1
        elif isinstance(event, yaml.CollectionStartEvent):
            values += 1
            depth += 1
            if depth > MAX_DEPTH:
                raise CorpusError(f"malformed YAML: nested deeper than {MAX_DEPTH} levels",
                                  where=_at(path, event.start_mark),
                                  hint="a curation file nests a few levels only")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _refused(path, event.start_mark, f"more than {MAX_ALIASES} aliases (*name)")
    return aliases > 0 or values > MAX_NODES


def _children(node):
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else ()


def _check_expansion(root, path: Path) -> None:
    """Values and depth once aliases are expanded (post-order, each node once)."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            children = [sizes[id(c)] for c in _children(node)]
            size = 1 + sum(s for s, _ in children)
            depth = 1 + max((d for _, d in children), default=0)
            if size > MAX_NODES or depth > 2 * MAX_DEPTH:
                raise _refused(path, root.start_mark,
                               f"more than {MAX_NODES:,} values, or {2 * MAX_DEPTH} levels, "
                               "once its aliases are expanded")
            sizes[id(node)] = (size, depth)
            open_nodes.discard(id(node))
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise _refused(path, node.start_mark, "an alias inside its own anchor")
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def check_yaml_limits(text: str, path: Path) -> None:
    """Refuse YAML ``text`` past the limits (depth, aliases, expansion); leave syntax errors to
    the caller's own reader. For YAML files other than the curation files (``.source.yaml``)."""
    try:
        _check_events(text, Path(path))
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):  # libyaml's own limit, past ours
            raise CorpusError(f"malformed YAML: nested deeper than {MAX_DEPTH} levels",
                              where=_at(Path(path), error.problem_mark),
                              hint="a curation file nests a few levels only") from None
        return
    except yaml.YAMLError:
        return
    if root is not None:
        _check_expansion(root, Path(path))


def load_yaml(path: Path) -> YamlFile:
    """Parse a YAML file within the limits; raise :class:`CorpusError` with ``file:line:column``."""
    return parse_yaml(_read_text(Path(path)), Path(path))


def parse_yaml(text: str, path: Path) -> YamlFile:
    """Parse YAML ``text`` as the content of ``path`` (named in errors); see :func:`load_yaml`."""
    path = Path(path)
    read = _read_events(text, path)
    if read is not None:
        return YamlFile(path, read[0], text=text)
    try:
        expand = _check_events(text, path)
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(error.problem or error.context).split())
        raise CorpusError(f"malformed YAML: {problem}", where=_at(path, mark),
                          hint="fix the YAML syntax at that place") from None
    except yaml.YAMLError as error:  # a character YAML refuses, with its position
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        raise CorpusError(f"malformed YAML: {' '.join(str(error).split())}",
                          where=f"{path}:{line}:{column}", hint="remove that character") from None
    yaml_file = YamlFile(path, root=root, text=text)
    if root is not None:
        if expand:
            _check_expansion(root, path)
        yaml_file.data = _plain(root, path)
    return yaml_file


_COLLECTIONS = {yaml.MappingStartEvent: LineDict, yaml.SequenceStartEvent: list}
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _read_events(text: str, path: Path) -> tuple | None:
    """``(data,)`` of a file that is read without a fault, in one pass over libyaml's events
    (no node tree, no second parse): the same data as :func:`_plain` of the composed tree.
    None when the file has an anchor, an alias, a second document, a value past the limits
    or any fault: the full reader then reads it, and raises what it finds."""
    stack, values, top = [], 0, []
    try:
        loader = _Composer(text)
    except Exception:  # noqa: BLE001 (the full reader meets it again, and says what it is)
        return None
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind in _ENDS:
                stack.pop()
                continue
            if kind is yaml.DocumentStartEvent and top or kind is yaml.AliasEvent or \
                    getattr(event, "anchor", None) is not None:
                return None
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                value = _scalar_value(tag, event.value, event.start_mark, path)
            elif kind in _COLLECTIONS:
                value = _COLLECTIONS[kind]()
                if kind is yaml.MappingStartEvent:
                    value.line = event.start_mark.line + 1
            else:
                continue
            values += 1
            if not _place(value, stack, top) or len(stack) >= MAX_DEPTH and kind is not yaml.ScalarEvent:
                return None
            if kind is not yaml.ScalarEvent:
                stack.append([value, _NO_KEY])
    except Exception:  # noqa: BLE001 (as above)
        return None
    finally:
        loader.dispose()
    return (top[0] if top else None,) if values <= MAX_NODES else None


_NO_KEY = object()


def _place(value, stack: list, top: list) -> bool:
    """Put ``value`` into the collection open last (a mapping's key, then its value); False
    where the full reader would refuse it (a key that is not text, a duplicate key)."""
    if not stack:
        top.append(value)
        return True
    open_one = stack[-1]
    container, key = open_one
    if type(container) is list:
        container.append(value)
    elif key is _NO_KEY:
        if not isinstance(value, str) or value in container:
            return False
        open_one[1] = value
    else:
        container[key], open_one[1] = value, _NO_KEY
    return True


def _plain(node, path: Path):
    """The plain value of a node; anything JSON cannot hold is an error here."""
    if isinstance(node, yaml.MappingNode):
        data = LineDict()
        data.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = _plain(key_node, path)
            if not isinstance(key, str):
                raise CorpusError(f"key {key!r} is not text", where=_at(path, key_node.start_mark),
                                  hint="write field names as plain words")
            if key in data:
                raise CorpusError(f"malformed YAML: duplicate key {key!r}",
                                  where=_at(path, key_node.start_mark), hint="keep one of them")
            data[key] = _plain(value_node, path)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path) for item in node.value]
    return _scalar(node, path)


def _scalar(node, path: Path):
    return _scalar_value(node.tag, node.value, node.start_mark, path)


def _scalar_value(tag: str, value: str, mark, path: Path):
    if tag in (_CORE + "str", _CORE + "timestamp", "!"):
        return _text(value, mark, path)
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return value.lower() == "true"
    if tag == _CORE + "int":
        return int(value, 8 if value.startswith("0o") else 16 if value.startswith("0x") else 10)
    if tag == _CORE + "float":
        number = float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if not math.isfinite(number):
            raise CorpusError(f"{value} is not a finite number", where=_at(path, mark),
                              hint="write an ordinary number")
        return number
    raise CorpusError(f"the tag {tag} is not allowed in a curation file",
                      where=_at(path, mark), hint="remove the !tag and write plain text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str, mark, path: Path) -> str:
    found = _SURROGATE.search(value)
    if found:
        offset, char = found.start(), found.group()
        raise CorpusError(f"a lone surrogate (\\u{ord(char):04x}) at character {offset + 1} "
                          "of the text", where=_at(path, mark),
                          hint="write the character itself, not its UTF-16 halves")
    return value


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
