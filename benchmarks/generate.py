"""Scale the corpus to a synthetic graph of a given size, keeping its shape.

Each synthetic document is a copy of one of the real document graphs (its events with
roles, places and times, memberships, reified relations, claims with claimants and stances,
counts, and the Web Annotation evidence with quote and position selectors), in which:

- the document, its annotations and its events, claims, memberships, relations and
  counts get new IRIs;
- every registry entity is replaced by one of the same kind drawn from a power law
  (Zipf, exponent 1.1): the real entity stays the most frequent, a long tail of
  synthetic ones each appear a few times, so entity degrees follow a power law;
- dates move by a random number of days.

The registry graph grows with a description of every synthetic entity (copied from a
real one of the same kind), and the ontology graph is kept as it is. The output is an
N-Quads file with the same named graphs as ``graph/ashraf-kg.nq``. Same seed, same bytes.

    python benchmarks/generate.py --triples 100k --out benchmarks/data/bench-100k.nq
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ashraf_kg.vocab import ENTITY_KINDS

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/ashraf-kg/id/"
GRAPH = ID + "graph/"
RENAMED_KINDS = ("event", "claim", "membership", "relation", "count", "annotation", "document")
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {XSD + "date", XSD + "dateTime"}
ZIPF_EXPONENT = 1.1


def parse_size(text: str) -> int:
    """``10k`` → 10 000, ``1M`` → 1 000 000."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmM]?)", text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r} (write e.g. 10k, 100k, 1M)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match[2].lower()]
    return int(float(match[1]) * factor)


def read_template(dump: Path) -> dict[str, list[ox.Quad]]:
    graphs: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS):
        graphs[quad.graph_name.value].append(quad)
    return dict(graphs)


def entity_kind(iri: str) -> str | None:
    if not iri.startswith(ID):
        return None
    kind = iri[len(ID):].split("/", 1)[0]
    return kind if kind in ENTITY_KINDS else None


class EntityPool:
    """Entities of each kind, drawn by a Zipf law over their rank; the real ones first."""

    def __init__(self, real: dict[str, list[str]], per_kind: int, rng: random.Random):
        self.rng = rng
        self.members: dict[str, list[str]] = {}
        self.synthetic: dict[str, str] = {}  # synthetic IRI -> real IRI it copies
        self.cumulative: dict[str, list[float]] = {}
        for kind, iris in real.items():
            members = list(iris)
            for n in range(max(0, per_kind - len(iris))):
                template = iris[n % len(iris)]
                synthetic = f"{template}-s{n + 1}"
                members.append(synthetic)
                self.synthetic[synthetic] = template
            self.members[kind] = members
            weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(members))]
            self.cumulative[kind] = list(itertools.accumulate(weights))

    def draw(self, kind: str) -> str:
        cumulative = self.cumulative[kind]
        index = bisect.bisect(cumulative, self.rng.random() * cumulative[-1])
        return self.members[kind][min(index, len(cumulative) - 1)]


class DocumentCopy:
    """Renames the IRIs of one copy of a template document graph."""

    def __init__(self, template_id: str, copy_id: str, pool: EntityPool, rng: random.Random):
        self.template_id, self.copy_id = template_id, copy_id
        self.suffix = "-" + copy_id.rsplit("-", 1)[-1]
        self.pool, self.entities = pool, {}
        self.days = rng.randint(-3650, 3650)

    def iri(self, value: str) -> str:
        kind = entity_kind(value)
        if kind:
            if value not in self.entities:
                self.entities[value] = self.pool.draw(kind) if kind in self.pool.members else value
            return self.entities[value]
        if not value.startswith(ID):
            return value
        if self.template_id in value:
            return value.replace(self.template_id, self.copy_id)
        kind, _, rest = value[len(ID):].partition("/")
        if kind in RENAMED_KINDS and rest:
            slug, slash, tail = rest.partition("/")
            return f"{ID}{kind}/{slug}{self.suffix}{slash}{tail}"
        return value

    def term(self, term):
        if isinstance(term, ox.NamedNode):
            return ox.NamedNode(self.iri(term.value))
        if isinstance(term, ox.Literal) and term.datatype.value in DATE_TYPES:
            return ox.Literal(shift_date(term.value, self.days), datatype=term.datatype)
        return term

    def quad(self, quad: ox.Quad) -> ox.Quad:
        return ox.Quad(self.term(quad.subject), ox.NamedNode(quad.predicate.value),
                       self.term(quad.object), ox.NamedNode(self.iri(quad.graph_name.value)))


