"""Relations as full URLs (DESIGN §5): reading back a URL this API gave out.

Input may only point at an object of the case the request is about; what is "this case" and
whether the object exists there is decided by the caller, this module only parses.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, get_script_prefix, resolve


def lees_url(waarde: Any, route: str, kwarg: str, host: str | None) -> tuple[uuid.UUID, uuid.UUID]:
    """(case uuid, object uuid) of a full URL of the API route ``route``.

    ``host`` is the host the request was made to: a URL of another server is not one of ours.
    Raises ``ValueError`` for anything that is not such a URL (a path without scheme and host,
    another route, a trailing slash, another host).
    """
    if not isinstance(waarde, str):
        raise ValueError("geen tekst")
    delen = urlsplit(waarde)
    if delen.scheme not in {"http", "https"} or not delen.netloc:
        raise ValueError("geen volledige URL")
    if host is not None and delen.netloc.lower() != host.lower():
        raise ValueError("andere server")
    if delen.query or delen.fragment:
        raise ValueError("URL met query of fragment")
    pad = delen.path
    prefix = get_script_prefix()
    if prefix != "/" and pad.startswith(prefix):
        pad = "/" + pad[len(prefix) :]
    try:
        gevonden = resolve(pad)
    except Resolver404 as fout:
        raise ValueError("onbekend pad") from fout
    if gevonden.view_name != f"api:{route}":
        raise ValueError("ander soort object")
    return gevonden.kwargs["uuid"], gevonden.kwargs[kwarg]
