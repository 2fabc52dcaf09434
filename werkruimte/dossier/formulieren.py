"""Forms of the Besluiten, Afspraken and Documenten tasks. Each calls one service (the
besluit that is a consent's formal decision: two, in one transaction); the services' rules are
not repeated here, their refusals land on these fields by name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import (
    AfspraakStatus,
    Besluit,
    Besluitmoment,
    Bijeenkomst,
    Document,
    Fase,
    Instemming,
    Orgaan,
    WyberStap,
    Zichtbaarheid,
)

from ..formulieren import Dienstformulier
from ..interventie_formulieren import Rijformulier
from ..toegang import Zaak
from ..velden import DatumVeld
from .partijen import Partijen


def tekstvak(label: Any, *, required: bool = False, rows: int = 3, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def uuidkeuze(label: Any, model: type[Any], leeg: Any, **kwargs: Any) -> forms.ModelChoiceField:
    """An optional choice of one row of the case, posted by its uuid; the form sets the
    queryset to the case's rows."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.none(),
        to_field_name="uuid",
        required=False,
        empty_label=leeg,
        **kwargs,
    )


def zichtbaarheidsveld(label: Any, help_text: Any = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        initial=Zichtbaarheid.PROCES,
        help_text=help_text,
    )


def beperk_zichtbaarheid(formulier: forms.Form, zichtbaar: frozenset[str]) -> None:
    """Offer only the levels the author may read (the service refuses the others)."""
    veld = formulier.fields["zichtbaarheid"]
    assert isinstance(veld, forms.ChoiceField)
    veld.choices = [(c, label) for c, label in Zichtbaarheid.choices if c in zichtbaar]


def _keuze(formulier: forms.Form, naam: str) -> forms.ChoiceField:
    veld = formulier.fields[naam]
    assert isinstance(veld, forms.ChoiceField)
    return veld


