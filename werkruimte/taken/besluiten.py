"""Besluiten: who decided what, when, under which kenmerk; the opdracht's besluitmomenten with
whether a besluit fulfilled them (the overdue ones first and marked); recording a besluit,
perhaps as the formal decision behind a party's consent (both facts, or neither)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Besluit, Instemming, Zichtbaarheid
from cases.selectors.besluiten import Besluitmomentstatus, besluiten, besluitmomenten

from ..dossier.formulieren import BesluitFormulier
from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..wyberanker import ververs_bij_anker
from . import Taak

TAAK = Taak(code="besluiten", label=_("Besluiten"), url_naam="werkruimte:besluiten", volgorde=54)

PAGINA = "werkruimte/taken/besluiten.html"


def _dienst(request: HttpRequest, f: Dienstformulier) -> Besluit:
    assert isinstance(f, BesluitFormulier)
    actor = Actor.uit_request(request)
    g = f.cleaned_data
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=f.bestuursproces,
        titel=g["titel"],
        inhoud=g.get("inhoud") or "",
        datum=g["datum"],
        kenmerk=g.get("kenmerk") or "",
        orgaan_naam=g.get("orgaan_naam") or "",
        besluitmoment=_datum(g.get("besluitmoment")),
        bijeenkomst=g.get("bijeenkomst"),
        zichtbaarheid=g["zichtbaarheid"],
        toelichting=f.toelichting_tekst,
        **f.besluitnemer_invoer(),
    )
    instemming = g.get("instemming")
    if instemming is not None:
        # The same transaction (verwerk's savepoint): a refused consent undoes the besluit.
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming,
            status=Instemming.Status.INGESTEMD,
            besluit=besluit,
            toelichting=f.toelichting_tekst,
        )
    return besluit


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


@taakpagina
def besluiten_pagina(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    bestuursproces = zaak.bestuursproces
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    vandaag = timezone.localdate()
    momenten = besluitmomenten(bestuursproces, zichtbaar, vandaag)
    rijen = list(besluiten(bestuursproces, zichtbaar).reverse())
    basis = reverse("werkruimte:besluiten", args=[bestuursproces.uuid])
    context = {
        "besluiten": [(b, b.partijnaam()) for b in rijen],
        "verlopen": [m for m in momenten if m.status == Besluitmomentstatus.VERLOPEN],
        "momenten": momenten,
        "status": Besluitmomentstatus,
        "basis": basis,
    }
    if not zaak.mag_werken:
        return render(request, PAGINA, {**context, "kop": zaakkop(zaak, TAAK.code)})
    formulier = BesluitFormulier(request.POST or None, zaak=zaak, zichtbaar=zichtbaar)
    formulier.actie = basis  # type: ignore[attr-defined]
    antwoord = verwerk(
        request,
        formulier,
        lambda f: _dienst(request, f),
        taak=TAAK.code,
        sjabloon=PAGINA,
        fragment="werkruimte/taken/_dossierformulier.html",
        volgende=lambda b: f"{basis}#besluit-{b.uuid}",
        gelukt=gettext("Het besluit is vastgelegd."),
        context=context,
    )
    return ververs_bij_anker(request, antwoord)


urlpatterns = [path("besluiten/", besluiten_pagina, name="besluiten")]
