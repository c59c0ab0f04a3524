"""SHACL validation: of any graph with pySHACL (``shacl``), of a built dataset after a first
look with shacl-rust (``fast``) one document at a time (``dataset``), the results and the
error a failing build raises (``report``), the drafted statements left out (``drafts``),
and the store pySHACL reads (``store``).

>>> from ashraf_kg.validate import validate_graph
>>> report = validate_graph(graph)          # doctest: +SKIP
>>> report.conforms, len(report.results)    # doctest: +SKIP
(True, 0)
"""

from .dataset import check_graph, validate_dataset
from .drafts import DroppedDraft, leave_out_unregistered, screen_drafts
from .report import MAX_LISTED, ValidationReport, ValidationResult
from .shacl import load_ontology, load_shapes, validate_dumps, validate_graph

__all__ = ["MAX_LISTED", "DroppedDraft", "ValidationReport", "ValidationResult", "check_graph",
           "leave_out_unregistered", "load_ontology", "load_shapes", "screen_drafts",
           "validate_dataset", "validate_dumps", "validate_graph"]
