"""Opening a new case from the workspace: the same service as the API's POST, the opening
date may lie in the past (a process that already ran before its file)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Aanpak, Procesrol, RolGemeente
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud
from toegang.rechten import mag_bestuursproces_openen

from .formulieren import Dienstformulier, verwerk
from .velden import DatumVeld, TijdstipMixin


class OpenFormulier(TijdstipMixin, Dienstformulier):
    veldnamen = {"wat": "idee"}

    titel = forms.CharField(label=_("Titel"), max_length=200)
    rol_gemeente = forms.ChoiceField(
        label=_("Rol van de gemeente"), choices=RolGemeente.choices, widget=forms.RadioSelect
    )
    aanpak = forms.ChoiceField(label=_("Aanpak"), choices=Aanpak.choices, widget=forms.RadioSelect)
    procesrol = forms.ChoiceField(
        label=_("Uw procesrol"), choices=Procesrol.choices, initial=Procesrol.PROCESREGISSEUR
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    idee = forms.CharField(
        label=_("Het idee: wat is het idee?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De eerste versie van het idee; later aan te vullen en te herzien."),
    )
    kaders = forms.CharField(
        label=_("Kaders van de opdracht"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    budget = forms.DecimalField(
        label=_("Budget (euro)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    uren = forms.IntegerField(label=_("Uren"), required=False, min_value=0)
    einddatum = DatumVeld(label=_("Einddatum van de time-box"), required=False)
    speelruimte = forms.CharField(
        label=_("Speelruimte"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = [
        "titel",
        "rol_gemeente",
        "aanpak",
        "procesrol",
        "omschrijving",
        "idee",
        "kaders",
        "budget",
        "uren",
        "einddatum",
        "speelruimte",
        "tijdstip",
        "tijdstip_tijd",
        "toelichting",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, zaak=None, **kwargs)
        self.fields["tijdstip"].label = _("Geopend op")
        self.fields["tijdstip"].help_text = _(
            "Laat leeg voor vandaag. Liep het proces al voordat u dit dossier begon, kies dan "
            "de dag waarop het werkelijk begon."
        )

    def open(self, request: HttpRequest) -> Any:
        gegevens = self.cleaned_data
        idee = gegevens["idee"].strip()
        return services.open_bestuursproces(
            actor=Actor.uit_request(request),
            titel=gegevens["titel"],
            rol_gemeente=gegevens["rol_gemeente"],
            aanpak=gegevens["aanpak"],
            procesrol=gegevens["procesrol"],
            omschrijving=gegevens["omschrijving"],
            opdracht=Opdracht(
                kaders=gegevens["kaders"],
                budget=gegevens["budget"],
                uren=gegevens["uren"],
                einddatum=gegevens["einddatum"],
                speelruimte=gegevens["speelruimte"],
            ),
            idee=IdeeInhoud(wat=idee) if idee else None,
            toelichting=self.toelichting_tekst,
            tijdstip=self.moment(),
        )


@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    if not mag_bestuursproces_openen(request.user):
        raise PermissionDenied(
            gettext(
                "U mag geen bestuursproces openen. Dat recht hebben procesregisseurs; vraag de "
                "functioneel beheerder erom."
            )
        )
    formulier = OpenFormulier(request.POST if request.method == "POST" else None)
    return verwerk(
        request,
        formulier,
        lambda f: f.open(request),  # type: ignore[attr-defined]
        taak=None,
        sjabloon="werkruimte/nieuw.html",
        fragment="werkruimte/_openen_formulier.html",
        volgende=lambda bestuursproces: reverse("statuspagina:proces", args=[bestuursproces.uuid]),
        gelukt=gettext("Het bestuursproces is geopend."),
        context={"actie": reverse("werkruimte_nieuw")},
    )
