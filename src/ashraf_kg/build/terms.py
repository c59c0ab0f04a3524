"""Terms of the vocabularies, each made once.

``OA.hasTarget`` on an rdflib namespace makes (and checks) a new ``URIRef`` on every use:
a sixth of the build's time, and a new object for every statement's predicate.
"""

from __future__ import annotations


class CachedNamespace:
    """``namespace``'s terms as attributes, each made on first use and kept."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str):
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found as a plain attribute from now on
        return term


def cached(*namespaces) -> tuple[CachedNamespace, ...]:
    """Each of ``namespaces`` as a :class:`CachedNamespace`."""
    return tuple(CachedNamespace(namespace) for namespace in namespaces)
