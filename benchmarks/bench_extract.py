"""Extraction throughput in words per second on one core, in process, and one long article.

Generates documents by recombining the sentences of the corpus, with the people's names
swapped for new ones (so the extractor meets names the registry does not hold), then
measures, on one core and after one warm-up document:

- the statistical parse alone, as extraction runs it (``nlp.pipe``, unused steps left out),
  and spaCy's whole small English pipeline for comparison;
- the rules alone, on documents already parsed;
- the whole extraction (``extract_documents``: parse, then every rule step).

Each step is timed as wall time and as processor time of the process (``time.process_time``,
every thread of it); the load average is printed before and after. Prints a table; run
from the repository root:

    .venv/bin/python benchmarks/bench_extract.py [--documents 300]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ashraf_kg.corpus.reader import read_corpus  # noqa: E402
from ashraf_kg.extract.nlp import MODEL, load_pipeline, parse_texts  # noqa: E402
from ashraf_kg.extract.pipeline import extract_document, extract_documents, split_sentences  # noqa: E402
from ashraf_kg.model import Document, DocumentMeta  # noqa: E402

FIRST = ["Hassan", "Leila", "Karim", "Nadia", "Omar", "Samira", "Yusuf", "Zahra", "Ali", "Mina"]
LAST = ["Karimi", "Haddad", "Rahimi", "Tabrizi", "Jafari", "Nouri", "Sadeghi", "Amini"]
GOAL_WORDS_PER_SECOND = 4000
GOAL_LONG_ARTICLE_SECONDS = 1.0


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
        text = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(8, 20))))
        for old, new in names.items():
            text = text.replace(old, new)
        documents.append(_document(f"{n:04d}_generated", text))
    return documents


def _document(doc_id: str, text: str) -> Document:
    meta = DocumentMeta(doc_id, doc_id, date(2013, 9, 1), timezone="+03:00",
                        author="person/author-of-000")
    return Document(meta, text, text + "\n")


def long_article(corpus, words: int = 1000) -> Document:
    text, sentences = "", [s for d in corpus.documents for s in d.text.split("\n") if len(s) > 80]
    i = 0
    while len(text.split()) < words:
        text += sentences[i % len(sentences)] + "\n"
        i += 1
    return _document("long", text)


def timed(step) -> tuple[float, float]:
    """(wall seconds, processor seconds) of ``step()``."""
    started, processor = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - started, time.process_time() - processor


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    before = load_average()
    corpus = read_corpus(ROOT / "corpus")
    documents = generate(corpus, args.documents)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    extract_documents(documents[:1], corpus.registry)  # warm-up: loads the pipeline once
    import spacy

    whole = spacy.load(MODEL)
    list(whole.pipe(texts[:1]))
    docs = parse_texts(texts)
    pairs = list(zip(documents, docs, strict=True))
    rows = [
        ("spaCy small pipeline, every step", timed(lambda: list(whole.pipe(texts)))),
        (f"parse as extraction runs it ({', '.join(load_pipeline().pipe_names)})",
         timed(lambda: parse_texts(texts))),
        ("rules alone, on parsed documents",
         timed(lambda: [extract_document(d, corpus.registry, doc=doc) for d, doc in pairs])),
        ("whole extraction (parse + rules)", timed(lambda: extract_documents(documents, corpus.registry))),
    ]
    article = long_article(corpus)
    long_seconds = timed(lambda: extract_documents([article], corpus.registry))[0]
    print(f"{len(documents)} generated documents, {words} words ({words / len(documents):.0f} per "
          f"document), one core, in process; load average before: {before}\n")
    print(f"{'step':64} {'seconds':>8} {'words/s':>8} {'vs goal':>8} {'CPU s':>8} {'CPU w/s':>8}")
    for name, (seconds, processor) in rows:
        rate = words / seconds
        print(f"{name[:64]:64} {seconds:8.2f} {rate:8.0f} {rate / GOAL_WORDS_PER_SECOND:7.2f}x "
              f"{processor:8.2f} {words / processor:8.0f}")
    rate = words / rows[-1][1][0]
    print(f"\nwhole extraction: {rate:.0f} words/s ({words / rows[-1][1][1]:.0f} per second of "
          f"processor time), goal {GOAL_WORDS_PER_SECOND}: "
          f"{'met' if rate >= GOAL_WORDS_PER_SECOND else 'NOT MET'}")
    print(f"one article of {len(article.text.split())} words: {long_seconds:.3f} s, goal < "
          f"{GOAL_LONG_ARTICLE_SECONDS:.1f} s: {'met' if long_seconds < GOAL_LONG_ARTICLE_SECONDS else 'NOT MET'}")
    print(f"load average after: {load_average()}")
    return 0 if rate >= GOAL_WORDS_PER_SECOND and long_seconds < GOAL_LONG_ARTICLE_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
