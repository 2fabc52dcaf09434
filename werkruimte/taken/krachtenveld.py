"""Krachtenveld: the parties with their current assessment beside the standpunt × macht chart;
add a speler with its first assessment in one form, reassess and change betrokkenheid in
place, and import a stakeholder list from Excel or csv (see ``werkruimte.krachtenveld``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases import services
from cases.events import Actor
from cases.models import Speler

from ..formulieren import Dienstformulier, verwerk
from ..krachtenveld import TAAKCODE, importpagina
from ..krachtenveld.diensten import (
    registreer_en_beoordeel,
    registreer_opdrachtgever_en_beoordeel,
)
from ..krachtenveld.formulieren import (
    BeoordeelFormulier,
    BetrokkenheidFormulier,
    NieuweOpdrachtgeverFormulier,
    NieuwePartijFormulier,
    OpdrachtgeverBeoordeelFormulier,
    OrganisatieFormulier,
)
from ..krachtenveld.lezen import Partijdossier, partijdossier
from ..krachtenveld.lezen import krachtenveld as lees_krachtenveld
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from . import Taak

TAAK = Taak(code=TAAKCODE, label=_("Krachtenveld"), url_naam="werkruimte:krachtenveld", volgorde=20)


def _url(zaak: Zaak, naam: str = "krachtenveld", *args: Any) -> str:
    return reverse(f"werkruimte:{naam}", args=[zaak.bestuursproces.uuid, *args])


def _pagina(
    zaak: Zaak,
    nieuw: NieuwePartijFormulier | None = None,
    organisatie: OrganisatieFormulier | None = None,
    opdrachtgever: NieuweOpdrachtgeverFormulier | None = None,
) -> dict[str, Any]:
    """The page's context: its forms (the bound one after a refusal) and the reads."""
    inhoud: dict[str, Any] = {
        "overzicht": lees_krachtenveld(zaak.bestuursproces, zaak.rol),
        "nieuw_actie": _url(zaak),
        "organisatie_actie": _url(zaak, "krachtenveld-organisatie"),
        "opdrachtgever_actie": _url(zaak, "krachtenveld-opdrachtgever"),
    }
    if zaak.mag_werken:
        inhoud["nieuw_formulier"] = nieuw or NieuwePartijFormulier(zaak=zaak)
        inhoud["opdrachtgever_formulier"] = opdrachtgever or NieuweOpdrachtgeverFormulier(zaak=zaak)
        inhoud["organisatie_formulier"] = organisatie or OrganisatieFormulier(zaak=zaak)
    return inhoud


