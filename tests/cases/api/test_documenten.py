"""The documenten endpoints: multipart upload, versions, the guarded download, problem+json."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis
from tests._bestanden import DOCX, PDF, PNG, TEKST, bestand, opgeslagen, sha256
from tests.factories import consolideer_stap

from .helpers import proces_url

pytestmark = pytest.mark.usefixtures("documentopslag")


def client_voor(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def upload(client: APIClient, proces: Bestuursproces, **velden: Any) -> Any:
    gegevens = {"titel": "Verslag werksessie", "bestand": bestand(), **velden}
    return client.post(proces_url(proces, "/documenten"), gegevens, format="multipart")


def test_upload_versie_en_download(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    antwoord = upload(
        regisseur_api, bestuursproces, zichtbaarheid="proces", toelichting="Na de sessie"
    )
    assert antwoord.status_code == 201, antwoord.content
    document = antwoord.json()
    assert antwoord["Location"] == document["url"]
    assert (document["titel"], document["zichtbaarheid"], document["auteur"]) == (
        "Verslag werksessie",
        "proces",
        "regisseur",
    )
    [eerste] = document["versies"]
    assert (eerste["nummer"], eerste["bestandsnaam"], eerste["sha256"], eerste["grootte"]) == (
        1,
        "verslag.pdf",
        sha256(PDF),
        len(PDF),
    )

    tweede = regisseur_api.post(
        document["url"] + "/versies",
        {"bestand": bestand("verslag.docx", DOCX)},
        format="multipart",
        HTTP_X_AUDIT_TOELICHTING="Aangevuld",
    )
    assert tweede.status_code == 201, tweede.content
    assert tweede.json()["nummer"] == 2
    assert tweede["Location"] == tweede.json()["url"] == document["url"] + "/versies/2"
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).last()
    assert laatste is not None
    assert (laatste.type, laatste.toelichting, laatste.payload["versie"]["sha256"]) == (
        "document.versie_toegevoegd",
        "Aangevuld",
        sha256(DOCX),
    )

    download = regisseur_api.get(tweede.json()["inhoud"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == DOCX  # type: ignore[attr-defined]
    assert download["Content-Disposition"] == 'attachment; filename="verslag.docx"'
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert download["Cache-Control"] == "private, no-store"

    detail = regisseur_api.get(document["url"]).json()
    assert [v["sha256"] for v in detail["versies"]] == [sha256(PDF), sha256(DOCX)]
    assert regisseur_api.get(document["url"] + "/versies/3").status_code == 404


def test_wie_het_document_niet_mag_zien_krijgt_404_ook_bij_downloaden(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    document = upload(regisseur_api, bestuursproces, zichtbaarheid="kernteam").json()
    opdrachtgever = client_voor(leden["opdrachtgever"])
    kernteam = client_voor(leden["kernteam"])
    buitenstaander = client_voor(leden["buitenstaander"])

    assert opdrachtgever.get(proces_url(bestuursproces, "/documenten")).json()["count"] == 0
    for url in (document["url"], document["versies"][0]["inhoud"]):
        antwoord = opdrachtgever.get(url)
        assert antwoord.status_code == 404
        assert antwoord["Content-Type"] == "application/problem+json"
        assert buitenstaander.get(url).status_code == 404
    assert kernteam.get(document["versies"][0]["inhoud"]).status_code == 200
    # Reading is not writing: the opdrachtgever adds no versions.
    assert (
        opdrachtgever.post(
            document["url"] + "/versies", {"bestand": bestand()}, format="multipart"
        ).status_code
        == 403
    )


@pytest.mark.parametrize(
    ("naam", "inhoud", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "bestandstype_niet_toegestaan"),
        ("vermomd.pdf", b"<html><script>alert(1)</script></html>", "inhoud_past_niet"),
        ("foto.jpg", PNG, "inhoud_past_niet"),
    ],
)
def test_verkeerd_type_is_400_met_probleem(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, naam: str, inhoud: bytes, code: str
) -> None:
    antwoord = upload(regisseur_api, bestuursproces, bestand=bestand(naam, inhoud))
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["invalidParams"][0]["name"] == "bestand"
    assert antwoord.json()["invalidParams"][0]["code"] == code
    assert opgeslagen() == []


def test_te_groot_is_413_met_probleem(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, settings: Any
) -> None:
    settings.DOCUMENT_MAX_BYTES = 10
    antwoord = upload(regisseur_api, bestuursproces)
    assert antwoord.status_code == 413
    assert antwoord["Content-Type"] == "application/problem+json"
    assert antwoord.json()["code"] == "bestand-te-groot"
    assert not Gebeurtenis.objects.filter(type="document.toegevoegd").exists()

    # A body far above the limit is refused by its Content-Length, before it is read.
    settings.DOCUMENT_MAX_BYTES = 1024
    groot = upload(regisseur_api, bestuursproces, bestand=bestand("groot.txt", TEKST * 5000))
    assert groot.status_code == 413
    assert opgeslagen() == []


def test_een_document_groter_dan_een_verzoek_in_het_geheugen(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, settings: Any
) -> None:
    """Up to DOCUMENT_MAX_BYTES, as documented, also above the size of a request body the API
    keeps in memory (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MiB by default): an upload streams to
    disk. That limit refused every document above it with 413 before."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    inhoud = PDF + b"%" + b"0" * (200 * 1024) + b"\n"
    antwoord = upload(regisseur_api, bestuursproces, bestand=bestand("groot.pdf", inhoud))
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["versies"][0]["grootte"] == len(inhoud)
    # A JSON body keeps the smaller limit.
    notitie = regisseur_api.post(
        proces_url(bestuursproces, "/notities"),
        {"tekst": "x" * (100 * 1024), "zichtbaarheid": "proces"},
        format="json",
    )
    assert notitie.status_code == 413


