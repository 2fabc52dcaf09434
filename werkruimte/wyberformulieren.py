"""Forms of the Wyberen task, one per service: start a step, move its phase (irreversible:
confirmation and toelichting), bring in and decide on options, consolidate, record a party's
consent (one row of the consent matrix), change who must consent, reopen a settled step.

Every form on the page sends the case's version under one shared name (``versie``, class
``wr-versie``): a consent row saved in place answers with the new version for all of them, so
that the next form sent from the same page is not refused as stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Consolidatie, Fase, Instemming, Opdrachtgever, Optie, Speler, WyberStap

from .interventie_formulieren import Rijformulier
from .toegang import Zaak
from .velden import DatumVeld, TijdstipMixin

Partij = Speler | Opdrachtgever


@dataclass(frozen=True)
class Partijen:
    """The case's spelers and opdrachtgevers, as choices ``speler:<uuid>`` and
    ``opdrachtgever:<uuid>``."""

    spelers: list[Speler]
    opdrachtgevers: list[Opdrachtgever]

    @staticmethod
    def sleutel(partij: Partij) -> str:
        soort = "speler" if isinstance(partij, Speler) else "opdrachtgever"
        return f"{soort}:{partij.uuid}"

    @staticmethod
    def naam(partij: Partij) -> str:
        if isinstance(partij, Speler):
            return partij.naam
        return f"{partij.naam} ({Opdrachtgever.Rol(partij.rol).label})"

    @property
    def alle(self) -> list[Partij]:
        return [*self.spelers, *self.opdrachtgevers]

    def keuzes(self) -> list[tuple[str, str]]:
        return [(self.sleutel(p), self.naam(p)) for p in self.alle]

    def van(self, sleutels: list[str]) -> list[Partij]:
        alle = {self.sleutel(p): p for p in self.alle}
        return [alle[s] for s in sleutels if s in alle]


class GedeeldeVersie(Rijformulier):
    """A Wyberen form: its version field is shared by name across the page (see above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versie"].widget = forms.HiddenInput(
            attrs={"class": "wr-versie", "id": f"{self.prefix or 'f'}-versie"}
        )

    def add_prefix(self, field_name: str) -> str:
        return "versie" if field_name == "versie" else super().add_prefix(field_name)


