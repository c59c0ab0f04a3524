"""HTTP plumbing of the remote stage: URL and credential checks, one clear error for
each way a request can fail, and a small SPARQL 1.1 Graph Store Protocol client."""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

from ..errors import EndpointError

AUTH_METHODS = ("digest", "basic")


def check_url(url: str, what: str = "endpoint") -> str:
    """Return ``url`` if it is an absolute http(s) URL, else raise :class:`EndpointError`."""
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"malformed {what} URL {url!r}",
                            hint="give a full http(s) URL such as http://127.0.0.1:7878/query")
    try:
        _ = parts.port  # urllib checks the port only when it is read
    except ValueError:
        raise EndpointError(f"malformed {what} URL {url!r}: bad port number",
                            hint="give a port between 1 and 65535") from None
    return url


def describe_failure(error: BaseException, url: str, timeout: float | None) -> EndpointError:
    """Turn a network or HTTP failure into one clear :class:`EndpointError`."""
    if isinstance(error, urllib.error.HTTPError):
        described = describe_status(error.code, _body_text(error), url)
        described.status = error.code  # the server answered: it did not apply the request
        return described
    reason = getattr(error, "reason", error)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        within = f"within {timeout:g} s" if timeout else "in time"
        return EndpointError(f"{url} did not answer {within}",
                             hint="the server is busy or hung; raise --timeout or try later")
    if isinstance(reason, ConnectionRefusedError):
        return EndpointError(f"cannot reach {url}: connection refused",
                             hint="is the server running? check the host and port")
    if isinstance(reason, socket.gaierror):
        return EndpointError(f"cannot reach {url}: unknown host",
                             hint="check the host name in the URL")
    if isinstance(error, (http.client.HTTPException, ConnectionError)):
        return EndpointError(f"{url} closed the connection without a valid answer "
                             f"({type(error).__name__})", hint="is this a SPARQL endpoint?")
    return EndpointError(f"cannot reach {url}: {reason}")


def describe_status(status: int, body: str, url: str) -> EndpointError:
    detail = f": {body}" if body else ""
    if status == 401:
        return EndpointError(f"{url} refused the credentials (HTTP 401)",
                             hint="check --user, --password and --auth (Virtuoso wants digest)")
    if status == 403:
        return EndpointError(f"{url} forbids this operation (HTTP 403){detail}",
                             hint="the account lacks write permission, or the server is "
                                  "read-only")
    if status == 404:
        return EndpointError(f"{url} was not found (HTTP 404)",
                             hint="check the endpoint path, e.g. /query or /sparql")
    return EndpointError(f"{url} answered HTTP {status}{detail}")


def _body_text(error: urllib.error.HTTPError, limit: int = 300) -> str:
    try:
        raw = error.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only a detail of the message
        return ""
    return short_text(raw, limit)


def short_text(text: str, limit: int = 300) -> str:
    """One line of at most ``limit`` characters; the words of an HTML error page."""
    if re.search(r"<(html|body|!DOCTYPE)", text, re.I):  # an error page: keep its words
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_auth(auth: str) -> str:
    if auth not in AUTH_METHODS:
        raise EndpointError(f"unknown authentication method {auth!r}",
                            hint="use digest or basic")
    return auth


