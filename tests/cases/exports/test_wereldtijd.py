"""Every event format gives the same world time, the one the case's history gives.

An event's world time is its ``tijdstip``, or the moment a correction moved it to: a date
correction (``gebeurtenis.datum_gecorrigeerd``) moves a fact, moving the opening earlier
(``bestuursproces.opening_vervroegd``) moves the opening. XES, CSV and OCEL put that moment
where a tool reads the time, and the recorded one beside it (``tijdstipVoorCorrectie``).
An item on a date of its own (an interventie) keeps its event's world time as the time, and
carries the date the tijdlijn places it on as ``eigenDatum``. What the viewer may not read,
including a correction of it and its own date, stays out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.exports.csvbestand import KOLOMMEN
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import bereid_voor
from cases.models import Bestuursproces, Gebeurtenis, Interventie, Zichtbaarheid
from cases.selectors.tijdlijn import tijdlijn
from tests.factories import actor_voor, open_proces

from .conftest import exporteer

XES = "{http://www.xes-standard.org/}"
ROLLEN = ["procesregisseur", "evaluator"]


def amsterdam(jaar: int, maand: int, dag: int, uur: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(jaar, maand, dag, uur))


def laatste_volgnummer(proces: Bestuursproces) -> int:
    return max(
        Gebeurtenis.objects.filter(bestuursproces=proces).values_list("volgnummer", flat=True)
    )


# --- reading the three formats back ---------------------------------------------------------


def xes_gebeurtenissen(inhoud: bytes) -> list[dict[str, str]]:
    """The events of the one trace, in file order, each as key → value."""
    [trace] = ET.fromstring(inhoud).findall(f"{XES}trace")
    return [{a.get("key", ""): a.get("value", "") for a in e} for e in trace.findall(f"{XES}event")]


def csv_rijen(inhoud: bytes) -> list[dict[str, str]]:
    tekst = inhoud.decode("utf-8").removeprefix("\ufeff")
    kop, *data = csv.reader(io.StringIO(tekst, newline=""), delimiter=";")
    return [dict(zip(kop, rij, strict=True)) for rij in data]


def ocel_gebeurtenissen(inhoud: bytes) -> list[dict[str, Any]]:
    """The OCEL events, each with its time and attributes flattened."""
    return [
        {"time": e["time"], **{a["name"]: a["value"] for a in e["attributes"]}}
        for e in json.loads(inhoud)["events"]
    ]


def per_type(proces: Bestuursproces, keuze: str, rol: str) -> list[dict[str, str]]:
    opdracht = bereid_voor(
        Bestuursproces.objects.get(pk=proces.pk),
        exporteur=rol,
        rol=rol,
        kanaal="test",
        zichtbaar=Zichtbaarheid.voor_rol(rol),
        gebeurtenistype=keuze,
    )
    return csv_rijen(b"".join(FORMATEN["csv"].schrijver(opdracht)))


def momenten(proces: Bestuursproces, rol: str) -> dict[str, dict[int, dt.datetime]]:
    """Per format, the time a tool reads of each event (OCEL: of each readable event)."""
    return {
        "xes": {
            int(e["procesregie:volgnummer"]): dt.datetime.fromisoformat(e["time:timestamp"])
            for e in xes_gebeurtenissen(exporteer(proces, "xes", rol))
        },
        "csv": {
            int(r["volgnummer"]): dt.datetime.fromisoformat(r["tijdstip"])
            for r in csv_rijen(exporteer(proces, "csv", rol))
        },
        "ocel": {
            int(e["volgnummer"]): dt.datetime.fromisoformat(e["time"])
            for e in ocel_gebeurtenissen(exporteer(proces, "ocel", rol))
        },
    }


def assert_dezelfde_tijden(proces: Bestuursproces, rol: str) -> dict[int, dt.datetime]:
    """XES, CSV and OCEL agree on every event's time (XES to the millisecond it writes)."""
    per_formaat = momenten(proces, rol)
    xes, csv_, ocel = per_formaat["xes"], per_formaat["csv"], per_formaat["ocel"]
    assert set(xes) == set(csv_) >= set(ocel)
    for volgnummer, moment in csv_.items():
        assert xes[volgnummer] == moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        if volgnummer in ocel:
            assert ocel[volgnummer] == moment
    return csv_


