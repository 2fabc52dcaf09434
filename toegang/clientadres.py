"""The client's address, as far as the configured proxies vouch for it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_adres(request: HttpRequest) -> str:
    """The address of whoever sent the request.

    ``X-Forwarded-For`` counts only behind ``VERTROUWDE_PROXIES`` proxies, and then only the
    entry the outermost trusted proxy appended: anything to its left was written by the client
    and can be anything. This is DRF's rule for ``NUM_PROXIES`` as well, so login limits and
    throttling agree on who is who.
    """
    proxies = settings.VERTROUWDE_PROXIES
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and doorgestuurd:
        adressen = [adres.strip() for adres in doorgestuurd.split(",") if adres.strip()]
        if adressen:
            return adressen[-min(proxies, len(adressen))]
    return str(request.META.get("REMOTE_ADDR", ""))


def gebruikersnaam(request: HttpRequest, credentials: dict[str, object] | None) -> str:
    """The username a login attempt is counted under (django-axes).

    Cut to the length a username can have: a longer one cannot be an account, and the
    attempt table's column would refuse it (a 500 on PostgreSQL instead of a failed login).
    """
    waarde = (credentials or {}).get("username")
    if waarde is None:
        waarde = request.POST.get("username", "")
    return str(waarde)[:150]
