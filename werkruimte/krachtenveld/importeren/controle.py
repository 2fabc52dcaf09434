"""Step 2 of the import: every row checked against the case, likely duplicates marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from cases.models import Bestuursproces, Macht, Organisatie, Speler, Standpunt, Veld

from ..lezen import bestaande_namen, naamsleutel
from .bestand import VERPLICHT

JA = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NEE = {"nee", "n", "no", "onwaar", "false", "0", ""}
DATUMNOTATIES = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")


def _keuzes(keuzes: type[models.TextChoices]) -> dict[str, str]:
    """Label or code (also with spaces, also without 'veld') → code."""
    opzoek: dict[str, str] = {}
    for code, label in keuzes.choices:
        for vorm in (code, code.replace("_", " "), str(label)):
            opzoek[naamsleutel(vorm)] = code
            if naamsleutel(vorm).endswith("e veld"):
                # 'Verbindende veld', 'verbindende' and 'verbindend' are the same veld.
                opzoek[naamsleutel(vorm)[: -len(" veld")]] = code
                opzoek[naamsleutel(vorm)[: -len("e veld")]] = code
    return opzoek


def _waardelijsten() -> dict[str, tuple[type[models.TextChoices], dict[str, str]]]:
    # Built per call: the labels are translated in the active language.
    return {
        "soort": (Speler.Soort, _keuzes(Speler.Soort)),
        "veld": (Veld, _keuzes(Veld)),
        "rol": (Speler.RolInProces, _keuzes(Speler.RolInProces)),
        "standpunt": (Standpunt, _keuzes(Standpunt)),
        "macht": (Macht, _keuzes(Macht)),
    }


@dataclass
class Rij:
    """One checked row: the values as codes, what is wrong, and a likely duplicate."""

    nummer: int  # as the spreadsheet numbers it (the heading is row 1)
    naam: str = ""
    soort: str = ""
    veld: str = ""
    rol: str = ""
    organisatie: str = ""
    standpunt: str = ""
    macht: str = ""
    invloed: int | None = None
    vertrouwen: int | None = None
    unieke_macht: bool = False
    belang: str = ""
    belemmeringen: str = ""
    datum: str = ""  # ISO
    toelichting: str = ""
    fouten: list[str] = field(default_factory=list)
    dubbel: str = ""  # the existing party's name
    dubbel_in_bestand: int | None = None  # the earlier row
    nieuwe_organisatie: bool = False

    @property
    def goed(self) -> bool:
        return not self.fouten

    @property
    def beoordeeld(self) -> bool:
        return bool(self.standpunt)

    @property
    def datum_als_datum(self) -> dt.date | None:
        return dt.date.fromisoformat(self.datum) if self.datum else None

    def label(self, sleutel: str) -> str:
        """The Dutch label of a coded value, for the preview."""
        waarde = getattr(self, sleutel)
        if not waarde:
            return ""
        keuzes = _waardelijsten()[sleutel][0]
        return str(keuzes(waarde).label)

    @property
    def soort_label(self) -> str:
        return self.label("soort")

    @property
    def veld_label(self) -> str:
        return self.label("veld")

    @property
    def rol_label(self) -> str:
        return self.label("rol")

    @property
    def standpunt_label(self) -> str:
        return self.label("standpunt")

    @property
    def macht_label(self) -> str:
        return self.label("macht")


def _datum(tekst: str) -> dt.date | None:
    tekst = tekst.strip()
    if " " in tekst:  # a spreadsheet date with a time of day
        tekst = tekst.split(" ", 1)[0]
    for notatie in DATUMNOTATIES:
        try:
            return dt.datetime.strptime(tekst, notatie).date()
        except ValueError:
            continue
    return None


def _score(rij: Rij, tekst: str, naam: str) -> int | None:
    if not tekst:
        return None
    try:
        score = int(tekst)
    except ValueError:
        score = 0
    if not 1 <= score <= 5:
        rij.fouten.append(
            gettext("%(kolom)s moet een getal van 1 tot en met 5 zijn (nu: '%(waarde)s').")
            % {"kolom": naam, "waarde": tekst}
        )
        return None
    return score


def _controleer_rij(
    rij: Rij,
    waarden: dict[str, str],
    lijsten: dict[str, tuple[type[models.TextChoices], dict[str, str]]],
    geopend: dt.date,
    vandaag: dt.date,
) -> None:
    rij.naam = waarden.get("naam", "")
    if not rij.naam:
        rij.fouten.append(gettext("De naam ontbreekt."))
    elif len(rij.naam) > 200:
        rij.fouten.append(gettext("De naam is langer dan 200 tekens."))
    kolomnamen = {
        "soort": gettext("Soort"),
        "veld": gettext("Veld"),
        "rol": gettext("Rol"),
        "standpunt": gettext("Standpunt"),
        "macht": gettext("Macht"),
    }
    for sleutel, (keuzes, opzoek) in lijsten.items():
        tekst = waarden.get(sleutel, "")
        if not tekst:
            if sleutel in VERPLICHT:
                rij.fouten.append(gettext("%(kolom)s ontbreekt.") % {"kolom": kolomnamen[sleutel]})
            continue
        code = opzoek.get(naamsleutel(tekst))
        if code is None:
            rij.fouten.append(
                gettext("%(kolom)s '%(waarde)s' is onbekend; kies uit: %(keuzes)s.")
                % {
                    "kolom": kolomnamen[sleutel],
                    "waarde": tekst,
                    "keuzes": ", ".join(str(label).lower() for _, label in keuzes.choices),
                }
            )
            continue
        setattr(rij, sleutel, code)
    rij.organisatie = waarden.get("organisatie", "")[:200]
    rij.belang = waarden.get("belang", "")
    rij.belemmeringen = waarden.get("belemmeringen", "")
    rij.toelichting = waarden.get("toelichting", "")
    rij.invloed = _score(rij, waarden.get("invloed", ""), gettext("Invloed"))
    rij.vertrouwen = _score(rij, waarden.get("vertrouwen", ""), gettext("Vertrouwen"))
    uniek = naamsleutel(waarden.get("unieke_macht", ""))
    if uniek in JA:
        rij.unieke_macht = True
    elif uniek not in NEE:
        rij.fouten.append(gettext("Unieke macht is ja of nee."))
    beoordeling = ("standpunt", "macht", "invloed", "vertrouwen", "unieke_macht")
    if any(waarden.get(k) for k in beoordeling) and not (
        waarden.get("standpunt") and waarden.get("macht")
    ):
        rij.fouten.append(
            gettext(
                "Voor een beoordeling zijn standpunt en macht allebei nodig; laat anders ook "
                "invloed, vertrouwen en unieke macht leeg."
            )
        )
    tekst = waarden.get("datum", "")
    if tekst:
        datum = _datum(tekst)
        if datum is None:
            rij.fouten.append(
                gettext("De datum '%(waarde)s' is niet te lezen; schrijf bijvoorbeeld 6-12-2026.")
                % {"waarde": tekst}
            )
        elif datum > vandaag:
            rij.fouten.append(
                gettext("De datum %(datum)s ligt in de toekomst.")
                % {"datum": date_format(datum, "j F Y")}
            )
        elif datum < geopend:
            rij.fouten.append(
                gettext("De datum %(datum)s ligt vóór de opening van het proces (%(geopend)s).")
                % {
                    "datum": date_format(datum, "j F Y"),
                    "geopend": date_format(geopend, "j F Y"),
                }
            )
        else:
            rij.datum = datum.isoformat()


@dataclass
class Voorbeeld:
    rijen: list[Rij]

    @property
    def fouten(self) -> int:
        return sum(1 for r in self.rijen if not r.goed)

    @property
    def dubbel(self) -> int:
        return sum(1 for r in self.rijen if r.dubbel or r.dubbel_in_bestand)

    @property
    def goed(self) -> bool:
        return self.fouten == 0


def controleer(bestuursproces: Bestuursproces, gelezen: list[dict[str, str]]) -> Voorbeeld:
    """Every row checked, likely duplicates marked (3 queries)."""
    lijsten = _waardelijsten()
    geopend = timezone.localdate(bestuursproces.geopend_op)
    vandaag = timezone.localdate()
    bestaand = bestaande_namen(bestuursproces)
    organisaties = {
        naamsleutel(n)
        for n in Organisatie.objects.filter(bestuursproces=bestuursproces).values_list(
            "naam", flat=True
        )
    }
    gezien: dict[str, int] = {}
    rijen = []
    for index, waarden in enumerate(gelezen):
        rij = Rij(nummer=index + 2)
        _controleer_rij(rij, waarden, lijsten, geopend, vandaag)
        sleutel = naamsleutel(rij.naam)
        if sleutel:
            rij.dubbel = bestaand.get(sleutel, "")
            rij.dubbel_in_bestand = gezien.get(sleutel)
            gezien.setdefault(sleutel, rij.nummer)
        if rij.organisatie and naamsleutel(rij.organisatie) not in organisaties:
            rij.nieuwe_organisatie = True
        rijen.append(rij)
    return Voorbeeld(rijen)
