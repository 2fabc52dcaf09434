"""Admin forms for wyber-stappen: they validate what a form can; the services decide the rest.

The inline forms get the step they belong to (``stap``), so that their choices of spelers,
opdrachtgevers and options stay within the step's case.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseInlineFormSet, ModelForm
from django.utils.translation import gettext_lazy as _

from cases.models import Consolidatie, Instemming, Opdrachtgever, Optie, Speler, WyberStap
from cases.services import standaard_instemmers

KORT = forms.Textarea(attrs={"rows": 2})

Partij = Speler | Opdrachtgever


class WyberStapForm(forms.ModelForm[WyberStap]):
    """A new step: the case and what the step should settle; the service does the rest."""

    class Meta:
        model = WyberStap
        fields = ["bestuursproces", "doel"]
        widgets = {"doel": forms.Textarea(attrs={"rows": 3})}


class StapForm(forms.ModelForm[Any]):
    """An inline form that knows its step."""

    def __init__(self, *args: Any, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stap = stap


class NieuweOptieForm(StapForm):
    """An option brought in while divergeren: by a speler, an opdrachtgever or (neither) the
    regisseur."""

    class Meta:
        model = Optie
        fields = ["titel", "omschrijving", "speler", "opdrachtgever"]
        widgets = {"omschrijving": KORT}
        help_texts = {"speler": _("Laat speler en opdrachtgever leeg als de regisseur inbrengt.")}

    def __init__(self, *args: Any, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, stap=stap, **kwargs)
        proces = stap.bestuursproces_id
        velden = self.fields
        velden["speler"].queryset = Speler.objects.filter(bestuursproces_id=proces)  # type: ignore[attr-defined]
        velden["opdrachtgever"].queryset = Opdrachtgever.objects.filter(  # type: ignore[attr-defined]
            bestuursproces_id=proces
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("speler") and data.get("opdrachtgever"):
            self.add_error("opdrachtgever", _("Een optie komt van één partij of van de regisseur."))
        return data


class OptieBesluitForm(StapForm):
    """While convergeren: choose an open option, reject it (with a reason) or merge it."""

    class Meta:
        model = Optie
        fields = ["status", "reden", "samengevoegd_in"]
        widgets = {"reden": KORT}
        labels = {"samengevoegd_in": _("samengevoegd in")}

    def __init__(self, *args: Any, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, stap=stap, **kwargs)
        doelen = Optie.objects.filter(stap_id=stap.pk).exclude(status=Optie.Status.SAMENGEVOEGD)
        if self.instance.pk:
            doelen = doelen.exclude(pk=self.instance.pk)
        self.fields["samengevoegd_in"].queryset = doelen  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status == Optie.Status.OPEN:
            self.add_error("status", _("Kies gekozen, verworpen of samengevoegd."))
        elif status == Optie.Status.VERWORPEN and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Geef de reden waarom de optie is verworpen."))
        elif status == Optie.Status.SAMENGEVOEGD and data.get("samengevoegd_in") is None:
            self.add_error("samengevoegd_in", _("Kies de optie waarin deze opgaat."))
        elif status != Optie.Status.SAMENGEVOEGD and data.get("samengevoegd_in") is not None:
            self.add_error(
                "samengevoegd_in", _("Een optie gaat alleen op in een andere bij samenvoegen.")
            )
        return data


def partij_sleutel(partij: Partij) -> str:
    return f"{'speler' if isinstance(partij, Speler) else 'opdrachtgever'}-{partij.pk}"


class NieuweConsolidatieForm(StapForm):
    """What was agreed, and which parties must consent (by default: standaard_instemmers)."""

    instemmers = forms.MultipleChoiceField(
        label=_("wie moet instemmen"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vooraf aangevinkt: de aangehaakte spelers met commitment en de aangehaakte "
            "opdrachtgevers met mandaat."
        ),
        error_messages={"required": _("Kies minstens één partij die moet instemmen.")},
    )
    document_url = forms.URLField(
        label=Consolidatie._meta.get_field("document_url").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Consolidatie
        fields = ["uitkomst", "tekst", "document_titel", "document_url"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, stap=stap, **kwargs)
        proces = stap.bestuursproces_id
        partijen: list[Partij] = [
            *Speler.objects.filter(bestuursproces_id=proces).order_by("naam"),
            *Opdrachtgever.objects.filter(bestuursproces_id=proces).order_by("naam"),
        ]
        self.partijen = {partij_sleutel(p): p for p in partijen}
        veld = self.fields["instemmers"]
        veld.choices = [  # type: ignore[attr-defined]
            (sleutel, f"{p.naam} ({_('speler') if isinstance(p, Speler) else _('opdrachtgever')})")
            for sleutel, p in self.partijen.items()
        ]
        veld.initial = [partij_sleutel(p) for p in standaard_instemmers(stap)]

    def gekozen_instemmers(self) -> list[Partij]:
        return [self.partijen[sleutel] for sleutel in self.cleaned_data["instemmers"]]


class InstemmingForm(StapForm):
    """Where one party stands: its consent and its formal decision within its organisation."""

    class Meta:
        model = Instemming
        fields = ["status", "voorbehoud", "formeel_besloten", "besloten_op", "besluitreferentie"]
        widgets = {"voorbehoud": KORT}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("formeel_besloten"):
            if data.get("status") == Instemming.Status.NOG_GEEN_REACTIE:
                self.add_error("formeel_besloten", _("Een formeel besluit hoort bij een reactie."))
        elif data.get("besloten_op") or data.get("besluitreferentie"):
            self.add_error(
                "formeel_besloten",
                _("Vink dit aan om de datum en referentie van het besluit vast te leggen."),
            )
        return data

    def volgorde(self) -> int:
        """Save order: parties that become rond now last, so the step settles at the end."""
        if not (self.has_changed() and self.is_valid()):
            return 0
        data, oud = self.cleaned_data, self.initial
        besloten = not self.instance.formeel_besluit_nodig  # consent alone suffices
        rond = data["status"] == Instemming.Status.INGESTEMD and (
            data["formeel_besloten"] or besloten
        )
        was_rond = oud.get("status") == Instemming.Status.INGESTEMD and (
            oud.get("formeel_besloten") or besloten
        )
        return 2 if rond and not was_rond else int(rond)


class HeropenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Waarom komt deze stap opnieuw ter discussie? De reden komt bij de nieuwe stap."
        ),
        error_messages={"required": _("Geef de reden van de heropening.")},
    )
    doel = forms.CharField(
        label=_("Doel van de nieuwe stap"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Leeg laten: de nieuwe stap neemt het doel van de heropende stap over."),
    )

    def __init__(self, *args: Any, met_doel: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not met_doel:
            del self.fields["doel"]


class VolgendeFaseForm(forms.Form):
    """Why a step moves on, and when that happened (a phase never moves back)."""

    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Waarom gaat de stap nu naar de volgende fase? De toelichting komt in de "
            "gebeurtenissen."
        ),
        error_messages={"required": _("Geef een toelichting bij deze faseovergang.")},
    )
    tijdstip = forms.DateTimeField(
        label=_("Tijdstip"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Wanneer de stap naar de volgende fase ging. Leeg laten: nu. Een moment in het "
            "verleden mag, niet in de toekomst en niet vóór de opening van het bestuursproces."
        ),
    )


def velden(subform: ModelForm[Any], klasse: Any) -> dict[str, Any]:
    """The fields of the form ``klasse`` (not the formset's id and foreign key), for a service."""
    return {veld: subform.cleaned_data[veld] for veld in klasse.Meta.fields}


def met_prefix(prefix: str) -> type[BaseInlineFormSet[Any, Any, Any]]:
    """A formset with a fixed prefix: the same inline keeps its name whichever others show."""
    return type(
        f"FormSet_{prefix}",
        (BaseInlineFormSet,),
        {"get_default_prefix": classmethod(lambda _: prefix)},
    )


class InstemmersForm(forms.Form):
    """Who must consent to a step's consolidation: parties to add, consents to drop, and why."""

    spelers = forms.ModelMultipleChoiceField(
        queryset=Speler.objects.none(),
        required=False,
        label=_("Spelers die moeten instemmen"),
        widget=forms.CheckboxSelectMultiple,
    )
    opdrachtgevers = forms.ModelMultipleChoiceField(
        queryset=Opdrachtgever.objects.none(),
        required=False,
        label=_("Opdrachtgevers die moeten instemmen"),
        widget=forms.CheckboxSelectMultiple,
    )
    verwijderen = forms.ModelMultipleChoiceField(
        queryset=Instemming.objects.none(),
        required=False,
        label=_("Hoeven niet meer in te stemmen"),
        widget=forms.CheckboxSelectMultiple,
    )
    reden = forms.CharField(label=_("Reden"), widget=KORT)

    def __init__(self, *args: Any, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instemmingen = Instemming.objects.filter(stap=stap).select_related(
            "speler", "opdrachtgever"
        )
        proces = stap.bestuursproces_id
        self.fields["spelers"].queryset = Speler.objects.filter(  # type: ignore[attr-defined]
            bestuursproces_id=proces
        ).exclude(pk__in=instemmingen.exclude(speler=None).values("speler"))
        self.fields["opdrachtgevers"].queryset = Opdrachtgever.objects.filter(  # type: ignore[attr-defined]
            bestuursproces_id=proces
        ).exclude(pk__in=instemmingen.exclude(opdrachtgever=None).values("opdrachtgever"))
        self.fields["verwijderen"].queryset = instemmingen  # type: ignore[attr-defined]
        self.fields["verwijderen"].label_from_instance = (  # type: ignore[attr-defined]
            lambda instemming: str(instemming.speler or instemming.opdrachtgever)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("spelers") or data.get("opdrachtgevers") or data.get("verwijderen")):
            raise forms.ValidationError(
                _("Kies minstens één partij om toe te voegen of weg te halen."), code="required"
            )
        return data