def _tekst(label: Any, *, required: bool = False, rows: int = 3, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class StartFormulier(TijdstipMixin, GedeeldeVersie):
    doel = _tekst(
        _("Doel van de stap"), required=True, help_text=_("Wat moet deze stap vaststellen?")
    )

    field_order = ["doel", "toelichting", "tijdstip", "tijdstip_tijd"]

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="start", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.html_id = "startformulier"
        self.knop = gettext("Stap starten")


class FaseFormulier(TijdstipMixin, GedeeldeVersie):
    """One phase on; irreversible, so it asks for confirmation and a toelichting."""

    onomkeerbaar = True
    naar = forms.ChoiceField(label=_("Naar fase"), choices=(), widget=forms.RadioSelect)

    field_order = ["naar", "toelichting", "tijdstip", "tijdstip_tijd"]

    def __init__(self, *args: Any, zaak: Zaak, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"fase-{stap.uuid}", **kwargs)
        self.stap = stap
        self.niet_voor = stap.gestart_op
        fasen = list(Fase)
        volgende = fasen[min(fasen.index(Fase(stap.fase)) + 1, len(fasen) - 1)]
        naar = self.fields["naar"]
        assert isinstance(naar, forms.ChoiceField)
        naar.choices = [(volgende.value, volgende.label)]
        self.initial.setdefault("naar", volgende.value)
        toelichting = self.fields["toelichting"]
        toelichting.required = True
        toelichting.help_text = _(
            "Waarom is de stap klaar voor de volgende fase? Een fase gaat niet terug."
        )
        self.html_id = f"fase-{stap.uuid}"
        self.knop = gettext("Naar %(fase)s") % {"fase": str(volgende.label).lower()}


class OptieFormulier(TijdstipMixin, GedeeldeVersie):
    veldnamen = {"speler": "inbrenger", "opdrachtgever": "inbrenger"}

    titel = forms.CharField(label=_("Optie"), max_length=200)
    omschrijving = _tekst(_("Omschrijving"))
    inbrenger = forms.ChoiceField(label=_("Ingebracht door"), required=False)

    field_order = ["titel", "omschrijving", "inbrenger", "toelichting", "tijdstip", "tijdstip_tijd"]

    def __init__(
        self, *args: Any, zaak: Zaak, stap: WyberStap, partijen: Partijen, **kwargs: Any
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"optie-{stap.uuid}", **kwargs)
        self.stap = stap
        self.partijen = partijen
        self.niet_voor = stap.gestart_op
        inbrenger = self.fields["inbrenger"]
        assert isinstance(inbrenger, forms.ChoiceField)
        inbrenger.choices = [("", gettext("De procesregisseur")), *partijen.keuzes()]
        self.html_id = f"optie-{stap.uuid}"
        self.knop = gettext("Optie inbrengen")

    def inbrenger_partij(self) -> Partij | None:
        gevonden = self.partijen.van([self.cleaned_data.get("inbrenger") or ""])
        return gevonden[0] if gevonden else None


class BesluitFormulier(TijdstipMixin, GedeeldeVersie):
    status = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (Optie.Status.GEKOZEN, _("Kiezen")),
            (Optie.Status.VERWORPEN, _("Verwerpen")),
            (Optie.Status.SAMENGEVOEGD, _("Samenvoegen met een andere optie")),
        ],
        widget=forms.RadioSelect,
    )
    reden = _tekst(_("Reden"), help_text=_("Verplicht bij verwerpen."))
    samengevoegd_in = forms.ChoiceField(label=_("Samenvoegen met"), required=False)

    field_order = ["status", "reden", "samengevoegd_in", "tijdstip", "tijdstip_tijd"]

    def __init__(
        self, *args: Any, zaak: Zaak, optie: Optie, opties: list[Optie], **kwargs: Any
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"besluit-{optie.uuid}", **kwargs)
        self.optie = optie
        self.opties = {str(o.uuid): o for o in opties}
        self.niet_voor = optie.ingebracht_op
        # The reden is the toelichting of this decision.
        del self.fields["toelichting"]
        doelen = [
            (str(o.uuid), o.titel)
            for o in opties
            if o.pk != optie.pk and o.status != Optie.Status.SAMENGEVOEGD
        ]
        keuze = self.fields["samengevoegd_in"]
        assert isinstance(keuze, forms.ChoiceField)
        keuze.choices = [("", gettext("Geen")), *doelen]
        if not doelen:
            del self.fields["samengevoegd_in"]
        if optie.status != Optie.Status.OPEN and not self.is_bound:
            self.initial["status"] = optie.status
            self.initial["reden"] = optie.reden
        self.html_id = f"besluit-{optie.uuid}"
        self.knop = gettext("Besluit vastleggen")

    def samenvoegen_met(self) -> Optie | None:
        return self.opties.get(self.cleaned_data.get("samengevoegd_in") or "")


class ConsolidatieFormulier(TijdstipMixin, GedeeldeVersie):
    uitkomst = forms.ChoiceField(
        label=_("Soort overeenstemming"),
        choices=Consolidatie.Uitkomst.choices,
        widget=forms.RadioSelect,
    )
    tekst = _tekst(_("Wat is afgesproken?"), required=True, rows=4)
    document_titel = forms.CharField(label=_("Titel van het document"), required=False)
    document_url = forms.URLField(
        label=_("Adres (URL) van het document"), required=False, assume_scheme="https"
    )
    instemmers = forms.MultipleChoiceField(
        label=_("Wie moet instemmen?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Voorgesteld: de aangehaakte spelers die hun organisatie kunnen binden en de "
            "aangehaakte opdrachtgevers met een mandaat."
        ),
    )

    field_order = [
        "uitkomst",
        "tekst",
        "document_titel",
        "document_url",
        "instemmers",
        "toelichting",
        "tijdstip",
        "tijdstip_tijd",
    ]

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        stap: WyberStap,
        partijen: Partijen,
        standaard: list[Partij],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"cons-{stap.uuid}", **kwargs)
        self.stap = stap
        self.partijen = partijen
        self.niet_voor = stap.consolideren_op or stap.gestart_op
        keuze = self.fields["instemmers"]
        assert isinstance(keuze, forms.MultipleChoiceField)
        keuze.choices = partijen.keuzes()
        if not self.is_bound:
            self.initial["instemmers"] = [Partijen.sleutel(p) for p in standaard]
        self.html_id = f"consolidatie-{stap.uuid}"
        self.knop = gettext("Consolidatie vastleggen")


