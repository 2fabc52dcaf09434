"""Every answer below /api/ is problem+json, whatever went wrong and wherever.

DRF's exception handler covers what happens inside an API view. This middleware covers the
rest: a body over the size limit (Django would answer with an HTML 400), an exception with
DEBUG on (Django's HTML debug page), and any HTML error page another layer produced (a CSRF
failure, a bad Host header). It sits just inside ApiVersionMiddleware, so its answers carry
the API-Version header too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .problems import PROBLEM_CONTENT_TYPE, TITELS, probleem_response, serverfout
from .queryparameters import onbekende_parameters

logger = logging.getLogger("django.request")

API = "/api/"
VEILIG = {"GET", "HEAD"}

# Codes for the error pages of other layers that are replaced; detail says what is known.
VERVANGING = {
    400: ("bad_request", gettext_lazy("Het verzoek is ongeldig.")),
    403: ("permission_denied", gettext_lazy("Geen toestemming voor deze handeling.")),
    404: ("not_found", gettext_lazy("Deze URL bestaat niet in de API.")),
    405: ("method_not_allowed", gettext_lazy("Deze methode is hier niet toegestaan.")),
    413: ("te_groot", gettext_lazy("Het verzoek is te groot.")),
}


# Room for a multipart form's boundaries and other fields around the file itself.
UPLOADMARGE = 64 * 1024


def max_body(request: HttpRequest | None = None) -> int:
    """The largest body the API reads: a request kept in memory (Django's setting), or, for
    an upload (multipart, whose files stream to disk as they arrive), a document with its
    form (DOCUMENT_MAX_BYTES; the upload views refuse a larger file by its own limit)."""
    grens = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    soort = request.content_type if request is not None else ""
    if soort == "multipart/form-data":
        grens = max(grens, int(settings.DOCUMENT_MAX_BYTES) + UPLOADMARGE)
    return grens


def te_groot(request: HttpRequest) -> HttpResponse:
    return probleem_response(
        request,
        413,
        "te_groot",
        _("De body van het verzoek is groter dan %(grens)s bytes; dat is de grens van deze API.")
        % {"grens": max_body(request)},
    )


def onbekende_parameters_response(request: HttpRequest, onbekend: list[str]) -> HttpResponse:
    return probleem_response(
        request,
        400,
        "invalid",
        _(
            "Onbekende queryparameter: %(namen)s. De OpenAPI-beschrijving noemt wat dit "
            "endpoint aanneemt."
        )
        % {"namen": ", ".join(onbekend)},
        invalid_params=[onbekende_parameter(naam) for naam in onbekend],
    )


def onbekende_parameter(naam: str) -> dict[str, str]:
    # The same entry as StrikteFilterSet gives, so that a client sees one kind of answer.
    return {"name": naam, "code": "unknown", "reason": _("Onbekende parameter.")}


def met_onbekende_parameters(
    request: HttpRequest, response: HttpResponse, onbekend: list[str]
) -> HttpResponse:
    """A read with undocumented parameters: a success becomes a 400 naming them; a 400 about
    other parameters names them too; any other error stands."""
    if 200 <= response.status_code < 300:
        # Not closed: close() would signal request_finished in the middle of the request; a
        # streaming export that was never iterated holds nothing yet.
        return onbekende_parameters_response(request, onbekend)
    if response.status_code != 400 or response.get("Content-Type") != PROBLEM_CONTENT_TYPE:
        return response
    body = json.loads(response.content)
    genoemd = {p["name"] for p in body.get("invalidParams", [])}
    body.setdefault("invalidParams", []).extend(
        onbekende_parameter(naam) for naam in onbekend if naam not in genoemd
    )
    return JsonResponse(
        body,
        status=400,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


class ApiFoutenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API):
            return self.get_response(request)
        lengte = request.META.get("CONTENT_LENGTH") or "0"
        try:
            te_lang = int(lengte) > max_body(request)
        except ValueError:
            return probleem_response(
                request, 400, "bad_request", _("De header Content-Length is geen geheel getal.")
            )
        if te_lang:
            return te_groot(request)
        response = self.get_response(request)
        onbekend: list[str] = getattr(request, "onbekende_parameters", [])
        if onbekend:
            response = met_onbekende_parameters(request, response, onbekend)
        return self._als_probleem(request, response)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        """Query parameters the operation does not document are a 400. A write is refused
        before it runs; a read runs first, so that a missing login (401), an unknown case
        (404) and wrong values of known parameters are answered as without the stray one."""
        if not request.path.startswith(API):
            return None
        onbekend = onbekende_parameters(view_func, request.method or "GET", request.GET)
        if not onbekend:
            return None
        if request.method in VEILIG:
            request.onbekende_parameters = onbekend  # type: ignore[attr-defined]
            return None
        return onbekende_parameters_response(request, onbekend)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """An exception out of a view: logged with its traceback, answered without one (also
        with DEBUG on, which would otherwise show the HTML debug page)."""
        if not request.path.startswith(API):
            return None
        if isinstance(exception, RequestDataTooBig):
            return te_groot(request)
        signals.got_request_exception.send(sender=None, request=request)
        logger.error(
            "Interne serverfout: %s",
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
            extra={"status_code": 500, "request": request},
        )
        return serverfout(request)

    @staticmethod
    def _als_probleem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """An error page from another layer (HTML, plain text) becomes problem+json with the
        same status; problem+json and JSON answers pass unchanged."""
        if response.status_code < 400:
            return response
        soort = response.get("Content-Type", "").split(";")[0].strip()
        if soort in {PROBLEM_CONTENT_TYPE, "application/json"}:
            return response
        if response.status_code == 500:
            return serverfout(request)
        code, detail = VERVANGING.get(
            response.status_code, ("error", TITELS.get(response.status_code, "Fout."))
        )
        vervangen = probleem_response(request, response.status_code, code, str(detail))
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                vervangen[header] = response[header]
        return vervangen
