"""Errors as application/problem+json (RFC 9457), with every field error in invalidParams."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cases.exceptions import DomainError, OngeldigeInvoer

from .authenticatie import CSRF_MELDING, SCHEMA

PROBLEM_CONTENT_TYPE = "application/problem+json"

# In the request's language, like the details (LocaleMiddleware picks it from Accept-Language).
TITELS = {
    400: _("Ongeldige invoer."),
    401: _("Niet geauthenticeerd."),
    403: _("Geen toestemming."),
    404: _("Niet gevonden."),
    405: _("Methode niet toegestaan."),
    406: _("Gevraagd formaat niet beschikbaar."),
    409: _("Conflict met de huidige toestand."),
    412: _("Voorwaarde niet vervuld."),
    413: _("Verzoek te groot."),
    415: _("Mediatype niet ondersteund."),
    422: _("Verzoek niet te verwerken."),
    429: _("Te veel verzoeken."),
    500: _("Interne serverfout."),
    503: _("Tijdelijk niet beschikbaar."),
}

# Seconds a client should wait before retrying a write that found the database busy.
OPNIEUW_NA = 2


def camel(naam: str) -> str:
    """snake_case → camelCase per dotted segment: ``opdracht.stip_op`` → ``opdracht.stipOp``."""

    def segment(deel: str) -> str:
        kop, *rest = deel.split("_")
        return kop + "".join(w[:1].upper() + w[1:] for w in rest)

    return ".".join(segment(deel) for deel in naam.split("."))


def probleem(
    *,
    status_code: int,
    code: str,
    detail: str,
    instance: str,
    titel: str | StrPromise | None = None,
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:procesregie:fout:{code}",
        "code": code,
        "title": str(titel or TITELS.get(status_code, _("Fout."))),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def _platte_fouten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error structure into invalidParams entries with dotted names."""
    if isinstance(detail, dict):
        result = []
        for sleutel, waarde in detail.items():
            naam = "nonFieldErrors" if sleutel == "non_field_errors" else str(sleutel)
            result += _platte_fouten(waarde, f"{prefix}.{naam}" if prefix else naam)
        return result
    if isinstance(detail, list):
        if all(isinstance(item, exceptions.ErrorDetail) for item in detail):
            return [
                {
                    "name": prefix or "nonFieldErrors",
                    "code": item.code or "invalid",
                    "reason": str(item),
                }
                for item in detail
            ]
        result = []
        for index, item in enumerate(detail):
            result += _platte_fouten(item, f"{prefix}.{index}" if prefix else str(index))
        return result
    code = getattr(detail, "code", "invalid")
    return [{"name": prefix or "nonFieldErrors", "code": code, "reason": str(detail)}]


def _domeinfout(exc: DomainError, instance: str) -> Response:
    if isinstance(exc, OngeldigeInvoer):
        params = [
            {"name": camel(veld), "code": code, "reason": reden}
            for veld, items in exc.fouten.items()
            for code, reden in items
        ]
    elif exc.veld:
        params = [{"name": camel(exc.veld), "code": exc.code, "reason": exc.detail}]
    else:
        params = None
    body = probleem(
        status_code=exc.status,
        code=exc.code,
        titel=str(exc.titel),
        detail=exc.detail,
        instance=instance,
        invalid_params=params,
    )
    return Response(body, status=exc.status, content_type=PROBLEM_CONTENT_TYPE)


def database_bezet(exc: BaseException) -> bool:
    """SQLite's "database is locked": another writer held the lock past the busy timeout."""
    return isinstance(exc, OperationalError) and "is locked" in str(exc)


def bezet_response(instance: str) -> Response:
    """503 with Retry-After: the write was not done (its transaction never began or was
    rolled back), so the client may simply send it again."""
    body = probleem(
        status_code=503,
        code="database_bezet",
        detail=gettext(
            "Er schrijven nu te veel mensen tegelijk; er is niets opgeslagen. Probeer het over "
            "enkele seconden opnieuw."
        ),
        instance=instance,
    )
    return Response(
        body,
        status=503,
        content_type=PROBLEM_CONTENT_TYPE,
        headers={"Retry-After": str(OPNIEUW_NA)},
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DomainError):
        return _domeinfout(exc, instance)
    if database_bezet(exc):
        return bezet_response(instance)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) if str(exc) else None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # DRF takes the challenge from the first authentication class and turns the answer
        # into a 403 when that class has none (SessionAuthentication). Missing or wrong
        # credentials are a 401 with a challenge for the API's own scheme (RFC 9110 §15.5.2).
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        exc.auth_header = SCHEMA  # type: ignore[union-attr]
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    if isinstance(exc, exceptions.ValidationError):
        body = probleem(
            status_code=response.status_code,
            code="invalid",
            detail=gettext("Een of meer velden zijn ongeldig; zie invalidParams."),
            instance=instance,
            invalid_params=_platte_fouten(exc.detail),
        )
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        body = probleem(
            status_code=response.status_code,
            code=code,
            detail=str(exc.detail),
            instance=instance,
        )
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def probleem_response(
    request: HttpRequest,
    status_code: int,
    code: str,
    detail: str,
    *,
    invalid_params: list[dict[str, str]] | None = None,
) -> JsonResponse:
    """A problem+json answer for requests that never reach a DRF view (unknown URLs, 500s)."""
    return JsonResponse(
        probleem(
            status_code=status_code,
            code=code,
            detail=detail,
            instance=request.path,
            invalid_params=invalid_params,
        ),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


# Any method: an unknown URL is a 404, not a CSRF failure of a view that does not exist.
@csrf_exempt
def niet_gevonden(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return probleem_response(
        request,
        status.HTTP_404_NOT_FOUND,
        "not_found",
        gettext("Deze URL bestaat niet in de API. Let op: paden eindigen zonder schuine streep."),
    )


def serverfout(request: HttpRequest) -> JsonResponse:
    return probleem_response(
        request,
        500,
        "server_error",
        gettext("Er ging iets mis aan onze kant; er is niets opgeslagen."),
    )


def csrf_mislukt(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: problem+json below /api/, Django's own page elsewhere."""
    if not request.path.startswith("/api/"):
        return csrf_failure(request, reason)
    return probleem_response(request, 403, "csrf", str(CSRF_MELDING))
