"""Replay of interventies and reflecties: folding the log gives what the tables show, for every
viewer, and a momentopname gives an interventie as it stood then."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases import selectors, services
from cases.models import Bestuursproces, Rol, Zichtbaarheid
from tests.cases._interventies import instrument, log, open_een_maand_geleden, strategie
from tests.cases.services._hulp import maak_opdrachtgever, maak_speler, start_stap
from tests.factories import GebruikerFactory, actor_voor

from ._rauw import _herbouwd, _toestand


def bouw(regisseur: Any) -> tuple[Bestuursproces, dict[str, Any]]:
    """A case with interventies at every level, through their whole cycle, with changes and
    reflecties (by the regisseur and by a kernteam author)."""
    begin = timezone.now() - dt.timedelta(days=20)
    proces = open_een_maand_geleden(regisseur)
    actor = actor_voor(regisseur)
    kees: Any = GebruikerFactory(username="kees")
    services.voeg_lid_toe(
        actor=actor, bestuursproces=proces, gebruiker=kees, rol="kernteam", tijdstip=begin
    )
    anna, bart = (
        maak_speler(actor, proces, naam=naam, tijdstip=begin) for naam in ("Anna", "Bart")
    )
    haven = maak_opdrachtgever(actor, proces, tijdstip=begin)
    stap = start_stap(actor, proces, tijdstip=begin)
    vandaag = timezone.localdate()

    # Logged in the past (backdated), so that the momentopname can look back.
    openbaar = log(
        actor,
        proces,
        titel="Informatieavond",
        datum=vandaag - dt.timedelta(days=14),
        velden=["verbindende", "idee"],
        spelers=[bart, anna],
        strategie=strategie("verbinden"),
        instrument=instrument(),
        zichtbaarheid="proces",
        tijdstip=begin,
    )
    services.voer_interventie_uit(
        actor=actor,
        interventie=openbaar,
        wat_gedaan="Avond gehouden",
        uitgevoerd_op=vandaag - dt.timedelta(days=14),
        tijdstip=begin + dt.timedelta(days=6),
    )
    services.leg_reflectie_vast(
        actor=actor, interventie=openbaar, tekst="Goed gegaan", zichtbaarheid="proces"
    )
    services.leg_reflectie_vast(actor=actor, interventie=openbaar, tekst="Ik was nerveus")
    services.evalueer_interventie(
        actor=actor, interventie=openbaar, waargenomen_effect="Opkomst hoog", uitgepakt="ja"
    )
    services.wijzig_interventie(
        actor=actor,
        interventie=openbaar,
        wijzigingen={"spelers": [anna], "opdrachtgevers": [haven], "uitgepakt": "deels"},
    )
    kernteam = log(
        actor_voor(kees), proces, titel="Kernteamsessie", wyberstap=stap, velden=["interne"]
    )
    services.leg_reflectie_vast(
        actor=actor_voor(kees), interventie=kernteam, tekst="Eigen blik", zichtbaarheid="kernteam"
    )
    services.wijzig_interventie(
        actor=actor, interventie=kernteam, wijzigingen={"titel": "Heisessie", "wyberstap": None}
    )
    geheim = log(actor, proces, titel="Gesprek onder vier ogen", zichtbaarheid="regisseur")
    services.voer_interventie_uit(actor=actor, interventie=geheim, wat_gedaan="Gesproken")
    return proces, {"begin": begin, "openbaar": openbaar}


def test_herbouw_is_gelijk_aan_de_tabellen_voor_elke_kijker(regisseur: Any) -> None:
    proces, _ = bouw(regisseur)

    volledig = _toestand(proces)
    assert _herbouwd(proces) == volledig
    assert [i["titel"] for i in volledig["interventies"]] == [
        "Informatieavond",
        "Heisessie",
        "Gesprek onder vier ogen",
    ]
    for rol in Rol:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        gezien = _toestand(proces, zichtbaar)
        assert _herbouwd(proces, zichtbaar) == gezien, rol
        for interventie in gezien["interventies"]:
            assert interventie["zichtbaarheid"] in zichtbaar
            assert {r["zichtbaarheid"] for r in interventie["reflecties"]} <= zichtbaar
    opdrachtgever = _toestand(proces, Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER))
    [openbaar] = opdrachtgever["interventies"]
    assert [r["tekst"] for r in openbaar["reflecties"]] == ["Goed gegaan"]


def test_momentopname_toont_de_interventie_zoals_ze_toen_was(regisseur: Any) -> None:
    proces, gebouwd = bouw(regisseur)
    toen = selectors.momentopname(proces, gebouwd["begin"] + dt.timedelta(days=1))
    assert toen is not None
    [interventie] = toen["interventies"]
    assert (interventie["status"], interventie["watGedaan"], interventie["reflecties"]) == (
        "gepland",
        "",
        [],
    )
    assert len(interventie["spelers"]) == 2  # before the change that left only Anna
    assert selectors.momentopname(proces, timezone.now()) == _toestand(proces)
