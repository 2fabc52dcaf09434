"""An export job gives what the direct export gives the same member: the same X-Export-*
headers, the same file name, and (above the direct limit) every variant the direct export
has, the XES per object (``casus``) and the CSV per type (``type``) included. The workspace's
downloads, at once and as a job, carry the same headers as the API's.

The test settings run tasks with the immediate backend (see test_taken_api.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from cases.models import Bestuursproces, Exporttaak
from tests.cases.api.helpers import assert_probleem, fouten, proces_url
from tests.factories import voeg_leden_toe

from ._opslag import lege_opslag  # noqa: F401 (autouse fixture)
from .conftest import GEHEIM_INTERVENTIE, GEHEIMEN

KOPPEN = (
    "Content-Disposition",
    "X-Export-Zichtbaarheid",
    "X-Export-Afgeschermd",
    "X-Export-Afgeschermd-Onderdelen",
    "X-Export-Ketenkop",
)
# What the dossier withholds from its evaluator, per section (cases.selectors.afscherming).
ONDERDELEN_VOOR_EVALUATOR = "interventies=1 positioneringen=1 notities=1"
# Below the dossier's number of events: its direct export of the event formats is a 409.
KLEINE_DREMPEL = 5


@pytest.fixture
def leden(dossier: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier, regisseur)


@pytest.fixture
def als_taak(dossier: Bestuursproces, als: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """``als_taak(user, body)``: POST the job, let it run, return the download of its file."""

    def _als_taak(gebruiker: Any, body: dict[str, str]) -> Any:
        client = als(gebruiker)
        with django_capture_on_commit_callbacks(execute=True):
            aanvraag = client.post(proces_url(dossier, "/exports"), body, format="json")
        assert aanvraag.status_code == 202, aanvraag.content
        taak = client.get(aanvraag["Location"]).json()
        assert taak["status"] == "klaar", taak
        return client.get(taak["bestand"])

    return _als_taak


def direct(client: Any, dossier: Bestuursproces, vraag: dict[str, str]) -> Any:
    return client.get(proces_url(dossier, "/export"), vraag)


def inhoud(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def stilstaande_klok() -> Iterator[None]:
    # A direct export and a job made at the same moment are the same file: each says when
    # it was made (XES and JSON Lines in their head, OCEL in the times of its counts).
    with time_machine.travel(timezone.now(), tick=False):
        yield


def zonder_grafieknummers(bestand: bytes) -> bytes:
    # The report numbers its charts per process (grafiek-1, grafiek-6...) for their ARIA ids.
    return re.sub(rb"grafiek-\d+", b"grafiek-n", bestand)


@pytest.mark.usefixtures("stilstaande_klok")
@pytest.mark.parametrize("rol", ["procesregisseur", "evaluator"])
@pytest.mark.parametrize(
    "vraag",
    [
        {"formaat": "jsonl"},
        {"formaat": "csv"},
        {"formaat": "csv", "type": "interventie"},
        {"formaat": "xes"},
        {"formaat": "xes", "casus": "interventie"},
        {"formaat": "ocel"},
        {"formaat": "html"},
    ],
    ids=lambda vraag: "-".join(vraag.values()),
)
def test_de_download_van_een_taak_heeft_de_koppen_van_de_directe_export(
    dossier: Bestuursproces,
    leden: dict[str, Any],
    als: Any,
    als_taak: Any,
    rol: str,
    vraag: dict[str, str],
) -> None:
    gebruiker = leden[rol]
    verwacht = direct(als(gebruiker), dossier, vraag)
    assert verwacht.status_code == 200

    download = als_taak(gebruiker, vraag)

    assert download.status_code == 200
    assert {kop: download[kop] for kop in KOPPEN} == {kop: verwacht[kop] for kop in KOPPEN}
    assert download["X-Export-Afgeschermd-Onderdelen"] == (
        ONDERDELEN_VOOR_EVALUATOR if rol == "evaluator" else ""
    )
    assert zonder_grafieknummers(inhoud(download)) == zonder_grafieknummers(inhoud(verwacht))


def test_een_taak_zonder_bewaarde_onderdelen_zegt_er_niets_over(
    dossier: Bestuursproces, leden: dict[str, Any], als: Any, als_taak: Any
) -> None:
    # A job finished before the counts were kept: no header rather than "nothing withheld".
    download = als_taak(leden["evaluator"], {"formaat": "jsonl"})
    taak = Exporttaak.objects.get()
    Exporttaak.objects.filter(pk=taak.pk).update(afgeschermd_onderdelen=None)

    zonder = als(leden["evaluator"]).get(proces_url(dossier, f"/exports/{taak.uuid}/bestand"))

    assert download["X-Export-Afgeschermd-Onderdelen"] == ONDERDELEN_VOOR_EVALUATOR
    assert zonder.status_code == 200
    assert "X-Export-Afgeschermd-Onderdelen" not in zonder
    assert zonder["X-Export-Afgeschermd"] == download["X-Export-Afgeschermd"]


# --- file names -----------------------------------------------------------------------------


def bestandsnaam(response: Any) -> str:
    gevonden = re.fullmatch(r'attachment; filename="(.+)"', response["Content-Disposition"])
    assert gevonden, response["Content-Disposition"]
    return gevonden.group(1)


def test_een_xes_per_object_heeft_een_eigen_naam(
    dossier: Bestuursproces, regisseur: Any, als: Any
) -> None:
    client = als(regisseur)
    datum = timezone.localdate().isoformat()

    namen = {
        casus: bestandsnaam(direct(client, dossier, {"formaat": "xes", "casus": casus}))
        for casus in ("bestuursproces", "interventie", "wyberstap", "speler", "opdrachtgever")
    }

    assert namen == {
        "bestuursproces": f"herinrichting-havenkwartier-{datum}.xes",
        "interventie": f"herinrichting-havenkwartier-per-interventie-{datum}.xes",
        "wyberstap": f"herinrichting-havenkwartier-per-wyberstap-{datum}.xes",
        "speler": f"herinrichting-havenkwartier-per-speler-{datum}.xes",
        "opdrachtgever": f"herinrichting-havenkwartier-per-opdrachtgever-{datum}.xes",
    }
    zonder_casus = bestandsnaam(direct(client, dossier, {"formaat": "xes"}))
    assert zonder_casus == namen["bestuursproces"]


def test_de_langste_naam_past_in_de_taak(
    dossier: Bestuursproces, regisseur: Any, als: Any, als_taak: Any
) -> None:
    # An 80-character title with the longest event type: more than the 120 characters the
    # job once kept (PostgreSQL refused the job's last write).
    Bestuursproces.objects.filter(pk=dossier.pk).update(titel="Lange titel " * 10)
    vraag = {"formaat": "csv", "type": "opdrachtgever.betrokkenheid_gewijzigd"}

    download = als_taak(regisseur, vraag)

    naam = bestandsnaam(download)
    assert len(naam) > 120
    assert naam == bestandsnaam(direct(als(regisseur), dossier, vraag))
    assert "-opdrachtgever-betrokkenheid_gewijzigd-" in naam


# --- above the direct limit: casus and type as a job ----------------------------------------


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=KLEINE_DREMPEL)
@pytest.mark.parametrize(
    ("vraag", "body"),
    [
        ({"formaat": "xes"}, '{"formaat": "xes"}'),
        ({"formaat": "xes", "casus": "bestuursproces"}, '{"formaat": "xes"}'),
        ({"formaat": "xes", "casus": "speler"}, '{"formaat": "xes", "casus": "speler"}'),
        ({"formaat": "csv", "type": "interventie"}, '{"formaat": "csv", "type": "interventie"}'),
        (
            {"formaat": "csv", "type": "interventie.gelogd"},
            '{"formaat": "csv", "type": "interventie.gelogd"}',
        ),
    ],
)
def test_de_409_noemt_de_body_van_de_taak(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag: dict[str, str], body: str
) -> None:
    response = direct(als(regisseur), dossier, vraag)

    detail = assert_probleem(response, 409, "export-als-taak")["detail"]
    assert f"POST {proces_url(dossier, '/exports')} en {body}, en haal" in detail


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=KLEINE_DREMPEL)
def test_de_409_in_het_engels_noemt_dezelfde_body(
    dossier: Bestuursproces, regisseur: Any, als: Any
) -> None:
    response = als(regisseur).get(
        proces_url(dossier, "/export"),
        {"formaat": "xes", "casus": "interventie"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    detail = assert_probleem(response, 409, "export-als-taak")["detail"]
    assert detail.startswith("This case has more than 5 events")
    assert '{"formaat": "xes", "casus": "interventie"}' in detail


@pytest.mark.usefixtures("stilstaande_klok")
@pytest.mark.parametrize("rol", ["procesregisseur", "evaluator"])
@pytest.mark.parametrize(
    "vraag",
    [{"formaat": "xes", "casus": "interventie"}, {"formaat": "csv", "type": "interventie"}],
    ids=["xes-per-interventie", "csv-interventie"],
)
def test_de_409_volgen_geeft_het_gevraagde_bestand(
    dossier: Bestuursproces,
    leden: dict[str, Any],
    als: Any,
    als_taak: Any,
    rol: str,
    vraag: dict[str, str],
) -> None:
    gebruiker = leden[rol]
    verwacht = direct(als(gebruiker), dossier, vraag)  # below the limit: the reference
    with override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=KLEINE_DREMPEL):
        weigering = direct(als(gebruiker), dossier, vraag)
        body = assert_probleem(weigering, 409, "export-als-taak")["detail"]
        genoemd = re.search(r"(\{.*?\})", body)
        assert genoemd
        download = als_taak(gebruiker, json.loads(genoemd.group(1)))

    assert download.status_code == 200
    bestand = inhoud(download)
    assert bestand == inhoud(verwacht)
    assert bestandsnaam(download) == bestandsnaam(verwacht)
    assert (
        download["X-Export-Afgeschermd-Onderdelen"] == verwacht["X-Export-Afgeschermd-Onderdelen"]
    )
    if vraag["formaat"] == "xes":
        assert b'key="procesregie:casus" value="interventie"' in bestand
        assert b'key="procesregie:interventie"' in bestand
    else:
        assert b"interventie.titel" in bestand  # a column per field, not the JSON column
        assert b"speler.geregistreerd" not in bestand
    # Withheld stays withheld: only the regisseur reads the confidential interventie.
    if rol == "evaluator":
        assert not any(geheim.encode() in bestand for geheim in GEHEIMEN)
    else:
        assert GEHEIM_INTERVENTIE.encode() in bestand


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=3)
def test_de_taak_toont_wat_is_gevraagd(
    dossier: Bestuursproces, regisseur: Any, als: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = als(regisseur)
    url = proces_url(dossier, "/exports")
    with django_capture_on_commit_callbacks(execute=False):
        xes = client.post(url, {"formaat": "xes", "casus": "speler"}, format="json").json()
        csv = client.post(url, {"formaat": "csv", "type": "interventie"}, format="json").json()
        jsonl = client.post(url, {"formaat": "jsonl"}, format="json").json()

    assert (xes["casus"], xes["type"]) == ("speler", None)
    assert (csv["casus"], csv["type"]) == ("bestuursproces", "interventie")
    assert (jsonl["casus"], jsonl["type"]) == ("bestuursproces", None)


@pytest.mark.parametrize(
    ("body", "fout"),
    [
        ({"formaat": "jsonl", "casus": "speler"}, {"casus": "invalid"}),
        ({"formaat": "html", "casus": "speler"}, {"casus": "invalid"}),
        ({"formaat": "xes", "casus": "partij"}, {"casus": "invalid_choice"}),
        ({"formaat": "xes", "type": "interventie"}, {"type": "invalid"}),
        ({"formaat": "pdf", "type": "interventie"}, {"type": "invalid"}),
        ({"formaat": "csv", "type": "bestaat.niet"}, {"type": "invalid_choice"}),
    ],
)
def test_casus_en_type_worden_gecontroleerd_als_bij_de_directe_export(
    dossier: Bestuursproces, regisseur: Any, als: Any, body: dict[str, str], fout: dict[str, str]
) -> None:
    client = als(regisseur)

    aanvraag = client.post(proces_url(dossier, "/exports"), body, format="json")
    rechtstreeks = direct(client, dossier, body)

    assert fouten(aanvraag) == fout == fouten(rechtstreeks)
    assert not Exporttaak.objects.exists()


def test_over_processen_heen_zonder_casus_en_type_zoals_de_directe_export(
    leden: dict[str, Any], als: Any
) -> None:
    # The export across cases has neither (GET /export?formaat=csv&type=... is a 400 too).
    client = als(leden["evaluator"])

    aanvraag = client.post("/api/v1/exports", {"formaat": "csv", "type": "x"}, format="json")
    rechtstreeks = client.get("/api/v1/export", {"formaat": "csv", "type": "x"})

    assert fouten(aanvraag) == {"type": "unknown"}
    assert fouten(rechtstreeks) == {"type": "unknown"}


@pytest.mark.usefixtures("stilstaande_klok")
@pytest.mark.parametrize("formaat", ["jsonl", "csv", "html"])
def test_de_werkruimte_geeft_de_koppen_van_de_api(
    dossier: Bestuursproces,
    leden: dict[str, Any],
    als: Any,
    django_capture_on_commit_callbacks: Any,
    formaat: str,
) -> None:
    evaluator = leden["evaluator"]
    api = direct(als(evaluator), dossier, {"formaat": formaat})
    assert api["X-Export-Afgeschermd-Onderdelen"] == ONDERDELEN_VOOR_EVALUATOR
    web = Client()
    web.force_login(evaluator)
    export = f"/processen/{dossier.uuid}/tijdlijn/export/"
    meteen = web.get(f"{export}{formaat}/")
    assert meteen.status_code == 200
    downloads = [meteen]
    if formaat == "html":  # the workspace makes reports as a job too
        with django_capture_on_commit_callbacks(execute=True):
            assert web.post(export, {"formaat": formaat}).status_code == 302
        taak = Exporttaak.objects.get(aanvrager=evaluator)
        downloads.append(web.get(f"{export}taken/{taak.uuid}/"))
    for download in downloads:
        assert download.status_code == 200
        assert {kop: download.get(kop) for kop in KOPPEN} == {kop: api[kop] for kop in KOPPEN}
