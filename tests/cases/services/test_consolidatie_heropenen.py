"""Reopening a settled wyber-stap (heropen_wyberstap): a new step; the old one stays as it was."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Consolidatie, Instemming, Optie, Speler, WyberStap

from ._hulp import (
    REGISSEUR_NAAM,
    breng_in,
    consolideer,
    gebeurtenissen_na,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    start_stap,
    stem_in,
    utc,
    verwacht,
)

# --- heropen_wyberstap -------------------------------------------------------------------------


@pytest.fixture
def geconsolideerd(actor: Actor, stap: WyberStap, anna: Speler) -> WyberStap:
    consolideer(actor, stap, [anna])
    stem_in(actor, stap, anna)
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    return stap


@pytest.mark.parametrize("doel", [None, "Opnieuw: welke functies, nu zonder rijksbijdrage"])
def test_heropen_wyberstap_start_een_nieuwe_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    geconsolideerd: WyberStap,
    anna: Speler,
    doel: str | None,
) -> None:
    consolidatie = Consolidatie.objects.get(stap=geconsolideerd)
    instemmingen = list(Instemming.objects.filter(stap=geconsolideerd).values())
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Stap 1 is geconsolideerd",
    )
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    nieuw = services.heropen_wyberstap(
        actor=actor,
        stap=geconsolideerd,
        reden="De rijksbijdrage is vervallen",
        doel=doel,
        tijdstip=tijdstip,
    )

    opgeslagen = WyberStap.objects.get(pk=nieuw.pk)
    assert (
        opgeslagen.volgnummer,
        opgeslagen.doel,
        opgeslagen.stadium,
        opgeslagen.fase,
        opgeslagen.gestart_op,
        opgeslagen.heropent,
        opgeslagen.heropeningsreden,
    ) == (
        2,
        doel or geconsolideerd.doel,
        "houdbaar",
        "divergeren",
        tijdstip,
        geconsolideerd,
        "De rijksbijdrage is vervallen",
    )
    # The old step, its consolidation and its consents stay as they were.
    oud = WyberStap.objects.get(pk=geconsolideerd.pk)
    assert (oud.fase, oud.geconsolideerd_op) == ("geconsolideerd", geconsolideerd.geconsolideerd_op)
    assert Consolidatie.objects.get(stap=oud) == consolidatie
    assert list(Instemming.objects.filter(stap=oud).values()) == instemmingen
    assert not Instemming.objects.filter(stap=nieuw).exists()
    assert list(oud.heropeningen.all()) == [opgeslagen]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.gestart",
        {
            "stap": {
                "uuid": str(nieuw.uuid),
                "volgnummer": 2,
                "doel": doel or geconsolideerd.doel,
                "stadium": "houdbaar",
                "fase": "divergeren",
                "gestartOp": utc(tijdstip),
                "heropent": str(geconsolideerd.uuid),
                "heropeningsreden": "De rijksbijdrage is vervallen",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De rijksbijdrage is vervallen",
    )


@pytest.mark.parametrize("reden", ["", "  "])
def test_heropenen_vraagt_een_reden(actor: Actor, geconsolideerd: WyberStap, reden: str) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.heropen_wyberstap(actor=actor, stap=geconsolideerd, reden=reden)
    assert set(fout.value.fouten) == {"reden"}


@pytest.mark.parametrize("fase", ["divergeren", "convergeren", "consolideren"])
def test_alleen_een_geconsolideerde_stap_wordt_heropend(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler, fase: str
) -> None:
    stap = start_stap(actor, bestuursproces)
    breng_in(actor, stap, "Wonen")
    if fase != "divergeren":
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    if fase == "consolideren":
        [optie] = Optie.objects.filter(stap=stap)
        services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
        consolideer(actor, stap, [anna])
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.heropen_wyberstap(actor=actor, stap=stap, reden="Nieuwe feiten")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)
