"""Documents in the JSON Lines export: listed with their hashes (visible ones only), vouched
for by their events, and a folder of downloaded files checked by verifieer_export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from cases import services
from cases.events import canonieke_json
from cases.exports.verificatie import controleer_documenten, verifieer_regels
from cases.models import Bestuursproces, DocumentVersie
from tests._bestanden import DOCX, PDF, PNG, bestand, sha256
from tests.factories import actor_voor

from .conftest import exporteer

pytestmark = pytest.mark.usefixtures("documentopslag")


@pytest.fixture
def met_documenten(bestuursproces: Bestuursproces, regisseur: Any) -> Bestuursproces:
    """An open verslag with two versions and a confidential one with one."""
    actor = actor_voor(regisseur)
    verslag = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Verslag",
        bestand=bestand("verslag.pdf", PDF),
        zichtbaarheid="proces",
    )
    services.voeg_versie_toe(actor=actor, document=verslag, bestand=bestand("v2.docx", DOCX))
    services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Eigen aantekening",
        bestand=bestand("eigen.png", PNG),
        zichtbaarheid="regisseur",
    )
    return bestuursproces


def regels(bestuursproces: Bestuursproces, rol: str | None) -> list[str]:
    return exporteer(bestuursproces, "jsonl", rol).decode().splitlines(keepends=True)


def test_kop_noemt_alleen_zichtbare_versies_met_hun_hash(met_documenten: Bestuursproces) -> None:
    kop = json.loads(regels(met_documenten, "evaluator")[0])
    assert [
        (d["titel"], d["versie"], d["bestandsnaam"], d["sha256"]) for d in kop["documenten"]
    ] == [
        ("Verslag", 1, "verslag.pdf", sha256(PDF)),
        ("Verslag", 2, "v2.docx", sha256(DOCX)),
    ]
    alles = json.loads(regels(met_documenten, None)[0])
    assert [d["sha256"] for d in alles["documenten"]] == [sha256(PDF), sha256(DOCX), sha256(PNG)]


def test_een_gewijzigde_hash_in_de_kop_valt_op(met_documenten: Bestuursproces) -> None:
    export = regels(met_documenten, "evaluator")
    kop = json.loads(export[0])
    kop["documenten"][0]["sha256"] = sha256(b"iets anders")
    uitslag = verifieer_regels([canonieke_json(kop) + "\n", *export[1:]])
    assert not uitslag.intact
    assert "SHA-256 van zijn gebeurtenis" in uitslag.samenvatting()


def download(map: Path, versie: DocumentVersie) -> None:
    with storages["documenten"].open(versie.opslagnaam) as f:
        (map / versie.bestandsnaam).write_bytes(f.read())


def test_gedownloade_documenten_kloppen_en_een_bewerkt_bestand_valt_op(
    met_documenten: Bestuursproces, tmp_path: Path, capsys: Any
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text("".join(regels(met_documenten, "evaluator")))
    map = tmp_path / "documenten"
    map.mkdir()
    for versie in DocumentVersie.objects.filter(document__zichtbaarheid="proces"):
        download(map, versie)

    call_command("verifieer_export", str(export), documenten=str(map), verbosity=2)
    uit = capsys.readouterr().out
    assert "Documenten in orde: 2 bestand(en)" in uit
    assert "verslag.pdf: document" in uit

    uitslag = verifieer_regels(export.read_text().splitlines(keepends=True))
    (map / "verslag.pdf").write_bytes(PDF + b"% bijgewerkt\n")
    controle = controleer_documenten(uitslag, map)
    assert (controle.intact, controle.onbekend, controle.ontbreekt) == (False, ["verslag.pdf"], 1)
    with pytest.raises(SystemExit) as stop:
        call_command("verifieer_export", str(export), documenten=str(map))
    assert stop.value.code == 1
    assert "verslag.pdf" in capsys.readouterr().err


def test_een_afgeschermd_document_staat_niet_in_voor_een_bestand(
    met_documenten: Bestuursproces, tmp_path: Path
) -> None:
    # The evaluator's export withholds the regisseur's document: its file is not vouched for.
    uitslag = verifieer_regels(regels(met_documenten, "evaluator"))
    (tmp_path / "eigen.png").write_bytes(PNG)
    assert controleer_documenten(uitslag, tmp_path).onbekend == ["eigen.png"]


def test_kop_noemt_waar_een_document_bij_hoort(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Raadsbesluit",
        orgaan="raad",
        datum=timezone.localdate(),
        zichtbaarheid="proces",
    )
    services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Raadsbesluit (pdf)",
        bestand=bestand("besluit.pdf", PDF),
        zichtbaarheid="proces",
        besluit=besluit,
    )
    services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Los",
        bestand=bestand("los.png", PNG),
        zichtbaarheid="proces",
    )
    kop = json.loads(regels(bestuursproces, "evaluator")[0])
    assert [(d["titel"], d["koppeling"]) for d in kop["documenten"]] == [
        ("Raadsbesluit (pdf)", {"soort": "besluit", "uuid": str(besluit.uuid)}),
        ("Los", None),
    ]
    assert verifieer_regels(regels(bestuursproces, "evaluator")).probleem is None
