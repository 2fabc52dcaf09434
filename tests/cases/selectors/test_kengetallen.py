"""Kengetallen: a case's figures in world time, as each role sees them, in a fixed number of
queries. The case is tests/cases/_evaluatiecasus.py (its docstring lists what happened when)."""

from __future__ import annotations

from typing import Any

import pytest

from cases.models import Zichtbaarheid
from cases.selectors.kengetallen import QUERIES, Kengetallen, Uitkomsten, kengetallen
from tests.cases._evaluatiecasus import (
    NU,
    Evaluatiecasus,
    bouw_evaluatiecasus,
    dag,
    datum,
    voeg_toe,
)

EVALUATOR = Zichtbaarheid.voor_rol("evaluator")
REGISSEUR = Zichtbaarheid.voor_rol("procesregisseur")

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur: Any) -> Evaluatiecasus:
    return bouw_evaluatiecasus(regisseur)


def cijfers(casus: Evaluatiecasus, zichtbaar: frozenset[str]) -> Kengetallen:
    return kengetallen(casus.proces, zichtbaar, nu=NU)


def test_de_duur_per_stadium_telt_elk_verblijf_tot_nu(casus: Evaluatiecasus) -> None:
    stadia = {s.stadium: s for s in cijfers(casus, EVALUATOR).stadia}

    # Voorstelbaar day 0–20 and 35–45; houdbaar 20–35 and 45–70; maakbaar from 70 until 100.
    assert (stadia["voorstelbaar"].dagen, stadia["voorstelbaar"].keren) == (30, 2)
    assert (stadia["houdbaar"].dagen, stadia["houdbaar"].keren) == (40, 2)
    assert (stadia["maakbaar"].dagen, stadia["maakbaar"].huidig) == (30, True)
    assert (stadia["uitvoerbaar"].dagen, stadia["uitvoerbaar"].eerst_bereikt) == (0, None)
    assert stadia["houdbaar"].eerst_bereikt == dag(20)
    assert cijfers(casus, EVALUATOR).stadia[0].stadium == "voorstelbaar"
    assert cijfers(casus, EVALUATOR).dagen == 100


def test_de_stappen_per_stadium_met_hun_doorlooptijd(casus: Evaluatiecasus) -> None:
    stappen = {s.stadium: s for s in cijfers(casus, EVALUATOR).stappen}

    assert (stappen["voorstelbaar"].aantal, stappen["voorstelbaar"].geconsolideerd) == (1, 1)
    assert stappen["voorstelbaar"].gemiddelde_dagen == 4.0
    assert stappen["houdbaar"].gemiddelde_dagen == 8.0
    assert (stappen["maakbaar"].aantal, stappen["maakbaar"].gemiddelde_dagen) == (0, None)


def test_interventies_per_veld_en_strategie_zoals_de_evaluator_ze_ziet(
    casus: Evaluatiecasus,
) -> None:
    c = cijfers(casus, EVALUATOR)
    per_veld = {v.code: v.uitkomsten for v in c.interventies.per_veld}

    assert c.interventies.totaal == Uitkomsten(ja=1, nee=1, niet_geevalueerd=1)
    assert per_veld["verbindende"] == per_veld["interne"] == Uitkomsten(ja=1)
    assert per_veld["opdrachtgevende"] == Uitkomsten(nee=1)
    assert per_veld["idee"] == Uitkomsten(niet_geevalueerd=1)
    assert per_veld["ontwerpende"].totaal == per_veld["positionerende"].totaal == 0
    assert [(s.naam, s.uitkomsten) for s in c.interventies.per_strategie] == [
        ("Verbinden", Uitkomsten(ja=1, niet_geevalueerd=1)),
        ("Zonder strategie", Uitkomsten(nee=1)),
    ]
    # The two the evaluator may not see are counted, not shown.
    assert c.afgeschermd.interventies == 2


def test_de_regisseur_ziet_alle_interventies(casus: Evaluatiecasus) -> None:
    c = cijfers(casus, REGISSEUR)

    assert c.interventies.totaal == Uitkomsten(ja=1, deels=1, nee=1, niet_geevalueerd=2)
    assert c.interventies.gepland == 1
    assert c.afgeschermd.totaal == 0


def test_de_balans_over_ik_wij_het_zij(casus: Evaluatiecasus) -> None:
    evaluator = {k.kant: k.aantal for k in cijfers(casus, EVALUATOR).balans.kanten}
    regisseur = cijfers(casus, REGISSEUR).balans

    assert evaluator == {"ik": 0, "wij": 1, "het": 1, "zij": 1}
    # The regisseur also sees the ontwerpatelier (HET); the planned spiegelgesprek is no
    # attention given yet.
    assert {k.kant: k.aantal for k in regisseur.kanten} == {"ik": 0, "wij": 1, "het": 2, "zij": 1}
    assert regisseur.totaal == 4