# --- 1. the opening moved earlier -----------------------------------------------------------


@pytest.fixture
def vervroegd(regisseur: Any) -> tuple[Bestuursproces, int, int]:
    """Opened on 10 January 2025, then found to have begun on 1 November 2024, with a note of
    5 December 2024: (case, volgnummer of the move, volgnummer of the note)."""
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Kadeproject", tijdstip=amsterdam(2025, 1, 10))
    services.vervroeg_opening(actor=actor, bestuursproces=proces, geopend_op=amsterdam(2024, 11, 1))
    verplaatsing = laatste_volgnummer(proces)
    services.maak_notitie(
        actor=actor,
        bestuursproces=proces,
        tekst="Eerste gesprek met de havendienst",
        zichtbaarheid="proces",
        tijdstip=amsterdam(2024, 12, 5),
    )
    return proces, verplaatsing, laatste_volgnummer(proces)


@pytest.mark.parametrize("rol", ROLLEN)
def test_xes_de_opening_staat_waar_ze_heen_is_vervroegd(
    vervroegd: tuple[Bestuursproces, int, int], rol: str
) -> None:
    proces, verplaatsing, notitie = vervroegd

    gebeurtenissen = xes_gebeurtenissen(exporteer(proces, "xes", rol))

    tijden = [dt.datetime.fromisoformat(e["time:timestamp"]) for e in gebeurtenissen]
    volgnummers = [int(e["procesregie:volgnummer"]) for e in gebeurtenissen]
    opening = gebeurtenissen[0]
    assert opening["procesregie:type"] == "bestuursproces.geopend"
    assert tijden[0] == amsterdam(2024, 11, 1)
    assert dt.datetime.fromisoformat(opening["procesregie:tijdstipVoorCorrectie"]) == (
        amsterdam(2025, 1, 10)
    )
    # In timestamp order, the whole trace: the move and the note before the file's old date.
    assert tijden == sorted(tijden)
    assert volgnummers[:3] == [1, verplaatsing, notitie]
    assert sum("procesregie:tijdstipVoorCorrectie" in e for e in gebeurtenissen) == 1


@pytest.mark.parametrize("rol", ROLLEN)
def test_csv_en_ocel_geven_de_vervroegde_opening(
    vervroegd: tuple[Bestuursproces, int, int], rol: str
) -> None:
    proces, _verplaatsing, _notitie = vervroegd

    tijden = assert_dezelfde_tijden(proces, rol)
    opening_csv = csv_rijen(exporteer(proces, "csv", rol))[0]
    opening_ocel = ocel_gebeurtenissen(exporteer(proces, "ocel", rol))[0]

    assert tijden[1] == amsterdam(2024, 11, 1)
    assert opening_csv["tijdstipExcel"] == "01-11-2024 09:00"
    assert dt.datetime.fromisoformat(opening_csv["tijdstipVoorCorrectie"]) == (
        amsterdam(2025, 1, 10)
    )
    assert dt.datetime.fromisoformat(opening_ocel["tijdstipVoorCorrectie"]) == (
        amsterdam(2025, 1, 10)
    )


def test_de_vervroeging_via_de_api_komt_in_de_xes(regisseur: Any, als: Any) -> None:
    client = als(regisseur)
    proces = open_proces(regisseur, titel="Kadeproject", tijdstip=amsterdam(2025, 1, 10))
    url = f"/api/v1/bestuursprocessen/{proces.uuid}"
    etag = client.get(url)["ETag"]

    response = client.patch(
        url,
        {"geopendOp": "2024-11-01T09:00+01:00"},
        format="json",
        headers={"If-Match": etag, "X-Audit-Toelichting": "Het begon eerder"},
    )
    assert response.status_code == 200, response.content
    export = client.get(f"{url}/export", {"formaat": "xes"})

    opening = xes_gebeurtenissen(b"".join(export.streaming_content))[0]
    assert dt.datetime.fromisoformat(opening["time:timestamp"]) == amsterdam(2024, 11, 1)


