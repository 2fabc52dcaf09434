"""The evaluation report: what it says, what it keeps from whom, and that it stands alone."""

from __future__ import annotations

import io
import re

import pypdf

from cases.models import Bestuursproces, Gebeurtenis

from .conftest import AFGESCHERMD_VOOR_EVALUATOR, GEHEIMEN, exporteer


def kop_van(bestuursproces: Bestuursproces) -> Gebeurtenis:
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).order_by("volgnummer")
    gebeurtenis = laatste.last()
    assert gebeurtenis is not None
    return gebeurtenis


def test_het_rapport_vertelt_het_verloop(dossier: Bestuursproces) -> None:
    html = exporteer(dossier, "html", "procesregisseur").decode("utf-8")
    tekst = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    for verwacht in (
        "Herinrichting Havenkwartier",
        "Samenvatting",
        "Huidig stadium Houdbaar",
        "Een levendig havenkwartier met woningen en werk",
        "Binnen de bestaande begroting",
        "Draagvlak bij de kerngroep",  # the stadium move
        "Kiezen waar de kade komt",  # the wyber-stap, under voorstelbaar
        "Keukentafelgesprekken",
        "Partijen spreken elkaar weer",
        "Uitgepakt zoals bedoeld: 1",
        "Anouk de Wit",  # a shift in the krachtenveld
        "Voorstander",
        "Faciliteren",  # positionering
        "Verschuivingen in het krachtenveld",
        "Tijdlijn",
        kop_van(dossier).hash,
        "verifieer_export",
    ):
        assert verwacht in tekst, verwacht
    assert GEHEIMEN[1] in tekst  # the regisseur sees the confidential intervention


def test_de_evaluator_ziet_alleen_wat_de_rol_mag(dossier: Bestuursproces) -> None:
    html = exporteer(dossier, "html", "evaluator").decode("utf-8")

    assert not any(geheim in html for geheim in GEHEIMEN)
    assert "Faciliteren" not in html  # the positionering is kernteam's
    assert f"{AFGESCHERMD_VOOR_EVALUATOR} gebeurtenissen zijn voor deze rol afgeschermd" in html
    assert kop_van(dossier).hash in html


def test_het_rapport_haalt_niets_van_buiten(dossier: Bestuursproces) -> None:
    html = exporteer(dossier, "html").decode("utf-8")

    assert "<style>" in html
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    # days per stadium, outcomes per veld (the synthesis); stadia, aandacht, krachtenveld
    assert html.count("<svg ") == 5
    assert "@import" not in html


def test_de_pdf_draagt_titel_en_kop_van_de_keten(dossier: Bestuursproces) -> None:
    pdf = exporteer(dossier, "pdf", "evaluator")

    assert pdf.startswith(b"%PDF")
    tekst = "".join(pagina.extract_text() for pagina in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Herinrichting Havenkwartier" in tekst
    assert kop_van(dossier).hash in re.sub(r"\s+", "", tekst)
    assert not any(geheim in tekst for geheim in GEHEIMEN)
