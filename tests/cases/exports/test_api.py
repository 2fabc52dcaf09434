"""GET /api/v1/bestuursprocessen/{uuid}/export: who may export, the query, the download."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from cases.models import Bestuursproces, Gebeurtenis
from tests.cases.api.helpers import assert_api_versie, assert_probleem, fouten, proces_url
from tests.factories import GebruikerFactory, voeg_leden_toe

from ._massa import voeg_gebeurtenissen_toe
from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN

MEDIA = {
    "jsonl": "application/jsonl",
    "csv": "text/csv; charset=utf-8",
    "xes": "application/xml",
    "html": "text/html; charset=utf-8",
}


@pytest.fixture
def dossierleden(dossier: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    leden = voeg_leden_toe(dossier, regisseur)
    leden["buitenstaander"] = GebruikerFactory(username="buitenstaander")
    return leden


def download(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


@pytest.mark.parametrize("formaat", list(MEDIA))
@pytest.mark.parametrize("rol", ["procesregisseur", "evaluator"])
def test_wie_mag_exporteren_krijgt_een_download(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any, rol: str, formaat: str
) -> None:
    response = als(dossierleden[rol]).get(proces_url(dossier, "/export"), {"formaat": formaat})

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA[formaat]
    datum = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="herinrichting-havenkwartier-{datum}.{formaat}"'
    )
    assert_api_versie(response)
    inhoud = download(response)
    regisseur = rol == "procesregisseur"
    assert response["X-Export-Zichtbaarheid"] == (
        "proces evaluatie kernteam regisseur" if regisseur else "proces evaluatie"
    )
    assert response["X-Export-Afgeschermd"] == str(0 if regisseur else AFGESCHERMD_VOOR_EVALUATOR)
    laatste = Gebeurtenis.objects.filter(bestuursproces=dossier).order_by("volgnummer").last()
    assert laatste is not None
    assert response["X-Export-Ketenkop"] == f"{laatste.volgnummer} {laatste.hash}"
    assert any(g.encode() in inhoud for g in GEHEIMEN) == regisseur


def test_de_kop_noemt_de_exporteur(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any
) -> None:
    response = als(dossierleden["evaluator"]).get(
        proces_url(dossier, "/export"), {"formaat": "jsonl"}
    )

    kop = json.loads(download(response).split(b"\n", 1)[0])
    assert (kop["exporteur"], kop["rol"], kop["kanaal"]) == (
        dossierleden["evaluator"].username,
        "evaluator",
        "api",
    )


@pytest.mark.parametrize("rol", ["kernteam", "opdrachtgever"])
def test_andere_leden_krijgen_403(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any, rol: str
) -> None:
    response = als(dossierleden[rol]).get(
        proces_url(dossier, "/export"), {"formaat": "jsonl"}, HTTP_ACCEPT="application/pdf"
    )

    body = assert_probleem(response, 403)
    assert "procesregisseur en de evaluator" in body["detail"]


def test_buitenstaanders_krijgen_404(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any
) -> None:
    response = als(dossierleden["buitenstaander"]).get(
        proces_url(dossier, "/export"), {"formaat": "jsonl"}
    )

    assert_probleem(response, 404)


def test_zonder_inloggen_401(dossier: Bestuursproces, api: Any) -> None:
    assert_probleem(api.get(proces_url(dossier, "/export"), {"formaat": "jsonl"}), 401)


@pytest.mark.parametrize(
    ("vraag", "verwacht"),
    [
        ({}, {"formaat": "required"}),
        ({"formaat": "docx"}, {"formaat": "invalid_choice"}),
        ({"formaat": "JSONL"}, {"formaat": "invalid_choice"}),
        ({"formaat": "csv", "scheiding": ","}, {"scheiding": "unknown"}),
    ],
)
def test_een_verkeerde_vraag_is_400(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag: dict[str, str], verwacht: Any
) -> None:
    response = als(regisseur).get(proces_url(dossier, "/export"), vraag)

    assert fouten(response) == verwacht


def test_de_pdf_download(dossier: Bestuursproces, regisseur: Any, als: Any) -> None:
    response = als(regisseur).get(proces_url(dossier, "/export"), {"formaat": "pdf"})

    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="herinrichting-havenkwartier-\d{4}-\d{2}-\d{2}\.pdf"',
        response["Content-Disposition"],
    )
    assert download(response).startswith(b"%PDF")


@pytest.mark.parametrize("formaat", ["jsonl", "csv", "xes", "ocel"])
@pytest.mark.parametrize("n", [1, 10, 50])
def test_vast_aantal_queries(
    regisseur: Any, als: Any, django_assert_num_queries: Any, formaat: str, n: int
) -> None:
    from tests.factories import open_proces

    proces = open_proces(regisseur)
    voeg_gebeurtenissen_toe(proces, n)
    client = als(regisseur)

    # Queries: case with my role; chain head (its volgnummer is the count: nothing is
    # withheld from the regisseur); the events (one cursor, read in chunks); CSV, XES and
    # OCEL also read the date corrections and openings moved earlier first (they give a fact
    # its corrected moment) and the tijdlijn's own dates of items on a date of their own,
    # JSON Lines the document events for its header's list of documents; XES, in world-time
    # order, reads the opening and the corrected facts apart from the stream.
    aantal = {"jsonl": 4, "csv": 5, "xes": 6, "ocel": 5}[formaat]
    with django_assert_num_queries(aantal):
        inhoud = download(client.get(proces_url(proces, "/export"), {"formaat": formaat}))

    assert inhoud.count(b"notitie.gemaakt") == n