class BesluitFormulier(Dienstformulier):
    """Record a besluit: who decided what, when, under which kenmerk; perhaps fulfilling a
    besluitmoment, coming out of a bijeenkomst, and the formal decision behind a consent."""

    veldnamen = {
        "opdrachtgever": "besluitnemer",
        "organisatie": "besluitnemer",
        "orgaan": "besluitnemer",
        "besluit": "instemming",
        "tijdstip": "instemming",
        "status": "instemming",
    }

    titel = forms.CharField(label=_("Titel"), max_length=200)
    inhoud = tekstvak(_("Wat is besloten?"))
    besluitnemer = forms.ChoiceField(label=_("Wie besloot?"))
    orgaan_naam = forms.CharField(
        label=_("Naam van het orgaan"),
        required=False,
        max_length=200,
        help_text=_("Bij 'ander orgaan': welk orgaan, bijvoorbeeld het algemeen bestuur."),
    )
    datum = DatumVeld(label=_("Datum van het besluit"))
    kenmerk = forms.CharField(label=_("Kenmerk"), required=False, max_length=100)
    besluitmoment = forms.ChoiceField(
        label=_("Vervult het besluitmoment"),
        required=False,
        help_text=_("Een besluitmoment uit de opdracht dat met dit besluit genomen is."),
    )
    bijeenkomst = uuidkeuze(_("Genomen in de bijeenkomst"), Bijeenkomst, _("Geen bijeenkomst"))
    instemming = uuidkeuze(
        _("Formeel besluit achter de instemming van"),
        Instemming,
        _("Geen instemming"),
        help_text=_(
            "Is dit het formele besluit waarmee een partij instemt met een stap? Dan wordt haar "
            "instemming vastgelegd als ingestemd en formeel besloten op de datum van dit besluit."
        ),
    )
    zichtbaarheid = zichtbaarheidsveld(_("Wie mag dit besluit zien?"))

    field_order = [
        "titel",
        "inhoud",
        "besluitnemer",
        "orgaan_naam",
        "datum",
        "kenmerk",
        "besluitmoment",
        "bijeenkomst",
        "instemming",
        "zichtbaarheid",
        "toelichting",
    ]

    def __init__(self, *args: Any, zaak: Zaak, zichtbaar: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="besluit", **kwargs)
        bestuursproces = zaak.bestuursproces
        self.partijen = Partijen(bestuursproces, ("opdrachtgever", "organisatie"))
        _keuze(self, "besluitnemer").choices = [
            ("", gettext("Kies wie besloot")),
            *self.partijen.keuzes,
            *((f"orgaan:{code}", label) for code, label in Orgaan.choices),
        ]
        momenten = Besluitmoment.objects.filter(bestuursproces=bestuursproces).order_by(
            "datum", "volgorde"
        )
        _keuze(self, "besluitmoment").choices = [
            ("", gettext("Geen besluitmoment")),
            *(
                (m.datum.isoformat(), f"{date_format(m.datum, 'j F Y')}: {m.gevraagd[:80]}")
                for m in momenten
            ),
        ]
        self.fields["bijeenkomst"].queryset = Bijeenkomst.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        ).order_by("-datum", "-id")
        self.fields["instemming"].queryset = (  # type: ignore[attr-defined]
            Instemming.objects.filter(
                bestuursproces=bestuursproces,
                stap__fase=Fase.CONSOLIDEREN,
                formeel_besloten=False,
                formeel_besluit_nodig=True,
            )
            .select_related("speler", "opdrachtgever", "stap")
            .order_by("stap__volgnummer", "id")
        )
        self.fields["instemming"].label_from_instance = _instemminglabel  # type: ignore[attr-defined]
        beperk_zichtbaarheid(self, zichtbaar)
        if not self.is_bound:
            self.initial["datum"] = timezone.localdate().isoformat()
        self.html_id = "besluitformulier"
        self.knop = gettext("Besluit vastleggen")

    def besluitnemer_invoer(self) -> dict[str, Any]:
        """The service's keyword arguments for who decided."""
        waarde = self.cleaned_data.get("besluitnemer") or ""
        if waarde.startswith("orgaan:"):
            return {"orgaan": waarde.removeprefix("orgaan:")}
        partij = self.partijen.partij(waarde)
        soort = waarde.split(":", 1)[0]
        return {soort: partij} if partij is not None else {}


def _instemminglabel(instemming: Instemming) -> str:
    partij = instemming.speler or instemming.opdrachtgever
    return gettext("%(partij)s, stap %(stap)s (%(status)s)") % {
        "partij": partij.naam if partij else "?",
        "stap": instemming.stap.volgnummer,
        "status": Instemming.Status(instemming.status).label.lower(),
    }