# --- 2. a date correction in the CSV, as in XES ---------------------------------------------


@pytest.fixture
def gecorrigeerd(regisseur: Any) -> dict[str, Any]:
    """Two notes dated wrongly and corrected: one every member reads, one for the kernteam."""
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Kadeproject", tijdstip=amsterdam(2024, 1, 8))
    notities = {}
    for zichtbaarheid, dag in (("proces", 20), ("kernteam", 22)):
        services.maak_notitie(
            actor=actor,
            bestuursproces=proces,
            tekst=f"Notitie voor {zichtbaarheid}",
            zichtbaarheid=zichtbaarheid,
            tijdstip=amsterdam(2024, 3, dag),
        )
        notities[zichtbaarheid] = laatste_volgnummer(proces)
    for zichtbaarheid, dag in (("proces", 14), ("kernteam", 17)):
        services.corrigeer_datum(
            actor=actor,
            bestuursproces=proces,
            volgnummer=notities[zichtbaarheid],
            tijdstip=amsterdam(2024, 2, dag, 11),
            toelichting="Verkeerde maand ingetypt",
        )
    return {"proces": proces, "open": notities["proces"], "kernteam": notities["kernteam"]}


def test_csv_geeft_het_gecorrigeerde_moment(gecorrigeerd: dict[str, Any]) -> None:
    proces = gecorrigeerd["proces"]

    rijen = {
        int(r["volgnummer"]): r for r in csv_rijen(exporteer(proces, "csv", "procesregisseur"))
    }

    for sleutel, dag in (("open", 14), ("kernteam", 17)):
        rij = rijen[gecorrigeerd[sleutel]]
        assert dt.datetime.fromisoformat(rij["tijdstip"]) == amsterdam(2024, 2, dag, 11)
        assert rij["tijdstipExcel"] == f"{dag}-02-2024 11:00"
        assert dt.datetime.fromisoformat(rij["tijdstipVoorCorrectie"]) == amsterdam(
            2024, 3, 20 if sleutel == "open" else 22
        )
    niet_gecorrigeerd = set(rijen) - {gecorrigeerd["open"], gecorrigeerd["kernteam"]}
    assert all(rijen[v]["tijdstipVoorCorrectie"] == "" for v in niet_gecorrigeerd)
    # The old columns keep their places; the new ones come last.
    assert list(rijen[1])[:-2] == KOLOMMEN[:-2]
    assert list(rijen[1])[-2:] == ["tijdstipVoorCorrectie", "eigenDatum"]
    assert_dezelfde_tijden(proces, "procesregisseur")


def test_csv_per_type_geeft_het_gecorrigeerde_moment(gecorrigeerd: dict[str, Any]) -> None:
    rijen = per_type(gecorrigeerd["proces"], "notitie", "procesregisseur")

    [rij] = [r for r in rijen if int(r["volgnummer"]) == gecorrigeerd["open"]]
    assert dt.datetime.fromisoformat(rij["tijdstip"]) == amsterdam(2024, 2, 14, 11)
    assert rij["tijdstipExcel"] == "14-02-2024 11:00"
    assert dt.datetime.fromisoformat(rij["tijdstipVoorCorrectie"]) == amsterdam(2024, 3, 20)


