"""The status page: server-rendered, read-only, for the members of a case."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkruimte.navigatie import zaakkop
from werkruimte.toegang import zaak_voor

from .forms import MomentFormulier
from .selectors import processen_voor, statuspagina


@login_required
def processen(request: HttpRequest) -> HttpResponse:
    return render(
        request, "statuspagina/processen.html", {"processen": processen_voor(request.user)}
    )


@login_required
def proces(request: HttpRequest, bestuursproces: uuid.UUID) -> HttpResponse:
    # Non-members get 404, as in the API: they must not learn that the case exists.
    zaak = zaak_voor(request, bestuursproces)
    gevonden = zaak.bestuursproces
    formulier = MomentFormulier(request.GET or None, geopend_op=gevonden.geopend_op)
    # An invalid date shows the current state beside the form's error.
    op = formulier.cleaned_data["op"] if formulier.is_valid() else None
    return render(
        request,
        "statuspagina/proces.html",
        {
            "pagina": statuspagina(gevonden, op=op),
            "formulier": formulier,
            "kop": zaakkop(zaak, "overzicht"),
        },
        status=400 if formulier.errors else 200,
    )
