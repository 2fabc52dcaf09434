"""Query parameters an endpoint does not document are refused, on every endpoint.

The OpenAPI document already lists, per operation, the parameters its view understands: the
filter set's filters, the paginator's page and pageSize, and the ones a view declares with
extend_schema. Refusing everything else (rather than keeping a second list per view) keeps the
two in step: a view that reads a parameter it does not document cannot be called with it.
The document is generated once per process, as /api/v1/openapi.json serves it: by the WSGI and
ASGI entry points while a worker starts (:func:`bereid_voor`, some 0.8 s), otherwise on the
first API request.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from typing import Any

# HEAD is answered by the GET view, with its parameters.
ALS = {"HEAD": "GET"}

_slot = threading.Lock()


@functools.cache
def _gedocumenteerd() -> dict[tuple[Callable[..., Any], str], frozenset[str]]:
    """(view callable, method) → the names of its documented query parameters."""
    from django.conf import settings
    from drf_spectacular.generators import SchemaGenerator

    with _slot:
        generator = SchemaGenerator()
        schema = generator.get_schema(request=None, public=True)
    result = {}
    # drf-spectacular's endpoints are (path, path_regex, method, view callable).
    endpoints: list[Any] = list(generator.endpoints or [])
    # The document lists paths relative to its server (SCHEMA_PATH_PREFIX_TRIM).
    prefix = ""
    if settings.SPECTACULAR_SETTINGS.get("SCHEMA_PATH_PREFIX_TRIM"):
        prefix = str(settings.SPECTACULAR_SETTINGS.get("SCHEMA_PATH_PREFIX", ""))
    for pad, _regex, methode, callback in endpoints:
        operatie = schema["paths"].get(pad.removeprefix(prefix), {}).get(methode.lower())
        if operatie is None:
            continue
        result[(callback, methode)] = frozenset(
            p["name"] for p in operatie.get("parameters", []) if p.get("in") == "query"
        )
    return result


def bereid_voor() -> None:
    """Generate the document now, so that no user's first request waits for it."""
    _gedocumenteerd()


def onbekende_parameters(view: Callable[..., Any], methode: str, namen: Iterable[str]) -> list[str]:
    """The names a request gives that the operation does not document, sorted; empty for views
    outside the document (the document itself, its docs, the catch-all 404)."""
    bekend = _gedocumenteerd().get((view, ALS.get(methode, methode)))
    if bekend is None:
        return []
    return sorted(set(namen) - bekend)