class AfspraakFormulier(Rijformulier):
    """Record an afspraak: what, which party delivers, to whom, by when, where it came from.
    A Rijformulier so that the page hands it the version it read for the rows' forms."""

    veldnamen = {"aan_speler": "aan", "aan_opdrachtgever": "aan", "aan_organisatie": "aan"}

    wat = tekstvak(_("Wat is afgesproken?"), required=True)
    door = forms.ChoiceField(label=_("Wie levert?"))
    aan = forms.ChoiceField(label=_("Aan wie?"), required=False)
    aan_naam = forms.CharField(
        label=_("Aan (een naam)"),
        required=False,
        max_length=200,
        help_text=_("Als de ontvanger geen partij in het proces is."),
    )
    uiterlijk = DatumVeld(
        label=_("Uiterlijk"), required=False, help_text=_("Een dag in de toekomst mag.")
    )
    datum = DatumVeld(label=_("Afgesproken op"), required=False, help_text=_("Leeg is vandaag."))
    bijeenkomst = uuidkeuze(_("Afgesproken in de bijeenkomst"), Bijeenkomst, _("Geen bijeenkomst"))
    besluit = uuidkeuze(_("Voortgekomen uit het besluit"), Besluit, _("Geen besluit"))
    wyberstap = uuidkeuze(_("Voortgekomen uit de wyber-stap"), WyberStap, _("Geen wyber-stap"))
    zichtbaarheid = zichtbaarheidsveld(_("Wie mag deze afspraak zien?"))

    field_order = [
        "wat",
        "door",
        "aan",
        "aan_naam",
        "uiterlijk",
        "datum",
        "bijeenkomst",
        "besluit",
        "wyberstap",
        "zichtbaarheid",
        "toelichting",
    ]

    def __init__(self, *args: Any, zaak: Zaak, zichtbaar: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="afspraak", **kwargs)
        bestuursproces = zaak.bestuursproces
        self.partijen = Partijen(bestuursproces, ("speler", "opdrachtgever", "organisatie"))
        _keuze(self, "door").choices = [("", gettext("Kies een partij")), *self.partijen.keuzes]
        _keuze(self, "aan").choices = [("", gettext("Geen partij")), *self.partijen.keuzes]
        self.fields["bijeenkomst"].queryset = Bijeenkomst.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        ).order_by("-datum", "-id")
        self.fields["besluit"].queryset = Besluit.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        ).order_by("-datum", "-id")
        self.fields["wyberstap"].queryset = WyberStap.objects.filter(  # type: ignore[attr-defined]
            bestuursproces=bestuursproces
        ).order_by("-volgnummer")
        beperk_zichtbaarheid(self, zichtbaar)
        self.html_id = "afspraakformulier"
        self.knop = gettext("Afspraak vastleggen")

    def clean_door(self) -> Any:
        return self.partijen.partij(self.cleaned_data.get("door"))

    def clean_aan(self) -> Any:
        return self.partijen.partij(self.cleaned_data.get("aan"))


class AfhandelFormulier(Rijformulier):
    """An open afspraak nagekomen, niet nagekomen or vervallen (the last two with a reason),
    on a row of the list, in place."""

    status = forms.ChoiceField(
        label=_("Hoe is het afgelopen?"),
        choices=[(s, label) for s, label in AfspraakStatus.choices if s != AfspraakStatus.OPEN],
        widget=forms.RadioSelect,
    )
    reden = tekstvak(_("Reden"), rows=2, help_text=_("Nodig bij niet nagekomen en vervallen."))
    op = DatumVeld(label=_("Op"), required=False, help_text=_("Leeg is vandaag."))

    field_order = ["status", "reden", "op", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, afspraak: Any, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"afh-{afspraak.uuid}", **kwargs)
        self.afspraak = afspraak
        self.html_id = f"afhandelen-{afspraak.uuid}"
        self.knop = gettext("Vastleggen")


class DocumentFormulier(Rijformulier):
    """Upload a document with its first version (a Rijformulier: the page hands it the
    version it read for the rows' forms)."""

    titel = forms.CharField(label=_("Titel"), max_length=200)
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Pdf, docx, xlsx, odt, ods, png, jpg of txt."),
    )
    zichtbaarheid = zichtbaarheidsveld(_("Wie mag dit document zien?"))

    field_order = ["titel", "bestand", "zichtbaarheid", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, zichtbaar: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="document", **kwargs)
        beperk_zichtbaarheid(self, zichtbaar)
        self.initial.setdefault("zichtbaarheid", Zichtbaarheid.KERNTEAM)
        self.html_id = "documentformulier"
        self.knop = gettext("Document toevoegen")


class VersieFormulier(Rijformulier):
    """The next version of a document, on its row."""

    bestand = forms.FileField(label=_("Nieuwe versie"))

    field_order = ["bestand", "toelichting"]

    def __init__(self, *args: Any, zaak: Zaak, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix=f"versie-{document.uuid}", **kwargs)
        self.document = document
        self.html_id = f"versie-{document.uuid}"
        self.knop = gettext("Versie toevoegen")
