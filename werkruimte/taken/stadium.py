"""Stadium: move the case forward or back, with a world-time moment and a toelichting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Stadium

from ..formulieren import Dienstformulier, verwerk
from ..selectors import stadiumoverzicht
from ..toegang import Zaak, taakpagina
from ..velden import TijdstipMixin
from . import Taak

TAAK = Taak(code="stadium", label=_("Stadium"), url_naam="werkruimte:stadium", volgorde=70)


class StadiumFormulier(TijdstipMixin, Dienstformulier):
    veldnamen = {"naar": "naar"}

    naar = forms.ChoiceField(
        label=_("Naar welk stadium?"),
        choices=Stadium.choices,
        widget=forms.RadioSelect,
        help_text=_("Vooruit gaat één stadium tegelijk; terug mag naar elk eerder stadium."),
    )
    forceren = forms.BooleanField(
        label=_("Forceren: toch vooruit, ook al houdt de poort het tegen"),
        required=False,
        help_text=_(
            "Alleen de procesregisseur. De bezwaren van de poort en uw toelichting komen in de "
            "geschiedenis."
        ),
    )

    field_order = ["naar", "toelichting", "tijdstip", "tijdstip_tijd", "forceren"]

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.fields["toelichting"].required = True
        self.fields["toelichting"].help_text = _(
            "Waarom gaat het proces naar dit stadium? Dit komt in de geschiedenis."
        )
        # The current stadium is not a move.
        naar = self.fields["naar"]
        assert isinstance(naar, forms.ChoiceField)
        naar.choices = [
            (code, label) for code, label in Stadium.choices if code != zaak.bestuursproces.stadium
        ]
        if not zaak.is_regisseur:
            del self.fields["forceren"]
        volgende = Stadium(zaak.bestuursproces.stadium).rang + 1
        if volgende < len(Stadium):
            self.initial.setdefault("naar", list(Stadium)[volgende].value)


@taakpagina
def stadium(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    formulier = StadiumFormulier(request.POST if request.method == "POST" else None, zaak=zaak)
    url = reverse("werkruimte:stadium", args=[zaak.bestuursproces.uuid])

    def wijzig(f: Dienstformulier) -> object:
        assert isinstance(f, StadiumFormulier)
        return services.wijzig_stadium(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            naar=f.cleaned_data["naar"],
            toelichting=f.toelichting_tekst,
            forceren=bool(f.cleaned_data.get("forceren")),
            tijdstip=f.moment(),
        )

    return verwerk(
        request,
        formulier,
        wijzig,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/stadium.html",
        fragment="werkruimte/taken/_stadium_formulier.html",
        volgende=url,
        gelukt=gettext("Het stadium is gewijzigd."),
        context={"actie": url, "overzicht": stadiumoverzicht(zaak.bestuursproces)},
    )


urlpatterns = [path("stadium/", stadium, name="stadium")]
