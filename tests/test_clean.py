"""The cleaning step: from a document as received to the body offsets refer to."""

from ashraf_kg.clean import clean_text, is_chrome_line


def test_seed_chrome_is_removed(corpus_dir):
    source = (corpus_dir / "000_998ad53316df0c2c" / "source.txt").read_text(encoding="utf-8")
    text = clean_text(source)
    assert text.startswith("The September 1st Massacre\nThe Iraqi Army today launched")
    assert "Get email alerts" not in text
    assert "- Website" not in text and "- RSS" not in text


def test_seed_body_is_kept_whole(corpus_dir):
    source = (corpus_dir / "000_998ad53316df0c2c" / "source.txt").read_text(encoding="utf-8")
    text = clean_text(source)
    assert text.endswith("can be found here.\n")
    assert "Qod\u2019s Force" in text and "\u2018concentration camp.\u2019" in text


def test_article_lists_after_the_title_are_not_chrome():
    text = clean_text("- RSS\nTitle\n- Website of the camp\n")
    assert text == "Title\n- Website of the camp\n"


def test_line_ends_and_bom_are_normalised():
    assert clean_text("\ufeffTitle\r\nBody  \r\n\r\n\r\n\r\nEnd") == "Title\nBody\n\nEnd\n"


def test_chrome_only_document_cleans_to_empty():
    assert clean_text("-\n- RSS\n- Website\n") == ""


def test_chrome_lines_are_recognised():
    assert is_chrome_line("NEW! Get email alerts when this author publishes")
    assert is_chrome_line("- RSS")
    assert not is_chrome_line("The September 1st Massacre")


def test_committed_text_is_the_cleaned_source(corpus):
    for document in corpus.documents:
        assert document.text == clean_text(document.source), document.id


def test_clean_command_prints_the_body(corpus_dir, capsys):
    from ashraf_kg.cli import main

    assert main(["clean", str(corpus_dir / "000_998ad53316df0c2c" / "source.txt")]) == 0
    assert capsys.readouterr().out.startswith("The September 1st Massacre\n")
