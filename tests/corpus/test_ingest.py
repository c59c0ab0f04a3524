"""ashraf-kg add: documents into the corpus, checked first, written atomically."""

import hashlib
import shutil

import pytest
import yaml

from ashraf_kg.clean import clean_text
from ashraf_kg.corpus.ingest import add_document
from ashraf_kg.errors import IngestError


@pytest.fixture
def ingest_dir(data_dir):
    return data_dir / "ingest"


@pytest.fixture
def empty_corpus(tmp_path):
    path = tmp_path / "corpus"
    path.mkdir()
    return path


def test_plain_text_gets_source_text_and_meta(ingest_dir, empty_corpus):
    report = add_document(ingest_dir / "article.txt", empty_corpus)
    doc = report.added[0]
    folder = empty_corpus / doc.doc_id
    assert doc.doc_id == "000_un_envoy_visits_camp_liberty_after_rocket_attack"
    assert (folder / "source.txt").read_bytes() == (ingest_dir / "article.txt").read_bytes()
    assert (folder / "text.txt").read_text() == clean_text((ingest_dir / "article.txt").read_text())
    meta = yaml.safe_load((folder / "meta.yaml").read_text())
    assert (meta["title"], str(meta["published"]), meta["byline"]) == (
        "UN Envoy Visits Camp Liberty After Rocket Attack", "2014-03-12", "Sarah Collins")
    assert set(meta["missing"]) == {"publisher", "url"}


def test_html_keeps_page_and_extracts_body_and_metadata(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "article.html", empty_corpus).added[0]
    folder = empty_corpus / doc.doc_id
    assert (folder / "source.html").read_bytes() == (ingest_dir / "article.html").read_bytes()
    text = (folder / "text.txt").read_text()
    assert text.startswith("Rights group condemns raid on camp\n")
    assert "Subscribe" not in text and "Sport" not in text
    meta = yaml.safe_load((folder / "meta.yaml").read_text())
    assert (meta["publisher"], meta["byline"], str(meta["published"])) == (
        "Gulf Wire", "Omar Haddad", "2013-09-03")


def test_adding_twice_changes_nothing(ingest_dir, empty_corpus):
    add_document(ingest_dir / "article.txt", empty_corpus)
    before = {p: p.read_bytes() for p in empty_corpus.rglob("*") if p.is_file()}
    report = add_document(ingest_dir / "article.txt", empty_corpus)
    assert [d.status for d in report.documents] == ["unchanged"]
    assert {p: p.read_bytes() for p in empty_corpus.rglob("*") if p.is_file()} == before


def test_corpus_documents_are_recognised(corpus_dir, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir, copy)
    source = corpus_dir / "000_998ad53316df0c2c" / "source.txt"
    assert add_document(source, copy).documents[0].doc_id == "000_998ad53316df0c2c"


def test_next_number_follows_the_corpus(ingest_dir, empty_corpus):
    (empty_corpus / "007_existing").mkdir()
    assert add_document(ingest_dir / "article.txt", empty_corpus).added[0].doc_id.startswith("008_")


@pytest.mark.parametrize("name, message", [
    ("binary.png", "binary file"),
    ("empty.txt", "empty"),
    ("no_body.html", "no article body"),
    ("french.txt", "French markers seen"),
])
def test_bad_input_is_refused_and_nothing_written(ingest_dir, empty_corpus, name, message):
    with pytest.raises(IngestError, match=message) as error:
        add_document(ingest_dir / name, empty_corpus)
    assert name in str(error.value)
    assert list(empty_corpus.iterdir()) == []


def test_file_over_size_limit_is_refused(tmp_path, empty_corpus):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB without writing them
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")
    with pytest.raises(IngestError, match=r"50\.0 MB, over the 10 MB limit"):
        add_document(big, empty_corpus)
    assert list(empty_corpus.iterdir()) == []


def test_folder_with_one_bad_file_writes_nothing(ingest_dir, tmp_path, empty_corpus):
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(ingest_dir / "article.txt", folder)
    shutil.copy(ingest_dir / "french.txt", folder)
    with pytest.raises(IngestError, match="french.txt"):
        add_document(folder, empty_corpus)
    assert list(empty_corpus.iterdir()) == []


def test_folder_adds_every_document(ingest_dir, tmp_path, empty_corpus):
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name in ("article.txt", "article.html"):
        shutil.copy(ingest_dir / name, folder)
    report = add_document(folder, empty_corpus)
    assert [d.doc_id[:4] for d in report.added] == ["000_", "001_"]
    digests = {hashlib.sha256((empty_corpus / d.doc_id / "text.txt").read_bytes()).hexdigest()
               for d in report.added}
    assert len(digests) == 2


