"""The curation files' formats, described once as JSON Schema (``schemas/*.schema.json``).

The same files an editor uses to check ``annotations.yaml`` while a curator types (the
``# yaml-language-server: $schema=…`` first line of every curation file) check each file
here, before any of it is read: one :class:`CorpusError` naming ``file:line:column``, what
is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

from ..errors import CorpusError
from ..resources import schemas_dir
from .yamlio import YamlFile

SCHEMAS = {"annotations": "annotations.schema.json", "registry": "registry.schema.json",
           "meta": "meta.schema.json"}
MODELINE = "# yaml-language-server: $schema="


def schema_path(kind: str) -> Path:
    """The schema file of ``kind`` (``annotations``, ``registry`` or ``meta``)."""
    return schemas_dir() / SCHEMAS[kind]


def modeline(kind: str, yaml_path: Path) -> str:
    """The first line of a curation file: where an editor finds its schema (a relative path).

    >>> modeline("registry", Path("corpus/registry.yaml"))  # doctest: +SKIP
    '# yaml-language-server: $schema=../schemas/registry.schema.json'
    """
    target = schema_path(kind).resolve()
    try:
        relative = os.path.relpath(target, Path(yaml_path).resolve().parent)
    except ValueError:  # another drive (Windows)
        relative = str(target)
    return MODELINE + Path(relative).as_posix()


def _is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _is_date_or_time(value) -> bool:
    if not isinstance(value, str) or _is_date(value):
        return True
    try:
        return "T" in value and bool(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return False


def _pattern(validator, pattern, instance, schema):
    """JSON Schema's ``pattern``, with ``$`` meaning the end of the text (as in ECMA-262)."""
    from jsonschema.exceptions import ValidationError

    regex = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern
    if validator.is_type(instance, "string") and not re.search(regex, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_DATA_KEYWORDS = ("enum", "const", "required", "examples", "default", "definitions")


def _inline_refs(node, root: dict, seen: tuple = ()):
    """``node`` with every ``{"$ref": "#/…"}`` replaced by the schema it points to (its
    siblings ignored, as draft 7 does): the validator then resolves no reference while it
    checks a file, two fifths of its time."""
    if isinstance(node, list):
        return [_inline_refs(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        return _inline_refs(target, root, (*seen, ref))
    return {key: value if key in _DATA_KEYWORDS else _inline_refs(value, root, seen)
            for key, value in node.items()}


@cache
def _validator(kind: str):
    from jsonschema import Draft7Validator, FormatChecker
    from jsonschema.validators import extend

    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    checker.checks("date-or-date-time")(_is_date_or_time)
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    schema = _inline_refs(schema, schema)
    cls = extend(Draft7Validator, {"pattern": _pattern})
    return cls(schema, format_checker=checker)


@cache
def _quick_validator(kind: str):
    """jsonschema-rs's validator of ``kind``'s schema, with the same two date formats."""
    import jsonschema_rs

    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(
        schema, formats={"date": _is_date, "date-or-date-time": _is_date_or_time},
        validate_formats=True)


def _surely_valid(data, kind: str) -> bool:
    """True when jsonschema-rs finds ``data`` valid, in a fiftieth of jsonschema's time.

    It is only ever asked to let a file through: anything it refuses or cannot read (a
    value JSON has no form for, such as NaN) is checked by jsonschema, whose errors the
    messages are made from. It reads ``pattern``'s ``$`` as the end of the text, as
    :func:`_pattern` does, and checks every format it knows, which can only refuse more.
    ``tests/corpus/test_schema.py`` holds it to never passing what jsonschema refuses.
    """
    try:
        return _quick_validator(kind).is_valid(data)
    except (ValueError, TypeError, OverflowError):  # no JSON form: jsonschema decides
        return False


def check_schema(yaml_file: YamlFile, kind: str) -> None:
    """Raise :class:`CorpusError` at the first place (in file order) ``yaml_file`` breaks its schema."""
    if _surely_valid(yaml_file.data, kind):
        return
    errors = list(_validator(kind).iter_errors(yaml_file.data))
    if errors:
        first = min(errors, key=lambda e: (*_error_position(yaml_file, e), len(e.absolute_path)))
        raise _corpus_error(yaml_file, first)


def _error_position(yaml_file: YamlFile, error) -> tuple[int, int]:
    keys = tuple(error.absolute_path)
    extra = _unexpected(error)
    return yaml_file.key_position(keys, extra[0]) if extra else yaml_file.position(keys)


def _unexpected(error) -> list[str]:
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = error.schema.get("properties", {})
    return [k for k in error.instance if k not in known]


def _field(keys: tuple) -> str:
    names = [k for k in keys if isinstance(k, str)]
    return names[-1] if names else "document"


_TYPE_WORDS = {"boolean": "a boolean (true or false)", "integer": "a whole number",
               "number": "a number", "string": "text", "array": "a list", "object": "a mapping",
               "null": "null"}
_TYPE_HINTS = {"boolean": "write true or false, without quotes (yes, no, on, off and \"false\" are text)",
               "integer": "write a whole number such as 44, without quotes",
               "number": "write a number such as 0.8, without quotes",
               "string": "write text; put it in quotes if YAML reads it as something else",
               "array": "write a list: [a, b] or one '- item' per line",
               "object": "write a mapping of 'field: value' lines"}


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return {list: "a list", dict: "a mapping", type(None): "null"}.get(type(value), type(value).__name__)


def _corpus_error(yaml_file: YamlFile, error) -> CorpusError:
    keys = tuple(error.absolute_path)
    field, value, rule = _field(keys), error.instance, error.validator
    where = yaml_file.where(keys)
    if rule == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(_TYPE_WORDS[t] for t in types)
        return CorpusError(f"field {field!r} must be {wanted}, not {_describe(value)}", where=where,
                           hint=_TYPE_HINTS.get(types[0], "see the schema"))
    if rule == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)
        name = {"type": "type", "kind": "count kind"}.get(field, field)
        return CorpusError(f"unknown {name} {value!r}", where=where, hint=f"use one of {allowed}")
    if rule == "required":
        missing = [k for k in error.validator_value if k not in value][0]
        return CorpusError(f"missing required field {missing!r}", where=where,
                           hint=f"add '{missing}:' to this item")
    if rule == "additionalProperties":
        extra, known = _unexpected(error)[0], list(error.schema.get("properties", {}))
        close = difflib.get_close_matches(extra, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(known)}"
        return CorpusError(f"unknown field {extra!r}", where=yaml_file.where(keys, key=extra), hint=hint)
    if rule == "format":
        return CorpusError(f"unparseable date {value!r} in field {field!r}", where=where,
                           hint="write dates as YYYY-MM-DD (a day that exists), times as "
                                "YYYY-MM-DDThh:mm:ss+hh:mm")
    if rule == "pattern":
        return CorpusError(f"bad {field} {value!r}", where=where,
                           hint=error.schema.get("patternErrorMessage", "see the schema"))
    if rule == "minLength":
        return CorpusError(f"field {field!r} is empty", where=where, hint="write the text, or leave the field out")
    if rule in ("minimum", "maximum"):
        return CorpusError(f"field {field!r} is out of range: {value}", where=where,
                           hint=f"write a number {'≥' if rule == 'minimum' else '≤'} {error.validator_value}")
    return CorpusError(f"field {field!r}: {error.message}", where=where, hint="see the schema")
