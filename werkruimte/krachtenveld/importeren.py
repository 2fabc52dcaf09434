"""Overstappen uit Excel: a stakeholder list (xlsx or csv) becomes spelers with assessments.

Three steps, none of which leaves a file on the server:

1. ``lees_bestand`` turns the uploaded bytes into rows of text (the first row names the
   columns; ``;`` or ``,`` separated csv in UTF-8 with or without BOM, or the first sheet of
   an xlsx workbook), within a size and a row limit;
2. ``controleer`` checks every row (required columns, known values in Dutch labels or codes,
   dates as d-m-jjjj or ISO, not in the future nor before the case opened) and marks likely
   duplicates of parties already in the case or earlier in the file; the checked rows travel
   to the next step as a signed token (``verpak``/``pak_uit``) in the confirmation form;
3. ``importeer`` writes every row through the services in one transaction, each with its
   own date: ``organisatie.geregistreerd`` for an organisation the case does not know yet,
   ``speler.geregistreerd`` and, when the row has a standpunt, ``speler.beoordeeld``. One
   refused row refuses the whole file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from cases import services
from cases.events import Actor
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Macht,
    Organisatie,
    Speler,
    Standpunt,
    Veld,
    Zichtbaarheid,
)

from .diensten import EersteBeoordeling, registreer_en_beoordeel
from .lezen import bestaande_namen, naamsleutel

MAX_BYTES = 2 * 1024 * 1024
# An xlsx is a zip: a small file can unpack to a huge one. Its parts together stay below this.
MAX_UITGEPAKT = 50 * 1024 * 1024
MAX_RIJEN = 500
# A token is valid for the time it takes to read the preview.
GELDIG_SECONDEN = 60 * 60
ZOUT = "werkruimte.krachtenveld.import"
STANDAARDSCORE = 3


class Bestandsfout(Exception):
    """The file as a whole cannot be read; the message says why, in Dutch."""


# The columns: the key, the headings that name it (compared without case and accents).
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "naam": ("naam", "partij", "speler", "stakeholder", "belanghebbende"),
    "soort": ("soort", "type"),
    "veld": ("veld",),
    "rol": ("rol", "rol in het proces", "rol in proces", "rol_in_proces"),
    "organisatie": ("organisatie", "organisation"),
    "standpunt": ("standpunt", "houding"),
    "macht": ("macht", "soort macht"),
    "invloed": ("invloed",),
    "vertrouwen": ("vertrouwen", "vertrouwen in de regisseur"),
    "unieke_macht": ("unieke macht", "uniek", "unieke_macht"),
    "belang": ("belang", "belangen"),
    "belemmeringen": ("belemmeringen", "belemmering"),
    "datum": ("datum", "sinds", "wanneer", "datum beoordeling"),
    "toelichting": ("toelichting", "onderbouwing", "opmerking", "opmerkingen"),
}
VERPLICHT = ("naam", "soort", "veld", "rol")
KOPNAMEN = {naamsleutel(kop): sleutel for sleutel, koppen in KOLOMMEN.items() for kop in koppen}
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


# --- 1. reading -----------------------------------------------------------------------------


def _tekst(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _lees_xlsx(inhoud: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    onleesbaar = gettext("Dit bestand is geen leesbaar Excel-bestand (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            uitgepakt = sum(deel.file_size for deel in archief.infolist())
    except zipfile.BadZipFile as fout:
        raise Bestandsfout(onleesbaar) from fout
    if uitgepakt > MAX_UITGEPAKT:
        raise Bestandsfout(
            gettext("Dit Excel-bestand is uitgepakt groter dan %(grens)s MB. Splits de lijst.")
            % {"grens": MAX_UITGEPAKT // (1024 * 1024)}
        )
    try:
        boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as fout:
        raise Bestandsfout(gettext("Dit bestand is geen leesbaar Excel-bestand (.xlsx).")) from fout
    try:
        blad = boek.worksheets[0]
        rijen: list[list[str]] = []
        for rij in blad.iter_rows(values_only=True):
            rijen.append([_tekst(w) for w in rij])
            if len(rijen) > MAX_RIJEN + 1:
                break
        return rijen
    finally:
        boek.close()


def _lees_csv(inhoud: bytes) -> list[list[str]]:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise Bestandsfout(
            gettext(
                "Dit csv-bestand is niet in UTF-8 opgeslagen. Kies in Excel bij Opslaan als "
                "'CSV UTF-8 (door komma's gescheiden)'."
            )
        ) from fout
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    rijen: list[list[str]] = []
    for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding):
        rijen.append([w.strip() for w in rij])
        if len(rijen) > MAX_RIJEN + 1:
            break
    return rijen


def lees_bestand(naam: str, inhoud: bytes) -> list[dict[str, str]]:
    """The rows of the file as column key → text; the heading row names the columns."""
    if len(inhoud) > MAX_BYTES:
        raise Bestandsfout(
            gettext("Dit bestand is groter dan %(grens)s MB. Splits de lijst in delen.")
            % {"grens": MAX_BYTES // (1024 * 1024)}
        )
    if not inhoud.strip():
        raise Bestandsfout(gettext("Dit bestand is leeg."))
    if naam.lower().endswith(".xlsx") or inhoud[:2] == b"PK":
        ruw = _lees_xlsx(inhoud)
    elif naam.lower().endswith((".csv", ".txt")):
        ruw = _lees_csv(inhoud)
    else:
        raise Bestandsfout(gettext("Kies een Excel-bestand (.xlsx) of een csv-bestand (.csv)."))
    ruw = [rij for rij in ruw if any(rij)]
    if not ruw:
        raise Bestandsfout(gettext("Dit bestand is leeg."))
    kop, *data = ruw
    kolommen = [KOPNAMEN.get(naamsleutel(k)) for k in kop]
    ontbreekt = [k for k in VERPLICHT if k not in kolommen]
    if ontbreekt:
        raise Bestandsfout(
            gettext(
                "De eerste rij moet de kolommen noemen. Deze ontbreken: %(kolommen)s. Verplicht "
                "zijn naam, soort, veld en rol."
            )
            % {"kolommen": ", ".join(ontbreekt)}
        )
    if not data:
        raise Bestandsfout(gettext("Dit bestand heeft wel kolomnamen, maar geen rijen."))
    if len(data) > MAX_RIJEN:
        raise Bestandsfout(
            gettext(
                "Dit bestand heeft meer dan %(grens)s rijen. Splits de lijst in delen van "
                "hoogstens %(grens)s rijen."
            )
            % {"grens": MAX_RIJEN}
        )
    return [
        {
            sleutel: waarde
            for sleutel, waarde in zip(kolommen, rij, strict=False)
            if sleutel is not None
        }
        for rij in data
    ]


# --- 2. checking ------------------------------------------------------------------------------


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


# --- the token between preview and import ----------------------------------------------------

_BEWAARD = [
    "nummer",
    "naam",
    "soort",
    "veld",
    "rol",
    "organisatie",
    "standpunt",
    "macht",
    "invloed",
    "vertrouwen",
    "unieke_macht",
    "belang",
    "belemmeringen",
    "datum",
    "toelichting",
    "dubbel",
    "dubbel_in_bestand",
]


def verpak(bestuursproces: Bestuursproces, gebruiker_id: int, rijen: Iterable[Rij]) -> str:
    """The checked rows, signed for this case and this user (compressed, no file on disk)."""
    return signing.dumps(
        {
            "zaak": str(bestuursproces.uuid),
            "door": gebruiker_id,
            "rijen": [{k: v for k, v in asdict(r).items() if k in _BEWAARD} for r in rijen],
        },
        salt=ZOUT,
        compress=True,
    )


def pak_uit(bestuursproces: Bestuursproces, gebruiker_id: int, token: str) -> list[Rij]:
    """The rows of a token made by :func:`verpak` for this case and user, or ValidationError."""
    try:
        inhoud = signing.loads(token, salt=ZOUT, max_age=GELDIG_SECONDEN)
    except signing.SignatureExpired as fout:
        raise ValidationError(
            gettext("Het voorbeeld is verlopen. Laad het bestand opnieuw."), code="verlopen"
        ) from fout
    except signing.BadSignature as fout:
        raise ValidationError(
            gettext("Het voorbeeld is niet meer te gebruiken. Laad het bestand opnieuw."),
            code="ongeldig",
        ) from fout
    if inhoud.get("zaak") != str(bestuursproces.uuid) or inhoud.get("door") != gebruiker_id:
        raise ValidationError(
            gettext("Dit voorbeeld hoort bij een ander proces. Laad het bestand opnieuw."),
            code="ongeldig",
        )
    return [Rij(**r) for r in inhoud["rijen"]]


# --- 3. importing ---------------------------------------------------------------------------


def _rijfout(rij: Rij, fout: Exception) -> ValidationError:
    if isinstance(fout, OngeldigeInvoer):
        teksten = [t for items in fout.fouten.values() for _c, t in items]
    elif isinstance(fout, DomainError):
        teksten = [fout.detail]
    elif isinstance(fout, ValidationError):
        teksten = fout.messages
    else:
        teksten = [str(fout)]
    return ValidationError(
        gettext("Rij %(nummer)s (%(naam)s): %(reden)s Er is niets geïmporteerd.")
        % {"nummer": rij.nummer, "naam": rij.naam, "reden": " ".join(teksten)}
    )


def importeer(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    rijen: list[Rij],
    dubbele_overslaan: bool,
    zichtbaarheid: str = Zichtbaarheid.PROCES,
) -> list[Speler]:
    """Every row through the services, in world-time order, in one transaction."""
    gekozen = [r for r in rijen if not (dubbele_overslaan and (r.dubbel or r.dubbel_in_bestand))]
    if not gekozen:
        raise ValidationError(gettext("Er is geen rij over om te importeren."))
    # World-time order, so that an organisation exists before the first speler in it.
    gekozen.sort(key=lambda r: (r.datum or "9999-12-31", r.nummer))
    geopend = bestuursproces.geopend_op
    spelers: list[Speler] = []
    with transaction.atomic():
        organisaties = {
            naamsleutel(o.naam): o
            for o in Organisatie.objects.filter(bestuursproces=bestuursproces)
        }
        for rij in gekozen:
            tijdstip = moment_van_datum(rij.datum_als_datum, niet_voor=geopend)
            try:
                organisatie = None
                if rij.organisatie:
                    organisatie = organisaties.get(naamsleutel(rij.organisatie))
                    if organisatie is None:
                        organisatie = services.registreer_organisatie(
                            actor=actor,
                            bestuursproces=bestuursproces,
                            naam=rij.organisatie,
                            soort=Organisatie.Soort.OVERIG,
                            toelichting=gettext("Geïmporteerd uit een lijst van partijen."),
                            tijdstip=tijdstip,
                        )
                        organisaties[naamsleutel(rij.organisatie)] = organisatie
                beoordeling = None
                if rij.beoordeeld:
                    beoordeling = EersteBeoordeling(
                        standpunt=rij.standpunt,
                        macht=rij.macht,
                        invloed=rij.invloed or STANDAARDSCORE,
                        vertrouwen=rij.vertrouwen or STANDAARDSCORE,
                        unieke_macht=rij.unieke_macht,
                        zichtbaarheid=zichtbaarheid,
                        toelichting=rij.toelichting,
                    )
                speler, _oordeel = registreer_en_beoordeel(
                    actor=actor,
                    bestuursproces=bestuursproces,
                    naam=rij.naam,
                    soort=rij.soort,
                    veld=rij.veld,
                    rol_in_proces=rij.rol,
                    organisatie=organisatie,
                    beoordeling=beoordeling,
                    belang=rij.belang,
                    belemmeringen=rij.belemmeringen,
                    toelichting=gettext("Geïmporteerd uit een lijst van partijen."),
                    tijdstip=tijdstip,
                )
            except (DomainError, ValidationError, PermissionDenied) as fout:
                raise _rijfout(rij, fout) from fout
            spelers.append(speler)
    return spelers


def samenvatting(aantal: int) -> str:
    return ngettext(
        "%(aantal)s partij is geïmporteerd.", "%(aantal)s partijen zijn geïmporteerd.", aantal
    ) % {"aantal": aantal}
