"""The XES export opens in a process-mining tool (pm4py) with the right events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pm4py
import pytest
from django.utils import timezone

from cases import services
from cases.events import soorten
from cases.exports.formaten import FORMATEN
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import actor_voor, open_proces

from .conftest import GEHEIMEN, exporteer, opdracht_voor

XES = "{http://www.xes-standard.org/}"


@pytest.mark.filterwarnings("ignore:Install the optional requirement:UserWarning")
def test_pm4py_leest_de_export(dossier: Bestuursproces, tmp_path: Path) -> None:
    bestand = tmp_path / "export.xes"
    bestand.write_bytes(exporteer(dossier, "xes", "procesregisseur"))
    opgeslagen = list(Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer"))

    log = pm4py.read_xes(str(bestand))

    log = log.sort_values("procesregie:volgnummer")
    assert len(log) == len(opgeslagen)
    assert list(log["concept:name"]) == [soorten.label(g.type) for g in opgeslagen]
    assert list(log["procesregie:type"]) == [g.type for g in opgeslagen]
    assert set(log["case:concept:name"]) == {"Herinrichting Havenkwartier"}
    assert set(log["org:resource"]) == {"regisseur"}
    assert set(log["lifecycle:transition"]) == {"complete"}
    verwacht = [pd.Timestamp(g.tijdstip).floor("ms") for g in opgeslagen]
    assert [pd.Timestamp(t).tz_convert("UTC") for t in log["time:timestamp"]] == verwacht
    assert list(log["procesregie:hash"]) == [g.hash for g in opgeslagen]


def test_de_log_declareert_de_standaardextensies(dossier: Bestuursproces) -> None:
    wortel = ET.fromstring(exporteer(dossier, "xes", "evaluator"))

    assert wortel.tag == f"{XES}log"
    assert wortel.get("xes.version") == "1849-2016"
    prefixen = {e.get("prefix") for e in wortel.findall(f"{XES}extension")}
    assert prefixen == {"concept", "time", "org", "lifecycle"}
    assert {g.get("scope") for g in wortel.findall(f"{XES}global")} == {"trace", "event"}
    [trace] = wortel.findall(f"{XES}trace")
    kenmerken = {a.get("key"): a.get("value") for a in trace if a.tag != f"{XES}event"}
    assert kenmerken == {
        "concept:name": "Herinrichting Havenkwartier",
        "procesregie:bestuursproces": str(dossier.uuid),
    }
    log_kenmerken = {a.get("key"): a.get("value") for a in wortel.findall(f"{XES}string")}
    assert log_kenmerken["procesregie:zichtbaarheid"] == "proces evaluatie"


def test_afgeschermd_en_vreemde_tekens(dossier: Bestuursproces, regisseur: Any) -> None:
    services.wijzig_bestuursproces(
        actor=actor_voor(regisseur),
        bestuursproces=dossier,
        wijzigingen={"titel": 'Kade & "haven" <noord>\x01'},
    )
    dossier.refresh_from_db()

    inhoud = exporteer(dossier, "xes", "evaluator")

    wortel = ET.fromstring(inhoud)  # escaped well enough to parse
    [trace] = wortel.findall(f"{XES}trace")
    assert trace.find(f"{XES}string").get("value") == 'Kade & "haven" <noord>'  # type: ignore[union-attr]
    assert not any(geheim.encode() in inhoud for geheim in GEHEIMEN)


@pytest.mark.parametrize("casus", ["bestuursproces", "speler"])
def test_de_gebeurtenissen_staan_in_de_volgorde_waarin_ze_gebeurden(
    regisseur: Any, casus: str
) -> None:
    """Facts entered out of order and a corrected date: a tool that reads a trace in file
    order sees the process as it went (the opening first, then by world time)."""
    begin = timezone.now() - dt.timedelta(days=30)
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Kadeproject", tijdstip=begin)
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Havenbedrijf",
        soort="groep",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        tijdstip=begin + dt.timedelta(days=1),
    )
    for dag in (12, 5, 20, 3, 8):
        services.maak_notitie(
            actor=actor,
            bestuursproces=proces,
            tekst=f"Dag {dag}",
            zichtbaarheid="proces",
            speler=speler,
            tijdstip=begin + dt.timedelta(days=dag),
        )
    dag_20 = Gebeurtenis.objects.get(bestuursproces=proces, tijdstip=begin + dt.timedelta(days=20))
    services.corrigeer_datum(
        actor=actor,
        bestuursproces=proces,
        volgnummer=dag_20.volgnummer,
        tijdstip=begin + dt.timedelta(days=2),
        toelichting="Verkeerde maand ingetypt",
    )
    opdracht = dataclasses.replace(opdracht_voor(proces, "procesregisseur"), casus=casus)

    wortel = ET.fromstring(b"".join(FORMATEN["xes"].schrijver(opdracht)))

    [trace] = wortel.findall(f"{XES}trace")
    gebeurtenissen = [
        {a.get("key", ""): a.get("value", "") for a in gebeurtenis}
        for gebeurtenis in trace.findall(f"{XES}event")
    ]
    momenten = [dt.datetime.fromisoformat(g["time:timestamp"]) for g in gebeurtenissen]
    volgnummers = [int(g["procesregie:volgnummer"]) for g in gebeurtenissen]
    if casus == "bestuursproces":
        assert volgnummers[0] == 1
        assert sorted(volgnummers) == list(
            Gebeurtenis.objects.filter(bestuursproces=proces)
            .order_by("volgnummer")
            .values_list("volgnummer", flat=True)
        )
    assert momenten[1:] == sorted(momenten[1:])
    gecorrigeerd = next(g for g in gebeurtenissen if "procesregie:tijdstipVoorCorrectie" in g)
    assert int(gecorrigeerd["procesregie:volgnummer"]) == dag_20.volgnummer
    assert volgnummers.index(dag_20.volgnummer) < len(volgnummers) - 3  # moved forward