@taakpagina
def krachtenveld(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return render(
            request,
            "werkruimte/taken/krachtenveld.html",
            {"kop": zaakkop(zaak, TAAK.code), **_pagina(zaak)},
        )
    formulier = NieuwePartijFormulier(request.POST, zaak=zaak)

    def voeg_toe(f: Dienstformulier) -> object:
        assert isinstance(f, NieuwePartijFormulier)
        return registreer_en_beoordeel(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            naam=f.cleaned_data["naam"],
            soort=f.cleaned_data["soort"],
            veld=f.cleaned_data["veld"],
            rol_in_proces=f.cleaned_data["rol_in_proces"],
            organisatie=f.gekozen_organisatie(),
            belang=f.cleaned_data.get("belang") or "",
            beoordeling=f.eerste_beoordeling(f.toelichting_tekst),
            tijdstip=f.moment(),
        )

    return verwerk(
        request,
        formulier,
        voeg_toe,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/krachtenveld.html",
        fragment="werkruimte/taken/_krachtenveld_nieuw.html",
        volgende=_url(zaak),
        gelukt=gettext("De partij is toegevoegd met haar eerste beoordeling."),
        context={**_pagina(zaak, nieuw=formulier), "actie": _url(zaak)},
    )


@taakpagina
@require_POST
def opdrachtgever(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    formulier = NieuweOpdrachtgeverFormulier(request.POST, zaak=zaak)

    def voeg_toe(f: Dienstformulier) -> object:
        assert isinstance(f, NieuweOpdrachtgeverFormulier)
        return registreer_opdrachtgever_en_beoordeel(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            naam=f.cleaned_data["naam"],
            rol=f.cleaned_data["rol"],
            organisatie=f.gekozen_organisatie(),
            expliciete_opdracht=f.cleaned_data.get("expliciete_opdracht") or "",
            beoordeling=f.eerste_beoordeling(),
            tijdstip=f.moment(),
        )

    return verwerk(
        request,
        formulier,
        voeg_toe,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/krachtenveld.html",
        fragment="werkruimte/taken/_krachtenveld_opdrachtgever.html",
        volgende=_url(zaak),
        gelukt=gettext("De opdrachtgever is toegevoegd met uw eerste beoordeling."),
        context={
            **_pagina(zaak, opdrachtgever=formulier),
            "actie": _url(zaak, "krachtenveld-opdrachtgever"),
        },
    )


@taakpagina
@require_POST
def organisatie(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    formulier = OrganisatieFormulier(request.POST, zaak=zaak)

    def registreer(f: Dienstformulier) -> object:
        assert isinstance(f, OrganisatieFormulier)
        return services.registreer_organisatie(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            naam=f.cleaned_data["naam"],
            soort=f.cleaned_data["soort"],
            eigen_gemeente=bool(f.cleaned_data.get("eigen_gemeente")),
            toelichting=f.toelichting_tekst,
            tijdstip=f.moment(),
        )

    return verwerk(
        request,
        formulier,
        registreer,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/krachtenveld.html",
        fragment="werkruimte/taken/_krachtenveld_organisatie.html",
        volgende=_url(zaak),
        gelukt=gettext("De organisatie is toegevoegd."),
        context={
            **_pagina(zaak, organisatie=formulier),
            "actie": _url(zaak, "krachtenveld-organisatie"),
        },
    )


def _dossier(zaak: Zaak, partij: uuid.UUID) -> Partijdossier:
    dossier = partijdossier(zaak.bestuursproces, zaak.rol, str(partij))
    if dossier is None:
        raise Http404
    return dossier


def _formulieren(
    zaak: Zaak, dossier: Partijdossier, gebonden: Dienstformulier | None = None
) -> dict[str, Any]:
    """The two forms of a party: the bound one after a refusal, fresh ones otherwise."""
    if not zaak.mag_werken:
        return {}
    soort = BeoordeelFormulier if dossier.is_speler else OpdrachtgeverBeoordeelFormulier
    beoordeel: Dienstformulier = (
        gebonden if isinstance(gebonden, soort) else soort(zaak=zaak, dossier=dossier)
    )
    betrokkenheid = None
    if dossier.acties:
        betrokkenheid = (
            gebonden
            if isinstance(gebonden, BetrokkenheidFormulier)
            else BetrokkenheidFormulier(zaak=zaak, dossier=dossier)
        )
    uuid_ = dossier.regel.uuid
    return {
        "beoordeel_formulier": beoordeel,
        "betrokkenheid_formulier": betrokkenheid,
        "beoordeel_actie": _url(zaak, "krachtenveld-beoordelen", uuid_),
        "betrokkenheid_actie": _url(zaak, "krachtenveld-betrokkenheid", uuid_),
    }


@taakpagina
def partij(request: HttpRequest, zaak: Zaak, partij: uuid.UUID) -> HttpResponse:
    """One party: its assessments and betrokkenheid over time, and the forms to change them.
    With htmx the dossier alone, shown in place on the Krachtenveld page."""
    dossier = _dossier(zaak, partij)
    inhoud = {
        "kop": zaakkop(zaak, TAAK.code),
        "dossier": dossier,
        "terug": _url(zaak),
        **_formulieren(zaak, dossier),
    }
    if getattr(request, "htmx", False):
        return render(request, "werkruimte/taken/_krachtenveld_partij.html", inhoud)
    return render(request, "werkruimte/taken/krachtenveld_partij.html", inhoud)


def _verwerk_in_dossier(
    request: HttpRequest,
    zaak: Zaak,
    dossier: Partijdossier,
    formulier: Dienstformulier,
    dienst: Callable[[Dienstformulier], object],
    handeling: str,
    gelukt: str,
    fragment: str,
) -> HttpResponse:
    """A form of a party's dossier (``beoordelen``, ``betrokkenheid``): its own fragment
    and route, the dossier page around it after a refusal."""
    return verwerk(
        request,
        formulier,
        dienst,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/krachtenveld_partij.html",
        fragment=f"werkruimte/taken/_krachtenveld_{fragment}.html",
        volgende=_url(zaak),
        gelukt=gelukt % {"naam": dossier.regel.naam},
        context={
            "dossier": dossier,
            "terug": _url(zaak),
            **_formulieren(zaak, dossier, formulier),
            "actie": _url(zaak, f"krachtenveld-{handeling}", dossier.regel.uuid),
        },
    )


@taakpagina
@require_POST
def beoordelen(request: HttpRequest, zaak: Zaak, partij: uuid.UUID) -> HttpResponse:
    """A new assessment of a speler or an opdrachtgever, each with its own fields."""
    dossier = _dossier(zaak, partij)
    actor = Actor.uit_request(request)
    formulier: Dienstformulier
    if isinstance(dossier.partij, Speler):
        speler = dossier.partij
        formulier = BeoordeelFormulier(request.POST, zaak=zaak, dossier=dossier)

        def beoordeel(f: Dienstformulier) -> object:
            assert isinstance(f, BeoordeelFormulier)
            b = f.eerste_beoordeling(f.toelichting_tekst)
            return services.beoordeel_speler(
                actor=actor,
                speler=speler,
                standpunt=b.standpunt,
                macht=b.macht,
                invloed=b.invloed,
                vertrouwen=b.vertrouwen,
                unieke_macht=b.unieke_macht,
                zichtbaarheid=b.zichtbaarheid,
                toelichting=b.toelichting,
                tijdstip=f.moment(),
            )

    else:
        opdrachtgever = dossier.partij
        formulier = OpdrachtgeverBeoordeelFormulier(request.POST, zaak=zaak, dossier=dossier)

        def beoordeel(f: Dienstformulier) -> object:
            assert isinstance(f, OpdrachtgeverBeoordeelFormulier)
            g = f.cleaned_data
            return services.beoordeel_opdrachtgever(
                actor=actor,
                opdrachtgever=opdrachtgever,
                steun=g["steun"],
                stevigheid=g["stevigheid"],
                onderling_vertrouwen=g["onderling_vertrouwen"],
                mandaat=g.get("mandaat") or "",
                impliciete_opdracht=g.get("impliciete_opdracht") or "",
                open_rekeningen=g.get("open_rekeningen") or "",
                zichtbaarheid=g["zichtbaarheid"],
                toelichting=f.toelichting_tekst,
                tijdstip=f.moment(),
            )

    gelukt = gettext("De nieuwe beoordeling van %(naam)s is vastgelegd.")
    return _verwerk_in_dossier(
        request, zaak, dossier, formulier, beoordeel, "beoordelen", gelukt, "beoordeel"
    )


@taakpagina
@require_POST
def betrokkenheid(request: HttpRequest, zaak: Zaak, partij: uuid.UUID) -> HttpResponse:
    dossier = _dossier(zaak, partij)
    formulier = BetrokkenheidFormulier(request.POST, zaak=zaak, dossier=dossier)

    def wijzig(f: Dienstformulier) -> object:
        assert isinstance(f, BetrokkenheidFormulier)
        return services.wijzig_betrokkenheid(
            actor=Actor.uit_request(request),
            partij=dossier.partij,
            actie=f.cleaned_data["actie"],
            reden=f.toelichting_tekst,
            tijdstip=f.moment(),
        )

    gelukt = gettext("De betrokkenheid van %(naam)s is gewijzigd.")
    return _verwerk_in_dossier(
        request, zaak, dossier, formulier, wijzig, "betrokkenheid", gelukt, "betrokkenheid"
    )


urlpatterns = [
    path("krachtenveld/", krachtenveld, name="krachtenveld"),
    path("krachtenveld/organisaties/", organisatie, name="krachtenveld-organisatie"),
    path("krachtenveld/opdrachtgevers/", opdrachtgever, name="krachtenveld-opdrachtgever"),
    *importpagina.urlpatterns,
    path("krachtenveld/<uuid:partij>/", partij, name="krachtenveld-partij"),
    path("krachtenveld/<uuid:partij>/beoordelen/", beoordelen, name="krachtenveld-beoordelen"),
    path(
        "krachtenveld/<uuid:partij>/betrokkenheid/",
        betrokkenheid,
        name="krachtenveld-betrokkenheid",
    ),
]