def test_added_document_reads_back(ingest_dir, empty_corpus):
    from ashraf_kg.corpus.reader import read_document

    doc = add_document(ingest_dir / "article.html", empty_corpus).added[0]
    document = read_document(empty_corpus / doc.doc_id)
    assert document.meta.title == "Rights group condemns raid on camp"


def test_added_document_speaks_with_a_registry_voice(corpus_copy, data_dir):
    from ashraf_kg.corpus.reader import read_corpus

    report = add_document(data_dir / "ingest" / "article.txt", corpus_copy)
    doc_id = report.documents[0].doc_id
    corpus = read_corpus(corpus_copy)
    meta = next(d.meta for d in corpus.documents if d.id == doc_id)
    author = corpus.entity(meta.author)
    assert author is not None and author.label == "Sarah Collins" and author.type == "Person"


def test_add_extract_and_publish_drafts(corpus_copy, data_dir, tmp_path):
    """The documented flow: a new document's drafts build and validate in their own graph."""
    from ashraf_kg.corpus.reader import read_document, read_registry
    from ashraf_kg.extract.pipeline import extract_document, write_annotations
    from ashraf_kg.pipeline import build_graph

    before = len(list(corpus_copy.glob("*/meta.yaml")))
    doc_id = add_document(data_dir / "ingest" / "article.txt", corpus_copy).documents[0].doc_id
    document = read_document(corpus_copy / doc_id)
    result = extract_document(document, read_registry(corpus_copy / "registry.yaml"))
    assert result.annotations.events, "the sample article reports events"
    write_annotations(result.annotations, corpus_copy / doc_id / "draft.yaml")
    summary = build_graph(corpus_copy, tmp_path / "graph", include_drafts=True, pages=False)
    assert summary.documents == before + 1
    nquads = (tmp_path / "graph" / "ashraf-kg.nq").read_text(encoding="utf-8")
    assert f"<https://w3id.org/ashraf-kg/id/graph/drafts/{doc_id}>" in nquads


# --- what a .source.yaml beside the file says --------------------------------------------

