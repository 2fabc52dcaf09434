"""The status page: server-rendered, read-only, for the members of a case."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.selectors.overzicht import mag_over_processen_heen
from toegang.rechten import mag_bestuursproces_openen
from werkruimte.mijn_processen import BEOORDELING_WEKEN, STANDAARD_WEKEN, mijn_processen
from werkruimte.navigatie import zaakkop
from werkruimte.toegang import zaak_voor

from .forms import MomentFormulier, WekenFormulier
from .selectors import statuspagina


@login_required
def processen(request: HttpRequest) -> HttpResponse:
    """Mijn processen: every case of the member with what needs doing there."""
    keuze = WekenFormulier(request.GET or None)
    weken = keuze.cleaned_data["weken"] if keuze.is_valid() else STANDAARD_WEKEN
    return render(
        request,
        "statuspagina/processen.html",
        {
            "processen": mijn_processen(request.user, weken=weken),
            "weken": weken,
            "keuze": keuze,
            "mag_openen": mag_bestuursproces_openen(request.user),
            "mag_vergelijken": mag_over_processen_heen(request.user),
            "beoordeling_weken": BEOORDELING_WEKEN,
        },
        status=400 if keuze.errors else 200,
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
