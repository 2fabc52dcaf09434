"""Interventies as the cycle kiezen – doen – leren – beter.

Kiezen: choose a veld, see its instruments (not yet used in this case first, each with its
verdiepingsvraag), plan one. Doen: planned interventies whose day has come return at the top
to be carried out. Leren en beter: evaluate what was done. Reflecties stand beside each.

Planning with a suggested instrument is at most six interactions from the case page: the task
(1), the veld (2), "Plannen" at an instrument (3), the beoogd effect (4), the button (5); the
title, date, veld and instrument are filled in from the choice, the rest has defaults.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Interventie, Zichtbaarheid
from instruments.models import Instrument, VeldCode

from ..formulieren import Dienstformulier, verwerk
from ..interventie_formulieren import (
    EvaluatieFormulier,
    PlanFormulier,
    ReflectieFormulier,
    UitvoerFormulier,
)
from ..interventie_overzicht import cyclus, suggesties, velden, verborgen_niveaus
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..versie import versie_van
from ..wyberanker import ververs_bij_anker
from . import Taak

TAAK = Taak(
    code="interventies",
    label=_("Interventies"),
    url_naam="werkruimte:interventies",
    volgorde=50,
)

PAGINA = "werkruimte/taken/interventies.html"
FRAGMENT = "werkruimte/taken/interventies_formulier.html"


def _zichtbaar(zaak: Zaak) -> frozenset[str]:
    return Zichtbaarheid.voor_rol(zaak.rol)


def _keuze(request: HttpRequest) -> tuple[str | None, Instrument | None]:
    """The veld and instrument chosen in the query string (unknown values are ignored)."""
    veld = request.GET.get("veld") or None
    if veld not in VeldCode.values:
        veld = None
    instrument = None
    gevraagd = request.GET.get("instrument", "")
    try:
        instrument_uuid = uuid.UUID(gevraagd) if gevraagd else None
    except ValueError:
        instrument_uuid = None
    if instrument_uuid is not None:
        instrument = Instrument.objects.select_related("veld").filter(uuid=instrument_uuid).first()
    return veld, instrument


def _instrumenten(veld: str | None, gebonden: bool) -> Any:
    """What the plan form offers: the chosen veld's instruments, or (to check a submitted
    choice, or when no veld is chosen) all of them."""
    alle = Instrument.objects.select_related("veld").order_by("veld__volgorde", "volgorde", "naam")
    return alle if gebonden or veld is None else alle.filter(veld__code=veld)


def _pagina(
    request: HttpRequest, zaak: Zaak, gebonden: Dienstformulier | None = None
) -> HttpResponse:
    bestuursproces = zaak.bestuursproces
    zichtbaar = _zichtbaar(zaak)
    veld, instrument = _keuze(request)
    basis = reverse("werkruimte:interventies", args=[bestuursproces.uuid])
    zoek = urlencode({"veld": veld}) if veld else ""
    url = f"{basis}?{zoek}" if zoek else basis
    versie = versie_van(bestuursproces) if zaak.mag_werken else None
    gebruiker_id = getattr(request.user, "pk", None)

    if isinstance(gebonden, PlanFormulier):
        plan: PlanFormulier | None = gebonden
    elif zaak.mag_werken:
        plan = PlanFormulier(
            zaak=zaak,
            versie=versie,
            zichtbaar=zichtbaar,
            instrumenten=_instrumenten(veld, False),
            instrument=instrument,
            veld=veld or (instrument.veld.code if instrument else None),
        )
    else:
        plan = None
    if plan is not None:
        plan.actie = url  # type: ignore[attr-defined]

    stand = cyclus(bestuursproces, zichtbaar)
    if zaak.mag_werken:
        _zet_rijformulieren(stand, zaak, versie, zichtbaar, gebruiker_id, gebonden)

    formulier = gebonden or plan
    context = {
        "velden": velden(),
        "veld": veld,
        "instrument": instrument,
        "suggesties": suggesties(bestuursproces, zichtbaar, veld) if veld else [],
        "cyclus": stand,
        "plan": plan,
        "verborgen": verborgen_niveaus(zichtbaar),
        "basis": basis,
        "vandaag": timezone.localdate(),
    }
    if formulier is None:
        # A reader: the page without forms.
        return render(request, PAGINA, {**context, "kop": zaakkop(zaak, TAAK.code)})
    antwoord = verwerk(
        request,
        formulier,
        lambda f: _dienst(request, f),
        taak=TAAK.code,
        sjabloon=PAGINA,
        fragment="werkruimte/taken/interventies_plan.html"
        if isinstance(formulier, PlanFormulier)
        else FRAGMENT,
        volgende=_volgende(basis, formulier),
        gelukt=_gelukt(formulier),
        context=context,
    )
    return ververs_bij_anker(request, antwoord)


def _zet_rijformulieren(
    stand: Any,
    zaak: Zaak,
    versie: int | None,
    zichtbaar: frozenset[str],
    gebruiker_id: Any,
    gebonden: Dienstformulier | None,
) -> None:
    """Each interventie gets the forms for its next step (the submitted one in its place)."""

    def of_gebonden(soort: type[Dienstformulier], interventie: Interventie, maak: Any) -> Any:
        formulier: Any = gebonden
        if not isinstance(formulier, soort) or formulier.interventie.pk != interventie.pk:  # type: ignore[attr-defined]
            formulier = maak()
        formulier.actie = reverse(
            f"werkruimte:interventie-{_ROUTE[soort]}",
            args=[zaak.bestuursproces.uuid, interventie.uuid],
        )
        return formulier

    for interventie in stand.te_doen + stand.later:
        interventie.uitvoerformulier = of_gebonden(
            UitvoerFormulier,
            interventie,
            lambda i=interventie: UitvoerFormulier(zaak=zaak, versie=versie, interventie=i),
        )
    for interventie in stand.te_evalueren:
        interventie.evaluatieformulier = of_gebonden(
            EvaluatieFormulier,
            interventie,
            lambda i=interventie: EvaluatieFormulier(zaak=zaak, versie=versie, interventie=i),
        )
    for interventie in stand.te_doen + stand.later + stand.te_evalueren + stand.geevalueerd:
        # Reflecting is for the regisseur and for the interventie's own author.
        if zaak.is_regisseur or interventie.auteur_id == gebruiker_id:
            interventie.reflectieformulier = of_gebonden(
                ReflectieFormulier,
                interventie,
                lambda i=interventie: ReflectieFormulier(
                    zaak=zaak, versie=versie, interventie=i, zichtbaar=zichtbaar
                ),
            )


_ROUTE: dict[type[Dienstformulier], str] = {
    UitvoerFormulier: "uitvoeren",
    EvaluatieFormulier: "evalueren",
    ReflectieFormulier: "reflectie",
}


def _volgende(basis: str, formulier: Dienstformulier) -> str:
    interventie = getattr(formulier, "interventie", None)
    if interventie is not None:
        return f"{basis}#interventie-{interventie.uuid}"
    return f"{basis}#doen-kop"


def _gelukt(formulier: Dienstformulier) -> str:
    if isinstance(formulier, PlanFormulier):
        return gettext("De interventie is gepland.")
    if isinstance(formulier, UitvoerFormulier):
        return gettext("De uitvoering is vastgelegd.")
    if isinstance(formulier, EvaluatieFormulier):
        return gettext("De evaluatie is vastgelegd.")
    return gettext("De reflectie is vastgelegd.")


def _dienst(request: HttpRequest, f: Dienstformulier) -> object:
    actor = Actor.uit_request(request)
    gegevens = f.cleaned_data
    if isinstance(f, PlanFormulier):
        return services.log_interventie(
            actor=actor,
            bestuursproces=f.bestuursproces,
            titel=gegevens["titel"],
            datum=gegevens["datum"],
            velden=gegevens["velden"],
            niveau=gegevens["niveau"],
            aangrijpingspunt=gegevens["aangrijpingspunt"],
            zwaarte=gegevens["zwaarte"],
            beoogd_effect=gegevens["beoogd_effect"],
            waarom=gegevens.get("waarom") or "",
            strategie=gegevens.get("strategie"),
            instrument=gegevens.get("instrument"),
            spelers=list(gegevens.get("spelers") or []),
            opdrachtgevers=list(gegevens.get("opdrachtgevers") or []),
            wyberstap=gegevens.get("wyberstap"),
            zichtbaarheid=gegevens["zichtbaarheid"],
            toelichting=f.toelichting_tekst,
        )
    if isinstance(f, UitvoerFormulier):
        return services.voer_interventie_uit(
            actor=actor,
            interventie=f.interventie,
            wat_gedaan=gegevens["wat_gedaan"],
            uitgevoerd_op=gegevens.get("uitgevoerd_op"),
            toelichting=f.toelichting_tekst,
        )
    if isinstance(f, EvaluatieFormulier):
        return services.evalueer_interventie(
            actor=actor,
            interventie=f.interventie,
            waargenomen_effect=gegevens["waargenomen_effect"],
            uitgepakt=gegevens["uitgepakt"],
            vervolg=gegevens.get("vervolg") or "",
            geevalueerd_op=gegevens.get("geevalueerd_op"),
            toelichting=f.toelichting_tekst,
        )
    assert isinstance(f, ReflectieFormulier)
    return services.leg_reflectie_vast(
        actor=actor,
        interventie=f.interventie,
        tekst=gegevens["tekst"],
        zichtbaarheid=gegevens["zichtbaarheid"],
    )


@taakpagina
def interventies_pagina(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return _pagina(request, zaak)
    veld, _instrument = _keuze(request)
    formulier = PlanFormulier(
        data=request.POST,
        zaak=zaak,
        zichtbaar=_zichtbaar(zaak),
        instrumenten=_instrumenten(veld, True),
    )
    return _pagina(request, zaak, formulier)


def _interventie(zaak: Zaak, interventie_uuid: uuid.UUID) -> Interventie:
    """One of the case's interventies the member may see, or 404."""
    gevonden = (
        Interventie.objects.filter(
            bestuursproces=zaak.bestuursproces,
            uuid=interventie_uuid,
            zichtbaarheid__in=_zichtbaar(zaak),
        )
        .select_related("bestuursproces")
        .first()
    )
    if gevonden is None:
        raise Http404
    return gevonden


def _rij(soort: type) -> Any:
    @taakpagina
    def view(request: HttpRequest, zaak: Zaak, interventie: uuid.UUID) -> HttpResponse:
        gevonden = _interventie(zaak, interventie)
        if request.method != "POST":
            basis = reverse("werkruimte:interventies", args=[zaak.bestuursproces.uuid])
            return redirect(f"{basis}#interventie-{gevonden.uuid}")
        extra = {"zichtbaar": _zichtbaar(zaak)} if soort is ReflectieFormulier else {}
        formulier = soort(data=request.POST, zaak=zaak, interventie=gevonden, **extra)
        return _pagina(request, zaak, formulier)

    return view


urlpatterns = [
    path("interventies/", interventies_pagina, name="interventies"),
    path(
        "interventies/<uuid:interventie>/uitvoeren/",
        _rij(UitvoerFormulier),
        name="interventie-uitvoeren",
    ),
    path(
        "interventies/<uuid:interventie>/evalueren/",
        _rij(EvaluatieFormulier),
        name="interventie-evalueren",
    ),
    path(
        "interventies/<uuid:interventie>/reflectie/",
        _rij(ReflectieFormulier),
        name="interventie-reflectie",
    ),
]