def _sourced(ingest_dir, folder, name="statement", **changes):
    """A copy of a sourced document in ``folder``, its .source.yaml lines changed."""
    folder.mkdir(exist_ok=True)
    shutil.copy(ingest_dir / f"{name}.txt", folder)
    lines = (ingest_dir / f"{name}.source.yaml").read_text(encoding="utf-8").splitlines()
    for key, value in changes.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    (folder / f"{name}.source.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / f"{name}.txt"


def test_source_facts_go_into_meta(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "statement.txt", empty_corpus).added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert (meta["title"], str(meta["published"]), meta["publisher"], meta["byline"]) == (
        "Terrorist Attack on Camp Hurriya in Iraq", "2013-02-09",
        "U.S. Department of State, Office of the Spokesperson", "Victoria Nuland")
    assert meta["url"].startswith("https://brandtsrandomgovernmentpressreleases.blogspot.com/")
    assert meta["licence"].startswith("public domain in the United States")
    assert "attribution" not in meta  # public domain asks for no credit
    assert (meta["genre"], meta["type"]) == ("statement", "Article")
    assert meta["excerpt"]["words"] == 181 and meta["excerpt"]["truncated"] is False
    assert "Removed blog chrome" in meta["excerpt"]["edits"][0]
    assert meta["viewpoint"].startswith("US government (executive)")
    assert meta["notes"]["published"] == "stated in the text"
    assert meta["missing"] == []


def test_source_byline_becomes_the_voice_with_its_post(ingest_dir, empty_corpus):
    from ashraf_kg.corpus.reader import read_registry

    doc = add_document(ingest_dir / "statement.txt", empty_corpus).added[0]
    voice = {e.id: e for e in read_registry(empty_corpus / "registry.yaml")}["person/victoria-nuland"]
    assert voice.label == "Victoria Nuland"
    assert voice.roles == ("Department Spokesperson", f"author of document {doc.doc_id}")


def test_licence_known_by_name_is_an_iri_with_its_attribution(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "encyclopedia.txt", empty_corpus).added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert meta["licence"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert meta["licence_note"].startswith("CC BY-SA 4.0 (Wikipedia contributors)")
    assert meta["attribution"] == ("“Camp Ashraf” by Wikipedia contributors, "
                                   "https://en.wikipedia.org/wiki/Camp_Ashraf, licensed under CC BY-SA 4.0")
    assert meta["published"] is None and meta["missing"] == ["published"]
    assert meta["notes"]["published"].startswith("revision not dated")


def test_one_capitalised_word_in_parentheses_stays_in_the_name(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "encyclopedia.txt", empty_corpus).added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert meta["publisher"] == "Wikipedia (English)" and "publisher" not in meta["notes"]


def test_words_in_parentheses_are_a_remark_beside_the_name(ingest_dir, tmp_path, empty_corpus):
    path = _sourced(ingest_dir, tmp_path / "incoming", publisher="Wikipedia (the English edition)")
    meta = yaml.safe_load((empty_corpus / add_document(path, empty_corpus).added[0].doc_id
                           / "meta.yaml").read_text())
    assert (meta["publisher"], meta["notes"]["publisher"]) == ("Wikipedia", "the English edition")


def test_source_voice_known_to_the_registry_is_reused(ingest_dir, corpus_copy):
    # The fixture is the text of corpus document 015: out of the copy, so that it is added anew.
    shutil.rmtree(corpus_copy / "015_wikipedia_camp_ashraf")
    before = (corpus_copy / "registry.yaml").read_text(encoding="utf-8")
    doc = add_document(ingest_dir / "encyclopedia.txt", corpus_copy).added[0]
    meta = yaml.safe_load((corpus_copy / doc.doc_id / "meta.yaml").read_text())
    assert meta["author"] == "group/wikipedia-contributors"
    assert (corpus_copy / "registry.yaml").read_text(encoding="utf-8") == before


def test_options_override_source_facts(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "statement.txt", empty_corpus, title="Attack on Camp Hurriya",
                       published="2013-02-10", publisher="A blog", url="https://example.org/x").added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert (meta["title"], str(meta["published"]), meta["publisher"], meta["url"]) == (
        "Attack on Camp Hurriya", "2013-02-10", "A blog", "https://example.org/x")
    assert doc.doc_id == "000_attack_on_camp_hurriya"


def test_options_override_the_text(ingest_dir, empty_corpus):
    doc = add_document(ingest_dir / "article.txt", empty_corpus, publisher="Gulf Wire",
                       url="https://example.org/envoy").added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert (meta["publisher"], meta["url"], meta["missing"]) == (
        "Gulf Wire", "https://example.org/envoy", [])


@pytest.mark.parametrize("changes, line, message", [
    ({"date": "2013-02-30 (stated in the text)"}, 8, r"the date '2013-02-30' is not a date"),
    ({"date": "last Saturday"}, 8, r"the date 'last Saturday' is not a date"),
    ({"title": "'" + "Terrorist attack " * 80 + "'"}, 2,
     r"the title \(1359 characters\) is longer than the document's text \(1136 characters\)"),
    ({"words": "18"}, 14, r"says the document has 18 words, but the file has 181"),
    ({"file": "other.txt"}, 1, r"names the file 'other.txt'"),
    ({"url": "brandts blog"}, 3, r"url 'brandts blog' is not an http\(s\) address"),
    ({"genre": "[unclosed"}, 10, r"malformed YAML: expected ',' or ']'"),
])
def test_bad_source_facts_are_refused_naming_file_and_line(ingest_dir, tmp_path, empty_corpus,
                                                           changes, line, message):
    document = _sourced(ingest_dir, tmp_path / "incoming", **changes)
    with pytest.raises(IngestError, match=message) as error:
        add_document(document, empty_corpus)
    assert error.value.where == f"{tmp_path / 'incoming' / 'statement.source.yaml'}:{line}"
    assert list(empty_corpus.iterdir()) == []


def test_bad_source_facts_give_one_error_line_and_write_nothing(ingest_dir, tmp_path, empty_corpus,
                                                                capsys):
    from ashraf_kg.cli import main

    document = _sourced(ingest_dir, tmp_path / "incoming", date="2013-13-01")
    assert main(["add", str(document), "--corpus-dir", str(empty_corpus)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ") and "statement.source.yaml:8" in err[0]
    assert list(empty_corpus.iterdir()) == []


def test_bad_date_option_is_refused(ingest_dir, empty_corpus):
    with pytest.raises(IngestError, match=r"--date '9 Feb' is not a date"):
        add_document(ingest_dir / "statement.txt", empty_corpus, published="9 Feb")
    assert list(empty_corpus.iterdir()) == []


def test_title_option_names_one_document(ingest_dir, empty_corpus):
    with pytest.raises(IngestError, match="--title names one document"):
        add_document(ingest_dir, empty_corpus, title="One title for all")

def test_meta_and_registry_written_by_add_read_back_through_their_owners(ingest_dir, empty_corpus):
    from ashraf_kg.corpus.meta import read_meta
    from ashraf_kg.corpus.registry import read_registry
    from ashraf_kg.corpus.schema import MODELINE

    doc = add_document(ingest_dir / "article.html", empty_corpus).added[0]
    meta_path = empty_corpus / doc.doc_id / "meta.yaml"
    meta = read_meta(meta_path, doc.doc_id)
    assert (meta.byline, meta.source, meta.author) == ("Omar Haddad", "source.html", "person/omar-haddad")
    (author,) = read_registry(empty_corpus / "registry.yaml")
    assert author.id == meta.author and author.label == "Omar Haddad"
    for path in (meta_path, empty_corpus / "registry.yaml"):
        assert path.read_text(encoding="utf-8").startswith(MODELINE)


def test_sourced_meta_reads_back_with_every_field(ingest_dir, empty_corpus):
    from ashraf_kg.corpus.meta import read_meta

    doc = add_document(ingest_dir / "encyclopedia.txt", empty_corpus).added[0]
    path = empty_corpus / doc.doc_id / "meta.yaml"
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = read_meta(path, doc.doc_id)
    assert meta.source_facts == "encyclopedia.source.yaml" and meta.attribution
    assert dict(meta.notes) == (written.get("notes") or {})
    assert (meta.excerpt.words if meta.excerpt else None) == (written.get("excerpt") or {}).get("words")



def test_a_device_is_refused_unread(empty_corpus):
    with pytest.raises(IngestError, match="not a regular file") as error:
        add_document("/dev/zero", empty_corpus)  # read to the end, it never ends
    assert "/dev/zero" in str(error.value)
    assert list(empty_corpus.iterdir()) == []


def test_a_fifo_nobody_writes_to_is_refused_without_waiting(tmp_path, empty_corpus):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "incoming.txt"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "ashraf_kg.cli", "add", str(fifo), "--corpus-dir",
                           str(empty_corpus)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("Error: ") and "FIFO" in done.stderr
    assert list(empty_corpus.iterdir()) == []


def pipe_with(data: bytes) -> str:
    """A pipe as the shell gives one (``/dev/fd/N``), ``data`` written into it by a thread."""
    import os
    import threading

    read_end, write_end = os.pipe()

    def write():
        try:
            with open(write_end, "wb") as handle:
                handle.write(data)
        except BrokenPipeError:
            pass  # the reader stopped at its limit

    threading.Thread(target=write, daemon=True).start()
    return f"/dev/fd/{read_end}"


def test_a_pipe_past_the_size_limit_is_refused(empty_corpus):
    pipe = pipe_with(b"The camp was quiet that night.\n" * 400_000)  # 12 MB
    with pytest.raises(IngestError, match=r"the pipe sent more than 10 MB, over the 10 MB limit"):
        add_document(pipe, empty_corpus)
    assert list(empty_corpus.iterdir()) == []


def test_a_document_through_a_pipe_is_added(ingest_dir, empty_corpus):
    raw = (ingest_dir / "article.txt").read_bytes()
    (added,) = add_document(pipe_with(raw), empty_corpus, title="Through a pipe").added
    assert (empty_corpus / added.doc_id / "source.txt").read_bytes() == raw


@pytest.mark.parametrize("doc_id", ["../outside", "a/b", ".hidden", "_x", "two words", "", "é"])
def test_doc_id_the_build_would_refuse_or_skip_is_refused(ingest_dir, empty_corpus, doc_id):
    with pytest.raises(IngestError, match="is not a document id the build accepts"):
        add_document(ingest_dir / "article.txt", empty_corpus, doc_id=doc_id)
    assert list(empty_corpus.iterdir()) == [] and not (empty_corpus.parent / "outside").exists()


def test_two_authors_of_a_byline_are_one_voice_together(tmp_path, empty_corpus):
    source = tmp_path / "two.txt"
    source.write_text("Rockets strike camp\n\nBy Anna Berg and Tom Reyes\n\n"
                      "Several rockets struck a camp housing exiles on Tuesday, officials said.\n")
    doc = add_document(source, empty_corpus).added[0]
    meta = yaml.safe_load((empty_corpus / doc.doc_id / "meta.yaml").read_text())
    assert (meta["byline"], meta["author"]) == ("Anna Berg and Tom Reyes", "group/anna-berg-and-tom-reyes")
