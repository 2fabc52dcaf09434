"""Step 1 of the import: the uploaded bytes become rows of text, within a size and row limit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

from django.utils.translation import gettext

from ..lezen import naamsleutel

MAX_BYTES = 2 * 1024 * 1024
# An xlsx is a zip: a small file can unpack to a huge one. Its parts together stay below this.
MAX_UITGEPAKT = 50 * 1024 * 1024
MAX_RIJEN = 500


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
