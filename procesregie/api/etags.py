"""Entity tags: every JSON answer of the API carries an ETag over what it says, and a write
can be made conditional on it with If-Match (RFC 9110 §8.8.3, §13.1.1)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

IF_MATCH = "If-Match"
# One entity-tag of a list, weak or strong: W/"…" or "…".
_ENTITY_TAG = re.compile(r'\s*((?:W/)?"[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)')
_MET_ETAG = {"GET", "HEAD", "PUT", "PATCH"}


def etag_van(data: Any) -> str:
    """A strong entity-tag over the representation's data (not its bytes), so that the same
    resource in the same language has the same tag however it was rendered."""
    tekst = json.dumps(
        data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return f'"{hashlib.sha256(tekst.encode()).hexdigest()}"'


class VersieVerouderd(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "versie_verouderd"

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Dit is intussen gewijzigd: If-Match noemt niet de huidige ETag. Er is niets "
                "gewijzigd. Vraag het opnieuw op, bekijk de wijziging en probeer het dan opnieuw."
            )
        )


class Voorwaarde:
    """The entity-tags of an If-Match header, or ``*`` (any current representation)."""

    def __init__(self, tags: list[str]) -> None:
        self.tags = tags

    def vervuld_door(self, huidige: str | None) -> bool:
        """Strong comparison: a weak tag never matches; without a current representation
        (``huidige`` None) nothing matches, not even ``*``."""
        if huidige is None:
            return False
        if self.tags == ["*"]:
            return True
        return huidige in self.tags


def lees_if_match(request: HttpRequest) -> Voorwaarde | None:
    """The request's If-Match, or None; a 400 naming the header when it cannot be read."""
    waarde = request.headers.get(IF_MATCH)
    if waarde is None:
        return None
    if waarde.strip() == "*":
        return Voorwaarde(["*"])
    tags: list[str] = []
    positie = 0
    while positie < len(waarde):
        gevonden = _ENTITY_TAG.match(waarde, positie)
        if gevonden is None or gevonden.end() == positie:
            tags = []
            break
        tags.append(gevonden.group(1))
        positie = gevonden.end()
    if not tags:
        raise exceptions.ValidationError(
            {
                IF_MATCH: [
                    serializers.ErrorDetail(
                        gettext('Geef een of meer ETags tussen aanhalingstekens, of "*".'),
                        code="invalid",
                    )
                ]
            }
        )
    return Voorwaarde([tag for tag in tags if not tag.startswith("W/")])


class EtagMiddleware:
    """Put an ETag on every JSON answer of the API that shows a resource: GET and HEAD, and
    the answer of a PUT or PATCH (the new version), computed from the data DRF rendered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and request.method in _MET_ETAG
            and response.status_code in (200, 201)
            and isinstance(response, Response)
            and response.data is not None
            and not response.has_header("ETag")
        ):
            response["ETag"] = etag_van(response.data)
        return response
