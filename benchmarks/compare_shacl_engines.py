"""Random single changes to the validation units of the real dataset, each validated by
pySHACL and by shacl-rust: does shacl-rust ever find nothing where pySHACL finds something?

    python benchmarks/compare_shacl_engines.py --changes 250 --seed 23

Each change is one of: a statement left out; a literal retyped (another datatype, or a
plain or English string); a number moved by -1, +1 or -1000; an object replaced by
another IRI of the unit; a second value added; a subject or a type replaced; a
literal's last character changed. pySHACL validates the changed unit as the build does
(``validate.dataset.validate_unit``), shacl-rust as the first look does
(``validate.fast``). Counted: the changes pySHACL finds a result about a kept node
after, those where the two engines find the same results, the same focus nodes, and
the *misses*: pySHACL finds a result about a kept node and shacl-rust none, in a unit
without an ill-typed literal (which the build leaves to pySHACL). Exit status 1 on any
miss. The tests hold a fixed set of such changes (``tests/validate/test_fast.py``).
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATATYPES = ("string", "integer", "nonNegativeInteger", "decimal", "date", "dateTime", "boolean",
             "duration", "double", "gYear", None)


def change_one(triples: list, rnd: random.Random, iris: list, classes: list) -> list:
    """``triples`` with one random change."""
    from rdflib import XSD, Literal
    from rdflib.namespace import RDF

    changed = list(triples)
    at = rnd.randrange(len(changed))
    s, p, o = changed[at]
    kind = rnd.randrange(7)
    if kind == 1 and isinstance(o, Literal):
        datatype = rnd.choice(DATATYPES)
        changed[at] = (s, p, Literal(str(o), datatype=XSD[datatype]) if datatype
                       else Literal(str(o), lang=rnd.choice(["en", None])))
    elif kind == 2 and isinstance(o, Literal) and o.datatype in (XSD.integer, XSD.nonNegativeInteger):
        changed[at] = (s, p, Literal(o.toPython() + rnd.choice([-1, 1, -1000]), datatype=o.datatype))
    elif kind == 3:
        changed[at] = (s, p, rnd.choice(iris))
    elif kind == 4:
        changed.append((s, p, rnd.choice([rnd.choice(iris), Literal("x"), Literal(1), Literal("a", lang="en")])))
    elif kind == 5:
        changed[at] = (s, RDF.type, rnd.choice(classes)) if p == RDF.type else (rnd.choice(iris), p, o)
    elif kind == 6 and isinstance(o, Literal) and str(o):
        changed[at] = (s, p, Literal(str(o)[:-1] + rnd.choice("ab "), lang=o.language, datatype=o.datatype))
    else:
        del changed[at]
    return changed


def compare(unit, context: list, context_rows: list, changes: int, rnd: random.Random, counts: Counter) -> None:
    """Validate ``changes`` random changes of ``unit`` with both engines, counting in ``counts``."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from ashraf_kg import resources
    from ashraf_kg.build.units import triple_rows
    from ashraf_kg.validate import fast
    from ashraf_kg.validate.dataset import validate_unit
    from ashraf_kg.validate.shacl import SHAPES_FILE

    iris = sorted({n for t in unit.triples for n in (t[0], t[2]) if isinstance(n, URIRef)})
    classes = sorted({o for _, p, o in (*unit.triples, *context) if p == RDF.type})
    for _ in range(changes):
        triples = change_one(unit.triples, rnd, iris, classes)
        try:
            found = validate_unit(context, triples, unit.keep)
        except Exception:  # pySHACL itself fails on some ill-typed numbers in SPARQL
            counts["pySHACL fails"] += 1
            continue
        rows = triple_rows(triples) + context_rows
        engine = fast.find_results(rows, resources.ontology_dir() / SHAPES_FILE)
        counts["changes"] += 1
        counts["pySHACL finds a result"] += bool(found)
        counts["same focus nodes"] += ({f"<{r.focus_node}>" for r in found}
                                       == {r["focusNode"] for r in engine if URIRef(r["focusNode"][1:-1]) in unit.keep})
        if found and fast.has_no_results(rows, about=unit.keep):
            ill_typed = fast.has_ill_typed(o for _, _, o in triples)
            counts["left to pySHACL (ill-typed)" if ill_typed else "MISSES"] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=250, help="changes per unit")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--units", type=int, default=6, help="the base unit and this many documents, less one")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # rdflib logs every ill-typed literal made
    warnings.simplefilter("ignore")
    from ashraf_kg.build.dataset import build_dataset
    from ashraf_kg.build.units import split_units, triple_rows
    from ashraf_kg.corpus.reader import read_corpus
    from ashraf_kg.validate.shacl import shipped_ontology

    ontology, units = split_units(build_dataset(read_corpus(ROOT / "corpus")))
    context = list({*ontology, *shipped_ontology()})
    rnd, counts = random.Random(args.seed), Counter()
    for unit in units[:args.units]:
        compare(unit, context, triple_rows(context), args.changes, rnd, counts)
        print(f"{unit.name}: {dict(counts)}", flush=True)
    sys.exit(1 if counts["MISSES"] else 0)


if __name__ == "__main__":
    main()
