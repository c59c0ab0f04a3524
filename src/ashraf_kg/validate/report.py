"""What a SHACL validation found: results, the report, and the error a failing build raises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..errors import ValidationError

# Violations listed in one error message before the rest are summarised as a count.
MAX_LISTED = 50


class ValidationResult(NamedTuple):
    """One SHACL result: the node that failed, the property path, the message, the severity
    and the shape that failed."""

    focus_node: Node
    path: Node | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: str = ""

    def __str__(self) -> str:
        path = f" {_short(self.path)}" if self.path is not None else ""
        return f"{self.severity}: <{self.focus_node}>{path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate_graph` found. ``results`` are sorted, so reports compare equal."""

    conforms: bool
    results: tuple[ValidationResult, ...] = ()

    def summary(self) -> str:
        """One line: ``"conforms"`` or the number of results by severity."""
        if self.conforms:
            return "conforms to the SHACL shapes"
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.severity] = counts.get(result.severity, 0) + 1
        parts = ", ".join(f"{n} {severity.lower()}{'s' if n > 1 else ''}"
                          for severity, n in sorted(counts.items()))
        return f"does not conform to the SHACL shapes: {parts}"


def _shape_name(shapes: Graph | None, shape: Node | None) -> str:
    """The node shape a result comes from (a property shape is named by its node shape)."""
    if isinstance(shape, BNode) and shapes is not None:
        shape = shapes.value(predicate=SH.property, object=shape)
    return str(shape).rsplit("#", 1)[-1] if shape is not None and not isinstance(shape, BNode) else ""


def read_results(results_graph: Graph, shapes: Graph | None = None) -> tuple[ValidationResult, ...]:
    """The results of a pySHACL results graph, sorted, each (focus node, path, message,
    severity) once; ``shapes`` names the shape each comes from."""
    results = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        message = results_graph.value(node, SH.resultMessage)
        severity = results_graph.value(node, SH.resultSeverity)
        path = results_graph.value(node, SH.resultPath)
        shape = results_graph.value(node, SH.sourceShape)
        results.append(ValidationResult(
            focus_node=results_graph.value(node, SH.focusNode),
            path=Literal(_path_text(results_graph, path)) if isinstance(path, BNode) else path,
            message=str(message) if message is not None else "constraint failed",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            shape=_shape_name(shapes, shape)))
    unique = {(str(r.focus_node), str(r.path), r.message, r.severity): r for r in results}
    return tuple(unique[key] for key in sorted(unique))


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL syntax (``akg:countKind/skos:inScheme``)."""
    if not isinstance(path, BNode):
        return _short(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, item) for item in graph.items(path))
    for predicate, template in ((SH.alternativePath, "({})"), (SH.inversePath, "^{}"),
                                (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                                (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            if predicate == SH.alternativePath:
                return template.format("|".join(_path_text(graph, i) for i in graph.items(inner)))
            return template.format(_path_text(graph, inner))
    return "(path)"


def _short(node: Node) -> str:
    from ..namespaces import compact

    if isinstance(node, Literal):
        return str(node)
    return compact(node, ids=False) or f"<{node}>"



def raise_unless_conforms(report: ValidationReport,
                          locate: Callable[[str], str | None] | None = None) -> ValidationReport:
    """``report`` if it conforms; else a ``ValidationError`` listing each focus node, path
    and message (the first ``MAX_LISTED``; ``error.results`` holds them all), each after
    the ``file:line`` that ``locate`` gives for its focus node's IRI."""
    if report.conforms:
        return report
    places = [(locate(str(r.focus_node)) if locate else None) for r in report.results[:MAX_LISTED]]
    lines = [f"{place}: {result}" if place else str(result)
             for place, result in zip(places, report.results, strict=False)]
    if len(report.results) > MAX_LISTED:
        lines.append(f"… and {len(report.results) - MAX_LISTED} more")
    raise ValidationError(
        f"the graph {report.summary()}:\n  " + "\n  ".join(lines),
        results=report.results, where=next((p for p in places if p), None),
        hint="fix the annotations (or the build) so that each node above meets its shape")
