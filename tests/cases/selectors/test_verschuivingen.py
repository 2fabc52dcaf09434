"""verschuivingen: who shifted when and why, within a window and per viewer."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from tests.cases.services._hulp import REGISSEUR_NAAM, beoordeel, naam_van

from ._tijdlijn import ALLES, KERNTEAM, PROCES, Tijdlijn


def _kort(rijen: list[dict[str, Any]]) -> list[tuple[str, str, str | None, str]]:
    return [(r["partij"]["naam"], r["aspect"], r["van"], r["naar"]) for r in rijen]


def test_verschuivingen_van_standpunt_en_betrokkenheid(
    tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Actor]
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel(anna, 2, standpunt="voorstander", toelichting="Enthousiast")
    t.beoordeel(anna, 3, standpunt="voorstander", invloed=5, toelichting="Meer invloed")
    t.betrokkenheid(anna, "aansluiten", "Kwam naar de werksessie", 4)
    t.beoordeel(
        anna,
        5,
        standpunt="tegenstander",
        toelichting="Budget geschrapt",
        actor=leden_tijdlijn["kernteam"],
    )
    t.beoordeel_og(wethouder, 6, steun="afwachtend", toelichting="Wacht de raad af")
    t.betrokkenheid(wethouder, "afwachten", "Eerst verkiezingen", 7)

    rijen = t.verschuivingen(None, 10)

    anna_partij = {"uuid": str(anna.uuid), "naam": "Anna", "soort": "speler"}
    wethouder_partij = {"uuid": str(wethouder.uuid), "naam": "Wethouder", "soort": "opdrachtgever"}
    gebeurtenissen = {e.tijdstip: e.volgnummer for e in selectors.gebeurtenissen(t.bestuursproces)}
    assert rijen == [
        {
            "volgnummer": gebeurtenissen[t.dag(2)],
            "tijdstip": t.dag(2),
            "partij": anna_partij,
            "aspect": "standpunt",
            "van": None,  # the first assessment: the position became known
            "naar": "voorstander",
            "toelichting": "Enthousiast",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        # day 3: the same standpunt again is no shift
        {
            "volgnummer": gebeurtenissen[t.dag(4)],
            "tijdstip": t.dag(4),
            "partij": anna_partij,
            "aspect": "betrokkenheid",
            "van": "nog_te_betrekken",
            "naar": "aangehaakt",
            "toelichting": "Kwam naar de werksessie",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        {
            "volgnummer": gebeurtenissen[t.dag(5)],
            "tijdstip": t.dag(5),
            "partij": anna_partij,
            "aspect": "standpunt",
            "van": "voorstander",
            "naar": "tegenstander",
            "toelichting": "Budget geschrapt",
            "door": "kim",
            "doorNaam": "Kim Kern",
        },
        {
            "volgnummer": gebeurtenissen[t.dag(6)],
            "tijdstip": t.dag(6),
            "partij": wethouder_partij,
            "aspect": "standpunt",  # an opdrachtgever's steun
            "van": None,
            "naar": "afwachtend",
            "toelichting": "Wacht de raad af",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        {
            "volgnummer": gebeurtenissen[t.dag(7)],
            "tijdstip": t.dag(7),
            "partij": wethouder_partij,
            "aspect": "betrokkenheid",
            "van": "nog_te_betrekken",
            "naar": "afwachtend",
            "toelichting": "Eerst verkiezingen",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
    ]


def test_verschuivingen_binnen_van_en_tot(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 10, standpunt="voorstander")
    t.beoordeel(anna, 20, standpunt="afwachtend")
    t.betrokkenheid(anna, "afwachten", "Twijfelt", 25)
    t.beoordeel(anna, 30, standpunt="tegenstander")

    assert _kort(t.verschuivingen(None, 99)) == [
        ("Anna", "standpunt", None, "voorstander"),
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
        ("Anna", "standpunt", "afwachtend", "tegenstander"),
    ]
    # Shifts before van are left out, but still give the next shift its "van".
    assert _kort(t.verschuivingen(15, 99)) == [
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
        ("Anna", "standpunt", "afwachtend", "tegenstander"),
    ]
    # Both ends are inclusive.
    assert _kort(t.verschuivingen(20, 25)) == [
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
    ]
    assert _kort(t.verschuivingen(None, 19)) == [("Anna", "standpunt", None, "voorstander")]
    assert t.verschuivingen(31, 99) == []
    assert t.verschuivingen(None, 5) == []
    assert t.verschuivingen(-50, -10) == []  # before the case existed


def test_verschuivingen_noemen_de_partij_bij_haar_naam_tot_en_met_tot(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel(anna, 10, standpunt="voorstander")
    t.beoordeel_og(wethouder, 11, steun="voorstander")
    voor_hernoemen = timezone.now()
    services.wijzig_speler(actor=t.actor, speler=anna, wijzigingen={"naam": "Anna de Vries"})
    services.wijzig_opdrachtgever(
        actor=t.actor, opdrachtgever=wethouder, wijzigingen={"naam": "Wethouder Wonen"}
    )
    beoordeel(t.actor, anna, standpunt="tegenstander")
    nu = timezone.now()

    # One party, one name in a list: its name as of tot, also for the shifts before the rename.
    rijen = selectors.verschuivingen(t.bestuursproces, None, nu, ALLES)
    assert [(r["partij"]["uuid"], r["partij"]["naam"], r["naar"]) for r in rijen] == [
        (str(anna.uuid), "Anna de Vries", "voorstander"),
        (str(wethouder.uuid), "Wethouder Wonen", "voorstander"),
        (str(anna.uuid), "Anna de Vries", "tegenstander"),
    ]
    # Before the rename, the names as they were then.
    eerder = selectors.verschuivingen(t.bestuursproces, None, voor_hernoemen, ALLES)
    assert [r["partij"]["naam"] for r in eerder] == ["Anna", "Wethouder"]


@pytest.mark.parametrize(
    ("zichtbaar", "verwacht"),
    [
        pytest.param(
            ALLES,
            [
                (None, "voorstander", "Open"),
                ("voorstander", "tegenstander", "GEHEIM-regisseur"),
                ("tegenstander", "afwachtend", "Weer open"),
            ],
            id="regisseur",
        ),
        pytest.param(
            KERNTEAM,
            [(None, "voorstander", "Open"), ("voorstander", "afwachtend", "Weer open")],
            id="kernteam",
        ),
        pytest.param(
            PROCES,
            [(None, "voorstander", "Open"), ("voorstander", "afwachtend", "Weer open")],
            id="proces",
        ),
    ],
)
def test_verborgen_beoordeling_lekt_niet_via_de_van_van_een_latere_verschuiving(
    tijdlijn: Tijdlijn,
    zichtbaar: frozenset[str],
    verwacht: list[tuple[str | None, str, str]],
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="voorstander", toelichting="Open")
    t.beoordeel(
        anna, 3, standpunt="tegenstander", zichtbaarheid="regisseur", toelichting="GEHEIM-regisseur"
    )
    t.beoordeel(anna, 4, standpunt="afwachtend", toelichting="Weer open")

    rijen = t.verschuivingen(None, 10, zichtbaar)

    assert [(r["van"], r["naar"], r["toelichting"]) for r in rijen] == verwacht
    if "regisseur" not in zichtbaar:
        assert "tegenstander" not in repr(rijen)
        assert "GEHEIM" not in repr(rijen)


def test_terug_naar_het_zichtbare_standpunt_is_voor_lagere_niveaus_geen_verschuiving(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="voorstander")
    t.beoordeel(anna, 3, standpunt="tegenstander", zichtbaarheid="kernteam")
    t.beoordeel(anna, 4, standpunt="voorstander")

    assert _kort(t.verschuivingen(None, 10, ALLES)) == [
        ("Anna", "standpunt", None, "voorstander"),
        ("Anna", "standpunt", "voorstander", "tegenstander"),
        ("Anna", "standpunt", "tegenstander", "voorstander"),
    ]
    assert _kort(t.verschuivingen(None, 10, KERNTEAM)) == _kort(t.verschuivingen(None, 10, ALLES))
    assert _kort(t.verschuivingen(None, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]


def test_eerste_zichtbare_beoordeling_komt_van_none_ook_na_een_verborgen(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="tegenstander", zichtbaarheid="regisseur")
    t.beoordeel(anna, 3, standpunt="voorstander")

    assert _kort(t.verschuivingen(None, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]
    # Also when the window starts after the hidden one.
    assert _kort(t.verschuivingen(2.5, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]
    assert _kort(t.verschuivingen(2.5, 10, ALLES)) == [
        ("Anna", "standpunt", "tegenstander", "voorstander")
    ]


def test_steun_van_opdrachtgevers_is_standaard_alleen_voor_de_regisseur(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel_og(wethouder, 2, steun="tegenstander", toelichting="Vertrouwelijk")
    t.betrokkenheid(wethouder, "aansluiten", "Tekende de opdracht", 3)

    assert _kort(t.verschuivingen(None, 10, ALLES)) == [
        ("Wethouder", "standpunt", None, "tegenstander"),
        ("Wethouder", "betrokkenheid", "nog_te_betrekken", "aangehaakt"),
    ]
    for zichtbaar in (KERNTEAM, PROCES):
        rijen = t.verschuivingen(None, 10, zichtbaar)
        assert _kort(rijen) == [("Wethouder", "betrokkenheid", "nog_te_betrekken", "aangehaakt")]
        assert "Vertrouwelijk" not in repr(rijen)


def test_door_is_wie_het_vastlegde(tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Actor]) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    kernteam = leden_tijdlijn["kernteam"]
    t.beoordeel(anna, 2, standpunt="voorstander", actor=kernteam)
    [rij] = t.verschuivingen(None, 10, PROCES)
    assert rij["door"] == "kim"
    assert rij["doorNaam"] == naam_van(kernteam.gebruiker) == "Kim Kern"
