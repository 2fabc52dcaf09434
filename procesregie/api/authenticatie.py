"""How the API knows who asks: session login (the browsable docs, the status page's own
requests) and API tokens (django-rest-knox: hashed, expiring, revocable), with Dutch messages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.settings import knox_settings
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

CSRF_MELDING = gettext_lazy(
    "De CSRF-controle van deze sessie faalde. Stuur het CSRF-token mee, of gebruik de API met "
    "een token (Authorization: Token ...)."
)


class SessieAuthenticatie(SessionAuthentication):
    """DRF's session authentication with the CSRF failure in Dutch and with its own code."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(CSRF_MELDING, code="csrf") from None


class SessieSchema(SessionScheme):
    """The same cookieAuth scheme in the OpenAPI document as DRF's session authentication."""

    target_class = "procesregie.api.authenticatie.SessieAuthenticatie"


ONGELDIG = _("Ongeldig of verlopen token. Vraag een nieuw token aan via POST /api/v1/tokens.")

#: The scheme of the ``Authorization`` header and of the 401 challenge.
SCHEMA: str = knox_settings.AUTH_HEADER_PREFIX


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>``; knox stores only a hash and ends tokens on expiry.

    The class keeps the name ``TokenAuthentication``: the event log's ``Actor.uit_request``
    recognises the API channel by it.
    """

    def authenticate(self, request: Request) -> Any:
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as fout:
            # knox's own messages are English only and name internals; one clear message.
            raise exceptions.AuthenticationFailed(ONGELDIG) from fout


class TokenSchema(OpenApiAuthenticationExtension):
    """The token scheme in the OpenAPI document (found by drf-spectacular on import)."""

    target_class = "procesregie.api.authenticatie.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                f"`Authorization: {SCHEMA} <token>`, met een token van `POST /api/v1/tokens`. "
                "Een token verloopt (zie `verlooptOp`) en eindigt met `DELETE "
                "/api/v1/tokens/huidig`, een nieuw wachtwoord of een gedeactiveerd account."
            ),
        }
