"""What a server's worker does while it starts, before the first request it serves (called by
the WSGI and ASGI entry points, and by the benchmarks, which measure a process set up so)."""

from __future__ import annotations

from procesregie.api.queryparameters import bereid_voor

from .opruimen import voor_verzoeken


def start() -> None:
    # The API reads its documented query parameters from the OpenAPI document: made now, not
    # during a user's first request.
    bereid_voor()
    # Last, so that what the worker loaded (the document too) is frozen with it.
    voor_verzoeken()
