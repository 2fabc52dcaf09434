"""maak_notitie: free-text notes on the case or one party, at a chosen visibility level."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Notitie, Opdrachtgever, Speler
from tests.factories import actor_voor

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    maak_opdrachtgever,
    maak_speler,
    naam_van,
    samenvatting,
    schrijft_niets,
    sluit_af,
    utc,
    verwacht,
)


@pytest.fixture
def speler(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    """Event 4."""
    return maak_speler(actor, bestuursproces)


@pytest.fixture
def opdrachtgever(bestuursproces: Bestuursproces, actor: Actor, speler: Speler) -> Opdrachtgever:
    """Event 5 (after the speler)."""
    return maak_opdrachtgever(actor, bestuursproces)


def test_notitie_over_het_proces_op_procesniveau(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    voor = timezone.now()
    notitie = services.maak_notitie(
        actor=actor,
        bestuursproces=bestuursproces,
        tekst="Informatieavond goed bezocht",
        zichtbaarheid="proces",
    )

    opgeslagen = Notitie.objects.get(pk=notitie.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.speler,
        opgeslagen.opdrachtgever,
        opgeslagen.tekst,
        opgeslagen.zichtbaarheid,
        opgeslagen.auteur,
    ) == (bestuursproces.pk, None, None, "Informatieavond goed bezocht", "proces", regisseur)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "notitie.gemaakt",
        {
            "notitie": {
                "uuid": str(notitie.uuid),
                "speler": None,
                "opdrachtgever": None,
                "tekst": "Informatieavond goed bezocht",
                "zichtbaarheid": "proces",
                "tijdstip": utc(notitie.tijdstip),
                "auteur": "regisseur",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert voor <= notitie.tijdstip == gebeurtenis.tijdstip


def test_notitie_over_een_speler_op_regisseursniveau(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, speler: Speler
) -> None:
    tijdstip = timezone.now()
    notitie = services.maak_notitie(
        actor=actor,
        bestuursproces=bestuursproces,
        speler=speler,
        tekst="Speelt een dubbelrol in de raad",
        zichtbaarheid="regisseur",
        tijdstip=tijdstip,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "notitie.gemaakt",
        {
            "notitie": {
                "uuid": str(notitie.uuid),
                "speler": str(speler.uuid),
                "opdrachtgever": None,
                "tekst": "Speelt een dubbelrol in de raad",
                "zichtbaarheid": "regisseur",
                "tijdstip": utc(tijdstip),
                "auteur": "regisseur",
            },
            "zichtbaarheid": "regisseur",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert notitie.tijdstip == gebeurtenis.tijdstip == tijdstip


def test_notitie_over_een_opdrachtgever_door_het_kernteam(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, kernteamlid: Any
) -> None:
    notitie = services.maak_notitie(
        actor=actor_voor(kernteamlid),
        bestuursproces=bestuursproces,
        opdrachtgever=opdrachtgever,
        tekst="Wil vooral snelheid",
        zichtbaarheid="kernteam",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert samenvatting(gebeurtenis) == verwacht(
        7,
        "notitie.gemaakt",
        {
            "notitie": {
                "uuid": str(notitie.uuid),
                "speler": None,
                "opdrachtgever": str(opdrachtgever.uuid),
                "tekst": "Wil vooral snelheid",
                "zichtbaarheid": "kernteam",
                "tijdstip": utc(notitie.tijdstip),
                "auteur": "kees",
            },
            "zichtbaarheid": "kernteam",
        },
        door=kernteamlid,
        naam="Kees Kernteam",
    )


@pytest.mark.parametrize(
    ("rol", "toegestaan", "geweigerd"),
    [
        ("procesregisseur", ["proces", "kernteam", "regisseur"], []),
        ("kernteam", ["proces", "kernteam"], ["regisseur"]),
        ("opdrachtgever", ["proces"], ["kernteam", "regisseur"]),
        ("evaluator", ["proces"], ["kernteam", "regisseur"]),
    ],
)
def test_notities_alleen_op_een_niveau_dat_de_auteur_zelf_mag_zien(
    bestuursproces: Bestuursproces,
    leden: dict[str, Any],
    rol: str,
    toegestaan: list[str],
    geweigerd: list[str],
) -> None:
    lid = actor_voor(leden[rol])
    for niveau in geweigerd:
        with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
            services.maak_notitie(
                actor=lid, bestuursproces=bestuursproces, tekst="Geheim", zichtbaarheid=niveau
            )
        assert [code for code, _ in fout.value.fouten["zichtbaarheid"]] == ["niet_toegestaan"]
    for niveau in toegestaan:
        notitie = services.maak_notitie(
            actor=lid, bestuursproces=bestuursproces, tekst=f"Op {niveau}", zichtbaarheid=niveau
        )
        assert (notitie.auteur, notitie.zichtbaarheid) == (leden[rol], niveau)
    gemaakt = gebeurtenissen_na(bestuursproces, 6)  # after the three extra members
    assert [(e.type, e.actor_naam) for e in gemaakt] == [
        ("notitie.gemaakt", naam_van(leden[rol]))
    ] * len(toegestaan)


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"tekst": ""}, {"tekst"}),
        ({"tekst": "  \n\t "}, {"tekst"}),
        ({"zichtbaarheid": "openbaar"}, {"zichtbaarheid"}),
        ({"zichtbaarheid": ""}, {"zichtbaarheid"}),
    ],
)
def test_notitie_met_ongeldige_gegevens_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    gegevens: dict[str, Any] = {"tekst": "Iets", "zichtbaarheid": "proces"}
    gegevens.update(velden)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.maak_notitie(actor=actor, bestuursproces=bestuursproces, **gegevens)
    assert set(fout.value.fouten) == fouten


def test_notitie_over_twee_partijen_tegelijk_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            speler=speler,
            opdrachtgever=opdrachtgever,
            tekst="Over beiden",
            zichtbaarheid="proces",
        )
    assert set(fout.value.fouten) == {"opdrachtgever"}


@pytest.mark.parametrize("soort", ["speler", "opdrachtgever"])
def test_notitie_over_een_partij_van_een_ander_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor, soort: str
) -> None:
    partij: dict[str, Any] = {
        soort: maak_speler(actor, ander_proces)
        if soort == "speler"
        else maak_opdrachtgever(actor, ander_proces)
    }
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            tekst="Verkeerd dossier",
            zichtbaarheid="proces",
            **partij,
        )
    assert set(fout.value.fouten) == {soort}


def test_notitie_vraagt_een_gebruiker(bestuursproces: Bestuursproces) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.maak_notitie(
            actor=Actor.beheer("import"),
            bestuursproces=bestuursproces,
            tekst="Zonder auteur",
            zichtbaarheid="regisseur",
        )
    assert set(fout.value.fouten) == {"gebruiker"}


def test_notitie_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.maak_notitie(
            actor=actor, bestuursproces=bestuursproces, tekst="Te laat", zichtbaarheid="proces"
        )


def test_notitie_met_tijdstip_in_de_toekomst_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            tekst="Morgen",
            zichtbaarheid="proces",
            tijdstip=timezone.now() + dt.timedelta(days=1),
        )
    assert set(fout.value.fouten) == {"tijdstip"}
