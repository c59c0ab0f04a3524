"""Human-readable HTML documentation of the ontology, generated with pyLODE.

The page is self-contained (styles inline, no script or stylesheet fetched from
elsewhere) and byte-identical across runs, because ``graph/`` is committed and must
equal a fresh build. Text from the ontology is shown, never run: pyLODE renders each
literal as Markdown, raw HTML included, so the text is HTML-escaped before it is
rendered, and the page's Content-Security-Policy lets no script run at all.

>>> from ashraf_kg.export.ontodoc import write_ontology_docs
>>> write_ontology_docs(Path("graph/ontology.html"))   # doctest: +SKIP
"""

from __future__ import annotations

import html
import importlib.metadata
import logging
import re
import sys
import types
from itertools import chain
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .. import resources
from ..errors import AshrafKGError
from ..fileio import cache_folder, mark_used, write_text_atomic
from ..namespaces import scheme_iri

ONTOLOGY_FILE = "ashraf-kg.ttl"
# External resources an HTML page may load: these must not appear in the output.
_LOADING_TAG = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)=\"(?:https?:)?//", re.I)
# Inline styles and nothing else: no script (the JSON-LD block is data, not run), no
# fetch, no form.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")


def make_ontology_html(ontology: Graph | None = None) -> str:
    """The HTML page documenting ``ontology`` (default: the shipped ``ashraf-kg.ttl``)."""
    if ontology is None:
        ontology = Graph().parse(resources.ontology_dir() / ONTOLOGY_FILE, format="turtle")
    OntPub = _import_ontpub()
    doc = _page_maker(OntPub)(ontology=_without_schemes(ontology), sort_subjects=True)
    page = _add_schemes(doc.make_html(include_css=True), ontology)
    if "<head>" not in page:
        raise AshrafKGError("pyLODE's page has no <head> for the Content-Security-Policy",
                            hint="check the pinned pylode version")
    page = page.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" '
                                  f'content="{CSP}">', 1)
    if _LOADING_TAG.search(page):
        raise AshrafKGError("the ontology documentation would load a remote stylesheet or script",
                            hint="inline it in ashraf_kg.export.ontodoc")
    return page


def write_ontology_docs(path: Path, ontology: Graph | None = None) -> Path:
    """Write the ontology documentation to ``path`` (temporary file, then rename).

    The page of the shipped ontology is kept in the build cache (:func:`fileio.cache_folder`)
    under a digest of all it is made from — the ontology file, pyLODE, rdflib and this
    module — so a build whose ontology did not change copies it instead of running pyLODE.
    """
    path = Path(path)
    cached = _cached_page_path() if ontology is None else None
    page = _read_cached(cached) if cached is not None else None
    if page is not None:
        write_text_atomic(path, page)
        return path
    page = make_ontology_html(ontology)
    page = page if page.endswith("\n") else page + "\n"
    write_text_atomic(path, page)
    if cached is not None:
        try:
            write_text_atomic(cached, page)
        except AshrafKGError:
            pass  # a cache that cannot be written costs only time
    return path


def _read_cached(path: Path) -> str | None:
    if not mark_used(path):
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # pruned a moment ago, or damaged: made again
        return None


def _cached_page_path() -> Path | None:
    import hashlib

    folder = cache_folder("ontodoc")
    if folder is None:
        return None
    digest = hashlib.sha256()
    try:
        digest.update((resources.ontology_dir() / ONTOLOGY_FILE).read_bytes())
        digest.update(Path(__file__).read_bytes())
        for name in ("pylode", "rdflib", "markdown", "dominate"):
            digest.update(f"{name}-{importlib.metadata.version(name)}".encode())
    except (OSError, importlib.metadata.PackageNotFoundError):
        return None
    return folder / f"{digest.hexdigest()}.html"


def _import_ontpub():
    # pyLODE 3.4.1 reads its version from a pyproject.toml that its wheel does not ship
    # (RDFLib/pyLODE#260); give it the installed distribution's version instead.
    if "pylode.version" not in sys.modules:
        module = types.ModuleType("pylode.version")
        module.__version__ = importlib.metadata.version("pylode")
        sys.modules["pylode.version"] = module
    # Importing pyLODE calls logging.basicConfig(level=DEBUG); undo that for our users.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub

        _escape_markdown()
    except ImportError as error:
        raise AshrafKGError(f"cannot import pyLODE: {error}",
                            hint="install the pinned pylode (pip install -e .)") from error
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return OntPub