def test_een_correctie_van_wat_afgeschermd_is_lekt_niet(gecorrigeerd: dict[str, Any]) -> None:
    """The evaluator reads the open note at its corrected moment; the kernteam note keeps the
    moment it was recorded with, and nothing says when it was moved to."""
    proces = gecorrigeerd["proces"]
    verborgen_moment = amsterdam(2024, 2, 17, 11)
    sporen = (b"2024-02-17", b"17-02-2024")

    exports = {f: exporteer(proces, f, "evaluator") for f in ("csv", "xes", "ocel")}
    exports["csv-type"] = "\n".join(
        ";".join(r.values()) for r in per_type(proces, "notitie", "evaluator")
    ).encode()

    for formaat, inhoud in exports.items():
        assert not any(spoor in inhoud for spoor in sporen), formaat
    rijen = {int(r["volgnummer"]): r for r in csv_rijen(exports["csv"])}
    verborgen = rijen[gecorrigeerd["kernteam"]]
    assert verborgen["afgeschermd"] == "ja"
    assert dt.datetime.fromisoformat(verborgen["tijdstip"]) == amsterdam(2024, 3, 22)
    assert verborgen["tijdstipVoorCorrectie"] == ""
    assert dt.datetime.fromisoformat(rijen[gecorrigeerd["open"]]["tijdstip"]) == amsterdam(
        2024, 2, 14, 11
    )
    xes = {int(e["procesregie:volgnummer"]): e for e in xes_gebeurtenissen(exports["xes"])}
    assert "procesregie:tijdstipVoorCorrectie" not in xes[gecorrigeerd["kernteam"]]
    assert dt.datetime.fromisoformat(xes[gecorrigeerd["kernteam"]]["time:timestamp"]) != (
        verborgen_moment
    )
    assert_dezelfde_tijden(proces, "evaluator")


# --- 3. items on a date of their own --------------------------------------------------------


def log_uitgevoerd(regisseur: Any, proces: Bestuursproces, titel: str, datum: dt.date) -> Any:
    return services.log_interventie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        titel=titel,
        datum=datum,
        velden=["verbindende"],
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="middel",
        beoogd_effect="Partijen aan tafel",
        status="uitgevoerd",
        wat_gedaan="Gesprekken gevoerd",
        zichtbaarheid="kernteam",
    )


@pytest.fixture
def eigen_datum(regisseur: Any) -> dict[str, Any]:
    """An interventie logged on 4 March 2024 whose datum was later corrected to 11 March (the
    tijdlijn moves it there), and one planned ahead for a month from now."""
    proces = open_proces(regisseur, titel="Kadeproject", tijdstip=amsterdam(2024, 1, 8))
    verzet = log_uitgevoerd(regisseur, proces, "Keukentafelgesprek", dt.date(2024, 3, 4))
    gelogd = laatste_volgnummer(proces)
    services.wijzig_interventie(
        actor=actor_voor(regisseur),
        interventie=Interventie.objects.get(pk=verzet.pk),
        wijzigingen={"datum": dt.date(2024, 3, 11), "uitgevoerd_op": dt.date(2024, 3, 11)},
        toelichting="Het gesprek was een week later",
    )
    vooruit = timezone.localdate() + dt.timedelta(days=30)
    services.log_interventie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        titel="Werksessie",
        datum=vooruit,
        velden=["verbindende"],
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="middel",
        beoogd_effect="Opties verkennen",
        zichtbaarheid="kernteam",
    )
    return {
        "proces": proces,
        "verzet": verzet,
        "gelogd": gelogd,
        "gepland": laatste_volgnummer(proces),
        "vooruit": vooruit,
    }