MAX_ANSWER_BYTES = 512 * 1024 * 1024  # a larger answer is refused, not held in memory


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of a URL: where credentials given for it may be sent."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect that stays on the origin of the credentials; refuse any other."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        if origin(target) != origin(req.full_url):
            raise EndpointError(f"{req.full_url} redirected to {target}, another origin; the "
                                "credentials are not sent there",
                                hint="if you trust that server, give its URL directly")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpClient:
    """urllib with credentials kept to one origin (digest or basic, never sent after a
    redirect elsewhere), a timeout and a size limit on every answer."""

    def __init__(self, url, user, password, auth, timeout, max_bytes: int | None = MAX_ANSWER_BYTES):
        self.url, self.timeout, self.max_bytes = url, timeout, max_bytes
        self.headers, self.digest = {}, None
        handlers = []
        if user is not None and check_auth(auth) == "digest":
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, url, user, password or "")
            self.digest = urllib.request.HTTPDigestAuthHandler(manager)
            handlers.append(self.digest)
        elif user is not None:
            import base64

            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
        if user is not None:
            handlers.append(_SameOriginRedirects())
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, target: str, *, method: str, body: bytes | None = None,
                headers: dict | None = None) -> urllib.request.Request:
        request = urllib.request.Request(target, data=body, method=method, headers=headers or {})
        request.add_header("User-Agent", "ashraf-kg")
        for name, value in self.headers.items():
            request.add_unredirected_header(name, value)  # urllib copies the others on redirect
        return request

    def send(self, request: urllib.request.Request):
        """The answer's bytes and headers; HTTP and network errors are the caller's to read."""
        with self.opener.open(request, timeout=self.timeout) as response:
            return read_limited(response, self.max_bytes, self.url), response.headers


def read_limited(response, max_bytes: int | None, url: str) -> bytes:
    """The body of ``response``, refused past ``max_bytes``."""
    if max_bytes is None:
        return response.read()
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise EndpointError(f"{url} sent an answer larger than {max_bytes // (1 << 20)} MB",
                            hint="narrow the query (LIMIT, parameters) or page through it "
                                 "with LIMIT and OFFSET")
    return body


class GraphStore(HttpClient):
    """A minimal Graph Store Protocol client (urllib): fetch, replace and delete graphs."""

    def __init__(self, url, user, password, auth, timeout):
        super().__init__(url, user, password, auth, timeout, max_bytes=None)

    def _call(self, method: str, graph: str, body: bytes | None = None) -> bytes | None:
        target = f"{self.url}?{urllib.parse.urlencode({'graph': graph})}"
        # Accept only on GET: Virtuoso answers 406 to a PUT that asks for N-Triples back.
        headers = {}
        if method == "GET":
            headers["Accept"] = "application/n-triples"
        if body is not None:
            headers["Content-Type"] = "application/n-triples"
        request = self.request(target, method=method, body=body, headers=headers)
        if body is not None and self.digest is not None:
            self._sign(request)
        if self.digest is not None:
            # urllib counts digest retries across requests and forgets them only when a
            # retried request succeeds: after five 404s (graphs the store does not have
            # yet) it would refuse the sixth request as if the password were wrong.
            self.digest.reset_retry_count()
        try:
            return self.send(request)[0]
        except urllib.error.HTTPError as error:
            if error.code == 404 and method in ("GET", "DELETE"):
                return None
            raise describe_failure(error, self.url, self.timeout) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise describe_failure(error, self.url, self.timeout) from None

    def _sign(self, request: urllib.request.Request) -> None:
        """Digest credentials sent up front: a server that answers 401 to a large upload
        may close the connection before the body is sent, and the retry never happens."""
        probe = urllib.request.Request(self.url, method="GET")
        try:
            urllib.request.urlopen(probe, timeout=self.timeout).close()
            return  # no challenge: the normal path will do
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "")
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise describe_failure(error, self.url, self.timeout) from None
        scheme, _, params = challenge.partition(" ")
        if scheme.lower() == "digest":
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
            value = self.digest.get_authorization(request, fields)
            if value:
                request.add_unredirected_header("Authorization", f"Digest {value}")

    def fetch(self, graph: str) -> bytes | None:
        """The graph's triples as N-Triples, or None when the store has no such graph."""
        return self._call("GET", graph)

    def replace(self, graph: str, ntriples: bytes) -> None:
        self._call("PUT", graph, ntriples)

    def restore(self, graph: str, previous: bytes | None) -> None:
        if previous is None:
            self._call("DELETE", graph)
        else:
            self._call("PUT", graph, previous)
