"""Round-trip YAML (ruamel.yaml): how the owners of the curation files edit and write them.

Comments, blank lines, key order and quoting stay as the curator wrote them; ``null`` is
written ``null``; dates stay the text written. The same limits as the reader apply when a
file is loaded for editing: nesting depth, aliases and their expansion.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.representer import RoundTripRepresenter

from .limits import MAX_ALIASES, MAX_DEPTH, MAX_NODES


class DateText(str):
    """A YAML date or timestamp, kept as the text written (checked by the schema, not parsed)."""


class _TooBig(YAMLError):  # a backstop: files are read (and refused) by yamlio first
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