def test_de_grootste_verschuivingen_in_standpunt_eerst(casus: Evaluatiecasus) -> None:
    evaluator = cijfers(casus, EVALUATOR).standpunten
    regisseur = cijfers(casus, REGISSEUR).standpunten

    aardam = evaluator[0]
    assert (aardam.naam, aardam.eerste.standpunt, aardam.laatste.standpunt) == (
        "Gemeente Aardam",
        "tegenstander",
        "voorstander",
    )
    assert (aardam.verschuiving, aardam.grootste_stap, aardam.wisselingen) == (2, 2, 1)
    assert aardam.laatste.tijdstip == dag(40)
    # The evaluator sees only the waterschap's first, open assessment and no opdrachtgever's.
    assert [(v.naam, v.verschuiving) for v in evaluator[1:]] == [("Waterschap Delfland", 0)]
    assert cijfers(casus, EVALUATOR).afgeschermd.beoordelingen == 3
    assert [(v.naam, v.soort, v.verschuiving) for v in regisseur] == [
        ("Gemeente Aardam", "speler", 2),
        ("Waterschap Delfland", "speler", -1),
        ("Wethouder Jansen", "opdrachtgever", 1),
    ]


def test_positionering_in_de_tijd(casus: Evaluatiecasus) -> None:
    evaluator = cijfers(casus, EVALUATOR)
    regisseur = cijfers(casus, REGISSEUR).positionering

    assert [(p.veld, p.positie, p.van, p.tot, p.dagen) for p in evaluator.positionering] == [
        ("verbindende", "faciliteren", datum(5), datum(40), 35),
        ("verbindende", "sturen", datum(40), None, 60),
    ]
    assert evaluator.afgeschermd.positioneringen == 1
    assert (regisseur[0].veld, regisseur[0].positie_naam) == ("opdrachtgevende", "Adviserende rol")


def test_afspraken_nagekomen_of_niet(casus: Evaluatiecasus) -> None:
    evaluator = cijfers(casus, EVALUATOR)
    regisseur = cijfers(casus, REGISSEUR).afspraken

    a = evaluator.afspraken
    assert (a.nagekomen, a.niet_nagekomen, a.open, a.vervallen, a.verlopen) == (1, 1, 1, 0, 1)
    assert evaluator.afgeschermd.afspraken == 1
    assert (regisseur.open, regisseur.verlopen, regisseur.totaal) == (2, 2, 4)


def test_wie_kwam_en_wie_ging(casus: Evaluatiecasus) -> None:
    momenten = cijfers(casus, EVALUATOR).betrokkenheid

    assert [(m.naam, m.actie, m.tijdstip, m.sluit_aan, m.haakt_af) for m in momenten] == [
        ("Gemeente Aardam", "aansluiten", dag(3), True, False),
        ("Waterschap Delfland", "aansluiten", dag(4), True, False),
        ("Waterschap Delfland", "afhaken", dag(60), False, True),
    ]


def test_een_vast_aantal_queries(regisseur: Any, django_assert_num_queries: Any) -> None:
    casus = bouw_evaluatiecasus(regisseur)
    for erbij, totaal in ((0, 0), (10, 10), (40, 50)):  # extra rows of every kind
        voeg_toe(casus.proces, regisseur, erbij)
        # The stadium moves, the wyber-stappen, the interventies, their velden, the assessments
        # of spelers and of opdrachtgevers, the positioneringen, the afspraken, the
        # betrokkenheid changes; nothing is withheld from the regisseur, so no withheld count.
        with django_assert_num_queries(QUERIES - 1):
            c = kengetallen(casus.proces, REGISSEUR, nu=NU)
        uitvoerende = next(v for v in c.interventies.per_veld if v.code == "uitvoerende")
        assert uitvoerende.uitkomsten.ja == totaal
        assert len(c.standpunten) == 3 + totaal


def test_een_leeg_proces(bestuursproces: Any) -> None:
    c = kengetallen(bestuursproces, EVALUATOR)

    assert c.interventies.totaal.totaal == 0
    assert c.standpunten == ()
    assert c.positionering == ()
    assert c.betrokkenheid == ()
    assert [s.huidig for s in c.stadia].count(True) == 1
    assert c.afgeschermd.totaal == 0