def _page_maker(OntPub):
    """pyLODE's ``OntPub`` (3.x), its list of the namespaces the ontology uses made in one pass.

    pyLODE asks the graph for all its bound namespaces once per subject, predicate and
    object of every triple, half the page's time; the namespaces whose IRI starts some
    term of the ontology are the same when each is looked for once.
    """
    from dominate.tags import code, dd, div, dl, dt, h2

    def list_namespaces(self):
        terms = {str(n) for n in chain(self.ont.subjects(), self.ont.predicates(), self.ont.objects())}
        used = {prefix: ns for prefix, ns in self.ont.namespaces() if any(term.startswith(ns) for term in terms)}
        with self.content, div(id="namespaces"):
            h2("Namespaces")
            with dl():
                if self.toc.get("namespaces") is None:
                    self.toc["namespaces"] = []
                for prefix, ns in sorted(used.items()):
                    p_ = prefix if prefix != "" else ":"
                    dt(p_, id=p_)
                    dd(code(ns))
                    self.toc["namespaces"].append(("#" + prefix, prefix))

    # OntPub.make_html calls _make_namespaces: this one stands in for pyLODE's.
    return type("OntologyPage", (OntPub,), {"_make_namespaces": list_namespaces})


def _escape_markdown() -> None:
    """Make pyLODE's Markdown renderer escape HTML first, so that a comment reading
    ``<img src=x onerror=…>`` is shown as text rather than put in the page as markup."""
    import markdown
    import pylode.utils

    if not isinstance(pylode.utils.markdown, types.SimpleNamespace):
        pylode.utils.markdown = types.SimpleNamespace(markdown=lambda text, **options: markdown.markdown(
            html.escape(text, quote=False), **options))


def _without_schemes(ontology: Graph) -> Graph:
    # pyLODE takes the page title from every skos:ConceptScheme too, so the schemes are
    # left out of its input and listed by _schemes_html instead.
    graph = Graph()
    for prefix, namespace in ontology.namespaces():
        graph.bind(prefix, namespace)
    schemes = set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    for s, p, o in ontology:
        if s in schemes or (p == RDF.type and o == SKOS.ConceptScheme):
            continue
        graph.add((s, p, o))
    return graph


def _add_schemes(page: str, ontology: Graph) -> str:
    # The schemes go before pyLODE's Namespaces section, with an entry in its table of contents.
    section, toc_entry = '<div id="namespaces">', '<li>\n          <h4>\n            <a href="#namespaces">'
    if section not in page or toc_entry not in page:
        raise AshrafKGError("pyLODE's page has no Namespaces section to put the concept schemes before",
                            hint="check the pinned pylode version")
    page = page.replace(section, _schemes_html(ontology) + "\n      " + section, 1)
    toc = ('<li><h4><a href="#concept-schemes">Concept schemes</a></h4><ul class="second">'
           + "".join(f'<li><a href="#scheme-{name}">{_text(ontology, scheme_iri(name), SKOS.prefLabel)}</a></li>'
                     for name in ("stance", "count-kind")) + "</ul></li>\n        ")
    return page.replace(toc_entry, toc + toc_entry, 1)


def _schemes_html(ontology: Graph) -> str:
    parts = ['<div class="section" id="concept-schemes">', "<h2>Concept schemes</h2>"]
    for name in ("stance", "count-kind"):
        scheme = scheme_iri(name)
        parts.append(f'<h3 id="scheme-{name}">{_text(ontology, scheme, SKOS.prefLabel)}</h3>')
        parts.append(f"<p><code>{html.escape(str(scheme))}</code>: "
                     f"{_text(ontology, scheme, SKOS.definition)}</p>")
        parts.append('<table class="concepts"><tr><th>Concept</th><th>Label</th>'
                     "<th>Definition</th></tr>")
        for concept in sorted(ontology.subjects(SKOS.inScheme, scheme)):
            parts.append(f'<tr><td><code>{html.escape(str(concept))}</code></td>'
                         f"<td>{_text(ontology, concept, SKOS.prefLabel)}</td>"
                         f"<td>{_text(ontology, concept, SKOS.definition)}</td></tr>")
        parts.append("</table>")
    parts.append("</div>")
    return "\n".join(parts)


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(subject, predicate))
    return html.escape(values[0]) if values else ""