def test_zonder_bestand_of_titel_noemt_beide_velden(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    antwoord = regisseur_api.post(
        proces_url(bestuursproces, "/documenten"), {"onzin": "x"}, format="multipart"
    )
    assert antwoord.status_code == 400
    assert sorted(p["name"] for p in antwoord.json()["invalidParams"]) == [
        "bestand",
        "onzin",
        "titel",
    ]


def test_koppeling_aan_consolidatie_als_url(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    stap = consolideer_stap(bestuursproces, regisseur)
    url = "http://testserver" + proces_url(
        bestuursproces, f"/wyberstappen/{stap.uuid}/consolidatie"
    )
    antwoord = upload(regisseur_api, bestuursproces, consolidatie=url, zichtbaarheid="proces")
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json()["consolidatie"] == url
    fout = upload(
        regisseur_api,
        bestuursproces,
        consolidatie=url.replace(str(stap.uuid), str(bestuursproces.uuid)),
    )
    assert fout.status_code == 400
    assert fout.json()["invalidParams"][0]["name"] == "consolidatie"


def test_tijdlijn_vertelt_toevoegen_en_nieuwe_versie_en_verwijst_naar_het_document(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    document = upload(regisseur_api, bestuursproces, zichtbaarheid="kernteam").json()
    regisseur_api.post(
        document["url"] + "/versies",
        {"bestand": bestand("verslag-v2.txt", TEKST)},
        format="multipart",
    )
    items = regisseur_api.get(proces_url(bestuursproces, "/tijdlijn")).json()["results"]
    eigen = [
        (i["soort"], i["omschrijving"], i["url"])
        for i in items
        if i["soort"].startswith("document.")
    ]
    assert eigen == [
        (
            "document.toegevoegd",
            "Document 'Verslag werksessie' toegevoegd (verslag.pdf)",
            document["url"],
        ),
        (
            "document.versie_toegevoegd",
            "Versie 2 van document 'Verslag werksessie' toegevoegd (verslag-v2.txt)",
            document["url"],
        ),
    ]
    # The opdrachtgever reads neither sentence (kernteam level).
    items = client_voor(leden["opdrachtgever"]).get(proces_url(bestuursproces, "/tijdlijn"))
    assert not [i for i in items.json()["results"] if i["soort"].startswith("document.")]


def test_momentopname_kent_de_versies_van_toen(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    document = upload(regisseur_api, bestuursproces, zichtbaarheid="proces").json()
    tussen = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).last()
    assert tussen is not None
    regisseur_api.post(
        document["url"] + "/versies", {"bestand": bestand("b.png", PNG)}, format="multipart"
    )

    def versies(**query: str) -> list[str]:
        body = regisseur_api.get(proces_url(bestuursproces, "/momentopname"), query).json()
        [gevonden] = body["documenten"]
        return [v["sha256"] for v in gevonden["versies"]]

    assert versies() == [sha256(PDF), sha256(PNG)]
    assert versies(tijdstip=tussen.tijdstip.isoformat()) == [sha256(PDF)]
