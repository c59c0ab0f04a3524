"""Error types. The library raises these; only the CLI prints them."""

from __future__ import annotations


class AshrafKGError(Exception):
    """Base of every error the library raises on bad input or a failed operation.

    ``where`` names the place (``file:line``, document id or IRI) and ``hint``
    says how to fix it; ``str()`` joins them into one message.
    """

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


def check_at_least(value: int, minimum: int, name: str, error=None) -> int:
    """``value`` if it is at least ``minimum``, else an error (``error``, an AshrafKGError
    subclass, else AshrafKGError) naming the parameter."""
    if value < minimum:
        raise (error or AshrafKGError)(f"{name} must be {minimum} or more, not {value}",
                                       hint=f"give a whole number from {minimum} up")
    return value


class CorpusError(AshrafKGError):
    """A corpus file (document, meta, registry, annotations) is missing or malformed."""


class AnchorError(CorpusError):
    """A quote is not found in its document, or is found more than once."""


class ValidationError(AshrafKGError):
    """The built graph violates the SHACL shapes."""

    def __init__(self, message: str, *, results: tuple = (), **kwargs):
        self.results = results
        super().__init__(message, **kwargs)


class BuildError(AshrafKGError):
    """The graph could not be built or written."""


class QueryError(AshrafKGError):
    """A SPARQL query is unknown, malformed, timed out or failed."""


class EndpointError(AshrafKGError):
    """A remote SPARQL endpoint is unreachable, refused credentials or failed."""


class TruncatedResultError(EndpointError):
    """A remote endpoint cut its answer at its row cap: the rows are incomplete.

    ``cap`` is the server's limit and ``partial`` the incomplete QueryResult, for callers
    that want the rows anyway.
    """

    def __init__(self, message: str, *, cap: int, partial=None, **kwargs):
        self.cap, self.partial = cap, partial
        super().__init__(message, **kwargs)


class ServerError(AshrafKGError):
    """A local SPARQL server could not be installed, started or stopped."""


class NetworkError(AshrafKGError):
    """The network projection or a path search failed (e.g. an unknown entity name)."""


class IngestError(AshrafKGError):
    """A document cannot be added to the corpus (binary, empty, no article body, …)."""


class ExtractionError(AshrafKGError):
    """Automatic extraction or evaluation failed."""
