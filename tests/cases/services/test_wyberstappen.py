"""Wyber-stappen: starting a step (start_wyberstap), and closed cases.

Options are in test_wyberstap_opties, phase moves in test_wyberstap_fasen, replaying a whole
scripted story in test_wyberstap_herbouw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Bestuursproces, Optie, WyberStap

from ._hulp import (
    DOEL,
    FASEN,
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    sluit_af,
    stap_in,
    start_stap,
    utc,
    verwacht,
)

# --- start_wyberstap ---------------------------------------------------------------------------


def test_start_wyberstap_opent_een_stap_die_divergeert(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()  # explicit, between the last event and the recording

    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel=DOEL, tijdstip=tijdstip
    )

    opgeslagen = WyberStap.objects.get(pk=stap.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.volgnummer,
        opgeslagen.doel,
        opgeslagen.stadium,
        opgeslagen.fase,
        opgeslagen.gestart_op,
        opgeslagen.convergeren_op,
        opgeslagen.consolideren_op,
        opgeslagen.geconsolideerd_op,
        opgeslagen.heropent,
        opgeslagen.heropeningsreden,
    ) == (
        bestuursproces.pk,
        1,
        DOEL,
        "voorstelbaar",
        "divergeren",
        tijdstip,
        None,
        None,
        None,
        None,
        "",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.gestart",
        {
            "stap": {
                "uuid": str(stap.uuid),
                "volgnummer": 1,
                "doel": DOEL,
                "stadium": "voorstelbaar",
                "fase": "divergeren",
                "gestartOp": utc(tijdstip),
                "heropent": None,
                "heropeningsreden": "",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_volgnummers_tellen_per_proces(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    eerste, tweede = start_stap(actor, bestuursproces), start_stap(actor, bestuursproces)
    elders = start_stap(actor, ander_proces)
    assert (eerste.volgnummer, tweede.volgnummer, elders.volgnummer) == (1, 2, 1)


def test_een_stap_hoort_bij_het_huidige_stadium(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Houdbaar",
        forceren=True,  # past the wyber-stap gate, if it is registered
    )
    volgnummer = laatste_volgnummer(bestuursproces)

    stap = start_stap(actor, bestuursproces)

    assert stap.stadium == "houdbaar"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["stap"]["stadium"] == "houdbaar"


def test_een_stap_zonder_doel_schrijft_niets(bestuursproces: Bestuursproces, actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="")
    assert set(fout.value.fouten) == {"doel"}


def test_een_heropening_verwijst_alleen_naar_een_stap_van_hetzelfde_proces(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    elders = stap_in(actor, ander_proces, "geconsolideerd")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor,
            bestuursproces=bestuursproces,
            doel=DOEL,
            heropent=elders,
            heropeningsreden="Nieuwe feiten",
        )
    assert set(fout.value.fouten) == {"heropent"}


@pytest.mark.parametrize("fase", FASEN[:3])
def test_start_wyberstap_heropent_alleen_een_geconsolideerde_stap(
    bestuursproces: Bestuursproces, actor: Actor, fase: str
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.start_wyberstap(
            actor=actor,
            bestuursproces=bestuursproces,
            doel=DOEL,
            heropent=stap,
            heropeningsreden="Nieuwe feiten",
        )
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


def test_start_wyberstap_vraagt_bij_een_heropening_een_reden_en_zonder_geen(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "geconsolideerd")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor, bestuursproces=bestuursproces, doel=DOEL, heropent=stap
        )
    assert set(fout.value.fouten) == {"heropeningsreden"}
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor, bestuursproces=bestuursproces, doel=DOEL, heropeningsreden="Waarom?"
        )
    assert set(fout.value.fouten) == {"heropeningsreden"}


# --- closed cases ------------------------------------------------------------------------------


def _start(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.start_wyberstap(actor=actor, bestuursproces=stap.bestuursproces, doel=DOEL)


def _optie(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.breng_optie_in(actor=actor, stap=stap, titel="Te laat")


def _besluit(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")


def _fase(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")


@pytest.mark.parametrize("schrijf", [_start, _optie, _besluit, _fase])
@pytest.mark.parametrize("fase", ["divergeren", "convergeren"])
def test_een_afgerond_proces_weigert_elke_wyberhandeling(
    bestuursproces: Bestuursproces,
    actor: Actor,
    fase: str,
    schrijf: Callable[[Actor, WyberStap, Optie], Any],
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    opties = list(Optie.objects.filter(stap=stap))
    if fase == "convergeren":
        for optie in opties:
            services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond) as fout:
        schrijf(actor, stap, opties[0])
    assert fout.value.status == 409
