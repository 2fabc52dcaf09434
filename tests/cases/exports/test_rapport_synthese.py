"""The report opens with a synthesis of the case's kengetallen, in Dutch number and date
formats, and says per section what the exporter's role may not see. The case is
tests/cases/_evaluatiecasus.py; its docstring lists what happened when."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone, translation

from cases.models import Bestuursproces
from cases.selectors.kengetallen import dagen_tussen
from tests.cases._evaluatiecasus import Evaluatiecasus, bouw_evaluatiecasus, dag
from tests.factories import open_proces

from .conftest import exporteer


@pytest.fixture
def casus(regisseur: Any) -> Evaluatiecasus:
    return bouw_evaluatiecasus(regisseur)


def synthese(html: str) -> str:
    return html.split('id="samenvatting"', 1)[1].split('id="proces"', 1)[0]


def tabel(deel: str, kop: str) -> list[list[str]]:
    """The rows of the first table after ``kop``, as cell texts."""
    stuk = deel.split(kop, 1)[1].split("</table>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cel).strip()
            for cel in re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)
        ]
        for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", stuk, re.S)
        if "<td" in rij
    ]


def tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_de_synthese_komt_voor_het_detail(casus: Evaluatiecasus) -> None:
    html = exporteer(casus.proces, "html", "evaluator").decode("utf-8")

    assert html.index('id="samenvatting"') < html.index('id="proces"') < html.index('id="stadia"')


def test_tijd_en_stappen_per_stadium(casus: Evaluatiecasus) -> None:
    deel = synthese(exporteer(casus.proces, "html", "evaluator").decode("utf-8"))

    rijen = {rij[0].split()[0]: rij[1:] for rij in tabel(deel, "Tijd en stappen per stadium")}
    # Voorstelbaar day 0–20 and 35–45, twice; its step took 4 days; houdbaar 20–35 and 45–70.
    assert rijen["Voorstelbaar"] == ["30", "2", "1", "1", "4,0"]
    assert rijen["Houdbaar"] == ["40", "2", "1", "1", "8,0"]
    assert rijen["Maakbaar"][:2] == [str(dagen_tussen(dag(70), timezone.now())), "1"]
    assert rijen["Uitvoerbaar"] == ["—", "0", "0", "0", "—"]


def test_interventies_balans_en_verschuivingen_zoals_de_evaluator_ze_ziet(
    casus: Evaluatiecasus,
) -> None:
    html = exporteer(casus.proces, "html", "evaluator").decode("utf-8")
    deel = synthese(html)

    per_veld = {rij[0]: rij[1:] for rij in tabel(deel, "Per veld")}
    assert per_veld["Verbindende veld"] == ["1", "1", "0", "0", "0"]
    assert per_veld["Opdrachtgevende veld"] == ["1", "0", "0", "1", "0"]
    assert per_veld["Ontwerpende veld"] == ["0", "0", "0", "0", "0"]
    assert tabel(deel, "Per strategie") == [
        ["Verbinden", "2", "1", "0", "0", "1"],
        ["Zonder strategie", "1", "0", "0", "1", "0"],
    ]
    balans = {rij[0]: rij[2:] for rij in tabel(deel, "Balans over IK, WIJ, HET en ZIJ")}
    assert balans == {
        "IK": ["0", "0 %"],
        "WIJ": ["1", "33 %"],
        "HET": ["1", "33 %"],
        "ZIJ": ["1", "33 %"],
    }
    verschuivingen = tabel(deel, "Grootste verschuivingen in standpunt")
    assert verschuivingen == [
        [
            "Gemeente Aardam",
            "Tegenstander (7 januari 2026)",
            "Voorstander (14 februari 2026)",
            "1",
            "+2",
        ]
    ]
    assert [rij[:3] for rij in tabel(deel, "Wie kwam en wie ging")] == [
        ["8 januari 2026", "Gemeente Aardam", "Aansluiten"],
        ["9 januari 2026", "Waterschap Delfland", "Aansluiten"],
        ["6 maart 2026", "Waterschap Delfland", "Afhaken"],
    ]
    assert [rij[:4] for rij in tabel(deel, "Positionering in de tijd")] == [
        ["Verbindende veld", "Faciliteren", "10 januari 2026", "14 februari 2026"],
        ["Verbindende veld", "Sturen", "14 februari 2026", "nu"],
    ]
    zinnen = tekst(deel)
    assert (
        "Afspraken nagekomen: 1; niet nagekomen: 1; open: 1 (over de termijn: 1); vervallen: 0."
        in zinnen
    )
    assert (
        "Voor deze rol afgeschermd — interventies: 2; beoordelingen van partijen: 3; "
        "positioneringen: 1; afspraken: 1."
    ) in zinnen
    # The detail says it too, per section.
    assert "2 interventies zijn voor deze rol afgeschermd" in tekst(html)
    assert "3 beoordelingen van partijen zijn voor deze rol afgeschermd" in tekst(html)


def test_de_regisseur_ziet_alles_en_niets_afgeschermd(casus: Evaluatiecasus) -> None:
    html = exporteer(casus.proces, "html", "procesregisseur").decode("utf-8")
    deel = synthese(html)

    assert "Voor deze rol afgeschermd" not in html
    assert tabel(deel, "Per veld")[3][:2] == ["Ontwerpende veld", "1"]
    assert [rij[0] for rij in tabel(deel, "Grootste verschuivingen in standpunt")] == [
        "Gemeente Aardam",
        "Waterschap Delfland",
        "Wethouder Jansen",
    ]


def test_bedragen_en_getallen_in_nederlandse_notatie(regisseur: Any, casus: Evaluatiecasus) -> None:
    oud = open_proces(regisseur, titel="Lang lopend", tijdstip=dag(-2500))

    assert "€ 1.185.000,00" in tekst(exporteer(casus.proces, "html", "evaluator").decode("utf-8"))
    # Thousands separated by a point, in the synthesis (sentence and table) and in the detail.
    dagen = dagen_tussen(oud.geopend_op, timezone.now())
    gegroepeerd = f"{dagen // 1000}.{dagen % 1000:03d}"
    html = tekst(exporteer(oud, "html", "evaluator").decode("utf-8"))
    assert f"({gegroepeerd} dagen)" in html
    assert f"Voorstelbaar (huidig) {gegroepeerd}" in html
    assert re.search(rf"Voorstelbaar \(huidig\) \d+ \w+ \d{{4}} {re.escape(gegroepeerd)}", html)


def test_de_notatie_volgt_de_taal(casus: Evaluatiecasus) -> None:
    with translation.override("en"):
        html = tekst(exporteer(casus.proces, "html", "evaluator").decode("utf-8"))

    assert "€ 1,185,000.00" in html


def test_nooit_geen_uit_wat_de_rol_niet_ziet(dossier: Bestuursproces) -> None:
    """The dossier's only positionering is kernteam's: the evaluator is told it is withheld."""
    html = tekst(exporteer(dossier, "html", "evaluator").decode("utf-8"))

    assert "Geen positionering vastgelegd" not in html
    assert "1 positionering is voor deze rol afgeschermd" in html
    assert "Geen positionering die deze rol mag zien" in html
    assert "Geen interventies op dit veld." not in html
