"""Positionering: the regisseur's position per veld (book ch. 6, §9.3), each veld offering only
its own positions from the book, with the current one and its history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases import services
from cases.events import Actor
from cases.models import (
    POSITIES_PER_VELD,
    Positie,
    Positionering,
    PositioneringsVeld,
    WyberStap,
    Zichtbaarheid,
)
from cases.selectors.positionering import huidige_positioneringen, positioneringen

from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..velden import DatumVeld
from . import Taak

TAAK = Taak(
    code="positionering",
    label=_("Positionering"),
    url_naam="werkruimte:positionering",
    volgorde=60,
)

# What each veld asks of the regisseur's position (book ch. 6).
UITLEG = {
    PositioneringsVeld.OPDRACHTGEVENDE: _(
        "Welke rol neemt u tegenover de opdrachtgevers: secretaris, adviseur of beslisser?"
    ),
    PositioneringsVeld.VERBINDENDE: _(
        "Waar staat u op de sturings-as tegenover de spelers: van aansturen tot observeren?"
    ),
    PositioneringsVeld.UITVOERENDE: _(
        "Welke rol neemt u in de uitvoering: van zelf uitvoeren tot stand-by?"
    ),
    PositioneringsVeld.INTERNE: _(
        "Hoe stuurt u in de eigen organisatie? Kies een plek op de sturings-as en beschrijf de "
        "positie in eigen woorden."
    ),
}


class PositioneringFormulier(Dienstformulier):
    positie = forms.ChoiceField(label=_("Positie"), widget=forms.RadioSelect)
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hoe u de positie invult."),
    )
    sinds = DatumVeld(
        label=_("Sinds"),
        required=False,
        help_text=_(
            "Laat leeg voor vandaag. Een eerdere dag mag, vanaf de opening van het proces."
        ),
    )
    wyberstap = forms.ChoiceField(
        label=_("Bij welke wyber-stap?"),
        required=False,
        help_text=_(
            "Een positie kan per stap verschillen; laat leeg als zij voor het proces geldt."
        ),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag deze positionering zien?"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.KERNTEAM,
    )

    field_order = ["positie", "omschrijving", "sinds", "wyberstap", "zichtbaarheid", "toelichting"]

    def __init__(
        self, *args: Any, zaak: Zaak, veld: str, stappen: dict[str, WyberStap], **kwargs: Any
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=veld, **kwargs)
        self.veld = veld
        self.stappen = stappen
        stap = self.fields["wyberstap"]
        assert isinstance(stap, forms.ChoiceField)
        stap.choices = [
            ("", gettext("geen: voor het proces")),
            *(
                (
                    sleutel,
                    gettext("Stap %(nummer)s: %(doel)s")
                    % {"nummer": s.volgnummer, "doel": s.doel[:80]},
                )
                for sleutel, s in stappen.items()
            ),
        ]
        positie = self.fields["positie"]
        assert isinstance(positie, forms.ChoiceField)
        positie.choices = [(p, str(Positie(p).label)) for p in POSITIES_PER_VELD[veld]]
        if veld == PositioneringsVeld.INTERNE:
            self.fields["omschrijving"].help_text = _(
                "Verplicht in het interne veld: de positie in eigen woorden."
            )
        eigen = Zichtbaarheid.voor_rol(zaak.rol)
        keuze = self.fields["zichtbaarheid"]
        assert isinstance(keuze, forms.ChoiceField)
        keuze.choices = [(c, str(label)) for c, label in Zichtbaarheid.choices if c in eigen]


def _stappen(zaak: Zaak) -> dict[str, WyberStap]:
    """The case's wyber-stappen by uuid, newest first (one query, shared by the forms)."""
    return {
        str(s.uuid): s
        for s in WyberStap.objects.filter(bestuursproces=zaak.bestuursproces).order_by(
            "-volgnummer"
        )
    }


@dataclass(frozen=True)
class Regel:
    positie: str
    omschrijving: str
    sinds: Any
    toelichting: str
    auteur: str
    zichtbaarheid: str
    stap: int | None


@dataclass
class Veldstand:
    code: str
    label: str
    uitleg: str
    huidig: Regel | None
    geschiedenis: list[Regel]
    formulier: PositioneringFormulier | None
    actie: str


