"""Forms of the Bijeenkomsten task: record a bijeenkomst with who was invited and who came
(``leg_bijeenkomst_vast``), and upload its verslag as a document (``voeg_document_toe``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Bijeenkomst, Bijeenkomstsoort, WyberStap
from cases.services import DeelnemerInvoer

from ..formulieren import Dienstformulier
from ..toegang import Zaak
from ..velden import DatumVeld
from .formulieren import beperk_zichtbaarheid, tekstvak, uuidkeuze, zichtbaarheidsveld
from .partijen import Partijen


def _namen(tekst: str) -> list[str]:
    """One name a line, empty lines and repeats left out, in the order given."""
    gezien: list[str] = []
    for regel in tekst.splitlines():
        naam = regel.strip()
        if naam and naam not in gezien:
            gezien.append(naam)
    return gezien


class BijeenkomstFormulier(Dienstformulier):
    veldnamen = {"deelnemers": "uitgenodigd", "interventies": "wyberstap"}

    titel = forms.CharField(label=_("Titel"), max_length=200)
    # The kinds are read once, in __init__ (a model select would read them again to ask
    # whether its first choice is empty).
    soort = forms.ChoiceField(label=_("Soort"))
    datum = DatumVeld(
        label=_("Wanneer?"),
        help_text=_("De dag waarop de bijeenkomst was, of komt als zij gepland is."),
    )
    gepland = forms.BooleanField(
        label=_("Nog te houden (gepland)"),
        required=False,
        help_text=_(
            "Een bijeenkomst die nog komt: vandaag of later, nog zonder aanwezigen en verslag. "
            "Na afloop legt u op haar pagina vast dat zij gehouden of afgelast is."
        ),
    )
    waar = forms.CharField(label=_("Waar?"), required=False, max_length=200)
    uitgenodigd = forms.MultipleChoiceField(
        label=_("Uitgenodigd"), required=False, widget=forms.CheckboxSelectMultiple
    )
    aanwezig = forms.MultipleChoiceField(
        label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple
    )
    anderen_uitgenodigd = tekstvak(
        _("Anderen uitgenodigd"),
        help_text=_("Mensen die geen partij in het proces zijn: één naam per regel."),
    )
    anderen_aanwezig = tekstvak(
        _("Anderen aanwezig"),
        help_text=_("Eén naam per regel; wie ook bij 'uitgenodigd' staat, telt één keer."),
    )
    agenda = tekstvak(_("Agenda"), rows=4)
    verslag = tekstvak(
        _("Verslag"),
        rows=6,
        help_text=_(
            "Als tekst; een verslag als bestand voegt u toe op de pagina van de bijeenkomst."
        ),
    )
    wyberstap = uuidkeuze(
        _("Wyber-stap die de bijeenkomst diende"), WyberStap, _("Geen wyber-stap")
    )
    zichtbaarheid = zichtbaarheidsveld(
        _("Wie mag deze bijeenkomst zien?"),
        _("Ligt vast na het vastleggen."),
    )

    field_order = [
        "titel",
        "soort",
        "datum",
        "gepland",
        "waar",
        "uitgenodigd",
        "aanwezig",
        "anderen_uitgenodigd",
        "anderen_aanwezig",
        "agenda",
        "verslag",
        "wyberstap",
        "zichtbaarheid",
        "toelichting",
    ]

    def __init__(self, *args: Any, zaak: Zaak, zichtbaar: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="bijeenkomst", **kwargs)
        bestuursproces = zaak.bestuursproces
        self.partijen = Partijen(bestuursproces, ("speler", "opdrachtgever"))
        self.soorten = {s.code: s for s in Bijeenkomstsoort.objects.order_by("volgorde", "naam")}
        soort = self.fields["soort"]
        assert isinstance(soort, forms.ChoiceField)
        soort.choices = [(code, s.naam) for code, s in self.soorten.items()]
        for naam in ("uitgenodigd", "aanwezig"):
            veld = self.fields[naam]
            assert isinstance(veld, forms.ChoiceField)
            veld.choices = self.partijen.keuzes
        self.fields["wyberstap"].queryset = WyberStap.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces
        ).order_by("-volgnummer")
        beperk_zichtbaarheid(self, zichtbaar)
        if not self.is_bound:
            self.initial["datum"] = timezone.localdate().isoformat()
        self.html_id = "bijeenkomstformulier"
        self.knop = gettext("Bijeenkomst vastleggen")

    def clean_soort(self) -> Bijeenkomstsoort:
        return self.soorten[self.cleaned_data["soort"]]

    def veld_voor(self, naam: str | None) -> str | None:
        # A refused deelnemer is named by its place in the list ("deelnemers.3").
        if naam and naam.startswith("deelnemers"):
            return "uitgenodigd"
        return super().veld_voor(naam)

    def deelnemers(self) -> list[DeelnemerInvoer]:
        """Every party and name once, invited and/or present, parties first in list order."""
        gegevens = self.cleaned_data
        uitgenodigd = set(gegevens.get("uitgenodigd") or [])
        aanwezig = set(gegevens.get("aanwezig") or [])
        invoer = []
        for sleutel, _label in self.partijen.keuzes:
            if sleutel not in uitgenodigd | aanwezig:
                continue
            invoer.append(
                DeelnemerInvoer.van(
                    self.partijen.partij(sleutel),
                    uitgenodigd=sleutel in uitgenodigd,
                    aanwezig=sleutel in aanwezig,
                )
            )
        namen_uit = _namen(gegevens.get("anderen_uitgenodigd") or "")
        namen_aan = _namen(gegevens.get("anderen_aanwezig") or "")
        for naam in namen_uit + [n for n in namen_aan if n not in namen_uit]:
            invoer.append(
                DeelnemerInvoer(
                    naam=naam, uitgenodigd=naam in namen_uit, aanwezig=naam in namen_aan
                )
            )
        return invoer


def verslagtitel(bijeenkomst: Bijeenkomst) -> str:
    """The title of a verslag uploaded from the bijeenkomst's page. It is data of the case
    file, so in the site's language whoever uploads; until a document can link to a
    bijeenkomst it is also how the bijeenkomst finds its verslag (see ``lezen.verslagen``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Verslag: %(titel)s (%(datum)s)") % {
            "titel": bijeenkomst.titel,
            "datum": date_format(bijeenkomst.datum, "j F Y"),
        }


class VerslagFormulier(Dienstformulier):
    """The verslag of a bijeenkomst as a file: a document at the bijeenkomst's level."""

    bestand = forms.FileField(
        label=_("Verslag (bestand)"), help_text=_("Pdf, docx, odt of txt, bijvoorbeeld.")
    )

    field_order = ["bestand", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, bijeenkomst: Bijeenkomst, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="verslag", **kwargs)
        self.bijeenkomst = bijeenkomst
        self.html_id = "verslagformulier"
        self.knop = gettext("Verslag toevoegen")
