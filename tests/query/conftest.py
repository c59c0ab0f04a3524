"""Helpers of the query tests: the fixture corpus's graph, and a local HTTP server that
records what reaches it."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

FIXTURE_CORPUS = Path(__file__).resolve().parents[1] / "data" / "queries" / "corpus"


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    """The fixture corpus (``tests/data/queries/corpus``), built and dumped as N-Quads."""
    from ashraf_kg.build.dataset import build_corpus

    folder = tmp_path_factory.mktemp("fixture-graph")
    build_corpus(FIXTURE_CORPUS).serialize(destination=str(folder / "ashraf-kg.nq"), format="nquads")
    return folder


def write_void_of(folder, dump_bytes: bytes) -> None:
    """A void.ttl recording the dump's checksum, in the form the build writes it."""
    digest = hashlib.sha256(dump_bytes).hexdigest()
    (folder / "void.ttl").write_text(
        "<https://w3id.org/ashraf-kg/id/dataset/ashraf-kg/ashraf-kg.nq/checksum> a spdx:Checksum ;\n"
        "    spdx:algorithm spdx:checksumAlgorithm_sha256 ;\n"
        f'    spdx:checksumValue "{digest}"^^xsd:hexBinary .\n', encoding="utf-8")


@pytest.fixture(scope="session")
def write_void():
    """:func:`write_void_of`, for tests that lay out a graph folder by hand."""
    return write_void_of


@pytest.fixture(scope="session")
def make_graph(write_void):
    """A function laying out a graph folder: the dump and a void.ttl recording its SHA-256,
    as the build writes them."""
    def make(folder, dump_bytes: bytes):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ashraf-kg.nq").write_bytes(dump_bytes)
        write_void(folder, dump_bytes)
        return folder
    return make


class Recorder:
    """A local HTTP server that answers every request with ``answer(handler)`` and keeps
    the path and headers of each request it received."""

    def __init__(self, answer):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests: list[tuple[str, dict]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                recorder.requests.append((self.path, dict(self.headers)))
                answer(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    """Make local HTTP servers (``recorder(answer)``); all are closed after the test."""
    made: list[Recorder] = []

    def make(answer=None, body: bytes = b'{"head": {}, "boolean": true}') -> Recorder:
        """``answer(handler)`` answers each request; by default, ``body`` as SPARQL results JSON."""
        def results(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", "application/sparql-results+json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        made.append(Recorder(answer or results))
        return made[-1]

    yield make
    for server in made:
        server.close()
