"""Forms of the Interventies task (and a base for forms repeated on every row of a list).

Every form calls one service: plan (``log_interventie``), carry out (``voer_interventie_uit``),
evaluate (``evalueer_interventie``), reflect (``leg_reflectie_vast``). The service's rules are
not repeated here; its refusals land on these fields by name.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Aangrijpingspunt,
    Interventie,
    Niveau,
    Opdrachtgever,
    Speler,
    Uitgepakt,
    WyberStap,
    Zichtbaarheid,
    Zwaarte,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from instruments.models import Instrument, Strategie

from .formulieren import Dienstformulier
from .toegang import Zaak
from .velden import DatumVeld


class Rijformulier(Dienstformulier):
    """A service form shown once per row of a list: the page reads the case's version once
    and hands it to every row (``versie=``), so that a list of 50 rows costs no 50 queries."""

    def __init__(self, *args: Any, zaak: Zaak, versie: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, versie=versie, **kwargs)


def _tekst(label: Any, *, required: bool = False, rows: int = 3, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class InstrumentKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # The veld by its code's label, in the reader's language (the catalogue's own name
        # is Dutch data).
        return f"{obj.naam} ({obj.veld.get_code_display()})"


# The fields shown at once when planning; the others are folded away (none is required).
HOOFDVELDEN = (
    "titel",
    "datum",
    "velden",
    "instrument",
    "beoogd_effect",
    "niveau",
    "aangrijpingspunt",
    "zwaarte",
    "zichtbaarheid",
)


class PlanFormulier(Rijformulier):
    """Kiezen: plan an interventie, starting from a veld and one of its instruments."""

    titel = forms.CharField(label=_("Titel"), max_length=200)
    datum = DatumVeld(
        label=_("Wanneer?"),
        help_text=_("De dag waarop de interventie plaatsvindt; een dag in de toekomst mag."),
    )
    velden = forms.MultipleChoiceField(
        label=_("Op welke velden richt de interventie zich?"),
        choices=INTERVENTIEVELD_KEUZES,
        widget=forms.CheckboxSelectMultiple,
    )
    instrument = InstrumentKeuze(
        label=_("Instrument"),
        queryset=Instrument.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("Geen instrument"),
    )
    beoogd_effect = _tekst(
        _("Beoogd effect"), required=True, help_text=_("Wat moet het opleveren?")
    )
    niveau = forms.ChoiceField(
        label=_("Niveau"), choices=Niveau.choices, widget=forms.RadioSelect, initial=Niveau.GROEP
    )
    aangrijpingspunt = forms.ChoiceField(
        label=_("Aangrijpingspunt"),
        choices=Aangrijpingspunt.choices,
        widget=forms.RadioSelect,
        initial=Aangrijpingspunt.INTERACTIE,
    )
    zwaarte = forms.ChoiceField(
        label=_("Zwaarte"), choices=Zwaarte.choices, widget=forms.RadioSelect, initial=Zwaarte.LICHT
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag deze interventie zien?"),
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        initial=Zichtbaarheid.KERNTEAM,
        help_text=_(
            "Ligt vast na het plannen: de hele geschiedenis van de interventie staat op dit niveau."
        ),
    )
    waarom = _tekst(_("Waarom deze interventie?"))
    strategie = forms.ModelChoiceField(
        label=_("Strategie"),
        queryset=Strategie.objects.order_by("volgorde", "naam"),
        to_field_name="code",
        required=False,
        empty_label=_("Geen strategie"),
    )
    spelers = forms.ModelMultipleChoiceField(
        label=_("Spelers"),
        queryset=Speler.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opdrachtgevers = forms.ModelMultipleChoiceField(
        label=_("Opdrachtgevers"),
        queryset=Opdrachtgever.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wyberstap = forms.ModelChoiceField(
        label=_("Wyber-stap"),
        queryset=WyberStap.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=_("Geen wyber-stap"),
    )

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        zichtbaar: frozenset[str],
        instrumenten: QuerySet[Instrument],
        instrument: Instrument | None = None,
        veld: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix="plan", **kwargs)
        bestuursproces = zaak.bestuursproces
        self.fields["instrument"].queryset = instrumenten  # type: ignore[attr-defined]
        self.fields["spelers"].queryset = Speler.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces
        ).order_by("naam", "id")
        self.fields["opdrachtgevers"].queryset = Opdrachtgever.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces
        ).order_by("naam", "id")
        self.fields["wyberstap"].queryset = WyberStap.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces
        ).order_by("-volgnummer")
        keuze = self.fields["zichtbaarheid"]
        assert isinstance(keuze, forms.ChoiceField)
        keuze.choices = [(c, label) for c, label in Zichtbaarheid.choices if c in zichtbaar]
        self.fields["toelichting"].help_text = _("Waarom nu? Dit komt in de geschiedenis.")
        if not self.is_bound:
            # As ISO text: the shared field template prints a date object in Dutch words.
            self.initial["datum"] = timezone.localdate().isoformat()
            if veld:
                self.initial["velden"] = [veld]
            if instrument is not None:
                self.initial["instrument"] = instrument.uuid
                self.initial["titel"] = instrument.naam
        self.html_id = "planformulier"
        self.knop = gettext("Interventie plannen")

    def hoofdvelden(self) -> list[Any]:
        return [self[naam] for naam in HOOFDVELDEN if naam in self.fields]

    def extravelden(self) -> list[Any]:
        return [
            veld
            for veld in self.visible_fields()
            if veld.name not in HOOFDVELDEN and veld.name != "toelichting"
        ] + [self["toelichting"]]

    @property
    def extra_open(self) -> bool:
        return any(veld.errors for veld in self.extravelden())


class UitvoerFormulier(Rijformulier):
    """Doen: what was done, and when."""

    wat_gedaan = _tekst(_("Wat is er gedaan?"), required=True)
    uitgevoerd_op = DatumVeld(
        label=_("Uitgevoerd op"), required=False, help_text=_("Leeg is vandaag.")
    )

    field_order = ["wat_gedaan", "uitgevoerd_op", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, interventie: Interventie, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"uit-{interventie.uuid}", **kwargs)
        self.interventie = interventie
        self.html_id = f"uitvoeren-{interventie.uuid}"
        self.knop = gettext("Uitgevoerd")
        if not self.is_bound:
            self.initial["uitgevoerd_op"] = min(interventie.datum, timezone.localdate()).isoformat()


class EvaluatieFormulier(Rijformulier):
    """Leren en beter: the observed effect, whether it worked out, what comes next."""

    waargenomen_effect = _tekst(_("Waargenomen effect"), required=True)
    uitgepakt = forms.ChoiceField(
        label=_("Pakte het uit zoals bedoeld?"), choices=Uitgepakt.choices, widget=forms.RadioSelect
    )
    vervolg = _tekst(_("Vervolg: wat doet u nu beter of anders?"))
    geevalueerd_op = DatumVeld(
        label=_("Geëvalueerd op"), required=False, help_text=_("Leeg is vandaag.")
    )

    field_order = ["waargenomen_effect", "uitgepakt", "vervolg", "geevalueerd_op", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, interventie: Interventie, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"eval-{interventie.uuid}", **kwargs)
        self.interventie = interventie
        self.html_id = f"evalueren-{interventie.uuid}"
        self.knop = gettext("Evaluatie vastleggen")


class ReflectieFormulier(Rijformulier):
    tekst = _tekst(_("Reflectie"), required=True, help_text=_("Wat doet dit proces met u?"))
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag de reflectie zien?"), choices=(), widget=forms.RadioSelect
    )

    field_order = ["tekst", "zichtbaarheid"]

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        interventie: Interventie,
        zichtbaar: frozenset[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"refl-{interventie.uuid}", **kwargs)
        self.interventie = interventie
        self.html_id = f"reflectie-{interventie.uuid}"
        self.knop = gettext("Reflectie vastleggen")
        # The service has no toelichting for a reflection: the text is the reason.
        del self.fields["toelichting"]
        # Never wider than the interventie, never wider than the author may read.
        ondergrens = Zichtbaarheid(interventie.zichtbaarheid).rang
        keuze = self.fields["zichtbaarheid"]
        assert isinstance(keuze, forms.ChoiceField)
        keuze.choices = [
            (c, label)
            for c, label in Zichtbaarheid.choices
            if c in zichtbaar and Zichtbaarheid(c).rang >= ondergrens
        ]
        self.initial.setdefault("zichtbaarheid", Zichtbaarheid.REGISSEUR)
