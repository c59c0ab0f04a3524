"""Extraction throughput: documents per second on one and two cores, and one long article.

Generates documents by recombining the sentences of the corpus, with the people's names
swapped for new ones (so the extractor meets names the registry does not hold), then
extracts them all. Prints a table; run from the repository root:

    .venv/bin/python benchmarks/bench_extract.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ashraf_kg.corpus.reader import read_corpus  # noqa: E402
from ashraf_kg.extract.pipeline import extract_document, split_sentences  # noqa: E402
from ashraf_kg.model import Document, DocumentMeta  # noqa: E402

FIRST = ["Hassan", "Leila", "Karim", "Nadia", "Omar", "Samira", "Yusuf", "Zahra", "Ali", "Mina"]
LAST = ["Karimi", "Haddad", "Rahimi", "Tabrizi", "Jafari", "Nouri", "Sadeghi", "Amini"]
GOAL_LONG_ARTICLE_SECONDS = 1.0

_REGISTRY = ()


def generate(corpus, count: int, seed: int = 7) -> list[Document]:
    """``count`` documents of 8-20 corpus sentences, with new names for the people."""
    rng = random.Random(seed)
    sentences = [d.text[s:e] for d in corpus.documents for s, e in split_sentences(d.text)
                 if e - s > 40]
    people = [e.label for e in corpus.registry if e.kind == "person" and " " in e.label
              and "(" not in e.label and not e.label[0].islower()]
    documents = []
    for n in range(count):
        names = {p: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for p in people}
        text = " ".join(rng.sample(sentences, rng.randint(8, 20)))
        for old, new in names.items():
            text = text.replace(old, new)
        meta = DocumentMeta(f"{n:04d}_generated", f"Generated {n}", date(2013, 9, 1),
                            timezone="+03:00", author="person/author-of-000")
        documents.append(Document(meta, text, text + "\n"))
    return documents


def _init(registry) -> None:
    global _REGISTRY
    _REGISTRY = registry


def _extract(document: Document) -> int:
    result = extract_document(document, _REGISTRY)
    return len(result.annotations.events)


def run(documents: list[Document], registry, processes: int) -> float:
    started = time.perf_counter()
    if processes == 1:
        _init(registry)
        for document in documents:
            _extract(document)
    else:
        with Pool(processes, initializer=_init, initargs=(registry,)) as pool:
            pool.map(_extract, documents, chunksize=16)
    return time.perf_counter() - started


def long_article(corpus, words: int = 1000) -> Document:
    text, sentences = "", [s for d in corpus.documents for s in d.text.split("\n") if len(s) > 80]
    i = 0
    while len(text.split()) < words:
        text += sentences[i % len(sentences)] + "\n"
        i += 1
    meta = DocumentMeta("long", "Long", date(2013, 9, 1), timezone="+03:00",
                        author="person/author-of-000")
    return Document(meta, text, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    corpus = read_corpus(ROOT / "corpus")
    documents = generate(corpus, args.documents)
    words = sum(len(d.text.split()) for d in documents)
    rows = []
    for processes in (1, 2):
        seconds = run(documents, corpus.registry, processes)
        rows.append((f"{len(documents)} documents, {processes} core(s)", seconds,
                     len(documents) / seconds))
    article = long_article(corpus)
    started = time.perf_counter()
    extract_document(article, corpus.registry)
    long_seconds = time.perf_counter() - started
    print(f"{'run':36} {'seconds':>9} {'docs/s':>9}")
    for name, seconds, rate in rows:
        print(f"{name:36} {seconds:9.2f} {rate:9.1f}")
    print(f"{'speed-up, 2 cores vs 1':36} {'':>9} {rows[1][2] / rows[0][2]:9.2f}")
    print(f"{f'one article of {len(article.text.split())} words':36} {long_seconds:9.3f} "
          f"{'':>9}  goal < {GOAL_LONG_ARTICLE_SECONDS:.1f} s: "
          f"{'met' if long_seconds < GOAL_LONG_ARTICLE_SECONDS else 'NOT MET'}")
    print(f"(generated corpus: {words} words, {words / len(documents):.0f} per document)")
    return 0 if long_seconds < GOAL_LONG_ARTICLE_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
