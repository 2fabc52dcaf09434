"""Admin forms for interventies. They check only what a form can (required fields, choices);
the rules of an interventie are the services': the admin saves through them and shows their
refusal at the field it names (see :mod:`._weigering`).

The velden, spelers and opdrachtgevers of an interventie are separate form fields (their
tables have their own rows), named apart from the model's relations.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Bestuursproces,
    Interventie,
    InterventieStatus,
    Opdrachtgever,
    Reflectie,
    Rol,
    Speler,
    Uitgepakt,
    WyberStap,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES

KORT = forms.Textarea(attrs={"rows": 2})
# The interventie's own attributes a form may carry (the admin shows those that apply).
MODELVELDEN = [
    "bestuursproces",
    "titel",
    "datum",
    "niveau",
    "aangrijpingspunt",
    "zwaarte",
    "strategie",
    "instrument",
    "wyberstap",
    "beoogd_effect",
    "waarom",
    "status",
    "wat_gedaan",
    "uitgevoerd_op",
    "waargenomen_effect",
    "uitgepakt",
    "vervolg",
    "geevalueerd_op",
    "zichtbaarheid",
]
# form field: name in the services
RELATIES = {
    "gekozen_velden": "velden",
    "betrokken_spelers": "spelers",
    "betrokken_opdrachtgevers": "opdrachtgevers",
}
FORMVELD = {dienst: veld for veld, dienst in RELATIES.items()}


class MetProces(forms.ModelChoiceField):
    """When objects of several cases are on offer (adding), each names its case."""

    met_proces = True

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.bestuursproces.titel})" if self.met_proces else str(obj)


class MeerdereMetProces(forms.ModelMultipleChoiceField):
    met_proces = True

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.bestuursproces.titel})" if self.met_proces else str(obj)


def zet_fouten(form: forms.BaseForm, fouten: dict[str, list[tuple[str, Any]]]) -> None:
    """Service errors (by service name) as errors of the form's fields."""
    for veld, items in fouten.items():
        naam = FORMVELD.get(veld, veld)
        tekst = " ".join(reden for _code, reden in items)
        form.add_error(naam if naam in form.fields else None, tekst)


class InterventieForm(forms.ModelForm[Interventie]):
    """Log an interventie (the case chosen here) or change one (the case fixed)."""

    gekozen_velden = forms.MultipleChoiceField(
        label=_("velden"),
        choices=INTERVENTIEVELD_KEUZES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De velden waarop de interventie zich richt."),
        error_messages={"required": _("Kies minstens één veld waarop de interventie zich richt.")},
    )
    betrokken_spelers = MeerdereMetProces(
        label=_("spelers"), queryset=Speler.objects.none(), required=False
    )
    betrokken_opdrachtgevers = MeerdereMetProces(
        label=_("opdrachtgevers"), queryset=Opdrachtgever.objects.none(), required=False
    )

    gebruiker: Any = None  # set by the admin: whose cases and role decide what is on offer

    class Meta:
        model = Interventie
        fields = MODELVELDEN
        field_classes = {"wyberstap": MetProces}
        widgets = dict.fromkeys(
            ("beoogd_effect", "waarom", "wat_gedaan", "waargenomen_effect", "vervolg"), KORT
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        interventie = self.instance
        if interventie.pk:
            self.initial.setdefault("gekozen_velden", [v.veld for v in interventie.velden.all()])
            self.initial.setdefault("betrokken_spelers", list(interventie.spelers.all()))
            self.initial.setdefault(
                "betrokken_opdrachtgevers", list(interventie.opdrachtgevers.all())
            )
        if interventie.pk:
            self.beperk(
                Bestuursproces.objects.filter(pk=interventie.bestuursproces_id), met_proces=False
            )
        else:
            self.beperk(
                Bestuursproces.objects.filter(
                    lidmaatschappen__gebruiker=getattr(self.gebruiker, "pk", None),
                    lidmaatschappen__rol__in=Rol.schrijvend(),
                ),
                met_proces=True,
            )
        status = self.fields.get("status")
        if isinstance(status, forms.ChoiceField):
            # Logging starts as planned or as already done; evaluating comes after.
            status.choices = [
                (s.value, s.label)
                for s in (InterventieStatus.GEPLAND, InterventieStatus.UITGEVOERD)
            ]

    def beperk(self, processen: QuerySet[Bestuursproces], *, met_proces: bool) -> None:
        """Offer only parties and steps of these cases (the admin calls this)."""
        for naam, model in (
            ("betrokken_spelers", Speler),
            ("betrokken_opdrachtgevers", Opdrachtgever),
            ("wyberstap", WyberStap),
        ):
            veld = self.fields.get(naam)
            if isinstance(veld, MetProces | MeerdereMetProces):
                veld.queryset = model.objects.filter(bestuursproces__in=processen).select_related(
                    "bestuursproces"
                )
                veld.met_proces = met_proces

    def dienstwaarden(self) -> dict[str, Any]:
        """The cleaned data by service name (relations as lists)."""
        data = self.cleaned_data
        waarden = {v: data[v] for v in MODELVELDEN if v in data and v in self.fields}
        for veld, dienst in RELATIES.items():
            if veld in data:
                waarden[dienst] = list(data[veld])
        return waarden


class UitvoerenForm(forms.Form):
    """Doen: what was done, and when."""

    wat_gedaan = forms.CharField(
        label=_("wat is gedaan"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={"required": _("Beschrijf wat er is gedaan.")},
    )
    uitgevoerd_op = forms.DateField(
        label=_("uitgevoerd op"), required=False, help_text=_("Leeg is vandaag.")
    )
    toelichting = forms.CharField(label=_("toelichting"), required=False, widget=KORT)


class EvaluerenForm(forms.Form):
    """Leren en beter: the observed effect, whether it worked out, and what comes next."""

    waargenomen_effect = forms.CharField(
        label=_("waargenomen effect"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={"required": _("Beschrijf het waargenomen effect.")},
    )
    uitgepakt = forms.ChoiceField(
        label=_("uitgepakt zoals bedoeld"),
        choices=Uitgepakt.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of de interventie uitpakte zoals bedoeld.")},
    )
    vervolg = forms.CharField(label=_("vervolg"), required=False, widget=KORT)
    geevalueerd_op = forms.DateField(
        label=_("geëvalueerd op"), required=False, help_text=_("Leeg is vandaag.")
    )
    toelichting = forms.CharField(label=_("toelichting"), required=False, widget=KORT)


class NieuweReflectieForm(forms.ModelForm[Reflectie]):
    class Meta:
        model = Reflectie
        fields = ["tekst", "zichtbaarheid"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 3})}