def _regel(p: Positionering) -> Regel:
    return Regel(
        positie=str(Positie(p.positie).label),
        omschrijving=p.omschrijving,
        sinds=p.sinds,
        toelichting=p.toelichting,
        auteur=p.auteur.get_full_name() or p.auteur.get_username(),
        zichtbaarheid=str(Zichtbaarheid(p.zichtbaarheid).label),
        stap=p.wyberstap.volgnummer if p.wyberstap else None,
    )


def velden(zaak: Zaak, gebonden: PositioneringFormulier | None = None) -> list[Veldstand]:
    """The four velden with the current position, its history and (for a working role) a
    form; 2 queries, and for a working role the wyber-stappen and each form's version."""
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    huidig = huidige_positioneringen(zaak.bestuursproces, zichtbaar)
    stappen = _stappen(zaak) if zaak.mag_werken else {}
    per_veld: dict[str, list[Regel]] = {}
    for p in positioneringen(zaak.bestuursproces, zichtbaar):
        per_veld.setdefault(p.veld, []).append(_regel(p))
    standen = []
    for veld in PositioneringsVeld:
        formulier = None
        if zaak.mag_werken:
            formulier = (
                gebonden
                if gebonden is not None and gebonden.veld == veld.value
                else PositioneringFormulier(zaak=zaak, veld=veld.value, stappen=stappen)
            )
        nu = huidig.get(veld.value)
        standen.append(
            Veldstand(
                code=veld.value,
                label=str(veld.label),
                uitleg=str(UITLEG[veld]),
                huidig=_regel(nu) if nu is not None else None,
                geschiedenis=list(reversed(per_veld.get(veld.value, []))),
                formulier=formulier,
                actie=reverse(
                    "werkruimte:positionering-kiezen",
                    args=[zaak.bestuursproces.uuid, veld.value],
                ),
            )
        )
    return standen


def _verborgen(zaak: Zaak) -> bool:
    """Whether the case has positioneringen above the viewer's levels (none for the
    regisseur, one query for any other role)."""
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    if zichtbaar >= set(Zichtbaarheid.values):
        return False
    return (
        Positionering.objects.filter(bestuursproces=zaak.bestuursproces)
        .exclude(zichtbaarheid__in=zichtbaar)
        .exists()
    )


def _context(zaak: Zaak, gebonden: PositioneringFormulier | None = None) -> dict[str, Any]:
    return {"velden": velden(zaak, gebonden), "verborgen": _verborgen(zaak)}


@taakpagina
def positionering(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    return render(
        request,
        "werkruimte/taken/positionering.html",
        {"kop": zaakkop(zaak, TAAK.code), **_context(zaak)},
    )


@taakpagina
@require_POST
def kiezen(request: HttpRequest, zaak: Zaak, veld: str) -> HttpResponse:
    if veld not in PositioneringsVeld.values:
        raise Http404
    formulier = PositioneringFormulier(request.POST, zaak=zaak, veld=veld, stappen=_stappen(zaak))

    def kies(f: Dienstformulier) -> object:
        assert isinstance(f, PositioneringFormulier)
        # The date the position holds from is the fact's world time (the service derives it).
        return services.kies_positionering(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            veld=f.veld,
            positie=f.cleaned_data["positie"],
            omschrijving=f.cleaned_data.get("omschrijving") or "",
            sinds=f.cleaned_data.get("sinds"),
            wyberstap=f.stappen.get(f.cleaned_data.get("wyberstap") or ""),
            zichtbaarheid=f.cleaned_data["zichtbaarheid"],
            toelichting=f.toelichting_tekst,
        )

    return verwerk(
        request,
        formulier,
        kies,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/positionering.html",
        fragment="werkruimte/taken/_positionering_formulier.html",
        volgende=reverse("werkruimte:positionering", args=[zaak.bestuursproces.uuid]),
        gelukt=gettext("De positionering in het %(veld)s is vastgelegd.")
        % {"veld": str(PositioneringsVeld(veld).label).lower()},
        context={
            **_context(zaak, formulier),
            "actie": reverse(
                "werkruimte:positionering-kiezen", args=[zaak.bestuursproces.uuid, veld]
            ),
        },
    )


urlpatterns = [
    path("positionering/", positionering, name="positionering"),
    path("positionering/<str:veld>/", kiezen, name="positionering-kiezen"),
]
