"""The OCEL 2.0 export: pm4py reads it and finds the interventie cycle of the demo."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pm4py
import pytest
from django.core.management import call_command

from cases.events import zichtbaarheid_van
from cases.events.vrijgave import als_zicht, leesbaar
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import bereid_voor
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Interventie,
    Lidmaatschap,
    Rol,
    Zichtbaarheid,
)

from .conftest import exporteer

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning", "ignore::DeprecationWarning")


@pytest.fixture
def demo(catalogus: Any, settings: Any) -> Bestuursproces:
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-wachtwoord-123"
    call_command("laad_demo", stdout=StringIO())
    return Bestuursproces.objects.get()


def test_pm4py_vindt_de_cyclus_van_de_interventies(demo: Bestuursproces, tmp_path: Path) -> None:
    bestand = tmp_path / "demo.ocel.json"
    bestand.write_bytes(exporteer(demo, "ocel", "procesregisseur"))

    ocel = pm4py.read_ocel2_json(str(bestand))

    assert len(ocel.events) == Gebeurtenis.objects.filter(bestuursproces=demo).count()
    assert {
        "bestuursproces",
        "speler",
        "opdrachtgever",
        "wyberstap",
        "optie",
        "interventie",
    } <= set(pm4py.ocel_get_object_types(ocel))
    interventies = ocel.relations[ocel.relations["ocel:type"] == "interventie"]
    assert (
        interventies["ocel:oid"].nunique()
        == Interventie.objects.filter(bestuursproces=demo).count()
    )
    dfg = pm4py.discover_ocdfg(ocel)
    stappen = dfg["edges"]["event_couples"]["interventie"]
    assert ("Interventie gelogd", "Interventie uitgevoerd") in stappen
    assert ("Interventie uitgevoerd", "Interventie geëvalueerd") in stappen


def test_objecten_dragen_hun_kenmerken_door_de_tijd(demo: Bestuursproces) -> None:
    document = json.loads(exporteer(demo, "ocel", "procesregisseur"))

    objecten = {o["id"]: o for o in document["objects"]}
    zaak = objecten[f"bestuursproces:{demo.uuid}"]
    stadia = [a["value"] for a in zaak["attributes"] if a["name"] == "stadium"]
    assert stadia[0] == "voorstelbaar"
    assert stadia[-1] == demo.stadium
    interventie = Interventie.objects.filter(bestuursproces=demo, status="geevalueerd").first()
    assert interventie is not None
    statussen = [
        a["value"]
        for a in objecten[f"interventie:{interventie.uuid}"]["attributes"]
        if a["name"] == "status"
    ]
    assert statussen[-1] == "geevalueerd"
    gebeurtenis = document["events"][0]
    assert {r["qualifier"] for r in gebeurtenis["relationships"]} == {"bestuursproces"}
    assert {a["name"] for a in gebeurtenis["attributes"]} == {
        "volgnummer",
        "type",
        "actor",
        "geregistreerd",
        "hash",
    }
    assert {t["name"] for t in document["eventTypes"]} == {e["type"] for e in document["events"]}


def test_wat_de_lezer_niet_mag_zien_ontbreekt_en_wordt_geteld(demo: Bestuursproces) -> None:
    document = json.loads(exporteer(demo, "ocel", "evaluator"))

    # What the evaluator may not read: above their levels, and not released to them since
    # (the demo releases the interventies of voorstelbaar for evaluation).
    zicht = als_zicht(Zichtbaarheid.voor_rol(Rol.EVALUATOR))
    alle = list(Gebeurtenis.objects.filter(bestuursproces=demo))
    verborgen = [g for g in alle if not leesbaar(g, zicht)]
    vrijgegeven = [g for g in alle if leesbaar(g, zicht) and zichtbaarheid_van(g) not in zicht]
    assert verborgen
    assert vrijgegeven
    assert len(document["events"]) == len(alle) - len(verborgen)
    zaak = next(o for o in document["objects"] if o["type"] == "bestuursproces")
    telling = [a for a in zaak["attributes"] if a["name"] == "afgeschermdeGebeurtenissen"]
    assert telling[-1]["value"] == len(verborgen)
    gezien = {
        a["value"] for e in document["events"] for a in e["attributes"] if a["name"] == "hash"
    }
    assert not gezien & {g.hash for g in verborgen}
    assert {g.hash for g in vrijgegeven} <= gezien


def test_xes_met_een_interventie_als_casus(demo: Bestuursproces, tmp_path: Path) -> None:
    opdracht = bereid_voor(
        demo,
        exporteur="evaluator",
        rol="procesregisseur",
        kanaal="test",
        zichtbaar=frozenset(Zichtbaarheid.values),
        casus="interventie",
    )
    bestand = tmp_path / "interventies.xes"
    bestand.write_bytes(b"".join(FORMATEN["xes"].schrijver(opdracht)))

    log = pm4py.read_xes(str(bestand))

    interventies = Interventie.objects.filter(bestuursproces=demo)
    assert log["case:concept:name"].nunique() == interventies.count()
    assert set(log["case:concept:name"]) == {i.titel for i in interventies}
    geevalueerd = interventies.filter(status="geevalueerd").first()
    assert geevalueerd is not None
    spoor = log[log["case:procesregie:interventie"] == str(geevalueerd.uuid)]
    spoor = spoor.sort_values("procesregie:volgnummer")
    assert list(spoor["procesregie:type"])[:1] == ["interventie.gelogd"]
    assert "interventie.geevalueerd" in list(spoor["procesregie:type"])


def test_casus_alleen_bij_xes(demo: Bestuursproces, als: Any) -> None:
    regisseur = Lidmaatschap.objects.get(bestuursproces=demo, rol="procesregisseur").gebruiker
    client = als(regisseur)
    url = f"/api/v1/bestuursprocessen/{demo.uuid}/export"

    fout = client.get(url, {"formaat": "jsonl", "casus": "interventie"})
    goed = client.get(url, {"formaat": "xes", "casus": "speler"})

    assert fout.status_code == 400
    assert [p["name"] for p in fout.json()["invalidParams"]] == ["casus"]
    assert goed.status_code == 200
    inhoud = b"".join(goed.streaming_content).decode()
    assert '<string key="procesregie:casus" value="speler"/>' in inhoud
    assert inhoud.count("<trace>") >= 1


def test_een_exportrij_wordt_de_gebeurtenis_die_trefwoorden_maken(
    dossier: Bestuursproces,
) -> None:
    # OCEL and XES per object ask the registrations about an unsaved event made from each
    # row; made from the values in column order, it must equal Django's keyword construction.
    from cases.exports.gebeurtenissen import VELDEN, gebeurtenis_van_rij

    opdracht = bereid_voor(
        dossier, exporteur=None, rol=None, kanaal="test", zichtbaar=frozenset(Zichtbaarheid)
    )
    rijen = list(opdracht.rijen())
    assert rijen
    for rij in rijen:
        snel = gebeurtenis_van_rij(rij)
        gewoon = Gebeurtenis(**dict(zip(VELDEN, rij, strict=True)))
        assert snel.__dict__.keys() == gewoon.__dict__.keys()
        for veld in Gebeurtenis._meta.concrete_fields:
            assert getattr(snel, veld.attname) == getattr(gewoon, veld.attname), veld.attname
        assert snel.pk is None
        assert snel._state.adding
