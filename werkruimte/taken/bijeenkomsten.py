"""Bijeenkomsten: werksessies, overleggen and gesprekken with who was invited and who came.

The list (filtered on soort and period, paged), recording one, one bijeenkomst with its
attendance, what came out of it and its verslag (uploaded here as a document), and the
attendance per party over time.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Bijeenkomst, Bijeenkomstsoort, BijeenkomstStatus, Zichtbaarheid
from cases.selectors.besluiten import aanwezigheid, bijeenkomsten

from ..dossier.afloopformulier import AFGELAST, AfloopFormulier
from ..dossier.bijeenkomstformulieren import BijeenkomstFormulier, VerslagFormulier, verslagtitel
from ..dossier.lezen import bijeenkomstenlijst, downloadadres, verslagen
from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..velden import DatumVeld
from . import Taak

TAAK = Taak(
    code="bijeenkomsten",
    label=_("Bijeenkomsten"),
    url_naam="werkruimte:bijeenkomsten",
    volgorde=52,
)

PER_PAGINA = 20


class Filter(forms.Form):
    soort = forms.ModelChoiceField(
        label=_("Soort"),
        queryset=Bijeenkomstsoort.objects.order_by("volgorde", "naam"),
        to_field_name="code",
        required=False,
        empty_label=_("Alle soorten"),
    )
    van = DatumVeld(label=_("Vanaf"), required=False)
    tot = DatumVeld(label=_("Tot en met"), required=False)

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", gettext("'Tot en met' ligt vóór 'Vanaf'."))
        return gegevens

    def gekozen(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        soort = self.cleaned_data.get("soort")
        return {
            "soort": soort.code if soort else "",
            "van": self.cleaned_data.get("van"),
            "tot": self.cleaned_data.get("tot"),
        }


def _zichtbaar(zaak: Zaak) -> frozenset[str]:
    return Zichtbaarheid.voor_rol(zaak.rol)


@taakpagina
def lijst(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    filters = Filter(request.GET or None)
    rijen = bijeenkomstenlijst(zaak.bestuursproces, _zichtbaar(zaak), **filters.gekozen())
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "werkruimte/taken/bijeenkomsten.html",
        {"kop": zaakkop(zaak, TAAK.code), "filters": filters, "pagina": pagina},
        status=400 if filters.errors else 200,
    )


@taakpagina
def nieuw(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if not zaak.mag_werken:
        # A reader has nothing to record here; the list says what there is.
        return redirect("werkruimte:bijeenkomsten", zaak.bestuursproces.uuid)
    formulier = BijeenkomstFormulier(request.POST or None, zaak=zaak, zichtbaar=_zichtbaar(zaak))
    formulier.actie = request.path  # type: ignore[attr-defined]

    def dienst(f: Dienstformulier) -> Bijeenkomst:
        assert isinstance(f, BijeenkomstFormulier)
        g = f.cleaned_data
        return services.leg_bijeenkomst_vast(
            actor=Actor.uit_request(request),
            bestuursproces=f.bestuursproces,
            titel=g["titel"],
            soort=g["soort"],
            datum=g["datum"],
            waar=g.get("waar") or "",
            agenda=g.get("agenda") or "",
            verslag=g.get("verslag") or "",
            wyberstap=g.get("wyberstap"),
            deelnemers=f.deelnemers(),
            zichtbaarheid=g["zichtbaarheid"],
            toelichting=f.toelichting_tekst,
            gepland=bool(g.get("gepland")),
        )

    return verwerk(
        request,
        formulier,
        dienst,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/bijeenkomst_nieuw.html",
        fragment="werkruimte/taken/_dossierformulier.html",
        volgende=lambda b: reverse(
            "werkruimte:bijeenkomst", args=[zaak.bestuursproces.uuid, b.uuid]
        ),
        gelukt=gettext("De bijeenkomst is vastgelegd."),
    )


def _bijeenkomst(zaak: Zaak, bijeenkomst_uuid: uuid.UUID) -> Bijeenkomst:
    gevonden = (
        bijeenkomsten(zaak.bestuursproces, _zichtbaar(zaak)).filter(uuid=bijeenkomst_uuid).first()
    )
    if gevonden is None:
        raise Http404
    return gevonden


@taakpagina
def detail(request: HttpRequest, zaak: Zaak, bijeenkomst: uuid.UUID) -> HttpResponse:
    gevonden = _bijeenkomst(zaak, bijeenkomst)
    bestuursproces = zaak.bestuursproces
    deelnemers = list(gevonden.deelnemers.all())
    documenten = list(verslagen(bestuursproces, gevonden, _zichtbaar(zaak)))
    for document in documenten:
        document.versies_met_adres = [  # type: ignore[attr-defined]
            (v, downloadadres(bestuursproces, document, v.nummer))
            for v in reversed(document.versies_op_nummer)  # type: ignore[attr-defined]
        ]
    context = {
        "bijeenkomst": gevonden,
        "uitgenodigd": [d for d in deelnemers if d.uitgenodigd],
        "aanwezig": [d for d in deelnemers if d.aanwezig],
        "onuitgenodigd": [d for d in deelnemers if d.aanwezig and not d.uitgenodigd],
        "verslagen": documenten,
    }
    if not zaak.mag_werken:
        return render(
            request,
            "werkruimte/taken/bijeenkomst.html",
            {**context, "kop": zaakkop(zaak, TAAK.code)},
        )
    formulier = VerslagFormulier(
        request.POST or None, request.FILES or None, zaak=zaak, bijeenkomst=gevonden
    )
    formulier.actie = request.path  # type: ignore[attr-defined]

    def dienst(f: Dienstformulier) -> object:
        return services.voeg_document_toe(
            actor=Actor.uit_request(request),
            bestuursproces=bestuursproces,
            titel=verslagtitel(gevonden),
            bestand=f.cleaned_data["bestand"],
            zichtbaarheid=gevonden.zichtbaarheid,
            toelichting=f.toelichting_tekst,
            bijeenkomst=gevonden,
        )

    return verwerk(
        request,
        formulier,
        dienst,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/bijeenkomst.html",
        fragment="werkruimte/taken/_dossierformulier.html",
        volgende=request.path,
        gelukt=gettext("Het verslag is toegevoegd."),
        context=context,
    )


@taakpagina
def afloop(request: HttpRequest, zaak: Zaak, bijeenkomst: uuid.UUID) -> HttpResponse:
    """How a planned bijeenkomst went: held (who came, the verslag) or cancelled."""
    gevonden = _bijeenkomst(zaak, bijeenkomst)
    terug = reverse("werkruimte:bijeenkomst", args=[zaak.bestuursproces.uuid, gevonden.uuid])
    if not zaak.mag_werken or gevonden.status != BijeenkomstStatus.GEPLAND:
        return redirect(terug)
    formulier = AfloopFormulier(request.POST or None, zaak=zaak, bijeenkomst=gevonden)
    formulier.actie = request.path  # type: ignore[attr-defined]

    def dienst(f: Dienstformulier) -> Bijeenkomst:
        assert isinstance(f, AfloopFormulier)
        g = f.cleaned_data
        actor = Actor.uit_request(request)
        if g["afloop"] == AFGELAST:
            return services.annuleer_bijeenkomst(
                actor=actor,
                bijeenkomst=gevonden,
                reden=g["reden"],
                op=g.get("datum"),
                toelichting=f.toelichting_tekst,
            )
        return services.markeer_bijeenkomst_gehouden(
            actor=actor,
            bijeenkomst=gevonden,
            datum=g.get("datum"),
            deelnemers=f.deelnemers(),
            verslag=g.get("verslag") or "",
            toelichting=f.toelichting_tekst,
        )

    return verwerk(
        request,
        formulier,
        dienst,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/bijeenkomst_afloop.html",
        fragment="werkruimte/taken/_dossierformulier.html",
        volgende=terug,
        gelukt=gettext("De afloop van de bijeenkomst is vastgelegd."),
        context={"bijeenkomst": gevonden},
    )


@taakpagina
def aanwezigheid_pagina(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """Per party (or person by name): at which bijeenkomsten invited and present, over time."""
    regels = aanwezigheid(zaak.bestuursproces, _zichtbaar(zaak))
    momenten = sorted(
        {b.pk: b for r in regels for b, _d in r.bijeenkomsten}.values(),
        key=lambda b: (b.datum, b.pk),
    )
    rijen = []
    for regel in regels:
        per_bijeenkomst = {b.pk: d for b, d in regel.bijeenkomsten}
        rijen.append((regel, [per_bijeenkomst.get(b.pk) for b in momenten]))
    return render(
        request,
        "werkruimte/taken/aanwezigheid.html",
        {
            "kop": zaakkop(zaak, TAAK.code),
            "bijeenkomsten": momenten,
            "rijen": rijen,
        },
    )


urlpatterns = [
    path("bijeenkomsten/", lijst, name="bijeenkomsten"),
    path("bijeenkomsten/nieuw/", nieuw, name="bijeenkomst-nieuw"),
    path("bijeenkomsten/aanwezigheid/", aanwezigheid_pagina, name="bijeenkomsten-aanwezigheid"),
    path("bijeenkomsten/<uuid:bijeenkomst>/", detail, name="bijeenkomst"),
    path("bijeenkomsten/<uuid:bijeenkomst>/afloop/", afloop, name="bijeenkomst-afloop"),
]
