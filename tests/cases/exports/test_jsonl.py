"""The JSON Lines export: header, one event a line as its hash covers it, the closing line."""

from __future__ import annotations

import json
from typing import Any

from cases.events import GENESIS_HASH, bereken_hash
from cases.events.canonical import formatteer_tijdstip
from cases.models import Bestuursproces, Gebeurtenis

from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN, exporteer


def regels(bestuursproces: Bestuursproces, rol: str | None) -> list[dict[str, Any]]:
    return [json.loads(r) for r in exporteer(bestuursproces, "jsonl", rol).splitlines()]


def test_kop_gebeurtenissen_en_slot(dossier: Bestuursproces) -> None:
    kop, *gebeurtenissen, slot = regels(dossier, "procesregisseur")
    opgeslagen = list(Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer"))

    assert kop == {
        "soort": "kop",
        "formaat": "procesregie-gebeurtenissen",
        "versie": 1,
        "bestuursproces": {"uuid": str(dossier.uuid), "titel": "Herinrichting Havenkwartier"},
        "geexporteerdOp": kop["geexporteerdOp"],
        "exporteur": "procesregisseur",
        "rol": "procesregisseur",
        "kanaal": "test",
        "zichtbaarheid": ["proces", "kernteam", "regisseur"],
        "aantalGebeurtenissen": len(opgeslagen),
        "afgeschermd": 0,
        "genesisHash": GENESIS_HASH,
        "documenten": [],
    }
    assert [g["volgnummer"] for g in gebeurtenissen] == [g.volgnummer for g in opgeslagen]
    eerste, bron = gebeurtenissen[0], opgeslagen[0]
    assert eerste == {
        "soort": "gebeurtenis",
        "volgnummer": 1,
        "type": "bestuursproces.geopend",
        "tijdstip": formatteer_tijdstip(bron.tijdstip),
        "geregistreerd": formatteer_tijdstip(bron.geregistreerd),
        "actor": "regisseur",
        "actorNaam": "Rina Regisseur",
        "herkomst": "test",
        "toelichting": "",
        "payload": bron.payload,
        "zichtbaarheid": "proces",
        "afgeschermd": False,
        "vorigeHash": GENESIS_HASH,
        "hash": bron.hash,
    }
    assert bron.hash == bereken_hash(bron, dossier.uuid)
    assert slot == {
        "soort": "slot",
        "aantalGebeurtenissen": len(opgeslagen),
        "keten": {"volgnummer": opgeslagen[-1].volgnummer, "hash": opgeslagen[-1].hash},
    }


def test_de_evaluator_krijgt_afgeschermde_regels_zoals_de_api_ze_toont(
    dossier: Bestuursproces,
) -> None:
    tekst = exporteer(dossier, "jsonl", "evaluator").decode()
    kop, *gebeurtenissen, _slot = [json.loads(r) for r in tekst.splitlines()]
    afgeschermd = [g for g in gebeurtenissen if g["afgeschermd"]]
    notitie = next(g for g in gebeurtenissen if g["type"] == "notitie.gemaakt")
    bron = Gebeurtenis.objects.get(bestuursproces=dossier, volgnummer=notitie["volgnummer"])

    assert (kop["zichtbaarheid"], kop["afgeschermd"]) == (["proces"], AFGESCHERMD_VOOR_EVALUATOR)
    assert len(afgeschermd) == AFGESCHERMD_VOOR_EVALUATOR
    assert notitie["payload"] == {"afgeschermd": True, "zichtbaarheid": "regisseur"}
    assert notitie["toelichting"] is None
    assert (notitie["hash"], notitie["vorigeHash"]) == (bron.hash, bron.vorige_hash)
    assert not any(geheim in tekst for geheim in GEHEIMEN)


def test_een_export_schrijft_niets(dossier: Bestuursproces) -> None:
    voor = Gebeurtenis.objects.count()

    exporteer(dossier, "jsonl", "evaluator")

    assert Gebeurtenis.objects.count() == voor
