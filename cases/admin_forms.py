"""Admin forms: they validate what a form can; the services decide the rest, and the admin
shows their refusal at the field it names (cases.admin._weigering)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.events.payloads import IDEE_VELDEN
from cases.exceptions import DomainError
from cases.models import Bestuursproces, IdeeVersie, Lidmaatschap, Speler, Stadiumovergang
from cases.services import controleer_stadiumovergang


class BestuursprocesForm(forms.ModelForm[Bestuursproces]):
    class Meta:
        model = Bestuursproces
        fields = [
            "titel",
            "omschrijving",
            "rol_gemeente",
            "procesrol",
            "aanpak",
            "status",
            "uitkomst",
            "kaders",
            "budget",
            "uren",
            "einddatum",
            "speelruimte",
            "archiefnominatie",
            "archiefactiedatum",
        ]


class NieuweIdeeVersieForm(forms.ModelForm[IdeeVersie]):
    """A new revision of the idee; the previous one stays in the history."""

    eigenaar_keuze = forms.ModelMultipleChoiceField(
        queryset=Speler.objects.none(),
        required=False,
        label=IdeeVersie._meta.get_field("eigenaar_spelers").verbose_name,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, bestuursproces: Bestuursproces | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        veld = self.fields["eigenaar_keuze"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        if bestuursproces is not None:
            veld.queryset = Speler.objects.filter(bestuursproces=bestuursproces).order_by("naam")

    class Meta:
        model = IdeeVersie
        fields = [*IDEE_VELDEN.values(), "toelichting"]
        widgets = {veld: forms.Textarea(attrs={"rows": 2}) for veld in fields}


class NieuweStadiumovergangForm(forms.ModelForm[Stadiumovergang]):
    forceren = forms.BooleanField(
        label=_("forceren"),
        required=False,
        help_text=_("Doorzetten ondanks bezwaren van een poort; wordt vastgelegd."),
    )

    class Meta:
        model = Stadiumovergang
        fields = ["naar", "toelichting"]
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        naar = data.get("naar")
        bestuursproces = getattr(self.instance, "bestuursproces", None)
        if naar and bestuursproces is not None and bestuursproces.pk:
            try:
                controleer_stadiumovergang(bestuursproces, naar)
            except DomainError as fout:
                self.add_error("naar", fout.detail)
        return data


class LidmaatschapForm(forms.ModelForm[Lidmaatschap]):
    class Meta:
        model = Lidmaatschap
        fields = ["gebruiker", "rol"]


class LidmaatschapFormSet(forms.BaseInlineFormSet):
    """The members of a case. Who may be removed or change role is the services' rule (a case
    always keeps a procesregisseur); the admin saves the rows in an order that lets a change
    the services accept as a whole pass row by row (see BestuursprocesAdmin.bewaarvolgorde)."""
