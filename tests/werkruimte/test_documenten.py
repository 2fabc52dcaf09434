"""The Documenten task through the browser's door: the documents at the viewer's levels with
their versions and hashes, an upload (multipart), a new version, size and type refused at the
file field with the rest of the input kept; downloads only through the API's access-checked
view; readers get no forms and 403; non-members 404."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Bestuursproces, Document, DocumentVersie, Gebeurtenis
from tests._bestanden import DOCX, PDF, TEKST, opgeslagen, sha256
from tests.factories import GebruikerFactory, voeg_leden_toe
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier
from ._html import LEZEND, WERKEND, formulieren, veldfout

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documentopslag")]


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _url(zaak: Bestuursproces, rest: str = "") -> str:
    return f"/processen/{zaak.uuid}/documenten/{rest}"


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


@pytest.mark.parametrize("rol", WERKEND)
def test_een_document_uploaden_en_downloaden(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(leden[rol])
    laatste = versie_van(dossier.zaak)
    antwoord = client.post(
        _url(dossier.zaak),
        {
            "document-titel": "Intentieovereenkomst Havenkwartier",
            "document-bestand": SimpleUploadedFile("intentie.pdf", PDF),
            "document-zichtbaarheid": "proces",
            "document-toelichting": "Getekend door alle partijen",
            "document-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["document.toegevoegd"]
    document = Document.objects.get()
    assert antwoord["Location"].endswith(f"#document-{document.uuid}")
    html = client.get(_url(dossier.zaak)).content.decode()
    assert sha256(PDF) in html
    [adres] = re.findall(r'href="([^"]+/inhoud)"', html)
    # The API's access-checked download, never a storage URL.
    assert adres == (
        f"/api/v1/bestuursprocessen/{dossier.zaak.uuid}/documenten/{document.uuid}/versies/1/inhoud"
    )
    download: Any = client.get(adres)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_een_nieuwe_versie(dossier: Dossier, leden: dict[str, Any], web: Any) -> None:
    document = dossier.document()
    laatste = versie_van(dossier.zaak)
    voorvoegsel = f"versie-{document.uuid}"
    antwoord = web(leden["kernteam"]).post(
        _url(dossier.zaak, f"{document.uuid}/versie/"),
        {
            f"{voorvoegsel}-bestand": SimpleUploadedFile("intentie-v2.docx", DOCX),
            f"{voorvoegsel}-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"].endswith(f"#document-{document.uuid}")
    assert _typen(dossier.zaak, laatste) == ["document.versie_toegevoegd"]
    versie = DocumentVersie.objects.get(document=document, nummer=2)
    assert (versie.bestandsnaam, versie.sha256) == ("intentie-v2.docx", sha256(DOCX))
    html = web(leden["kernteam"]).get(_url(dossier.zaak)).content.decode()
    assert "Versie 2: intentie-v2.docx" in html


def test_type_en_grootte_worden_bij_het_bestand_geweigerd(
    dossier: Dossier, leden: dict[str, Any], web: Any, settings: Any
) -> None:
    client = web(leden["procesregisseur"])
    laatste = versie_van(dossier.zaak)
    invoer = {
        "document-titel": "Verslag werksessie",
        "document-zichtbaarheid": "kernteam",
        "document-toelichting": "Voor het kernteam",
        "document-versie": laatste,
    }
    # An HTML page called .pdf: the content does not fit the name.
    antwoord = client.post(
        _url(dossier.zaak),
        {**invoer, "document-bestand": SimpleUploadedFile("verslag.pdf", b"<html></html>")},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "geen PDF" in veldfout(html, "document-bestand")
    assert 'value="Verslag werksessie"' in html
    assert 'value="kernteam" checked' in html
    assert "Voor het kernteam</textarea>" in html
    assert 'enctype="multipart/form-data"' in html
    # An executable.
    antwoord = client.post(
        _url(dossier.zaak),
        {**invoer, "document-bestand": SimpleUploadedFile("setup.exe", b"MZ\x90\x00")},
    )
    assert "niet toegestaan" in veldfout(antwoord.content.decode(), "document-bestand")
    # Too large.
    settings.DOCUMENT_MAX_BYTES = len(TEKST) - 1
    antwoord = client.post(
        _url(dossier.zaak),
        {**invoer, "document-bestand": SimpleUploadedFile("verslag.txt", TEKST)},
    )
    assert antwoord.status_code == 400
    assert "hoogstens" in veldfout(antwoord.content.decode(), "document-bestand")
    assert _typen(dossier.zaak, laatste) == []
    assert not Document.objects.exists()
    assert opgeslagen() == []


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_documenten_zonder_formulieren_en_krijgt_403(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    document = dossier.document()
    dossier.document("Vertrouwelijke notitie", zichtbaarheid="kernteam")
    client = web(leden[rol])
    html = client.get(_url(dossier.zaak)).content.decode()
    assert "Intentieovereenkomst" in html
    assert "Vertrouwelijke notitie" not in html
    assert formulieren(html) == []
    laatste = versie_van(dossier.zaak)
    bestand = SimpleUploadedFile("x.pdf", PDF)
    assert client.post(_url(dossier.zaak), {"document-bestand": bestand}).status_code == 403
    assert client.post(_url(dossier.zaak, f"{document.uuid}/versie/"), {}).status_code == 403
    assert _typen(dossier.zaak, laatste) == []


def test_een_document_boven_het_niveau_is_er_niet(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    verborgen = dossier.document("Alleen de regisseur", zichtbaarheid="regisseur")
    client = web(leden["kernteam"])
    assert client.post(_url(dossier.zaak, f"{verborgen.uuid}/versie/"), {}).status_code == 404


def test_niet_leden_krijgen_404(dossier: Dossier, web: Any) -> None:
    document = dossier.document()
    client = web(GebruikerFactory(username="buitenstaander"))
    assert client.get(_url(dossier.zaak)).status_code == 404
    assert client.post(_url(dossier.zaak, f"{document.uuid}/versie/"), {}).status_code == 404
