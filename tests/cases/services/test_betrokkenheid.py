"""wijzig_betrokkenheid: aansluiten, aanhaken, afwachten and afhaken, each with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    Opdrachtgever,
    Speler,
)
from tests.factories import actor_voor

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    samenvatting,
    schrijft_niets,
    sluit_af,
    verwacht,
)

STANDEN = ["nog_te_betrekken", "aangehaakt", "afwachtend", "afgehaakt"]
# Written out from docs/architecture.md, not imported: action → (from where, to what).
TOEGESTAAN = {
    "aansluiten": ({"nog_te_betrekken"}, "aangehaakt"),
    "aanhaken": ({"afwachtend", "afgehaakt"}, "aangehaakt"),
    "afwachten": ({"nog_te_betrekken", "aangehaakt"}, "afwachtend"),
    "afhaken": ({"nog_te_betrekken", "aangehaakt", "afwachtend"}, "afgehaakt"),
}
# How each starting point is reached from a new party (which is always nog te betrekken).
WEG_NAAR = {
    "nog_te_betrekken": [],
    "aangehaakt": ["aansluiten"],
    "afwachtend": ["afwachten"],
    "afgehaakt": ["afhaken"],
}
SOORTEN = ["speler", "opdrachtgever"]


def _partij(soort: str, actor: Actor, bestuursproces: Bestuursproces) -> Speler | Opdrachtgever:
    if soort == "speler":
        return maak_speler(actor, bestuursproces)
    return maak_opdrachtgever(actor, bestuursproces)


def _breng_naar(actor: Actor, partij: Speler | Opdrachtgever, stand: str) -> None:
    for actie in WEG_NAAR[stand]:
        services.wijzig_betrokkenheid(
            actor=actor, partij=partij, actie=actie, reden="Voorbereiding"
        )
    partij.refresh_from_db()
    assert partij.betrokkenheid == stand


def test_de_tabel_dekt_elke_actie() -> None:
    assert set(TOEGESTAAN) == set(BetrokkenheidsActie.values)
    assert set(STANDEN) == set(Betrokkenheid.values)


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize(
    ("actie", "van"),
    [(actie, van) for actie, (vanaf, _) in TOEGESTAAN.items() for van in sorted(vanaf)],
)
def test_toegestane_actie_wijzigt_de_betrokkenheid_met_haar_gebeurtenis(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    soort: str,
    actie: str,
    van: str,
) -> None:
    partij = _partij(soort, actor, bestuursproces)
    _breng_naar(actor, partij, van)
    volgnummer = laatste_volgnummer(bestuursproces)
    naar = TOEGESTAAN[actie][1]
    tijdstip = timezone.now()

    wijziging = services.wijzig_betrokkenheid(
        actor=actor,
        partij=partij,
        actie=actie,
        reden="Gesprek met de wethouder",
        tijdstip=tijdstip,
    )

    partij.refresh_from_db()
    assert partij.betrokkenheid == naar
    opgeslagen = Betrokkenheidswijziging.objects.get(pk=wijziging.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.speler_id,
        opgeslagen.opdrachtgever_id,
        opgeslagen.actie,
        opgeslagen.van,
        opgeslagen.naar,
        opgeslagen.reden,
        opgeslagen.tijdstip,
        opgeslagen.door,
    ) == (
        bestuursproces.pk,
        partij.pk if soort == "speler" else None,
        partij.pk if soort == "opdrachtgever" else None,
        actie,
        van,
        naar,
        "Gesprek met de wethouder",
        tijdstip,
        regisseur,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        f"{soort}.betrokkenheid_gewijzigd",
        {
            "wijziging": {
                "uuid": str(wijziging.uuid),
                "partij": str(partij.uuid),
                "actie": actie,
                "van": van,
                "naar": naar,
                "reden": "Gesprek met de wethouder",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Gesprek met de wethouder",
    )
    assert gebeurtenis.tijdstip == tijdstip


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize(
    ("actie", "van"),
    [
        (actie, van)
        for actie, (vanaf, _) in TOEGESTAAN.items()
        for van in STANDEN
        if van not in vanaf
    ],
)
def test_geweigerde_actie_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, soort: str, actie: str, van: str
) -> None:
    partij = _partij(soort, actor, bestuursproces)
    _breng_naar(actor, partij, van)

    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie=actie, reden="Toch?")

    assert (fout.value.code, fout.value.veld) == ("ongeldige-betrokkenheidsactie", "actie")
    partij.refresh_from_db()
    assert partij.betrokkenheid == van


def test_de_geweigerde_overgangen_zijn_precies_het_complement() -> None:
    # 16 combinations: 8 allowed (above), 8 refused (above).
    toegestaan = sum(len(vanaf) for vanaf, _ in TOEGESTAAN.values())
    assert toegestaan == 8
    assert len(TOEGESTAAN) * len(STANDEN) - toegestaan == 8


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("reden", ["", " ", "\n\t"])
def test_een_reden_is_verplicht(
    bestuursproces: Bestuursproces, actor: Actor, soort: str, reden: str
) -> None:
    partij = _partij(soort, actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie="aansluiten", reden=reden)
    assert set(fout.value.fouten) == {"reden"}


def test_onbekende_actie_wordt_geweigerd(bestuursproces: Bestuursproces, actor: Actor) -> None:
    speler = maak_speler(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_betrokkenheid(
            actor=actor, partij=speler, actie="aangehaakt", reden="Een stand, geen actie"
        )
    assert set(fout.value.fouten) == {"actie"}


def test_de_actie_gaat_uit_van_de_opgeslagen_stand_niet_van_een_oude_kopie(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, bestuursproces)
    verouderd = Speler.objects.get(pk=speler.pk)
    services.wijzig_betrokkenheid(actor=actor, partij=speler, actie="aansluiten", reden="Ja")
    # The stale copy still says nog te betrekken; aansluiten again must be refused.
    assert verouderd.betrokkenheid == "nog_te_betrekken"
    with schrijft_niets(), pytest.raises(OngeldigeOvergang):
        services.wijzig_betrokkenheid(actor=actor, partij=verouderd, actie="aansluiten", reden="Ja")


def test_kernteamlid_mag_de_betrokkenheid_wijzigen(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    speler = maak_speler(actor_voor(kernteamlid), bestuursproces)
    wijziging = services.wijzig_betrokkenheid(
        actor=actor_voor(kernteamlid), partij=speler, actie="afhaken", reden="Geen tijd"
    )
    assert wijziging.door == kernteamlid
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert (gebeurtenis.actor_naam, "zichtbaarheid" in gebeurtenis.payload) == (
        "Kees Kernteam",
        False,
    )


@pytest.mark.parametrize("soort", SOORTEN)
def test_betrokkenheid_vraagt_een_gebruiker(
    bestuursproces: Bestuursproces, actor: Actor, soort: str
) -> None:
    partij = _partij(soort, actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_betrokkenheid(
            actor=Actor.beheer("import"), partij=partij, actie="aansluiten", reden="Import"
        )
    assert set(fout.value.fouten) == {"gebruiker"}


@pytest.mark.parametrize("soort", SOORTEN)
def test_betrokkenheid_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, soort: str
) -> None:
    partij = _partij(soort, actor, bestuursproces)
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie="aansluiten", reden="Laat")


def test_betrokkenheid_met_tijdstip_in_de_toekomst_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_betrokkenheid(
            actor=actor,
            partij=speler,
            actie="aansluiten",
            reden="Volgende week",
            tijdstip=timezone.now() + dt.timedelta(days=7),
        )
    assert set(fout.value.fouten) == {"tijdstip"}