class InstemmingFormulier(GedeeldeVersie):
    """One row of the consent matrix. Without its own tijdstip: a formal decision happened on
    its ``besloten_op`` (the service dates the event there), other news is of today."""

    status = forms.ChoiceField(label=_("Instemming"), choices=Instemming.Status.choices)
    voorbehoud = forms.CharField(label=_("Voorbehoud"), required=False)
    formeel_besloten = forms.BooleanField(label=_("Formeel besloten"), required=False)
    besloten_op = DatumVeld(label=_("Besloten op"), required=False)
    besluitreferentie = forms.CharField(label=_("Referentie"), required=False, max_length=200)

    KOLOMMEN = ("status", "voorbehoud", "formeel_besloten", "besloten_op", "besluitreferentie")

    def __init__(self, *args: Any, zaak: Zaak, instemming: Instemming, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"inst-{instemming.uuid}", **kwargs)
        self.instemming = instemming
        del self.fields["toelichting"]
        if not self.is_bound:
            for naam in self.KOLOMMEN:
                self.initial[naam] = getattr(instemming, naam)
            if instemming.besloten_op is not None:
                # As ISO text: a date object would be printed in Dutch words.
                self.initial["besloten_op"] = instemming.besloten_op.isoformat()
        self.html_id = f"instemming-formulier-{instemming.uuid}"
        self.knop = gettext("Opslaan")

    def kolommen(self) -> list[Any]:
        return [self[naam] for naam in self.KOLOMMEN]


class InstemmersFormulier(TijdstipMixin, GedeeldeVersie):
    toevoegen = forms.MultipleChoiceField(
        label=_("Moet ook instemmen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    verwijderen = forms.MultipleChoiceField(
        label=_("Hoeft niet meer in te stemmen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reden = _tekst(_("Reden"), required=True, help_text=_("Waarom verandert wie moet instemmen?"))

    field_order = ["toevoegen", "verwijderen", "reden", "tijdstip", "tijdstip_tijd"]

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        stap: WyberStap,
        partijen: Partijen,
        huidig: list[Partij],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"instemmers-{stap.uuid}", **kwargs)
        self.stap = stap
        self.partijen = partijen
        self.niet_voor = stap.consolideren_op or stap.gestart_op
        del self.fields["toelichting"]
        al = {Partijen.sleutel(p) for p in huidig}
        erbij = self.fields["toevoegen"]
        eraf = self.fields["verwijderen"]
        assert isinstance(erbij, forms.MultipleChoiceField)
        assert isinstance(eraf, forms.MultipleChoiceField)
        erbij.choices = [(k, n) for k, n in partijen.keuzes() if k not in al]
        eraf.choices = [(Partijen.sleutel(p), Partijen.naam(p)) for p in huidig]
        if not erbij.choices:
            del self.fields["toevoegen"]
        self.html_id = f"instemmers-{stap.uuid}"
        self.knop = gettext("Instemmers wijzigen")


class HeropenFormulier(TijdstipMixin, GedeeldeVersie):
    reden = _tekst(_("Reden van de heropening"), required=True)
    doel = _tekst(
        _("Doel van de nieuwe stap"), help_text=_("Leeg is hetzelfde doel als deze stap.")
    )

    field_order = ["reden", "doel", "tijdstip", "tijdstip_tijd"]

    def __init__(self, *args: Any, zaak: Zaak, stap: WyberStap, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"heropen-{stap.uuid}", **kwargs)
        self.stap = stap
        self.niet_voor = stap.geconsolideerd_op or stap.gestart_op
        del self.fields["toelichting"]
        self.html_id = f"heropen-{stap.uuid}"
        self.knop = gettext("Stap heropenen")
