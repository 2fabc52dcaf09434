"""manage.py exporteer_bestuursproces: the file, the visibility, nothing half-written."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cases.exports import formaten
from cases.exports.gebeurtenissen import Exportopdracht
from cases.exports.verificatie import verifieer_bestand
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import voeg_leden_toe

from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN


def exporteer(*args: Any, **opties: Any) -> str:
    from io import StringIO

    uit = StringIO()
    call_command("exporteer_bestuursproces", *args, stdout=uit, **opties)
    return uit.getvalue()


def test_standaard_met_volledige_zichtbaarheid(dossier: Bestuursproces, tmp_path: Path) -> None:
    bestand = tmp_path / "dossier.jsonl"

    uit = exporteer(str(dossier.uuid), formaat="jsonl", uitvoer=str(bestand))

    laatste = Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer").last()
    assert laatste is not None
    kop = json.loads(bestand.read_text(encoding="utf-8").splitlines()[0])
    assert (kop["exporteur"], kop["rol"], kop["kanaal"], kop["afgeschermd"]) == (
        None,
        None,
        "beheer",
        0,
    )
    assert kop["zichtbaarheid"] == ["proces", "evaluatie", "kernteam", "regisseur"]
    assert all(g in bestand.read_text(encoding="utf-8") for g in GEHEIMEN)
    assert verifieer_bestand(bestand).intact
    assert f"volgnummer {laatste.volgnummer}, hash {laatste.hash}" in uit
    assert "Export geschreven naar" in uit
    assert list(tmp_path.iterdir()) == [bestand]


def test_als_evaluator(dossier: Bestuursproces, regisseur: Any, tmp_path: Path) -> None:
    leden = voeg_leden_toe(dossier, regisseur)
    bestand = tmp_path / "dossier.csv"

    uit = exporteer(
        str(dossier.uuid), formaat="csv", uitvoer=str(bestand), als=leden["evaluator"].username
    )

    inhoud = bestand.read_bytes()
    assert inhoud.startswith("\ufeff".encode())
    assert not any(g.encode() in inhoud for g in GEHEIMEN)
    assert f"{AFGESCHERMD_VOOR_EVALUATOR} afgeschermd" in uit


@pytest.mark.parametrize(
    ("als", "melding"),
    [
        ("kernteam", "alleen de procesregisseur en de evaluator mogen exporteren"),
        ("opdrachtgever", "alleen de procesregisseur en de evaluator mogen exporteren"),
        ("niemand", "Er is geen actieve gebruiker 'niemand'"),
    ],
)
def test_als_wie_niet_mag(
    dossier: Bestuursproces, regisseur: Any, tmp_path: Path, als: str, melding: str
) -> None:
    leden = voeg_leden_toe(dossier, regisseur)
    naam = leden[als].username if als in leden else als

    with pytest.raises(CommandError, match=melding):
        exporteer(str(dossier.uuid), formaat="xes", uitvoer=str(tmp_path / "x.xes"), als=naam)

    assert list(tmp_path.iterdir()) == []


def test_als_geen_lid(dossier: Bestuursproces, tmp_path: Path) -> None:
    from tests.factories import GebruikerFactory

    GebruikerFactory(username="buiten")

    with pytest.raises(CommandError, match="geen lid"):
        exporteer(str(dossier.uuid), formaat="xes", uitvoer=str(tmp_path / "x"), als="buiten")


def test_onbekend_bestuursproces(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        exporteer(str(uuid.uuid4()), formaat="jsonl", uitvoer=str(tmp_path / "x.jsonl"))


def test_onbekende_map(dossier: Bestuursproces, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        exporteer(str(dossier.uuid), formaat="jsonl", uitvoer=str(tmp_path / "weg" / "x.jsonl"))


def test_een_mislukte_export_laat_niets_half_achter(
    dossier: Bestuursproces, tmp_path: Path, monkeypatch: Any
) -> None:
    bestand = tmp_path / "dossier.jsonl"
    bestand.write_text("de vorige export\n", encoding="utf-8")

    def halverwege_kapot(opdracht: Exportopdracht) -> Iterator[bytes]:
        yield b'{"soort":"kop"}\n'
        raise OSError("schijf vol")

    kapot = formaten.Formaat("jsonl", "jsonl", "application/jsonl", "", halverwege_kapot)
    monkeypatch.setitem(formaten.FORMATEN, "jsonl", kapot)

    with pytest.raises(CommandError, match="schijf vol"):
        exporteer(str(dossier.uuid), formaat="jsonl", uitvoer=str(bestand))

    assert bestand.read_text(encoding="utf-8") == "de vorige export\n"
    assert list(tmp_path.iterdir()) == [bestand]