def test_de_eigen_datum_is_die_van_de_tijdlijn_naast_het_moment(
    eigen_datum: dict[str, Any],
) -> None:
    proces = eigen_datum["proces"]
    gelogd, gepland = eigen_datum["gelogd"], eigen_datum["gepland"]
    op_tijdlijn = {
        item.volgnummer: timezone.localdate(item.tijdstip)
        for item in tijdlijn(
            proces, None, timezone.now() + dt.timedelta(days=60), frozenset(Zichtbaarheid.values)
        )
    }
    assert op_tijdlijn[gelogd] == dt.date(2024, 3, 11)
    assert op_tijdlijn[gepland] == eigen_datum["vooruit"]
    opgeslagen = dict(
        Gebeurtenis.objects.filter(bestuursproces=proces).values_list("volgnummer", "tijdstip")
    )

    csv_ = {int(r["volgnummer"]): r for r in csv_rijen(exporteer(proces, "csv", "procesregisseur"))}
    typen = {int(r["volgnummer"]): r for r in per_type(proces, "interventie", "procesregisseur")}
    xes = {
        int(e["procesregie:volgnummer"]): e
        for e in xes_gebeurtenissen(exporteer(proces, "xes", "procesregisseur"))
    }
    ocel = {
        int(e["volgnummer"]): e
        for e in ocel_gebeurtenissen(exporteer(proces, "ocel", "procesregisseur"))
    }

    for volgnummer in (gelogd, gepland):
        datum = op_tijdlijn[volgnummer]
        begin = timezone.make_aware(dt.datetime.combine(datum, dt.time.min))
        # The date the tijdlijn puts the item on, as its own attribute...
        assert dt.date.fromisoformat(csv_[volgnummer]["eigenDatum"]) == datum
        assert dt.date.fromisoformat(typen[volgnummer]["eigenDatum"]) == datum
        assert dt.datetime.fromisoformat(xes[volgnummer]["procesregie:eigenDatum"]) == begin
        assert dt.datetime.fromisoformat(ocel[volgnummer]["eigenDatum"]) == begin
        # ...and the event's world time stays the time: when it was logged (or planned).
        assert dt.datetime.fromisoformat(csv_[volgnummer]["tijdstip"]) == opgeslagen[volgnummer]
        assert dt.datetime.fromisoformat(ocel[volgnummer]["time"]) == opgeslagen[volgnummer]
    # Other types carry no own date.
    assert csv_[1]["eigenDatum"] == ""
    assert "procesregie:eigenDatum" not in xes[1]
    assert "eigenDatum" not in ocel[1]
    assert_dezelfde_tijden(proces, "procesregisseur")
    # OCEL declares the attribute on the types that have it.
    soorten = {t["name"]: t for t in json.loads(exporteer(proces, "ocel"))["eventTypes"]}
    assert "eigenDatum" in {a["name"] for a in soorten["Interventie gelogd"]["attributes"]}
    assert "eigenDatum" not in {a["name"] for a in soorten["Bestuursproces geopend"]["attributes"]}


def test_de_eigen_datum_van_wat_afgeschermd_is_lekt_niet(eigen_datum: dict[str, Any]) -> None:
    proces = eigen_datum["proces"]
    sporen = (b"2024-03-11", b"11-03-2024", eigen_datum["vooruit"].isoformat().encode())

    for formaat in ("csv", "xes", "ocel"):
        inhoud = exporteer(proces, formaat, "evaluator")
        assert not any(spoor in inhoud for spoor in sporen), formaat
        if formaat != "csv":  # the CSV names the column in its header
            assert b'eigenDatum"' not in inhoud, formaat
    rijen = per_type(proces, "interventie", "evaluator")
    assert rijen
    assert all(r["afgeschermd"] == "ja" and r["eigenDatum"] == "" for r in rijen)


def test_vrijgegeven_krijgt_de_evaluator_de_eigen_datum(
    eigen_datum: dict[str, Any], regisseur: Any
) -> None:
    proces = eigen_datum["proces"]
    services.verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        onderdeel="interventies",
        naar="evaluatie",
        toelichting="Voor de evaluatie",
        uuids=[str(eigen_datum["verzet"].uuid)],
    )

    csv_ = {int(r["volgnummer"]): r for r in csv_rijen(exporteer(proces, "csv", "evaluator"))}
    xes = {
        int(e["procesregie:volgnummer"]): e
        for e in xes_gebeurtenissen(exporteer(proces, "xes", "evaluator"))
    }

    gelogd = eigen_datum["gelogd"]
    assert csv_[gelogd]["afgeschermd"] == "nee"
    assert csv_[gelogd]["eigenDatum"] == "2024-03-11"
    assert xes[gelogd]["procesregie:eigenDatum"].startswith("2024-03-11T00:00:00.000")
    # The one planned ahead was not released.
    assert csv_[eigen_datum["gepland"]]["eigenDatum"] == ""
