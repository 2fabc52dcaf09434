"""Documenten: the files of the case file at the viewer's levels, each with its versions and
their SHA-256; upload a document, add a version. A version is downloaded only through the
API's access-checked view (``api:documentversie-inhoud``): there is no public URL of a file."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Zichtbaarheid
from cases.selectors.documenten import documenten

from ..dossier.formulieren import DocumentFormulier, VersieFormulier
from ..dossier.lezen import downloadadres
from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..versie import versie_van
from ..wyberanker import ververs_bij_anker
from . import Taak

TAAK = Taak(code="documenten", label=_("Documenten"), url_naam="werkruimte:documenten", volgorde=58)

PAGINA = "werkruimte/taken/documenten.html"


def _pagina(
    request: HttpRequest, zaak: Zaak, gebonden: Dienstformulier | None = None
) -> HttpResponse:
    bestuursproces = zaak.bestuursproces
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    basis = reverse("werkruimte:documenten", args=[bestuursproces.uuid])
    rijen = list(documenten(bestuursproces, zichtbaar).reverse())
    nieuw: Dienstformulier | None = None
    versie = versie_van(bestuursproces) if zaak.mag_werken else None
    for document in rijen:
        document.versies_met_adres = [  # type: ignore[attr-defined]
            (v, downloadadres(bestuursproces, document, v.nummer))
            for v in reversed(document.versies_op_nummer)  # type: ignore[attr-defined]
        ]
        if not zaak.mag_werken:
            continue
        if isinstance(gebonden, VersieFormulier) and gebonden.document.pk == document.pk:
            rij = gebonden
        else:
            rij = VersieFormulier(zaak=zaak, versie=versie, document=document)
        rij.actie = reverse(  # type: ignore[attr-defined]
            "werkruimte:document-versie", args=[bestuursproces.uuid, document.uuid]
        )
        document.versieformulier = rij  # type: ignore[attr-defined]
    if zaak.mag_werken:
        nieuw = (
            gebonden
            if isinstance(gebonden, DocumentFormulier)
            else DocumentFormulier(zaak=zaak, versie=versie, zichtbaar=zichtbaar)
        )
        nieuw.actie = basis  # type: ignore[attr-defined]
    context = {"documenten": rijen, "nieuw": nieuw, "basis": basis}
    formulier = gebonden or nieuw
    if formulier is None:
        return render(request, PAGINA, {**context, "kop": zaakkop(zaak, TAAK.code)})
    is_versie = isinstance(formulier, VersieFormulier)
    antwoord = verwerk(
        request,
        formulier,
        lambda f: _dienst(request, f),
        taak=TAAK.code,
        sjabloon=PAGINA,
        fragment="werkruimte/taken/_dossierformulier.html",
        volgende=lambda _r: (
            f"{basis}#document-{formulier.document.uuid}"  # type: ignore[attr-defined]
            if is_versie
            else f"{basis}#document-{_r.uuid}"
        ),
        gelukt=gettext("De nieuwe versie is toegevoegd.")
        if is_versie
        else gettext("Het document is toegevoegd."),
        context=context,
    )
    return ververs_bij_anker(request, antwoord)


def _dienst(request: HttpRequest, f: Dienstformulier) -> object:
    actor = Actor.uit_request(request)
    g = f.cleaned_data
    if isinstance(f, VersieFormulier):
        return services.voeg_versie_toe(
            actor=actor, document=f.document, bestand=g["bestand"], toelichting=f.toelichting_tekst
        )
    return services.voeg_document_toe(
        actor=actor,
        bestuursproces=f.bestuursproces,
        titel=g["titel"],
        bestand=g["bestand"],
        zichtbaarheid=g["zichtbaarheid"],
        toelichting=f.toelichting_tekst,
    )


@taakpagina
def documenten_pagina(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return _pagina(request, zaak)
    formulier = DocumentFormulier(
        request.POST, request.FILES, zaak=zaak, zichtbaar=Zichtbaarheid.voor_rol(zaak.rol)
    )
    return _pagina(request, zaak, formulier)


@taakpagina
def nieuwe_versie(request: HttpRequest, zaak: Zaak, document: uuid.UUID) -> HttpResponse:
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    gevonden = documenten(zaak.bestuursproces, zichtbaar).filter(uuid=document).first()
    if gevonden is None:
        raise Http404
    basis = reverse("werkruimte:documenten", args=[zaak.bestuursproces.uuid])
    if request.method != "POST":
        return redirect(f"{basis}#document-{gevonden.uuid}")
    formulier = VersieFormulier(request.POST, request.FILES, zaak=zaak, document=gevonden)
    formulier.actie = request.path  # type: ignore[attr-defined]
    return _pagina(request, zaak, formulier)


urlpatterns = [
    path("documenten/", documenten_pagina, name="documenten"),
    path("documenten/<uuid:document>/versie/", nieuwe_versie, name="document-versie"),
]
