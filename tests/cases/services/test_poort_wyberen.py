"""The stadium gate of issue #4: leaving a stadium forward needs a wyber-stap consolidated in
that stadium since the case (last) entered it; otherwise the objection says what is missing.

The gate function is called directly, with the case as it stands now (the folded history,
``stand_op``), and through wijzig_stadium with only this gate in the registry (whatever the
application itself registers).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.events import poorten as poorten_module
from cases.events.wereldtijd import streng_vouwen
from cases.exceptions import PoortGesloten
from cases.models import Bestuursproces, Opdrachtgever, Speler, Stadium, WyberStap
from cases.services._wereldtijd import stand_op
from cases.services.poorten import geconsolideerde_stap_vereist

from ._hulp import (
    DOEL,
    REGISSEUR_NAAM,
    breng_in,
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
    laatste_volgnummer,
    naar_consolideren,
    samenvatting,
    schrijft_niets,
    start_stap,
    stem_in,
    verwacht,
)

VOORSTELBAAR, HOUDBAAR, MAAKBAAR = (
    Stadium.VOORSTELBAAR.value,
    Stadium.HOUDBAAR.value,
    Stadium.MAAKBAAR.value,
)


def poort(bestuursproces: Bestuursproces, van: str, naar: str) -> list[str]:
    """The gate asked about a move now, against the case as it stands now."""
    return geconsolideerde_stap_vereist(stand_op(bestuursproces, timezone.now()), van, naar)


def geen_stap(stadium: str) -> list[str]:
    return [f"Er is sinds het bereiken van stadium {stadium} geen wyber-stap geconsolideerd."]


@pytest.fixture
def anna(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    return instemmende_speler(actor, bestuursproces, "Anna Aannemer")


@pytest.fixture
def alleen_deze_poort(monkeypatch: pytest.MonkeyPatch) -> None:
    """wijzig_stadium asks this gate and no other, for this test only."""
    monkeypatch.setattr(poorten_module, "_POORTEN", [geconsolideerde_stap_vereist])


def geconsolideerde_stap(actor: Actor, bestuursproces: Bestuursproces, partij: Any) -> WyberStap:
    stap, _ = naar_consolideren(actor, bestuursproces)
    consolideer(actor, stap, [partij])
    stem_in(actor, stap, partij)
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    return stap


def naar(
    actor: Actor, bestuursproces: Bestuursproces, stadium: str, *, forceren: bool = False
) -> None:
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar=stadium,
        toelichting=f"Naar {stadium}",
        forceren=forceren,
    )
    bestuursproces.refresh_from_db()


# --- no consolidated step ----------------------------------------------------------------------


def test_zonder_stap_een_bezwaar(bestuursproces: Bestuursproces) -> None:
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == geen_stap("voorstelbaar")


@pytest.mark.parametrize("fase", ["divergeren", "convergeren"])
def test_een_stap_die_nog_niet_consolideert_telt_niet(
    bestuursproces: Bestuursproces, actor: Actor, fase: str
) -> None:
    stap = start_stap(actor, bestuursproces)
    breng_in(actor, stap, "Wonen")
    if fase == "convergeren":
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == geen_stap("voorstelbaar")


def test_een_stap_van_een_ander_proces_telt_niet(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    geconsolideerde_stap(actor, ander_proces, instemmende_speler(actor, ander_proces, "Elders"))
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == geen_stap("voorstelbaar")


# --- a step in consolideren --------------------------------------------------------------------


def test_een_stap_in_consolideren_noemt_wie_nog_ontbreekt(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    bart = instemmende_speler(actor, bestuursproces, "Bart Bewoners")
    dirk = instemmende_speler(actor, bestuursproces, "Dirk Dekker")
    eva = instemmende_speler(actor, bestuursproces, "Eva Eigenaar")
    haven: Opdrachtgever = instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")
    stap, _ = naar_consolideren(actor, bestuursproces)
    consolideer(actor, stap, [anna, bart, dirk, haven, eva])
    # Anna has not reacted; Dirk is rond and is not named.
    stem_in(actor, stap, bart, status="ingestemd_onder_voorbehoud", voorbehoud="Mits groen")
    stem_in(actor, stap, dirk)
    stem_in(actor, stap, haven, formeel_besloten=False)
    stem_in(actor, stap, eva, status="niet_ingestemd")

    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == [
        f"Stap 1 ({DOEL}) is nog niet geconsolideerd; wacht op: "
        "Anna Aannemer (nog geen reactie), "
        "Bart Bewoners (ingestemd onder voorbehoud), "
        "Wethouder Haven (Bestuurlijk opdrachtgever) (nog niet formeel besloten), "
        "Eva Eigenaar (niet ingestemd)."
    ]


def test_een_stap_in_consolideren_zonder_consolidatie_wacht_op_de_consolidatie(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    naar_consolideren(actor, bestuursproces, doel="Een heel lang doel " * 10)
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == [
        f"Stap 1 ({('Een heel lang doel ' * 10)[:60]}) is nog niet geconsolideerd; "
        "wacht op: de consolidatie."
    ]


def test_de_laatste_stap_in_consolideren_wordt_genoemd(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    naar_consolideren(actor, bestuursproces, doel="Eerste")
    tweede, _ = naar_consolideren(actor, bestuursproces, doel="Tweede")
    consolideer(actor, tweede, [anna])
    start_stap(actor, bestuursproces, doel="Derde, nog divergerend")
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == [
        "Stap 2 (Tweede) is nog niet geconsolideerd; wacht op: Anna Aannemer (nog geen reactie)."
    ]


# --- a consolidated step -----------------------------------------------------------------------


def test_een_geconsolideerde_stap_in_het_huidige_stadium_laat_door(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == []


def test_een_geconsolideerde_stap_naast_een_lopende_laat_door(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    lopend, _ = naar_consolideren(actor, bestuursproces, doel="Nog een")
    consolideer(actor, lopend, [anna])
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == []


def test_na_een_stap_vooruit_telt_alleen_het_nieuwe_stadium(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    naar(actor, bestuursproces, "houdbaar")
    assert poort(bestuursproces, HOUDBAAR, MAAKBAAR) == geen_stap("houdbaar")

    geconsolideerde_stap(actor, bestuursproces, anna)

    assert poort(bestuursproces, HOUDBAAR, MAAKBAAR) == []


def test_een_stap_geconsolideerd_voor_het_stadium_opnieuw_werd_bereikt_telt_niet(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    naar(actor, bestuursproces, "houdbaar")
    in_houdbaar = geconsolideerde_stap(actor, bestuursproces, anna)
    assert in_houdbaar.stadium == "houdbaar"
    assert poort(bestuursproces, HOUDBAAR, MAAKBAAR) == []

    # Back, and forward again: what was consolidated in houdbaar before no longer counts.
    naar(actor, bestuursproces, "voorstelbaar")
    naar(actor, bestuursproces, "houdbaar", forceren=True)

    assert poort(bestuursproces, HOUDBAAR, MAAKBAAR) == geen_stap("houdbaar")
    # Nor does what was consolidated in voorstelbaar before the case last entered it.
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == geen_stap("voorstelbaar")

    opnieuw = geconsolideerde_stap(actor, bestuursproces, anna)
    assert opnieuw.stadium == "houdbaar"
    assert poort(bestuursproces, HOUDBAAR, MAAKBAAR) == []


# --- in the history ----------------------------------------------------------------------------


def test_in_de_geschiedenis_is_het_bezwaar_de_reden_van_toen(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    """The strict fold asks the gate about a move at its own moment: the objection becomes the
    reason in "Op ... kan dit niet: ...", lower-case and without a final period."""

    def in_de_geschiedenis() -> list[str]:
        stand = stand_op(bestuursproces, timezone.now())
        with streng_vouwen():
            return geconsolideerde_stap_vereist(stand, VOORSTELBAAR, HOUDBAAR)

    assert in_de_geschiedenis() == [
        "er was toen sinds het bereiken van stadium voorstelbaar geen wyber-stap geconsolideerd"
    ]
    stap, _ = naar_consolideren(actor, bestuursproces)
    consolideer(actor, stap, [anna])
    assert in_de_geschiedenis() == [
        f"stap 1 ({DOEL}) was toen nog niet geconsolideerd; er werd gewacht op: "
        "Anna Aannemer (nog geen reactie)"
    ]
    # Shown on its own, the same objection is a sentence.
    assert poort(bestuursproces, VOORSTELBAAR, HOUDBAAR) == [
        f"Stap 1 ({DOEL}) is nog niet geconsolideerd; wacht op: Anna Aannemer (nog geen reactie)."
    ]


# --- through wijzig_stadium --------------------------------------------------------------------


@pytest.mark.usefixtures("alleen_deze_poort")
def test_wijzig_stadium_weigert_zonder_geconsolideerde_stap(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    stap, _ = naar_consolideren(actor, bestuursproces)
    consolideer(actor, stap, [anna])
    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        naar(actor, bestuursproces, "houdbaar")
    assert fout.value.bezwaren == [
        f"Stap 1 ({DOEL}) is nog niet geconsolideerd; wacht op: Anna Aannemer (nog geen reactie)."
    ]
    assert (fout.value.status, fout.value.code) == (409, "poort-gesloten")


@pytest.mark.usefixtures("alleen_deze_poort")
def test_geforceerd_legt_de_overgang_vast_wat_ontbrak(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)

    overgang = services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Bestuurlijk afgesproken",
        forceren=True,
    )

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "stadium.gewijzigd",
        {
            "overgang": {
                "uuid": str(overgang.uuid),
                "van": "voorstelbaar",
                "naar": "houdbaar",
                "richting": "vooruit",
                "geforceerd": True,
                "toelichting": "Bestuurlijk afgesproken",
            },
            "bezwaren": geen_stap("voorstelbaar"),
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Bestuurlijk afgesproken",
    )


@pytest.mark.usefixtures("alleen_deze_poort")
def test_met_een_geconsolideerde_stap_gaat_wijzig_stadium_door(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    naar(actor, bestuursproces, "houdbaar")
    assert bestuursproces.stadium == "houdbaar"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)
    assert (gebeurtenis.payload["overgang"]["geforceerd"], gebeurtenis.payload["bezwaren"]) == (
        False,
        [],
    )


@pytest.mark.usefixtures("alleen_deze_poort")
def test_terug_vraagt_geen_geconsolideerde_stap(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler
) -> None:
    geconsolideerde_stap(actor, bestuursproces, anna)
    naar(actor, bestuursproces, "houdbaar")
    naar(actor, bestuursproces, "voorstelbaar")
    assert bestuursproces.stadium == "voorstelbaar"
