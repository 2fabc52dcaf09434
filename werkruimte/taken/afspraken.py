"""Afspraken: what a party delivers, to whom, by when; filtered on status or on verlopen, the
overdue ones first and highlighted; made here, and nagekomen, niet nagekomen or vervallen (with
a reason) in place on their own row."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Afspraak, AfspraakStatus, Zichtbaarheid

from ..dossier.formulieren import AfhandelFormulier, AfspraakFormulier
from ..dossier.lezen import STATUSFILTERS, afspraakregels
from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..versie import versie_van
from ..wyberanker import ververs_bij_anker
from . import Taak

TAAK = Taak(code="afspraken", label=_("Afspraken"), url_naam="werkruimte:afspraken", volgorde=56)

PAGINA = "werkruimte/taken/afspraken.html"


class Statusfilter(forms.Form):
    status = forms.ChoiceField(label=_("Stand"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "open": AfspraakStatus.OPEN.label,
            "verlopen": _("Verlopen (open, na uiterlijk)"),
            "nagekomen": AfspraakStatus.NAGEKOMEN.label,
            "niet_nagekomen": AfspraakStatus.NIET_NAGEKOMEN.label,
            "vervallen": AfspraakStatus.VERVALLEN.label,
        }
        veld = self.fields["status"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [("", gettext("Alle afspraken")), *((s, labels[s]) for s in STATUSFILTERS)]

    def gekozen(self) -> str:
        return str(self.cleaned_data.get("status") or "") if self.is_valid() else ""


def _pagina(
    request: HttpRequest, zaak: Zaak, gebonden: Dienstformulier | None = None
) -> HttpResponse:
    bestuursproces = zaak.bestuursproces
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    vandaag = timezone.localdate()
    filters = Statusfilter(request.GET or None)
    regels = afspraakregels(bestuursproces, zichtbaar, vandaag, filters.gekozen())
    basis = reverse("werkruimte:afspraken", args=[bestuursproces.uuid])
    nieuw: AfspraakFormulier | None = None
    if zaak.mag_werken:
        versie = versie_van(bestuursproces)
        nieuw = (
            gebonden
            if isinstance(gebonden, AfspraakFormulier)
            else AfspraakFormulier(zaak=zaak, versie=versie, zichtbaar=zichtbaar)
        )
        nieuw.actie = basis  # type: ignore[attr-defined]
        for regel in regels:
            if regel.afspraak.status != AfspraakStatus.OPEN:
                continue
            a = regel.afspraak
            if isinstance(gebonden, AfhandelFormulier) and gebonden.afspraak.pk == a.pk:
                regel.formulier = gebonden
            else:
                regel.formulier = AfhandelFormulier(zaak=zaak, versie=versie, afspraak=a)
            regel.formulier.actie = reverse(
                "werkruimte:afspraak-afhandelen", args=[bestuursproces.uuid, a.uuid]
            )
    context = {
        "filters": filters,
        "regels": regels,
        "verlopen": sum(r.verlopen for r in regels),
        "nieuw": nieuw,
        "basis": basis,
    }
    formulier = gebonden or nieuw
    if formulier is None:
        return render(request, PAGINA, {**context, "kop": zaakkop(zaak, TAAK.code)})
    afhandeling = isinstance(formulier, AfhandelFormulier)
    antwoord = verwerk(
        request,
        formulier,
        lambda f: _dienst(request, f),
        taak=TAAK.code,
        sjabloon=PAGINA,
        fragment="werkruimte/taken/_afspraak_afhandelen.html"
        if afhandeling
        else "werkruimte/taken/_afspraak_nieuw.html",
        volgende=lambda a: f"{basis}#afspraak-{a.uuid}",
        gelukt=gettext("De afhandeling is vastgelegd.")
        if afhandeling
        else gettext("De afspraak is vastgelegd."),
        context=context,
    )
    return ververs_bij_anker(request, antwoord)


def _dienst(request: HttpRequest, f: Dienstformulier) -> Afspraak:
    actor = Actor.uit_request(request)
    g = f.cleaned_data
    if isinstance(f, AfhandelFormulier):
        return services.handel_afspraak_af(
            actor=actor,
            afspraak=f.afspraak,
            status=g["status"],
            reden=g.get("reden") or "",
            op=g.get("op"),
            toelichting=f.toelichting_tekst,
        )
    assert isinstance(f, AfspraakFormulier)
    return services.maak_afspraak(
        actor=actor,
        bestuursproces=f.bestuursproces,
        wat=g["wat"],
        door=g["door"],
        aan=g.get("aan"),
        aan_naam=g.get("aan_naam") or "",
        uiterlijk=g.get("uiterlijk"),
        datum=g.get("datum"),
        wyberstap=g.get("wyberstap"),
        besluit=g.get("besluit"),
        bijeenkomst=g.get("bijeenkomst"),
        zichtbaarheid=g["zichtbaarheid"],
        toelichting=f.toelichting_tekst,
    )


@taakpagina
def afspraken(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return _pagina(request, zaak)
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    return _pagina(request, zaak, AfspraakFormulier(request.POST, zaak=zaak, zichtbaar=zichtbaar))


@taakpagina
def afhandelen(request: HttpRequest, zaak: Zaak, afspraak: uuid.UUID) -> HttpResponse:
    gevonden = Afspraak.objects.filter(
        bestuursproces=zaak.bestuursproces,
        uuid=afspraak,
        zichtbaarheid__in=Zichtbaarheid.voor_rol(zaak.rol),
    ).first()
    if gevonden is None:
        raise Http404
    basis = reverse("werkruimte:afspraken", args=[zaak.bestuursproces.uuid])
    if request.method != "POST":
        return redirect(f"{basis}#afspraak-{gevonden.uuid}")
    formulier = AfhandelFormulier(request.POST, zaak=zaak, afspraak=gevonden)
    formulier.actie = request.path  # type: ignore[attr-defined]
    return _pagina(request, zaak, formulier)


urlpatterns = [
    path("afspraken/", afspraken, name="afspraken"),
    path("afspraken/<uuid:afspraak>/afhandelen/", afhandelen, name="afspraak-afhandelen"),
]
