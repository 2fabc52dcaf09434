"""Phase moves of a wyber-stap (wijzig_fase).

Phases go forward one at a time (divergeren → convergeren → consolideren); geconsolideerd is
never reached by hand.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Optie, WyberStap

from ._hulp import (
    FASEN,
    REGISSEUR_NAAM,
    breng_in,
    gebeurtenissen_na,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    stap_in,
    start_stap,
    verwacht,
)

# --- wijzig_fase -------------------------------------------------------------------------------


def test_wijzig_fase_naar_convergeren(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "divergeren")
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_fase(
        actor=actor,
        stap=stap,
        naar="convergeren",
        toelichting="Alle partijen hebben hun opties ingebracht",
        tijdstip=tijdstip,
    )

    stap.refresh_from_db()
    assert (stap.fase, stap.convergeren_op, stap.consolideren_op) == (
        "convergeren",
        tijdstip,
        None,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.fase_gewijzigd",
        {"stap": str(stap.uuid), "van": "divergeren", "naar": "convergeren"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Alle partijen hebben hun opties ingebracht",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_wijzig_fase_naar_consolideren(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    wonen, werken = Optie.objects.filter(stap=stap)
    services.besluit_over_optie(actor=actor, optie=wonen, status="gekozen")
    services.besluit_over_optie(actor=actor, optie=werken, status="verworpen", reden="Te duur")
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=tijdstip)

    stap.refresh_from_db()
    assert (stap.fase, stap.consolideren_op, stap.geconsolideerd_op) == (
        "consolideren",
        tijdstip,
        None,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.fase_gewijzigd",
        {"stap": str(stap.uuid), "van": "convergeren", "naar": "consolideren"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (van, naar)
        for van in FASEN
        for naar in FASEN[:3]
        if van == "geconsolideerd" or FASEN.index(naar) != FASEN.index(van) + 1
    ],
)
def test_een_fase_gaat_alleen_een_stap_vooruit(
    bestuursproces: Bestuursproces, actor: Actor, van: str, naar: str
) -> None:
    stap = stap_in(actor, bestuursproces, van)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar=naar)
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "fase-overgeslagen",
        409,
        "naar",
    )
    if van != "geconsolideerd":
        assert f"alleen naar {FASEN[FASEN.index(van) + 1]}" in fout.value.detail


@pytest.mark.parametrize("van", FASEN)
def test_geconsolideerd_wordt_een_stap_nooit_met_de_hand(
    bestuursproces: Bestuursproces, actor: Actor, van: str
) -> None:
    stap = stap_in(actor, bestuursproces, van)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="geconsolideerd")
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "consolidatie-via-instemming",
        409,
        "naar",
    )


def test_een_onbekende_fase_is_ongeldige_invoer(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "divergeren")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="fantaseren")
    assert set(fout.value.fouten) == {"naar"}


def test_convergeren_vraagt_opties(bestuursproces: Bestuursproces, actor: Actor) -> None:
    stap = start_stap(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    assert (fout.value.code, fout.value.status) == ("geen-opties", 409)


def _met_besluiten(actor: Actor, stap: WyberStap, statussen: list[str]) -> list[Optie]:
    """Bring in one option per status, converge, and decide on each as told."""
    opties = breng_in(actor, stap, *(f"Optie {n}" for n in range(1, len(statussen) + 1)))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    for optie, status in zip(opties, statussen, strict=True):
        if status == "verworpen":
            services.besluit_over_optie(actor=actor, optie=optie, status=status, reden="Nee")
        elif status == "samengevoegd":
            services.besluit_over_optie(
                actor=actor, optie=optie, status=status, samengevoegd_in=opties[0]
            )
        elif status == "gekozen":
            services.besluit_over_optie(actor=actor, optie=optie, status=status)
    return opties


@pytest.mark.parametrize(
    "statussen", [["open"], ["open", "open"], ["verworpen"], ["verworpen", "samengevoegd"]]
)
def test_consolideren_vraagt_een_gekozen_optie(
    bestuursproces: Bestuursproces, actor: Actor, statussen: list[str]
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, statussen)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "geen-gekozen-optie",
        409,
        "naar",
    )


def test_consolideren_kan_niet_met_open_opties(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, ["gekozen", "open", "verworpen", "open"])
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert (fout.value.code, fout.value.status) == ("open-opties", 409)
    assert "Optie 2, Optie 4" in fout.value.detail


def test_consolideren_met_gekozen_verworpen_en_samengevoegde_opties(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, ["gekozen", "verworpen", "samengevoegd", "gekozen"])
    stap = services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert stap.fase == "consolideren"
