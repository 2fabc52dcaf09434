"""Session login for the API (the browsable docs, the status page's own requests)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.authentication import SessionScheme
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
