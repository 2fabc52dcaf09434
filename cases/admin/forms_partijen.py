"""Admin forms for the register of parties: they validate what a form can; services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from cases.exceptions import DomainError
from cases.models import (
    Betrokkenheidswijziging,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)
from cases.services.partijen import controleer_betrokkenheidsactie
from cases.services.spelers import eis_organisatie_van

KORT = forms.Textarea(attrs={"rows": 2})


class OrganisatieKeuze(forms.ModelChoiceField):
    """When organisaties of several cases are on offer (adding), each names its case."""

    met_proces = True

    def label_from_instance(self, obj: Any) -> str:
        if self.met_proces:
            return f"{obj.naam} ({obj.bestuursproces.titel})"
        return str(obj.naam)


class OrganisatieForm(forms.ModelForm[Organisatie]):
    class Meta:
        model = Organisatie
        fields = ["bestuursproces", "naam", "soort", "eigen_gemeente"]


class PartijForm(forms.ModelForm[Any]):
    """A speler or opdrachtgever: its organisatie must belong to the same case."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisatie = data.get("organisatie")
        bestuursproces = data.get("bestuursproces")
        if bestuursproces is None and self.instance.bestuursproces_id:
            bestuursproces = self.instance.bestuursproces
        if organisatie is not None and bestuursproces is not None:
            try:
                eis_organisatie_van(bestuursproces, organisatie)
            except DomainError as fout:
                self.add_error("organisatie", fout.detail)
        return data


class SpelerForm(PartijForm):
    class Meta:
        model = Speler
        fields = [
            "bestuursproces",
            "naam",
            "soort",
            "organisatie",
            "veld",
            "rol_in_proces",
            "belang",
            "belemmeringen",
            "waarden",
            "commitment",
            "symmetrie",
        ]
        widgets = {"belang": KORT, "belemmeringen": KORT, "waarden": KORT}


class OpdrachtgeverForm(PartijForm):
    class Meta:
        model = Opdrachtgever
        fields = ["bestuursproces", "naam", "rol", "organisatie", "expliciete_opdracht"]
        widgets = {"expliciete_opdracht": KORT}


class NieuweSpelerBeoordelingForm(forms.ModelForm[SpelerBeoordeling]):
    class Meta:
        model = SpelerBeoordeling
        fields = [
            "standpunt",
            "macht",
            "unieke_macht",
            "invloed",
            "vertrouwen",
            "toelichting",
            "zichtbaarheid",
        ]
        widgets = {"toelichting": KORT}


class NieuweOpdrachtgeverBeoordelingForm(forms.ModelForm[OpdrachtgeverBeoordeling]):
    class Meta:
        model = OpdrachtgeverBeoordeling
        fields = [
            "steun",
            "stevigheid",
            "onderling_vertrouwen",
            "mandaat",
            "open_rekeningen",
            "impliciete_opdracht",
            "toelichting",
            "zichtbaarheid",
        ]
        widgets = dict.fromkeys(
            ("mandaat", "open_rekeningen", "impliciete_opdracht", "toelichting"), KORT
        )


class NieuweBetrokkenheidForm(forms.ModelForm[Betrokkenheidswijziging]):
    """Aansluiten, aanhaken, afhaken or afwachten: only from where the action may start."""

    class Meta:
        model = Betrokkenheidswijziging
        fields = ["actie", "reden"]
        widgets = {"reden": KORT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actie = data.get("actie")
        partij = self.instance.speler if self.instance.speler_id else self.instance.opdrachtgever
        if actie and partij is not None:
            try:
                controleer_betrokkenheidsactie(partij.betrokkenheid, actie)
            except DomainError as fout:
                self.add_error("actie", fout.detail)
        return data


class BetrokkenheidFormSet(forms.BaseInlineFormSet):
    """Its foreign keys have no reverse name, so name the prefix (Django would leave it empty)."""

    @classmethod
    def get_default_prefix(cls) -> str:
        return "betrokkenheid"


class NieuweNotitieForm(forms.ModelForm[Notitie]):
    class Meta:
        model = Notitie
        fields = ["tekst", "zichtbaarheid"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}
