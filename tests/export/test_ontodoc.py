"""The ontology's HTML page shows the ontology's text; it never runs it."""

from __future__ import annotations

import pytest
from rdflib import Graph

from ashraf_kg.export.ontodoc import CSP, make_ontology_html

HOSTILE = """\
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix akg: <https://w3id.org/ashraf-kg/ontology#> .
<https://w3id.org/ashraf-kg/ontology> a owl:Ontology ; dcterms:title "t" ;
    dcterms:description "Ends a script: </script><script>alert(1)</script>" .
akg:Thing a owl:Class ; rdfs:label "Thing" ;
    rdfs:comment "A <img src=x onerror=alert(2)> thing, with `code` & <b>markup</b>." .
"""


@pytest.fixture(scope="module")
def page() -> str:
    return make_ontology_html(Graph().parse(data=HOSTILE, format="turtle"))


def test_markup_in_a_comment_is_shown_as_text(page):
    assert "<img src=x" not in page and "<b>markup</b>" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page and "&lt;b&gt;markup&lt;/b&gt;" in page
    assert "<code>code</code>" in page  # Markdown itself still works


def test_the_page_lets_no_script_run(page):
    head = page[:page.index("</head>")]
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in head
    assert "script-src" not in CSP and "default-src 'none'" in CSP
