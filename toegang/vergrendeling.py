"""What a door answers while a username and address are locked out (django-axes)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procesregie.api.problems import PROBLEM_CONTENT_TYPE, probleem


def wachtminuten() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def melding() -> str:
    minuten = wachtminuten()
    return ngettext(
        "Te veel mislukte pogingen om in te loggen met deze gebruikersnaam vanaf dit adres. "
        "Probeer het over %(minuten)d minuut opnieuw.",
        "Te veel mislukte pogingen om in te loggen met deze gebruikersnaam vanaf dit adres. "
        "Probeer het over %(minuten)d minuten opnieuw.",
        minuten,
    ) % {"minuten": minuten}


def vergrendeld(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 for every door: problem+json for the API, a Dutch page for the HTML logins."""
    wachttijd = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    antwoord: HttpResponse
    if request.path.startswith("/api/"):
        antwoord = JsonResponse(
            probleem(
                status_code=429,
                code="te_veel_inlogpogingen",
                detail=melding(),
                instance=request.path,
            ),
            status=429,
            content_type=PROBLEM_CONTENT_TYPE,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        antwoord = render(
            request,
            "toegang/vergrendeld.html",
            {"melding": melding(), "titel": _("Even niet inloggen")},
            status=429,
        )
    antwoord["Retry-After"] = wachttijd
    return antwoord
