"""The JSON Lines export: header, one event a line as its hash covers it, the closing line."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest

from cases.events import GENESIS_HASH, bereken_hash
from cases.events.canonical import formatteer_tijdstip
from cases.exports.gebeurtenissen import (
    JSON_REGEL,
    bereid_voor,
    gebeurtenis_rij,
    inhoud_van_rij,
    utc_tekst,
)
from cases.exports.jsonl import _regels, tekstblokken, tekstrijen
from cases.exports.jsonl_regels import regel
from cases.models import Bestuursproces, Gebeurtenis, Zichtbaarheid
from tests._rollen import til_onveranderlijkheid_op

from ._massa import voeg_gebeurtenissen_toe
from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN, exporteer


def regels(bestuursproces: Bestuursproces, rol: str | None) -> list[dict[str, Any]]:
    return [json.loads(r) for r in exporteer(bestuursproces, "jsonl", rol).splitlines()]


def test_kop_gebeurtenissen_en_slot(dossier: Bestuursproces) -> None:
    kop, *gebeurtenissen, slot = regels(dossier, "procesregisseur")
    opgeslagen = list(Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer"))

    assert kop == {
        "soort": "kop",
        "formaat": "procesregie-gebeurtenissen",
        "versie": 2,
        "bestuursproces": {"uuid": str(dossier.uuid), "titel": "Herinrichting Havenkwartier"},
        "geexporteerdOp": kop["geexporteerdOp"],
        "exporteur": "procesregisseur",
        "rol": "procesregisseur",
        "kanaal": "test",
        "zichtbaarheid": ["proces", "evaluatie", "kernteam", "regisseur"],
        "aantalGebeurtenissen": len(opgeslagen),
        "afgeschermd": 0,
        "afgeschermdPerOnderdeel": {},
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
        "inhoudHash": bron.inhoud_hash,
        "inhoudZout": bron.inhoud_zout,
        "vrijgegeven": None,
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

    assert (kop["zichtbaarheid"], kop["afgeschermd"]) == (
        ["proces", "evaluatie"],
        AFGESCHERMD_VOOR_EVALUATOR,
    )
    assert len(afgeschermd) == AFGESCHERMD_VOOR_EVALUATOR
    assert notitie["payload"] == {"afgeschermd": True, "zichtbaarheid": "regisseur"}
    assert notitie["toelichting"] is None
    assert (notitie["hash"], notitie["vorigeHash"]) == (bron.hash, bron.vorige_hash)
    assert not any(geheim in tekst for geheim in GEHEIMEN)


def test_een_export_schrijft_niets(dossier: Bestuursproces) -> None:
    voor = Gebeurtenis.objects.count()

    exporteer(dossier, "jsonl", "evaluator")

    assert Gebeurtenis.objects.count() == voor


def test_elke_regel_is_de_canonieke_json_van_de_rij(dossier: Bestuursproces) -> None:
    # The writer formats the line straight into its sorted keys; it must be exactly what
    # the canonical encoder makes of the row as a dict, for visible and withheld events.
    for rol in ("procesregisseur", "evaluator"):
        opdracht = bereid_voor(
            dossier, exporteur="x", rol=rol, kanaal="api", zichtbaar=Zichtbaarheid.voor_rol(rol)
        )
        rijen = list(opdracht.rijen())
        assert any(inhoud_van_rij(r, opdracht.zichtbaar).afgeschermd for r in rijen) == (
            rol == "evaluator"
        )
        for rij in rijen:
            verwacht = {**gebeurtenis_rij(rij, opdracht.zichtbaar), "soort": "gebeurtenis"}
            assert regel(rij, opdracht.zichtbaar) == JSON_REGEL.encode(verwacht) + "\n"


def test_de_opgeslagen_tekst_geeft_dezelfde_regels(dossier: Bestuursproces) -> None:
    # The export writes each visible event's stored line, and each visible payload's stored
    # canonical text, as they are: every line is the one the decoded row gives, for visible
    # and withheld events, for a row without a stored line, and for a row without either
    # (written outside append_event).
    voeg_gebeurtenissen_toe(dossier, 4)
    zonder_regel, zonder_tekst = Gebeurtenis.objects.filter(bestuursproces=dossier).order_by(
        "-volgnummer"
    )[:2]
    til_onveranderlijkheid_op()
    Gebeurtenis.objects.filter(pk=zonder_regel.pk).update(regel_tekst=None)
    Gebeurtenis.objects.filter(pk=zonder_tekst.pk).update(regel_tekst=None, payload_tekst=None)
    for rol in ("procesregisseur", "evaluator"):
        opdracht = bereid_voor(
            dossier, exporteur="x", rol=rol, kanaal="api", zichtbaar=Zichtbaarheid.voor_rol(rol)
        )
        verwacht = [regel(rij, opdracht.zichtbaar) for rij in opdracht.rijen()]
        rijen = [rij for blok in tekstblokken(opdracht) for rij in blok]
        # Stored lines exactly for what the viewer reads at its own level, the fields of the
        # withheld line (a JSON array) for what lies above it, nothing for the rest.
        verwachte_soorten = []
        for g in Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer"):
            eigen = g.payload.get("zichtbaarheid", "proces") in opdracht.zichtbaar
            if eigen:
                verwachte_soorten.append("regel" if g.regel_tekst is not None else None)
            else:
                verwachte_soorten.append("velden" if g.payload_tekst is not None else None)
        assert [
            None if r[0] is None else ("velden" if r[0].startswith("[") else "regel") for r in rijen
        ] == verwachte_soorten
        gebouwd = tekstrijen(opdracht, [r[1] for r in rijen if r[0] is None])
        assert [r[8] is None for r in gebouwd].count(True) == 1
        # The export of those rows: every line the one the decoded row gives.
        tekst = "".join(_regels(opdracht)).split("\n")
        assert [r + "\n" for r in tekst[1:-2]] == verwacht


def test_een_regel_met_lastige_tekens_is_canoniek() -> None:
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    rij = (
        7,
        "notitie.gemaakt",
        dt.datetime(2026, 3, 29, 3, 0, tzinfo=amsterdam),
        dt.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
        'a"b\\c',
        "Zoë \u2028 ☃",
        "api-token@::1",
        "regel 1\nregel 2\t\x00",
        {"z": 1, "a": [1.5, None, True], "ü": {"b": "x", "a": "y"}},
        "0" * 64,
        "f" * 64,
        "e" * 64,
        "d" * 32,
    )
    zichtbaar = frozenset({"proces"})

    verwacht = {**gebeurtenis_rij(rij, zichtbaar), "soort": "gebeurtenis"}
    assert regel(rij, zichtbaar) == JSON_REGEL.encode(verwacht) + "\n"
    assert json.loads(regel(rij, zichtbaar))["tijdstip"] == "2026-03-29T01:00:00.000000Z"


def test_utc_tekst_is_formatteer_tijdstip() -> None:
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    for moment in (
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 25, 2, 30, 0, 1, tzinfo=amsterdam),
        dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ):
        assert utc_tekst(moment) == formatteer_tijdstip(moment)
    with pytest.raises(ValueError, match="tijdzone"):
        utc_tekst(dt.datetime(2026, 1, 1))
