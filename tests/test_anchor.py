"""Anchoring quotes to code-point offsets."""

import pytest

from ashraf_kg.anchor import anchor_quote, fold
from ashraf_kg.errors import AnchorError
from ashraf_kg.model import Location, Quote

TEXT = "The attack on the camp. Then the attack on the camp resumed – ‘again’."


def test_unique_quote_anchors_to_its_offsets():
    (span,) = anchor_quote(TEXT, Quote("resumed"), doc_id="d")
    assert TEXT[span.start:span.end] == "resumed"
    assert (span.start, span.end) == (TEXT.index("resumed"), TEXT.index("resumed") + 7)


def test_repeated_quote_without_context_is_ambiguous():
    with pytest.raises(AnchorError) as error:
        anchor_quote(TEXT, Quote("attack on the camp", location=Location("a.yaml", 7)),
                     doc_id="d")
    message = str(error.value)
    assert "a.yaml:7" in message and "occurs 2 times" in message and "prefix" in message


def test_prefix_picks_one_occurrence():
    (span,) = anchor_quote(TEXT, Quote("attack on the camp", prefix="Then the "), doc_id="d")
    assert span.start == TEXT.index("attack on the camp", 10)


def test_suffix_picks_one_occurrence():
    (span,) = anchor_quote(TEXT, Quote("attack on the camp", suffix="."), doc_id="d")
    assert span.start == TEXT.index("attack")


def test_all_returns_every_occurrence():
    spans = anchor_quote(TEXT, Quote("camp"), doc_id="d", all=True)
    assert [s.start for s in spans] == [i for i in range(len(TEXT)) if TEXT.startswith("camp", i)]


def test_straight_quotes_anchor_to_curly_quotes_and_keep_the_text():
    (span,) = anchor_quote(TEXT, Quote("resumed - 'again'"), doc_id="d")
    assert span.exact == "resumed – ‘again’"
    assert TEXT[span.start:span.end] == span.exact


def test_curly_quotes_anchor_exactly():
    (span,) = anchor_quote(TEXT, Quote("‘again’"), doc_id="d")
    assert TEXT[span.start:span.end] == "‘again’"


def test_offsets_count_code_points_not_bytes():
    text = "Iran’s camp and the camp"
    (span,) = anchor_quote(text, Quote("camp", prefix="Iran’s "), doc_id="d")
    assert span.start == 7 and text[span.start:span.end] == "camp"


def test_missing_quote_names_document_and_fix():
    with pytest.raises(AnchorError) as error:
        anchor_quote(TEXT, Quote("ceasefire", location=Location("b.yaml", 3)), doc_id="doc-9")
    assert "b.yaml:3" in str(error.value) and "doc-9" in str(error.value)
    assert "copy the words exactly" in str(error.value)


def test_span_records_context_for_the_quote_selector():
    (span,) = anchor_quote(TEXT, Quote("resumed"), doc_id="d")
    assert TEXT[:span.start].endswith(span.prefix) and TEXT[span.end:].startswith(span.suffix)
    assert 0 < len(span.prefix) <= 32


def test_folding_keeps_length():
    assert len(fold(TEXT)) == len(TEXT)


def _document(text: str):
    from ashraf_kg.model import Document, DocumentMeta

    return Document(DocumentMeta("d", "T", None), text, text)


def test_evidence_stays_ambiguous_when_the_same_words_are_an_all_mention():
    from ashraf_kg.anchor import anchor_document
    from ashraf_kg.model import Annotations, Event, Mention

    quote = Quote("attack on the camp", location=Location("a.yaml", 9))
    annotations = Annotations("d", "reviewed", mentions=(Mention("thing/x", quote, all=True),),
                              events=(Event("e", "Attack", "An attack", quote),))
    with pytest.raises(AnchorError, match="occurs 2 times"):
        anchor_document(_document(TEXT), annotations)


def test_offsets_a_draft_recorded_pick_the_occurrence():
    second = TEXT.index("attack on the camp", 10)
    (span,) = anchor_quote(TEXT, Quote("attack on the camp", start=second, end=second + 18),
                           doc_id="d")
    assert span.start == second and span.exact == "attack on the camp"


def test_offsets_that_miss_the_quote_say_what_the_text_reads_there():
    with pytest.raises(AnchorError) as error:
        anchor_quote(TEXT, Quote("resumed", start=0, end=7, location=Location("draft.yaml", 4)),
                     doc_id="d")
    assert "draft.yaml:4" in str(error.value) and "'The att'" in str(error.value)
    assert "remove start and end" in str(error.value)


class CountingText(str):
    """A text that counts the characters copied out of it by slicing."""

    copied = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        CountingText.copied += len(part)
        return part


@pytest.mark.parametrize("quote", [Quote("the camp", prefix="then "), Quote("the", suffix=" camp."),
                                   Quote("camp", prefix="zzz ")])
def test_anchoring_copies_little_of_a_long_text(quote):
    """Anchoring must stay linear in the text: no copy of everything before each of the
    (here 50,000) places a short quote occurs, which made a 50 MB document never finish."""
    text = CountingText("the camp was quiet. " * 50_000 + "then the camp." + " the camp." * 5)
    CountingText.copied = 0
    try:
        anchor_quote(text, quote, doc_id="d", all=True)
    except AnchorError:
        pass  # not found: only the work done matters here
    assert CountingText.copied < 10_000