def shift_date(lexical: str, days: int) -> str:
    try:
        day = dt.date.fromisoformat(lexical[:10])
    except ValueError:
        return lexical
    return (day + dt.timedelta(days=days)).isoformat() + lexical[10:]


def synthetic_registry(registry: list[ox.Quad], pool: EntityPool) -> list[ox.Quad]:
    """A registry entry for every synthetic entity: the real one's, renamed and relabelled."""
    by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in registry:
        by_subject[quad.subject.value].append(quad)
    out = []
    for synthetic, template in pool.synthetic.items():
        number = synthetic.rsplit("-s", 1)[1]
        for quad in by_subject.get(template, ()):
            obj = quad.object
            if isinstance(obj, ox.Literal) and obj.language:
                obj = ox.Literal(f"{obj.value} {number}", language=obj.language)
            elif quad.predicate.value == "http://www.w3.org/2002/07/owl#sameAs":
                continue  # a synthetic entity has no real external identifier
            out.append(ox.Quad(ox.NamedNode(synthetic), quad.predicate, obj, quad.graph_name))
    return out


def generate(dump: Path, target: int, *, seed: int = 20130901) -> list[ox.Quad]:
    """Quads of a synthetic dataset of about ``target`` triples shaped like ``dump``."""
    rng = random.Random(seed)
    graphs = read_template(dump)
    documents = sorted(g for g in graphs if g not in (GRAPH + "ontology", GRAPH + "registry"))
    registry = graphs[GRAPH + "registry"]
    real = rank_entities(registry, [q for d in documents for q in graphs[d]])
    base = sum(len(q) for q in graphs.values())
    per_document = sum(len(graphs[d]) for d in documents) / len(documents)
    copies = max(0, round((target - base) / (per_document * 1.03)))
    # Every copy brings about three new entities of each kind into the long tail.
    pool = EntityPool(real, per_kind=max(len(v) for v in real.values()) + 3 * copies, rng=rng)
    quads = [q for quads in graphs.values() for q in quads]
    quads += synthetic_registry(registry, pool)
    for n in range(copies):
        template = documents[n % len(documents)]
        template_id = template[len(GRAPH):]
        copy = DocumentCopy(template_id, f"bench-{n + 1:06d}", pool, rng)
        quads += [copy.quad(q) for q in graphs[template]]
    return list(dict.fromkeys(quads))  # two roles drawn to one entity can repeat a quad


def rank_entities(registry: list[ox.Quad], statements: list[ox.Quad]) -> dict[str, list[str]]:
    """Registry entities by kind, the most connected in the real documents first."""
    degree: dict[str, int] = defaultdict(int)
    for quad in statements:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and entity_kind(term.value):
                degree[term.value] += 1
    real: dict[str, list[str]] = defaultdict(list)
    for quad in registry:
        kind = entity_kind(quad.subject.value)
        if kind and quad.subject.value not in real[kind]:
            real[kind].append(quad.subject.value)
    return {kind: sorted(iris, key=lambda iri: (-degree[iri], iri)) for kind, iris in real.items()}


def write_nquads(quads: list[ox.Quad], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    with open(partial, "wb") as handle:
        ox.serialize(quads, handle, format=ox.RdfFormat.N_QUADS)
    partial.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", default="100k", help="target size, e.g. 10k, 100k, 1M")
    parser.add_argument("--dump", type=Path, default=ROOT / "graph" / "ashraf-kg.nq",
                        help="the real dump to copy the shape from")
    parser.add_argument("--seed", type=int, default=20130901)
    parser.add_argument("--out", type=Path, required=True, help="the N-Quads file to write")
    args = parser.parse_args(argv)
    if not args.dump.is_file():
        print(f"Error: no dump at {args.dump} (run `ashraf-kg build` first)", file=sys.stderr)
        return 2
    quads = generate(args.dump, parse_size(args.triples), seed=args.seed)
    write_nquads(quads, args.out)
    print(f"Wrote {len(quads)} quads to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
