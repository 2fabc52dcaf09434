"""Changing who must consent to a consolidation (wijzig_instemmers), with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Instemming, Opdrachtgever, Speler, WyberStap

from ._hulp import (
    AFGEROND_TOELICHTING,
    REGISSEUR_NAAM,
    _fase,
    consolideer,
    gebeurtenissen_na,
    instemmende_speler,
    instemming_van,
    instemming_zonder_reactie,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    naar_consolideren,
    samenvatting,
    schrijft_niets,
    start_stap,
    stem_in,
    verwacht,
)

# --- wijzig_instemmers -------------------------------------------------------------------------


def test_wijzig_instemmers_voegt_toe_en_haalt_weg(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    corporatie = maak_opdrachtgever(actor, bestuursproces, naam="Directie Corporatie")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    van_bart, van_haven = instemming_van(drie, bart), instemming_van(drie, haven)
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_instemmers(
        actor=actor,
        stap=drie,
        reden="De corporatie bouwt; de bewoners spreken via de wethouder",
        toevoegen=[carla, corporatie],
        verwijderen=[bart, haven],
        tijdstip=tijdstip,
    )

    van_carla, van_corporatie = instemming_van(drie, carla), instemming_van(drie, corporatie)
    assert list(Instemming.objects.filter(stap=drie)) == [
        instemming_van(drie, anna),
        van_carla,
        van_corporatie,
    ]
    assert _fase(drie) == "consolideren"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "instemmers.gewijzigd",
        {
            "stap": str(drie.uuid),
            "toegevoegd": [
                instemming_zonder_reactie(van_carla, speler=carla),
                instemming_zonder_reactie(van_corporatie, opdrachtgever=corporatie),
            ],
            "verwijderd": [str(van_bart.uuid), str(van_haven.uuid)],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De corporatie bouwt; de bewoners spreken via de wethouder",
    )
    assert gebeurtenis.tijdstip == tijdstip


@pytest.mark.parametrize("reden", ["", "   ", "\n"])
def test_wijzig_instemmers_vraagt_een_reden(
    actor: Actor, drie: WyberStap, bart: Speler, reden: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(actor=actor, stap=drie, reden=reden, verwijderen=[bart])
    assert set(fout.value.fouten) == {"reden"}


def test_wijzig_instemmers_zonder_partijen_schrijft_niets(actor: Actor, drie: WyberStap) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(actor=actor, stap=drie, reden="Niets")
    assert set(fout.value.fouten) == {"toevoegen"}


def test_de_laatste_dwarsligger_weghalen_consolideert_de_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, haven)
    stem_in(actor, drie, bart, status="niet_ingestemd", formeel_besloten=True)
    van_bart = instemming_van(drie, bart)
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_instemmers(
        actor=actor,
        stap=drie,
        reden="De vereniging is geen partij meer",
        verwijderen=[bart],
        tijdstip=tijdstip,
    )

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("geconsolideerd", tijdstip)
    gewijzigd, geconsolideerd = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gewijzigd) == verwacht(
        volgnummer + 1,
        "instemmers.gewijzigd",
        {"stap": str(drie.uuid), "toegevoegd": [], "verwijderd": [str(van_bart.uuid)]},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De vereniging is geen partij meer",
    )
    assert samenvatting(geconsolideerd) == verwacht(
        volgnummer + 2,
        "wyberstap.fase_gewijzigd",
        {"stap": str(drie.uuid), "van": "consolideren", "naar": "geconsolideerd"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting=AFGEROND_TOELICHTING,
    )


def test_een_partij_toevoegen_houdt_de_stap_open(
    bestuursproces: Bestuursproces, actor: Actor, drie: WyberStap
) -> None:
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    services.wijzig_instemmers(actor=actor, stap=drie, reden="Zij bouwt", toevoegen=[carla])
    for instemming in Instemming.objects.filter(stap=drie).exclude(speler=carla):
        services.leg_instemming_vast(
            actor=actor, instemming=instemming, status="ingestemd", formeel_besloten=True
        )
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, carla)
    assert _fase(drie) == "geconsolideerd"


def test_er_blijft_minstens_een_instemmer(
    actor: Actor, drie: WyberStap, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> None:
    services.wijzig_instemmers(actor=actor, stap=drie, reden="Kleiner", verwijderen=[bart])
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(
            actor=actor, stap=drie, reden="Niemand meer", verwijderen=[anna, haven]
        )
    assert fout.value.fouten["verwijderen"][0][0] == "invalid"


def test_weghalen_en_toevoegen_tegelijk_laat_een_instemmer_over(
    bestuursproces: Bestuursproces, actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    consolideer(actor, stap, [anna])
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    services.wijzig_instemmers(
        actor=actor, stap=stap, reden="Wissel", toevoegen=[carla], verwijderen=[anna]
    )
    assert [i.speler for i in Instemming.objects.filter(stap=stap)] == [carla]


def _al_vereist(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"toevoegen": [anna]}


def _niet_vereist(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"verwijderen": [carla]}


def _dubbel_toevoegen(
    drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler
) -> dict[str, Any]:
    return {"toevoegen": [carla, carla]}


def _dubbel_weghalen(
    drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler
) -> dict[str, Any]:
    return {"verwijderen": [anna, anna]}


def _van_elders(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"toevoegen": [vreemde]}


@pytest.mark.parametrize(
    ("wijziging", "veld", "code"),
    [
        (_al_vereist, "toevoegen", "unique"),
        (_niet_vereist, "verwijderen", "does_not_exist"),
        (_dubbel_toevoegen, "toevoegen", "unique"),
        (_dubbel_weghalen, "verwijderen", "unique"),
        (_van_elders, "toevoegen", "does_not_exist"),
    ],
    ids=["al-vereist", "niet-vereist", "dubbel-toevoegen", "dubbel-weghalen", "van-elders"],
)
def test_een_ongeldige_wijziging_van_instemmers_schrijft_niets(
    bestuursproces: Bestuursproces,
    ander_proces: Bestuursproces,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    wijziging: Callable[..., dict[str, Any]],
    veld: str,
    code: str,
) -> None:
    vreemde = instemmende_speler(actor, ander_proces, "Van Elders")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(
            actor=actor, stap=drie, reden="Waarom niet", **wijziging(drie, anna, vreemde, carla)
        )
    assert fout.value.fouten[veld][0][0] == code


def test_instemmers_wijzigen_vraagt_een_consolidatie(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_instemmers(actor=actor, stap=stap, reden="Vooraf", toevoegen=[anna])
    assert (fout.value.code, fout.value.status) == ("geen-consolidatie", 409)


@pytest.mark.parametrize("fase", ["divergeren", "geconsolideerd"])
def test_instemmers_wijzigen_alleen_tijdens_consolideren(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler, bart: Speler, fase: str
) -> None:
    if fase == "divergeren":
        stap = start_stap(actor, bestuursproces)
    else:
        stap = naar_consolideren(actor, bestuursproces)[0]
        consolideer(actor, stap, [anna])
        stem_in(actor, stap, anna)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_instemmers(actor=actor, stap=stap, reden="Te laat", toevoegen=[bart])
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)
