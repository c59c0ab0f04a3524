"""How anchoring grows with the document: it must stay linear in the text.

    .venv/bin/python benchmarks/bench_anchor.py [--sizes 1,2,4,8,16] [--quotes 200]

Makes a document of N MB of random news words and anchors the same quotes in it (unique
ones, and common words told apart by a prefix or a suffix), folding the text once as
``anchor_document`` does. Prints one row per size with the time,
the time per MB and the ratio of each time to the smallest size's: linear work keeps the
per-MB time flat and the ratio near the size ratio (a quadratic one squares it).
"""

from __future__ import annotations

import argparse
import random
import time

from ashraf_kg.anchor import anchor_quote
from ashraf_kg.clean import fold
from ashraf_kg.model import Quote

WORDS = ("the camp residents said forces attacked iraqi government killed wounded "
         "ashraf people mek officials reported").split()


def make_text(megabytes: float, quotes: int, *, seed: int = 1) -> str:
    """Random news words, then one marked sentence per quote near the end."""
    rnd = random.Random(seed)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        sentence = " ".join(rnd.choice(WORDS) for _ in range(12)).capitalize() + ". "
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts) + "".join(f"Marker {i} the camp said. " for i in range(quotes + 1)) + "\n"


def make_quotes(quotes: int) -> list[tuple[Quote, bool]]:
    """A third unique quotes, a third common words told apart by a prefix, a third by a suffix."""
    made = []
    for i in range(quotes):
        if i % 3 == 0:
            made.append((Quote(f"Marker {i} the"), False))
        elif i % 3 == 1:
            made.append((Quote("the", prefix=f"Marker {i} "), False))
        else:
            made.append((Quote("said", suffix=f". Marker {i + 1} "), False))
    return made


def anchor_all(text: str, quotes: list[tuple[Quote, bool]]) -> None:
    folded = fold(text)  # once per document, as anchor_document does
    for quote, every in quotes:
        anchor_quote(text, quote, doc_id="bench", all=every, folded=folded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8,16", help="document sizes in MB")
    parser.add_argument("--quotes", type=int, default=200)
    args = parser.parse_args()
    quotes = make_quotes(args.quotes)
    rows, first = [], None
    for size in (float(s) for s in args.sizes.split(",")):
        text = make_text(size, args.quotes)
        started = time.perf_counter()
        anchor_all(text, quotes)
        elapsed = time.perf_counter() - started
        first = first or (size, elapsed)
        rows.append((size, elapsed, elapsed / size, elapsed / first[1], size / first[0]))
    print(f"| size (MB) | anchor {args.quotes} quotes (s) | s per MB | time ratio | size ratio |")
    print("|---:|---:|---:|---:|---:|")
    for size, elapsed, per_mb, ratio, size_ratio in rows:
        print(f"| {size:g} | {elapsed:.2f} | {per_mb:.3f} | {ratio:.1f}x | {size_ratio:.0f}x |")


if __name__ == "__main__":
    main()
