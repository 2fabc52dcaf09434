"""/api/v1/bestuursprocessen/{uuid}/exports: the report as a job, from request to download.

The test settings run tasks with the immediate backend: a job runs when the request's
transaction commits (``django_capture_on_commit_callbacks(execute=True)``), so a test sees it
wachtend in the POST's answer and klaar (or mislukt) right after.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from cases import services
from cases.exports import taken
from cases.exports.verificatie import verifieer_regels
from cases.models import Bestuursproces, Exporttaak, Gebeurtenis, Lidmaatschap
from tests.cases.api.helpers import assert_probleem, proces_url
from tests.factories import GebruikerFactory, actor_voor, voeg_leden_toe

from ._massa import voeg_gebeurtenissen_toe
from ._opslag import lege_opslag, opgeslagen_bestanden  # noqa: F401 (autouse fixture)
from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN


@pytest.fixture
def dossierleden(dossier: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    leden = voeg_leden_toe(dossier, regisseur)
    leden["buitenstaander"] = GebruikerFactory(username="buitenstaander")
    return leden


@pytest.fixture
def vraag_aan(dossier: Bestuursproces, als: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """``vraag_aan(user, formaat)`` POSTs a report job and lets it run; returns the POST."""

    def _vraag_aan(gebruiker: Any, formaat: str, *, uitvoeren: bool = True) -> Any:
        with django_capture_on_commit_callbacks(execute=uitvoeren):
            return als(gebruiker).post(
                proces_url(dossier, "/exports"), {"formaat": formaat}, format="json"
            )

    return _vraag_aan


def test_een_evaluator_vraagt_het_rapport_aan_en_haalt_het_op(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any, vraag_aan: Any
) -> None:
    evaluator = dossierleden["evaluator"]

    aanvraag = vraag_aan(evaluator, "html")

    assert aanvraag.status_code == 202, aanvraag.content
    taak = aanvraag.json()
    assert aanvraag["Location"] == taak["url"]
    assert taak["url"].endswith(proces_url(dossier, f"/exports/{taak['uuid']}"))
    assert (taak["formaat"], taak["status"], taak["aanvrager"]) == (
        "html",
        "wachtend",
        evaluator.username,
    )
    assert taak["voortgang"] == {
        "percentage": 0,
        "stappenKlaar": 0,
        "stappen": 3,
        "huidigeStap": None,
    }
    assert taak["bestand"] is None

    gevolgd = als(evaluator).get(aanvraag["Location"])

    assert gevolgd.status_code == 200
    klaar = gevolgd.json()
    assert klaar["status"] == "klaar"
    assert klaar["voortgang"]["percentage"] == 100
    assert klaar["fout"] is None
    assert klaar["verlooptOp"] is not None
    download = als(evaluator).get(klaar["bestand"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/html; charset=utf-8"
    datum = timezone.localdate().isoformat()
    assert download["Content-Disposition"] == (
        f'attachment; filename="herinrichting-havenkwartier-{datum}.html"'
    )
    inhoud = b"".join(download.streaming_content)
    assert len(inhoud) == klaar["grootte"]
    assert b"Herinrichting Havenkwartier" in inhoud
    assert not any(geheim.encode() in inhoud for geheim in GEHEIMEN)
    laatste = Gebeurtenis.objects.filter(bestuursproces=dossier).latest("volgnummer")
    assert download["X-Export-Zichtbaarheid"] == "proces evaluatie"
    assert download["X-Export-Afgeschermd"] == str(AFGESCHERMD_VOOR_EVALUATOR)
    assert download["X-Export-Ketenkop"] == f"{laatste.volgnummer} {laatste.hash}"


def test_de_pdf_van_de_regisseur_heeft_alles(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag_aan: Any
) -> None:
    aanvraag = vraag_aan(regisseur, "pdf")

    klaar = als(regisseur).get(aanvraag["Location"]).json()
    assert (klaar["status"], klaar["voortgang"]["stappen"]) == ("klaar", 4), klaar
    download = als(regisseur).get(klaar["bestand"])
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["X-Export-Zichtbaarheid"] == "proces evaluatie kernteam regisseur"
    assert download["X-Export-Afgeschermd"] == "0"


@pytest.mark.parametrize(("rol", "status"), [("kernteam", 403), ("buitenstaander", 404)])
def test_wie_niet_mag_exporteren_vraagt_niets_aan(
    dossier: Bestuursproces,
    dossierleden: dict[str, Any],
    als: Any,
    vraag_aan: Any,
    rol: str,
    status: int,
) -> None:
    assert_probleem(vraag_aan(dossierleden[rol], "html"), status)
    assert_probleem(als(dossierleden[rol]).get(proces_url(dossier, "/exports")), status)
    assert not Exporttaak.objects.exists()


def test_alleen_de_aanvrager_ziet_de_taak_en_het_bestand(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any, vraag_aan: Any
) -> None:
    taak = vraag_aan(dossierleden["procesregisseur"], "html").json()

    # The evaluator may export, but this file was made with the regisseur's visibility.
    evaluator = als(dossierleden["evaluator"])
    assert_probleem(evaluator.get(taak["url"]), 404)
    assert_probleem(evaluator.get(taak["url"] + "/bestand"), 404)
    assert evaluator.get(proces_url(dossier, "/exports")).json()["count"] == 0
    assert_probleem(als(dossierleden["kernteam"]).get(taak["url"]), 403)
    assert_probleem(als(dossierleden["buitenstaander"]).get(taak["url"]), 404)


def test_de_lijst_toont_mijn_taken_nieuwste_eerst(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag_aan: Any
) -> None:
    eerste = vraag_aan(regisseur, "html").json()
    tweede = vraag_aan(regisseur, "html").json()

    lijst = als(regisseur).get(proces_url(dossier, "/exports"), {"pageSize": 1})

    assert lijst.status_code == 200
    body = lijst.json()
    assert body["count"] == 2
    assert [t["uuid"] for t in body["results"]] == [tweede["uuid"]]
    assert 'rel="next"' in lijst["Link"]
    volgende = als(regisseur).get(body["next"]).json()
    assert [t["uuid"] for t in volgende["results"]] == [eerste["uuid"]]


def test_het_bestand_van_een_wachtende_taak_is_er_nog_niet(
    regisseur: Any, als: Any, vraag_aan: Any
) -> None:
    taak = vraag_aan(regisseur, "pdf", uitvoeren=False).json()

    response = als(regisseur).get(taak["url"] + "/bestand", HTTP_ACCEPT="application/pdf")

    body = assert_probleem(response, 409, "bestand-niet-klaar")
    assert "nog gemaakt" in body["detail"]
    assert als(regisseur).get(taak["url"]).json()["status"] == "wachtend"


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [({"formaat": "docx"}, "formaat"), ({}, "formaat"), ({"formaat": "pdf", "x": 1}, "x")],
)
def test_een_ongeldige_aanvraag_is_400(
    dossier: Bestuursproces, regisseur: Any, als: Any, invoer: dict[str, Any], veld: str
) -> None:
    response = als(regisseur).post(proces_url(dossier, "/exports"), invoer, format="json")

    body = assert_probleem(response, 400, "invalid")
    assert [p["name"] for p in body["invalidParams"]] == [veld]
    assert not Exporttaak.objects.exists()


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=2, EXPORT_TAKEN_RETRY_AFTER=45)
def test_meer_taken_dan_de_grens_per_gebruiker_is_429(
    dossierleden: dict[str, Any], vraag_aan: Any
) -> None:
    regisseur = dossierleden["procesregisseur"]
    for _ in range(2):
        assert vraag_aan(regisseur, "pdf", uitvoeren=False).status_code == 202

    response = vraag_aan(regisseur, "pdf", uitvoeren=False)

    body = assert_probleem(response, 429, "te-veel-exporttaken")
    assert response["Retry-After"] == "45"
    assert "2 rapporten" in body["detail"]
    assert Exporttaak.objects.count() == 2
    # Another user is not held back by the regisseur's jobs.
    assert vraag_aan(dossierleden["evaluator"], "pdf", uitvoeren=False).status_code == 202


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=5, EXPORT_TAKEN_TOTAAL=2)
def test_meer_taken_dan_de_grens_in_totaal_is_429(
    dossierleden: dict[str, Any], vraag_aan: Any
) -> None:
    vraag_aan(dossierleden["procesregisseur"], "html", uitvoeren=False)
    vraag_aan(dossierleden["evaluator"], "html", uitvoeren=False)

    response = vraag_aan(dossierleden["evaluator"], "html", uitvoeren=False)

    assert_probleem(response, 429, "te-veel-exporttaken")
    assert response["Retry-After"] == "30"


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=1)
def test_een_afgeronde_taak_telt_niet_meer_mee(regisseur: Any, vraag_aan: Any) -> None:
    assert vraag_aan(regisseur, "html").status_code == 202
    assert vraag_aan(regisseur, "html").status_code == 202


def test_een_taak_van_een_ex_evaluator_mislukt_zonder_bestand(
    dossier: Bestuursproces, dossierleden: dict[str, Any], regisseur: Any, als: Any, vraag_aan: Any
) -> None:
    evaluator = dossierleden["evaluator"]
    taak = vraag_aan(evaluator, "html", uitvoeren=False).json()
    lidmaatschap = Lidmaatschap.objects.get(bestuursproces=dossier, gebruiker=evaluator)
    services.wijzig_lidmaatschap(
        actor=actor_voor(regisseur), lidmaatschap=lidmaatschap, rol="kernteam"
    )
    from cases.exports.rapporttaak import maak_rapport

    maak_rapport.call(Exporttaak.objects.get(uuid=taak["uuid"]).pk)

    opgeslagen = Exporttaak.objects.get(uuid=taak["uuid"])
    assert (opgeslagen.status, opgeslagen.fout, opgeslagen.bestand.name) == (
        "mislukt",
        "geen_exportrecht",
        "",
    )
    # The kernteam member no longer reaches the job at all (403 for the export endpoints).
    assert_probleem(als(evaluator).get(taak["url"]), 403)


@override_settings(EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN=10)
@pytest.mark.parametrize("formaat", ["html", "pdf"])
def test_het_directe_rapport_van_een_groot_proces_verwijst_naar_de_taak(
    dossier: Bestuursproces, regisseur: Any, als: Any, formaat: str
) -> None:
    voeg_gebeurtenissen_toe(dossier, 20)

    response = als(regisseur).get(
        proces_url(dossier, "/export"), {"formaat": formaat}, HTTP_ACCEPT="application/pdf"
    )

    body = assert_probleem(response, 409, "rapport-als-taak")
    assert proces_url(dossier, "/exports") in body["detail"]
    assert f'"formaat": "{formaat}"' in body["detail"]


@override_settings(EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN=10)
def test_de_gebeurtenisformaten_blijven_streamen_boven_de_drempel(
    dossier: Bestuursproces, regisseur: Any, als: Any
) -> None:
    voeg_gebeurtenissen_toe(dossier, 20)

    for formaat in ("jsonl", "csv", "xes"):
        response = als(regisseur).get(proces_url(dossier, "/export"), {"formaat": formaat})
        assert response.status_code == 200, formaat
        assert response.streaming


def test_het_directe_rapport_onder_de_drempel_werkt_zoals_voorheen(
    dossier: Bestuursproces, regisseur: Any, als: Any
) -> None:
    response = als(regisseur).get(proces_url(dossier, "/export"), {"formaat": "html"})

    assert response.status_code == 200
    assert b"Herinrichting Havenkwartier" in b"".join(response.streaming_content)


def test_een_mislukte_taak_zegt_waarom_in_de_taal_van_de_client(
    regisseur: Any, als: Any, vraag_aan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stuk(*args: Any) -> str:
        raise RuntimeError("kapot")

    monkeypatch.setattr("cases.exports.rapporttaak.html", stuk)
    taak = vraag_aan(regisseur, "html").json()

    nl = als(regisseur).get(taak["url"]).json()
    en = als(regisseur).get(taak["url"], HTTP_ACCEPT_LANGUAGE="en").json()

    assert (nl["status"], nl["fout"]["code"], nl["bestand"]) == ("mislukt", "onverwacht", None)
    assert "onverwachte fout" in nl["fout"]["melding"]
    assert "unexpected error" in en["fout"]["melding"]
    assert opgeslagen_bestanden() == []


def test_een_rapport_aanvragen_verandert_niets_aan_het_proces(
    dossier: Bestuursproces, regisseur: Any, vraag_aan: Any
) -> None:
    voor = Gebeurtenis.objects.filter(bestuursproces=dossier).count()

    vraag_aan(regisseur, "html")

    assert Gebeurtenis.objects.filter(bestuursproces=dossier).count() == voor


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=100, EXPORT_TAKEN_TOTAAL=100)
@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_lijst_en_taak_met_een_vast_aantal_queries(
    dossier: Bestuursproces, regisseur: Any, als: Any, aantal: int, django_assert_num_queries: Any
) -> None:
    for _ in range(aantal):
        taak = taken.vraag_rapport_aan(bestuursproces=dossier, aanvrager=regisseur, formaat="html")
    client = als(regisseur)

    # Case with my role; count; the page of my jobs with their requester.
    with django_assert_num_queries(3):
        lijst = client.get(proces_url(dossier, "/exports"))
    # Case with my role; my job.
    with django_assert_num_queries(2):
        detail = client.get(proces_url(dossier, f"/exports/{taak.uuid}"))

    assert lijst.json()["count"] == aantal
    assert len(lijst.json()["results"]) == min(aantal, 20)
    assert detail.json()["uuid"] == str(taak.uuid)


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=10)
@pytest.mark.parametrize("formaat", ["jsonl", "csv", "xes"])
def test_de_directe_export_van_een_te_groot_proces_verwijst_naar_de_taak(
    dossier: Bestuursproces, regisseur: Any, als: Any, formaat: str
) -> None:
    # Never a stream that a server's timeout could cut off into a truncated 200.
    voeg_gebeurtenissen_toe(dossier, 20)

    response = als(regisseur).get(proces_url(dossier, "/export"), {"formaat": formaat})

    body = assert_probleem(response, 409, "export-als-taak")
    assert proces_url(dossier, "/exports") in body["detail"]
    assert f'"formaat": "{formaat}"' in body["detail"]


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=10)
def test_een_grote_jsonl_export_als_taak_is_compleet_en_controleerbaar(
    dossier: Bestuursproces, dossierleden: dict[str, Any], als: Any, vraag_aan: Any
) -> None:
    voeg_gebeurtenissen_toe(dossier, 20)
    evaluator = dossierleden["evaluator"]
    direct = als(evaluator).get(proces_url(dossier, "/export"), {"formaat": "jsonl"})
    assert direct.status_code == 409

    aanvraag = vraag_aan(evaluator, "jsonl")

    assert aanvraag.status_code == 202, aanvraag.content
    assert aanvraag.json()["voortgang"]["stappen"] == 3
    klaar = als(evaluator).get(aanvraag["Location"]).json()
    assert (klaar["formaat"], klaar["status"]) == ("jsonl", "klaar")
    download = als(evaluator).get(klaar["bestand"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/jsonl"
    assert int(download["Content-Length"]) == klaar["grootte"]
    inhoud = b"".join(download.streaming_content)
    assert len(inhoud) == klaar["grootte"]
    uitslag = verifieer_regels(inhoud.decode().splitlines())
    assert uitslag.intact, uitslag
    aantal = Gebeurtenis.objects.filter(bestuursproces=dossier).count()
    assert inhoud.count(b'"soort":"gebeurtenis"') == aantal
    assert not any(geheim.encode() in inhoud for geheim in GEHEIMEN)
    assert download["X-Export-Afgeschermd"] == str(
        AFGESCHERMD_VOOR_EVALUATOR + 2  # every tenth bulk event is confidential
    )


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=10)
@pytest.mark.parametrize(("formaat", "einde"), [("csv", b"\r\n"), ("xes", b"</log>\n")])
def test_csv_en_xes_als_taak(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag_aan: Any, formaat: str, einde: bytes
) -> None:
    voeg_gebeurtenissen_toe(dossier, 20)

    klaar = als(regisseur).get(vraag_aan(regisseur, formaat)["Location"]).json()

    assert klaar["status"] == "klaar"
    inhoud = b"".join(als(regisseur).get(klaar["bestand"]).streaming_content)
    assert len(inhoud) == klaar["grootte"]
    assert inhoud.endswith(einde)
    laatste = Gebeurtenis.objects.filter(bestuursproces=dossier).latest("volgnummer")
    assert laatste.hash.encode() in inhoud


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=10, EXPORT_TAAK_MAX_SECONDEN=0)
def test_een_te_lange_exporttaak_mislukt_zonder_bestand(
    dossier: Bestuursproces, regisseur: Any, als: Any, vraag_aan: Any
) -> None:
    voeg_gebeurtenissen_toe(dossier, 20)

    taak = als(regisseur).get(vraag_aan(regisseur, "jsonl")["Location"]).json()

    assert taak["status"] == "mislukt"
    assert taak["fout"]["code"] == "te_lang"
    assert taak["bestand"] is None
    assert not Exporttaak.objects.get(uuid=taak["uuid"]).bestand
