"""Exports across cases: /api/v1/export and /api/v1/exports (OCEL 2.0 and CSV).

Each case in the file must be exactly what that case's own export gives the same user (the
per-case writers do the work), cases the user may not see must never show up, and the job
must give the same file as the direct export.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pm4py
import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings

from cases import services
from cases.exports import overzicht
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import bereid_voor, bereid_voor_alle
from cases.exports.rapporttaak import maak_rapport
from cases.models import Bestuursproces, Exporttaak, Lidmaatschap, Zichtbaarheid
from cases.selectors.overzicht import processen_over_heen
from tests.cases._kanaries import (
    BESTANDSINHOUD,
    GEZIEN_DOOR,
    KANARIE_PATROON,
    open_in_het_verleden,
    schrijf_kanaries,
)
from tests.cases.api.helpers import assert_probleem
from tests.factories import GebruikerFactory, actor_voor, open_proces, voeg_leden_toe

from ._opslag import lege_opslag  # noqa: F401 (autouse fixture)
from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning", "ignore::DeprecationWarning")

# Written at the open level of cases the evaluator is no exporting member of: any of these in
# a file of the evaluator is a leak.
KANARIE_VREEMD = "KANARIE-vreemd-proces-5d2b"
KANARIE_KERNTEAM = "KANARIE-kernteamlid-5d2b"


def _lid(bestuursproces: Bestuursproces, regisseur: Any, gebruiker: Any, rol: str) -> None:
    services.voeg_lid_toe(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, gebruiker=gebruiker, rol=rol
    )


def _met_kanarie(regisseur: Any, kanarie: str) -> Bestuursproces:
    proces = open_proces(regisseur, titel=f"Proces {kanarie}")
    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst=kanarie, zichtbaarheid="proces"
    )
    return proces


@pytest.fixture
def wereld(dossier: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """The evaluator of the dossier and of a second case; a case where they are kernteam
    (not an exporting role); a case they are no member of; a member with other roles only."""
    evaluator = GebruikerFactory(username="eva")
    tweede = open_proces(regisseur, titel="Brede school Noord")
    services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=tweede,
        tekst=GEHEIMEN[0] + "-tweede",
        zichtbaarheid="kernteam",
    )
    kernteam = _met_kanarie(regisseur, KANARIE_KERNTEAM)
    vreemd = _met_kanarie(regisseur, KANARIE_VREEMD)
    _lid(dossier, regisseur, evaluator, "evaluator")
    _lid(tweede, regisseur, evaluator, "evaluator")
    _lid(kernteam, regisseur, evaluator, "kernteam")
    anderen = GebruikerFactory(username="opdrachtgever-overal")
    for proces in (dossier, tweede, kernteam, vreemd):
        _lid(proces, regisseur, anderen, "opdrachtgever")
    return {
        "evaluator": evaluator,
        "opdrachtgever": anderen,
        "dossier": dossier,
        "tweede": tweede,
        "kernteam": kernteam,
        "vreemd": vreemd,
    }


def _csv(inhoud: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def _eigen_export(bestuursproces: Bestuursproces, gebruiker: Any, formaat: str) -> bytes:
    rol = Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=gebruiker).rol
    opdracht = bereid_voor(
        Bestuursproces.objects.get(pk=bestuursproces.pk),
        exporteur=gebruiker.username,
        rol=rol,
        kanaal="test",
        zichtbaar=Zichtbaarheid.voor_rol(rol),
    )
    return b"".join(FORMATEN[formaat].schrijver(opdracht))


def test_csv_over_processen_is_per_proces_de_eigen_export(wereld: dict[str, Any], als: Any) -> None:
    evaluator = wereld["evaluator"]
    response = als(evaluator).get("/api/v1/export", {"formaat": "csv"})

    assert response.status_code == 200
    inhoud = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="bestuursprocessen-')
    assert response["X-Export-Bestuursprocessen"] == "2"
    assert response["X-Export-Zichtbaarheid"] == "proces evaluatie"
    rijen = _csv(inhoud)
    kop, rijen = rijen[0], rijen[1:]
    assert kop[:2] == ["bestuursproces", "bestuursprocesTitel"]
    per_proces: dict[str, list[list[str]]] = {}
    for rij in rijen:
        per_proces.setdefault(rij[0], []).append(rij)
    assert set(per_proces) == {str(wereld["dossier"].uuid), str(wereld["tweede"].uuid)}
    for naam in ("dossier", "tweede"):
        proces = wereld[naam]
        eigen = _csv(_eigen_export(proces, evaluator, "csv"))
        assert kop[2:] == eigen[0]
        assert [r[2:] for r in per_proces[str(proces.uuid)]] == eigen[1:]
        assert {r[1] for r in per_proces[str(proces.uuid)]} == {proces.titel}
    afgeschermd = [
        r for r in per_proces[str(wereld["dossier"].uuid)] if r[kop.index("afgeschermd")] == "ja"
    ]
    assert len(afgeschermd) == AFGESCHERMD_VOOR_EVALUATOR
    assert int(response["X-Export-Afgeschermd"]) == AFGESCHERMD_VOOR_EVALUATOR + 1
    tekst = inhoud.decode("utf-8")
    for geheim in (*GEHEIMEN, KANARIE_VREEMD, KANARIE_KERNTEAM):
        assert geheim not in tekst
    assert str(wereld["vreemd"].uuid) not in tekst
    assert str(wereld["kernteam"].uuid) not in tekst


def _zonder_tijd_van_tellingen(attribuut: dict[str, Any]) -> dict[str, Any]:
    if attribuut["name"].startswith("afgeschermd"):
        return {k: v for k, v in attribuut.items() if k != "time"}
    return attribuut


def test_ocel_over_processen_houdt_ids_uniek_en_zegt_het_proces(
    wereld: dict[str, Any], als: Any, tmp_path: Path
) -> None:
    evaluator = wereld["evaluator"]
    response = als(evaluator).get("/api/v1/export", {"formaat": "ocel"})
    assert response.status_code == 200
    inhoud = b"".join(response.streaming_content)
    document = json.loads(inhoud)

    processen = {str(wereld["dossier"].uuid), str(wereld["tweede"].uuid)}
    gebeurtenissen = document["events"]
    assert len({e["id"] for e in gebeurtenissen}) == len(gebeurtenissen)
    assert len({o["id"] for o in document["objects"]}) == len(document["objects"])
    for e in gebeurtenissen:
        kenmerken = {a["name"]: a["value"] for a in e["attributes"]}
        assert kenmerken["bestuursproces"] in processen
        assert {
            "objectId": f"bestuursproces:{kenmerken['bestuursproces']}",
            "qualifier": "bestuursproces",
        } in e["relationships"]
    for o in document["objects"]:
        if o["type"] == "bestuursproces":
            assert o["id"].split(":", 1)[1] in processen
        else:
            (zaak,) = o["relationships"]
            assert zaak["qualifier"] == "bestuursproces"
            assert zaak["objectId"].split(":", 1)[1] in processen
    kenmerken_per_type = {t["name"]: t["attributes"] for t in document["eventTypes"]}
    assert all(
        {"name": "bestuursproces", "type": "string"} in a for a in kenmerken_per_type.values()
    )

    # Each case's events are those of its own OCEL export, with their case named.
    for naam in ("dossier", "tweede"):
        proces = wereld[naam]
        eigen = json.loads(_eigen_export(proces, evaluator, "ocel"))
        hier = [
            {**e, "attributes": [a for a in e["attributes"] if a["name"] != "bestuursproces"]}
            for e in gebeurtenissen
            if e["id"].startswith(f"{proces.uuid}:")
        ]
        assert hier == eigen["events"]
        eigen_objecten = {o["id"]: o["attributes"] for o in eigen["objects"]}
        hier_objecten = {
            o["id"]: o["attributes"]
            for o in document["objects"]
            if o["id"] == f"bestuursproces:{proces.uuid}"
            or (o.get("relationships") or [{}])[0].get("objectId")
            == f"bestuursproces:{proces.uuid}"
        }
        assert hier_objecten.keys() == eigen_objecten.keys()
        for sleutel, attributen in eigen_objecten.items():
            # The withheld counts carry the export's moment as their time; the rest is the same.
            assert [_zonder_tijd_van_tellingen(a) for a in hier_objecten[sleutel]] == [
                _zonder_tijd_van_tellingen(a) for a in attributen
            ]
    tekst = inhoud.decode("utf-8")
    for geheim in (*GEHEIMEN, KANARIE_VREEMD, KANARIE_KERNTEAM):
        assert geheim not in tekst

    bestand = tmp_path / "alle.ocel.json"
    bestand.write_bytes(inhoud)
    ocel = pm4py.read_ocel2_json(str(bestand))
    assert len(ocel.events) == len(gebeurtenissen)
    assert set(ocel.objects["ocel:oid"]) == {o["id"] for o in document["objects"]}


def test_elke_zaak_met_de_zichtbaarheid_van_de_eigen_rol(
    wereld: dict[str, Any], regisseur: Any, als: Any
) -> None:
    # The dossier's regisseur, evaluator of the second case: the dossier in full, the second
    # case redacted as an evaluator's.
    _lid(wereld["tweede"], regisseur, GebruikerFactory(username="r2"), "procesregisseur")
    Lidmaatschap.objects.filter(bestuursproces=wereld["tweede"], gebruiker=regisseur).update(
        rol="evaluator"
    )

    response = als(regisseur).get("/api/v1/export", {"formaat": "csv"})

    assert response.status_code == 200
    tekst = b"".join(response.streaming_content).decode("utf-8")
    for geheim in GEHEIMEN:
        assert geheim in tekst
    assert GEHEIMEN[0] + "-tweede" not in tekst
    # Kernteam and vreemd: the regisseur is their procesregisseur, an exporting role.
    assert response["X-Export-Bestuursprocessen"] == "4"
    assert response["X-Export-Zichtbaarheid"] == "proces evaluatie kernteam regisseur"


def test_zonder_evaluatorrol_of_recht_403(
    wereld: dict[str, Any], regisseur: Any, als: Any, api: Any
) -> None:
    for gebruiker in (wereld["opdrachtgever"], GebruikerFactory(username="niemand")):
        for url in ("/api/v1/export?formaat=csv", "/api/v1/exports"):
            assert_probleem(als(gebruiker).get(url), 403, "geen-overzichtsrecht")
        assert_probleem(
            als(gebruiker).post("/api/v1/exports", {"formaat": "csv"}, format="json"),
            403,
            "geen-overzichtsrecht",
        )
    api.force_authenticate(None)
    assert api.get("/api/v1/export?formaat=csv").status_code == 401


def test_slecht_formaat_is_400(wereld: dict[str, Any], als: Any) -> None:
    for vraag in ({"formaat": "xes"}, {}, {"formaat": "csv", "casus": "speler"}):
        assert_probleem(als(wereld["evaluator"]).get("/api/v1/export", vraag), 400)


def test_beheerder_met_het_recht_ziet_alles_als_evaluator(wereld: dict[str, Any], als: Any) -> None:
    beheerder: Any = GebruikerFactory(username="beheerder", is_staff=True)
    beheerder.user_permissions.add(
        Permission.objects.get(content_type__app_label="cases", codename="exporteer_alle_processen")
    )

    response = als(beheerder).get("/api/v1/export", {"formaat": "csv"})

    assert response.status_code == 200
    rijen = _csv(b"".join(response.streaming_content))[1:]
    assert {r[0] for r in rijen} == {str(p.uuid) for p in Bestuursproces.objects.all()}
    assert response["X-Export-Zichtbaarheid"] == "proces evaluatie"
    tekst = "\n".join(";".join(r) for r in rijen)
    for geheim in (*GEHEIMEN, GEHEIMEN[0] + "-tweede"):
        assert geheim not in tekst
    # Open content of every case is there: the permission is the evaluator's view of all.
    assert KANARIE_VREEMD in tekst


def test_voorbereiden_kost_vaste_queries(
    wereld: dict[str, Any], regisseur: Any, django_assert_num_queries: Any
) -> None:
    for n in range(5):
        open_proces(regisseur, titel=f"Extra {n}")
    processen = [
        (bp, "procesregisseur", Zichtbaarheid.voor_rol("procesregisseur"))
        for bp in Bestuursproces.objects.all()
    ]
    processen[0] = (processen[0][0], "evaluator", Zichtbaarheid.voor_rol("evaluator"))
    # The releases of every case; per case its head and counts (one grouped query); then the
    # heads' hashes.
    with django_assert_num_queries(3):
        opdrachten = bereid_voor_alle(processen, exporteur="x", kanaal="test")
    for (bp, rol, zichtbaar), opdracht in zip(processen, opdrachten, strict=True):
        los = bereid_voor(bp, exporteur="x", rol=rol, kanaal="test", zichtbaar=zichtbaar)
        assert (
            opdracht.aantal,
            opdracht.afgeschermd,
            opdracht.kop_volgnummer,
            opdracht.kop_hash,
        ) == (
            los.aantal,
            los.afgeschermd,
            los.kop_volgnummer,
            los.kop_hash,
        )


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=5)
def test_boven_de_drempel_als_taak(wereld: dict[str, Any], als: Any) -> None:
    body = assert_probleem(
        als(wereld["evaluator"]).get("/api/v1/export", {"formaat": "ocel"}), 409, "export-als-taak"
    )
    assert "/api/v1/exports" in body["detail"]


def test_taak_geeft_hetzelfde_bestand_als_de_directe_export(
    wereld: dict[str, Any], als: Any, django_capture_on_commit_callbacks: Any
) -> None:
    evaluator = wereld["evaluator"]
    client = als(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = client.post("/api/v1/exports", {"formaat": "csv"}, format="json")
    assert aanvraag.status_code == 202, aanvraag.content
    taak = aanvraag.json()
    assert aanvraag["Location"] == taak["url"]
    assert taak["url"].endswith(f"/api/v1/exports/{taak['uuid']}")

    gevolgd = client.get(f"/api/v1/exports/{taak['uuid']}").json()
    assert gevolgd["status"] == "klaar", gevolgd
    download = client.get(f"/api/v1/exports/{taak['uuid']}/bestand")
    assert download.status_code == 200
    assert download["X-Export-Afgeschermd"] == str(AFGESCHERMD_VOOR_EVALUATOR + 1)
    bestand = b"".join(download.streaming_content)
    direct = b"".join(client.get("/api/v1/export", {"formaat": "csv"}).streaming_content)
    assert bestand == direct

    lijst = client.get("/api/v1/exports").json()
    assert [t["uuid"] for t in lijst["results"]] == [taak["uuid"]]
    # Not a job of one case, and nobody else's.
    assert (
        client.get(f"/api/v1/bestuursprocessen/{wereld['dossier'].uuid}/exports").json()["count"]
        == 0
    )
    ander = GebruikerFactory(username="andere-evaluator")
    _lid(wereld["tweede"], wereld["dossier"].lidmaatschappen.first().gebruiker, ander, "evaluator")
    assert_probleem(als(ander).get(f"/api/v1/exports/{taak['uuid']}"), 404)


def test_ocel_taak_van_een_groot_proces(
    wereld: dict[str, Any], als: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # OCEL is a job format now for one case too (its direct export points there above the
    # threshold).
    dossier = wereld["dossier"]
    client = als(wereld["evaluator"])
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = client.post(
            f"/api/v1/bestuursprocessen/{dossier.uuid}/exports", {"formaat": "ocel"}, format="json"
        )
    assert aanvraag.status_code == 202, aanvraag.content
    download = client.get(
        f"/api/v1/bestuursprocessen/{dossier.uuid}/exports/{aanvraag.json()['uuid']}/bestand"
    )
    document = json.loads(b"".join(download.streaming_content))
    assert (
        document["events"]
        == json.loads(_eigen_export(dossier, wereld["evaluator"], "ocel"))["events"]
    )


def test_taak_mislukt_als_het_recht_weg_is_bij_de_start(wereld: dict[str, Any]) -> None:
    evaluator = wereld["evaluator"]
    taak = Exporttaak.objects.create(aanvrager=evaluator, formaat="csv", stappen=3)
    Lidmaatschap.objects.filter(gebruiker=evaluator, rol="evaluator").update(rol="opdrachtgever")

    maak_rapport.call(taak.pk)

    taak.refresh_from_db()
    assert (taak.status, taak.fout, taak.bestand.name) == ("mislukt", "geen_overzichtsrecht", "")


def test_een_zaak_waar_de_evaluator_geen_lid_van_is_lekt_nooit(wereld: dict[str, Any]) -> None:
    # The scope itself: only the cases with an exporting role.
    gezien = {bp.uuid for bp in processen_over_heen(wereld["evaluator"])}
    assert gezien == {wereld["dossier"].uuid, wereld["tweede"].uuid}
    opdracht = overzicht.bereid_voor(wereld["evaluator"])
    for formaat in overzicht.FORMATEN:
        tekst = b"".join(overzicht.schrijf(opdracht, formaat)).decode("utf-8")
        for vreemd in ("vreemd", "kernteam"):
            assert str(wereld[vreemd].uuid) not in tekst
            assert wereld[vreemd].titel not in tekst
        assert KANARIE_VREEMD not in tekst
        assert KANARIE_KERNTEAM not in tekst


@pytest.mark.parametrize("formaat", ["csv", "ocel"])
def test_kanaries_van_elk_niveau(
    regisseur: Any, catalogus: Any, documentopslag: None, als: Any, formaat: str
) -> None:
    # The canary case (every kind of content at every level): the evaluator's file holds
    # the open level's canaries that the event log carries, and none above it; the same
    # canaries of a case the evaluator is no member of never show up (its uuid neither).
    eigen = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(eigen, regisseur)
    kanaries = schrijf_kanaries(eigen, leden)
    vreemd = open_in_het_verleden(regisseur)
    services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=vreemd,
        tekst=KANARIE_VREEMD,
        zichtbaarheid="proces",
    )

    response = als(leden["evaluator"]).get("/api/v1/export", {"formaat": formaat})

    tekst = b"".join(response.streaming_content).decode("utf-8")
    gevonden = set(re.findall(KANARIE_PATROON, tekst))
    # Uploaded file contents are not in the event log; the CSV carries every other canary of
    # level proces (the payloads), OCEL only those that are an object's attribute (names).
    open_niveau = {
        (soort, niveau)
        for soort, niveau in kanaries.verwacht("evaluator")
        if soort not in BESTANDSINHOUD
    }
    if formaat == "csv":
        assert gevonden == open_niveau
    else:
        assert gevonden
        assert gevonden <= open_niveau
    niveaus = {niveau for _, niveau in gevonden}
    # OCEL carries names only; the canaries of level evaluatie are all contents.
    assert (
        niveaus == GEZIEN_DOOR["evaluator"]
        if formaat == "csv"
        else niveaus <= GEZIEN_DOOR["evaluator"]
    )
    assert KANARIE_VREEMD not in tekst
    assert str(vreemd.uuid) not in tekst
