"""A catalogue of bad inputs: each ends in exit status 2 and one ``Error:`` line.

Every case runs the real command (``ashraf_kg.cli.main``, a few through a subprocess) in a
copy of a small built project (``tests/data/build/minimal``), after breaking one thing in
it. Each must end with exit status 2, exactly one line on stderr that starts with
``Error:`` and names the file and line where there is one, no traceback, and the
project's files — corpus and graph — byte for byte as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from ashraf_kg.cli import main

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"
ANNOTATIONS = "corpus/doc1/annotations.yaml"
META = "corpus/doc1/meta.yaml"
REGISTRY = "corpus/registry.yaml"
DUMP = "graph/ashraf-kg.nq"
ANYWHERE = None


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    setup: Callable[[Path], None] | None = None
    where: str | None = None  # a regular expression the Error line must contain
    env: dict = field(default_factory=dict)


def edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace ``old`` (which must be there) by ``new`` in the project's file ``name``."""
    def apply(project: Path) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return apply


def append(name: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / name).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return apply


def remove(name: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return apply


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        for step in steps:
            step(project)
    return apply


BUILD = ("build", "--quiet")
DRAFT = """\
document: doc1
status: draft
proposed_entities:
{proposals}
"""
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"

# --- the corpus: YAML, types, references, text ------------------------------------------

CORPUS_CASES = [
    Case("yaml-syntax", BUILD, append(ANNOTATIONS, "  - [unclosed\n"), r"annotations\.yaml:\d+:\d+"),
    Case("yaml-duplicate-key", BUILD, edit(META, "genre: news", "genre: news\ngenre: opinion"),
         r"meta\.yaml:\d+"),
    Case("yaml-python-tag", BUILD, edit(META, "genre: news", "genre: !!python/object:os.system ls"),
         r"meta\.yaml:\d+"),
    Case("yaml-timestamp-feb-30", BUILD, edit(META, "published: 2013-09-01", "published: 2013-02-30"),
         r"meta\.yaml:\d+"),
    Case("yaml-timestamp-in-updates", BUILD, append(META, "updates:\n  - {expression: later, date: 2013-02-30}\n"),
         r"meta\.yaml:\d+"),
    Case("yaml-deep-nesting", BUILD, write(REGISTRY, "entities: " + "[" * 10000 + "]" * 10000 + "\n"),
         r"registry\.yaml"),
    Case("yaml-not-utf8", BUILD, write(META, "id: doc1\ntitle: Caf\xe9\n".encode("latin-1")), r"meta\.yaml"),
    Case("meta-language-tag", BUILD, edit(META, "language: en", 'language: "en us!"'), r"meta\.yaml:\d+"),
    Case("meta-title-list", BUILD, edit(META, "title: Clash at the camp", "title: [Clash, camp]"),
         r"meta\.yaml:\d+"),
    Case("meta-url-with-space", BUILD, append(META, 'url: "http://example.org/a b"\n'), r"meta\.yaml:\d+"),
    Case("meta-id-mismatch", BUILD, edit(META, "id: doc1", "id: doc2"), r"meta\.yaml:\d+"),
    Case("meta-unknown-type", BUILD, edit(META, "type: NewsArticle", "type: Novel"), r"meta\.yaml:\d+"),
    Case("meta-missing", BUILD, remove(META), r"meta\.yaml"),
    Case("meta-updates-not-mappings", BUILD, append(META, "updates: [yesterday]\n"), r"meta\.yaml:\d+"),
    Case("registry-missing", BUILD, remove(REGISTRY), r"registry\.yaml"),
    Case("registry-a-list", BUILD, write(REGISTRY, "- id: person/x\n"), r"registry\.yaml"),
    Case("registry-label-list", BUILD, edit(REGISTRY, "label: The Army", "label: [The, Army]"),
         r"registry\.yaml:\d+"),
    Case("registry-aliases-true", BUILD, edit(REGISTRY, "aliases: [Army]", "aliases: true"),
         r"registry\.yaml:\d+"),
    Case("registry-duplicate-id", BUILD, edit(REGISTRY, "id: organization/ministry", "id: organization/army"),
         r"registry\.yaml:\d+"),
    Case("registry-bad-id", BUILD, edit(REGISTRY, "id: place/country", "id: Place/Some Country"),
         r"registry\.yaml:\d+"),
    Case("registry-type-of-another-kind", BUILD, edit(REGISTRY, "type: Camp", "type: Person"),
         r"registry\.yaml:\d+"),
    Case("registry-lone-surrogate", BUILD, edit(REGISTRY, "label: Country", 'label: "Count\\uD800ry"'),
         r"registry\.yaml:\d+"),
    Case("registry-wikidata-number", BUILD, edit(REGISTRY, "label: Country", "label: Country\n    wikidata: 42"),
         r"registry\.yaml:\d+"),
    Case("annotations-not-a-mapping", BUILD, write(ANNOTATIONS, "- document: doc1\n"), r"annotations\.yaml"),
    Case("annotations-document-mismatch", BUILD, edit(ANNOTATIONS, "document: doc1", "document: doc9"),
         r"annotations\.yaml:\d+"),
    Case("annotations-unknown-status", BUILD, edit(ANNOTATIONS, "status: reviewed", "status: final"),
         r"annotations\.yaml:\d+"),
    Case("annotations-mentions-a-number", BUILD,
         edit(ANNOTATIONS, "mentions:\n  - {entity: organization/army, quote: Army, all: true}\n"
                           "  - {entity: place/camp-alpha, quote: Camp Alpha}", "mentions: 5"),
         r"annotations\.yaml:\d+"),
    Case("annotations-unknown-entity", BUILD, edit(ANNOTATIONS, "entity: place/camp-alpha", "entity: place/camp-beta"),
         r"annotations\.yaml:\d+"),
    Case("annotations-quote-not-in-text", BUILD, edit(ANNOTATIONS, "quote: Camp Alpha}", "quote: Camp Omega}"),
         r"annotations\.yaml:\d+"),
    Case("annotations-ambiguous-quote", BUILD, edit(ANNOTATIONS, "quote: Camp Alpha}", "quote: the}"),
         r"annotations\.yaml:\d+"),
    Case("annotations-ambiguous-quote-behind-an-all-mention", BUILD,
         edit(ANNOTATIONS, "  - {entity: place/camp-alpha, quote: Camp Alpha}",
              "  - {entity: place/camp-alpha, quote: Camp Alpha}\n  - {entity: organization/army, quote: Army}"),
         r"annotations\.yaml:\d+"),
    Case("annotations-event-label-list", BUILD,
         edit(ANNOTATIONS, "label: Attack on Camp Alpha", "label: [Attack, Camp Alpha]"), r"annotations\.yaml:\d+"),
    Case("annotations-unknown-event-type", BUILD, edit(ANNOTATIONS, "type: Attack", "type: Skirmish"),
         r"annotations\.yaml:\d+"),
    Case("annotations-duplicate-event-id", BUILD, edit(ANNOTATIONS, "id: ministry-denial", "id: attack-on-camp-alpha"),
         r"annotations\.yaml:\d+"),
    Case("annotations-bad-event-id", BUILD, edit(ANNOTATIONS, "id: ministry-denial", "id: Ministry Denial"),
         r"annotations\.yaml:\d+"),
    Case("annotations-alleged-string-false", BUILD, edit(ANNOTATIONS, "alleged: true", 'alleged: "false"'),
         r"annotations\.yaml:\d+"),
    Case("annotations-count-value-true", BUILD, edit(ANNOTATIONS, "value: 3", "value: true"),
         r"annotations\.yaml:\d+"),
    Case("annotations-count-value-words", BUILD, edit(ANNOTATIONS, "value: 3", "value: three"),
         r"annotations\.yaml:\d+"),
    Case("annotations-count-not-a-mapping", BUILD,
         edit(ANNOTATIONS, "      - {kind: killed, value: 3, expression: three, evidence: {quote: \"killing three\"}}",
              "      - 3"), r"annotations\.yaml:\d+"),
    Case("annotations-time-a-list", BUILD,
         edit(ANNOTATIONS, 'time: {expression: today, begin: "2013-09-01", end: "2013-09-01"}', "time: [1, 2]"),
         r"annotations\.yaml:\d+"),
    Case("annotations-time-not-a-date", BUILD, edit(ANNOTATIONS, 'begin: "2013-09-01"', 'begin: "2013-13-45"'),
         r"annotations\.yaml:\d+"),
    Case("annotations-confidence-words", BUILD,
         edit(ANNOTATIONS, "    alleged: true\n", "    alleged: true\n    confidence: high\n"),
         r"annotations\.yaml:\d+"),
    Case("annotations-unknown-stance", BUILD, edit(ANNOTATIONS, "stance: denies", "stance: doubts"),
         r"annotations\.yaml:\d+"),
    Case("annotations-quote-lone-surrogate", BUILD, edit(ANNOTATIONS, "quote: Camp Alpha}", 'quote: "Camp \\uDC80"}'),
         r"annotations\.yaml:\d+"),
    Case("annotations-evidence-a-number", BUILD,
         edit(ANNOTATIONS, 'evidence: {quote: "Camp Alpha"}', "evidence: 7"), r"annotations\.yaml:\d+"),
    Case("annotations-role-not-in-registry", BUILD, edit(ANNOTATIONS, "agent: [organization/army]",
                                                          "agent: [organization/navy]"), r"annotations\.yaml:\d+"),
    Case("shape-violation-member-a-place", BUILD, edit(ANNOTATIONS, "member: person/general-smith",
                                                        "member: place/camp-alpha"), r"annotations\.yaml:\d+"),
    Case("shape-violation-claimant-a-place", BUILD, edit(ANNOTATIONS, "claimant: organization/ministry",
                                                          "claimant: place/country"), r"annotations\.yaml:\d+"),
    Case("document-not-utf8", BUILD, write("corpus/doc1/source.txt", b"Clash\n\xff\xfe at the camp\n"),
         r"source\.txt:\d+"),
    Case("document-empty", BUILD, both(write("corpus/doc1/source.txt", ""), write("corpus/doc1/text.txt", "")),
         r"source\.txt"),
    Case("document-text-not-cleaned-source", BUILD, append("corpus/doc1/text.txt", "An extra line.\n"),
         r"text\.txt"),
    Case("document-folder-bad-name", BUILD, write("corpus/doc 2/meta.yaml", "id: doc 2\n"), r"doc 2"),
]

# --- building into the wrong place, or onto a full disk ----------------------------------

BUILD_TARGET_CASES = [
    Case("build-graph-dir-is-the-corpus", ("build", "--quiet", "--graph-dir", "corpus"), where=r"corpus"),
    Case("build-graph-dir-is-the-project", ("build", "--quiet", "--graph-dir", "."), where=ANYWHERE),
    Case("build-graph-dir-is-a-file", ("build", "--quiet", "--graph-dir", "corpus/registry.yaml"),
         where=r"registry\.yaml"),
    Case("build-corpus-dir-missing", ("build", "--quiet", "--corpus-dir", "nowhere"), where=r"nowhere"),
]

# --- asking questions ------------------------------------------------------------------

QUERY_CASES = [
    Case("query-unknown-name", ("query", "list_timelin")),
    Case("query-syntax-error-in-file", ("query", "bad.rq"), write("bad.rq", "SELECT ?s WHERE {\n  ?s ?p\n}\n"),
         r"bad\.rq.*line \d+"),
    Case("query-update-refused", ("query", "-e", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")),
    Case("query-select-as-turtle", ("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--format", "turtle")),
    Case("query-timeout-nan", ("query", "timeline", "--timeout", "nan")),
    Case("query-timeout-inf", ("query", "timeline", "--timeout", "inf")),
    Case("query-timeout-negative", ("query", "timeline", "--timeout", "-1")),
    Case("query-timeout-words", ("query", "timeline", "--timeout", "soon")),
    Case("query-param-not-name-value", ("query", "claims_about", "--param", "entity")),
    Case("query-param-unknown-name", ("query", "claims_about", "--param", "about=Smith")),
    Case("query-param-nobody-by-that-name", ("query", "claims_about", "--param", "entity=Smithe")),
    Case("query-param-unknown-id", ("query", "claims_about", "--param", "entity=person/general-smyth")),
    Case("query-param-unknown-iri", ("query", "claims_about", "--param",
                                     "entity=<https://w3id.org/ashraf-kg/id/person/nobody>")),
    Case("query-param-bad-iri", ("query", "claims_about", "--param", "entity=<http://a b>")),
    Case("query-param-bad-integer", ("query", "n.rq", "--param", "n=many"),
         write("n.rq", "# title: A number\n# question: Which?\n# param: n (integer): a number\nSELECT ?n WHERE { }\n")),
    Case("query-service-refused", ("query", "-e", SERVICE)),
    Case("query-service-file", ("query", "-e", "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }")),
    Case("query-no-dump", ("query", "timeline"), remove("graph"), r"ashraf-kg\.nq"),
    Case("query-cache-unwritable", ("query", "timeline", "--storage", "disk"), write("cache-file", "not a folder"),
         r"cache-file", env={"ASHRAF_KG_CACHE_DIR": "{project}/cache-file/store"}),
    Case("query-endpoint-refused", ("query", "timeline", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "5")),
    Case("query-endpoint-not-http", ("query", "timeline", "--endpoint", "file:///etc/passwd")),
    Case("queries-unknown-name", ("queries", "list_timelin")),
    Case("queries-catalogue-check-outside-checkout", ("queries", "--check"),
         env={"ASHRAF_KG_QUERIES_DIR": "{project}/corpus"}),
]

# --- the dumps, the network, the servers ----------------------------------------------

CORRUPT_DUMP = write(DUMP, "<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> \"open <urn:g> .\n")

GRAPH_CASES = [
    Case("stats-corrupt-dump", ("stats",), CORRUPT_DUMP, r"ashraf-kg\.nq:2"),
    Case("stats-binary-dump", ("stats",), write(DUMP, b"\x00\xff\xfe\x00 binary"), r"ashraf-kg\.nq"),
    Case("stats-no-dump", ("stats",), remove(DUMP), r"ashraf-kg\.nq"),
    Case("stats-negative-top", ("stats", "--top", "-1")),
    Case("validate-corrupt-dump", ("validate",), write("graph/ashraf-kg.trig", "@prefix x: <urn:x#> .\nx:a x:b .\n"),
         r"ashraf-kg\.trig:2"),
    Case("query-corrupt-dump", ("query", "timeline", "--storage", "memory"), CORRUPT_DUMP, r"ashraf-kg\.nq"),
    Case("store-no-action", ("store",)),
    Case("store-unknown-action", ("store", "begin")),
    Case("store-start-no-dump", ("store", "start"), remove("graph"), r"ashraf-kg\.nq"),
    Case("store-start-no-void", ("store", "start"), remove("graph/void.ttl"), r"void\.ttl"),
    Case("store-start-edited-dump", ("store", "start"), CORRUPT_DUMP, r"ashraf-kg\.nq"),
    Case("store-start-cache-unwritable", ("store", "start"), write("cache-file", "not a folder"),
         r"cache-file", env={"ASHRAF_KG_CACHE_DIR": "{project}/cache-file/store"}),
    Case("analyze-negative-top", ("analyze", "--top", "-3")),
    Case("path-unknown-name", ("path", "General Smithe", "Camp Alpha")),
    Case("path-same-node", ("path", "Smith", "General Smith")),
    Case("path-zero-k", ("path", "Smith", "Camp Alpha", "--k", "0")),
    Case("path-negative-k", ("path", "Smith", "Camp Alpha", "--k", "-2")),
    Case("viz-negative-threshold", ("viz", "--threshold", "-1", "--output", "page.html")),
    Case("viz-output-is-a-folder", ("viz", "--output", "corpus"), where=r"corpus"),
    Case("export-network-output-is-a-folder", ("export-network", "--format", "csv", "--output", "corpus"),
         where=r"corpus"),
    Case("export-network-nodes-without-csv", ("export-network", "--format", "gexf", "--output", "n.gexf",
                                              "--nodes", "nodes.csv")),
    Case("serve-port-too-large", ("serve", "--port", "70000")),
    Case("serve-port-negative", ("serve", "--port", "-1")),
    Case("push-endpoint-refused", ("push", "--endpoint", "http://127.0.0.1:9/sparql", "--timeout", "5")),
]

# --- growing the corpus ------------------------------------------------------------------

CORPUS_TOOL_CASES = [
    Case("clean-missing-file", ("clean", "nowhere.txt"), where=r"nowhere\.txt"),
    Case("clean-binary-file", ("clean", "image.png"), write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         r"image\.png"),
    Case("clean-latin-1-file", ("clean", "old.txt"), write("old.txt", "Line one\nCaf\xe9 cr\xe8me\n".encode("latin-1")),
         r"old\.txt:2"),
    Case("clean-a-folder", ("clean", "corpus"), where=r"corpus"),
    Case("add-missing-file", ("add", "nowhere.txt"), where=r"nowhere\.txt"),
    Case("add-binary-file", ("add", "image.png"), write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50),
         r"image\.png"),
    Case("add-empty-file", ("add", "empty.txt"), write("empty.txt", ""), r"empty\.txt"),
    Case("add-bad-doc-id", ("add", "new.txt", "--doc-id", "Bad Id!"),
         write("new.txt", "A new report\n\nThe Army left Camp Alpha on Monday, the Ministry said.\n")),
    Case("add-doc-id-taken", ("add", "new.txt", "--doc-id", "doc1"),
         write("new.txt", "A new report\n\nThe Army left Camp Alpha on Monday, the Ministry said.\n")),
    Case("extract-unknown-document", ("extract", "doc9")),
    Case("review-without-draft", ("review", "doc1"), where=r"draft\.yaml"),
    Case("review-hand-edited-draft-missing-id", ("review", "doc1"),
         write("corpus/doc1/draft.yaml", DRAFT.format(proposals="  - {label: Colonel Jones, type: Person}")),
         r"draft\.yaml"),
    Case("review-hand-edited-draft-not-a-list", ("review", "doc1"),
         write("corpus/doc1/draft.yaml", DRAFT.format(proposals="  oops")), r"draft\.yaml"),
    Case("review-hand-edited-draft-bad-yaml", ("review", "doc1"),
         write("corpus/doc1/draft.yaml", "document: doc1\nproposed_entities: [\n"), r"draft\.yaml:\d+"),
    Case("review-accept-unknown-number", ("review", "doc1", "--accept", "9"),
         write("corpus/doc1/draft.yaml", DRAFT.format(
             proposals="  - {id: person/colonel-jones, type: Person, label: Colonel Jones}")), r"draft\.yaml"),
    Case("review-accept-invalid-id", ("review", "doc1", "--accept", "1"),
         write("corpus/doc1/draft.yaml", DRAFT.format(
             proposals="  - {id: person/Colonel Jones!, type: Person, label: Colonel Jones}")), r"draft\.yaml"),
    Case("review-merge-into-unknown", ("review", "doc1", "--merge", "person/colonel-jones", "person/nobody"),
         write("corpus/doc1/draft.yaml", DRAFT.format(
             proposals="  - {id: person/colonel-jones, type: Person, label: Colonel Jones}"))),
    Case("evaluate-unknown-document", ("evaluate", "doc9")),
]

# --- the command line itself ---------------------------------------------------------------

COMMAND_LINE_CASES = [
    Case("unknown-command", ("bulid",)),
    Case("unknown-option", ("stats", "--topp", "3")),
    Case("unknown-format", ("query", "timeline", "--format", "xml")),
    Case("unknown-storage", ("query", "timeline", "--storage", "tape")),
    Case("top-not-a-number", ("stats", "--top", "ten")),
    Case("root-is-missing", ("--root", "nowhere", "stats"), where=r"nowhere"),
]

CASES = CORPUS_CASES + BUILD_TARGET_CASES + QUERY_CASES + GRAPH_CASES + CORPUS_TOOL_CASES + COMMAND_LINE_CASES

# Cases whose fix is under way elsewhere: expected to fail until it lands (strict, so a
# case that starts passing must leave this list).
PENDING: dict[str, str] = {}


def pending(name: str):
    """An xfail mark for a case of :data:`PENDING`, else no mark."""
    reason = PENDING.get(name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The minimal corpus and its graph, built once: each case works on a copy."""
    from ashraf_kg.pipeline import build_graph

    project = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(MINIMAL, project / "corpus")
    build_graph(project / "corpus", project / "graph", pages=False)
    return project


@pytest.fixture
def project(built, tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy)
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(copy)
    return copy


def snapshot(folder: Path) -> dict[str, bytes | str | None]:
    """Every file (its bytes), folder (None) and other thing (its kind) under ``folder``."""
    def content(path: Path):
        if path.is_dir():
            return None
        return path.read_bytes() if path.is_file() else "not a regular file"  # a FIFO would block

    return {str(p.relative_to(folder)): content(p) for p in sorted(folder.rglob("*")) if not p.is_symlink()}


def check_one_error(status: int, err: str, where: str | None) -> None:
    assert status == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    if where:
        assert re.search(where, lines[0]), (where, lines[0])


def test_the_catalogue_is_large_and_its_ids_unique():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=pending(c.id)) for c in CASES])
def test_bad_input_is_one_error_and_changes_nothing(case, project, capsys, monkeypatch):
    if case.setup:
        case.setup(project)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value.format(project=project))
    before = snapshot(project)
    status = main(list(case.argv))
    out, err = capsys.readouterr()
    check_one_error(status, err, case.where)
    assert snapshot(project) == before


# --- through a subprocess: what only a real process can show ---------------------------------

def run_command(project: Path, *argv: str | bytes, timeout: float = 60, limits=None,
                stdin=None) -> subprocess.CompletedProcess:
    """``python -m ashraf_kg.cli ARGV`` in ``project``; ``limits`` are resource limits to set."""
    def restrict():
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
        for limit, value in (limits or {}).items():
            resource.setrlimit(limit, (value, value))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "ashraf_kg.cli", *argv], cwd=project, env=env,
                          capture_output=True, timeout=timeout, preexec_fn=restrict, stdin=stdin)


def test_a_full_disk_during_the_build_is_one_error_and_keeps_the_graph(project):
    import resource

    before = snapshot(project)
    result = run_command(project, "build", "--quiet", limits={resource.RLIMIT_FSIZE: 20_000})
    check_one_error(result.returncode, result.stderr.decode(), r"graph|ashraf-kg")
    assert snapshot(project) == before


def test_a_parameter_that_is_not_utf8_is_one_error(project):
    before = snapshot(project)
    result = run_command(project, "query", "claims_about", "--param", b"entity=Smith\xff")
    check_one_error(result.returncode, result.stderr.decode(), r"UTF-8|entity")
    assert snapshot(project) == before


def test_a_billion_laughs_registry_is_refused_quickly(project):
    import resource

    laughs = ["laughs:", '  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    laughs += ["entities:", "  - id: person/joker", "    type: Person", "    label: Joker",
               "    description: *a9"]
    (project / REGISTRY).write_text("\n".join(laughs) + "\n", encoding="utf-8")
    before = snapshot(project)
    result = run_command(project, "build", "--quiet", timeout=60,
                         limits={resource.RLIMIT_AS: 2 * 1024 ** 3})
    check_one_error(result.returncode, result.stderr.decode(), r"registry\.yaml")
    assert snapshot(project) == before


def test_adding_an_endless_file_is_refused_at_the_size_limit(project):
    import resource

    before = snapshot(project)
    result = run_command(project, "add", "/dev/zero", timeout=60, limits={resource.RLIMIT_AS: 2 * 1024 ** 3})
    check_one_error(result.returncode, result.stderr.decode(), r"/dev/zero")
    assert snapshot(project) == before


def test_adding_a_fifo_is_refused_without_waiting(project):
    os.mkfifo(project / "pipe.txt")
    before = snapshot(project)
    result = run_command(project, "add", "pipe.txt", timeout=30)
    check_one_error(result.returncode, result.stderr.decode(), r"pipe\.txt")
    assert snapshot(project) == before


def test_adding_more_than_the_limit_from_a_pipe_is_refused(project):
    before = snapshot(project)
    writer = subprocess.Popen(["sh", "-c", "yes 'The Army attacked Camp Alpha today.' | head -c 11000000"],
                              stdout=subprocess.PIPE)
    try:
        result = run_command(project, "add", "/dev/stdin", timeout=60, stdin=writer.stdout)
    finally:
        writer.stdout.close()
        writer.kill()
        writer.wait()
    check_one_error(result.returncode, result.stderr.decode(), r"stdin|MB")
    assert snapshot(project) == before


def test_a_bad_corpus_through_the_installed_command(project):
    edit(META, "published: 2013-09-01", "published: 2013-02-30")(project)
    before = snapshot(project)
    result = run_command(project, "build", "--quiet")
    check_one_error(result.returncode, result.stderr.decode(), r"meta\.yaml:\d+")
    assert result.stdout == b"" and snapshot(project) == before
