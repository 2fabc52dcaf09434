"""Replay of positioneringen and procesontwerp revisions gives what the tables hold, per viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases import selectors, services
from cases.events import herbouw, verifieer_keten
from cases.models import Bestuursproces, Rol, Zichtbaarheid
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._rauw import _herbouwd, _toestand

T = [dt.datetime(2025, 3, dag, 9, 0, tzinfo=dt.UTC) for dag in range(1, 12)]


def proces_met_regie(regisseur: Any) -> Bestuursproces:
    """Positioneringen in every veld and at every level (several with the same sinds and
    moment, so the order falls back to the uuid), a wyber-stap, and three procesontwerp
    revisions of which two change the case's aanpak."""
    proces = open_proces(regisseur, tijdstip=T[0])
    actor, kees = actor_voor(regisseur), GebruikerFactory.create(username="kees")
    services.voeg_lid_toe(
        actor=actor, bestuursproces=proces, gebruiker=kees, rol=Rol.KERNTEAM, tijdstip=T[0]
    )
    kernteam = actor_voor(kees)
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="Kiezen waar de kade komt", tijdstip=T[1]
    )

    def kies(veld: str, positie: str, niveau: str, tijdstip: dt.datetime, **extra: Any) -> None:
        services.kies_positionering(
            actor=actor,
            bestuursproces=proces,
            veld=veld,
            positie=positie,
            omschrijving="Dicht bij de macht" if veld == "interne" else "",
            zichtbaarheid=niveau,
            tijdstip=tijdstip,
            **extra,
        )

    def herzie(aanpak: str, tijdstip: dt.datetime, **extra: Any) -> None:
        services.herzie_procesontwerp(
            actor=extra.pop("door", actor),
            bestuursproces=proces,
            inhoud=ProcesontwerpInhoud(processtrategie="Eerst verbinden", aanpak=aanpak, **extra),
            tijdstip=tijdstip,
        )

    kies("opdrachtgevende", "adviserende_rol", "proces", T[2], wyberstap=stap)
    kies("verbindende", "sturen", "kernteam", T[2])
    kies("verbindende", "faciliteren", "kernteam", T[2], sinds=timezone.localdate(T[2]))
    kies("interne", "aansturen", "regisseur", T[3])
    herzie("lineair", T[3], geplande_stappen=[{"titel": "Verkenning", "gepland": "2025-04-01"}])
    kies("uitvoerende", "stand_by", "proces", T[4], sinds=timezone.localdate(T[1]))
    kies("opdrachtgevende", "secretarisrol", "regisseur", T[5])
    herzie("lineair", T[6], door=kernteam, spelregels="Open kaart")
    herzie("flipperkast", T[7], communicatie="Nieuwsbrief")
    return proces


def test_herbouw_is_gelijk_aan_de_tabellen_voor_elke_rol(regisseur: Any) -> None:
    proces = proces_met_regie(regisseur)

    toestand = _toestand(proces)
    assert _herbouwd(proces) == toestand
    assert len(toestand["positioneringen"]) == 6
    assert toestand["procesontwerp"]["versie"] == 3
    assert toestand["bestuursproces"]["aanpak"] == "flipperkast"
    for rol in Rol:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        gezien = _toestand(proces, zichtbaar)
        assert _herbouwd(proces, zichtbaar) == gezien, rol
        assert {p["zichtbaarheid"] for p in gezien["positioneringen"]} <= zichtbaar
        # The procesontwerp is for every member.
        assert gezien["procesontwerp"] == toestand["procesontwerp"]
    assert len(_toestand(proces, Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER))["positioneringen"]) == 2
    assert verifieer_keten(proces) is None


def test_positioneringen_op_veld_sinds_en_moment(regisseur: Any) -> None:
    toestand = _toestand(proces_met_regie(regisseur))

    assert [(p["veld"], p["positie"]) for p in toestand["positioneringen"]] == [
        ("interne", "aansturen"),
        ("opdrachtgevende", "adviserende_rol"),
        ("opdrachtgevende", "secretarisrol"),
        ("uitvoerende", "stand_by"),
        # Same sinds: in the order they were recorded (vastgelegdOp is the recording time).
        ("verbindende", "sturen"),
        ("verbindende", "faciliteren"),
    ]


def test_momentopname_voor_en_na_een_herziening(regisseur: Any) -> None:
    proces = proces_met_regie(regisseur)

    voor = selectors.momentopname(proces, T[3] - dt.timedelta(seconds=1))
    na = selectors.momentopname(proces, T[6])

    assert voor is not None
    assert na is not None
    assert voor["procesontwerp"] is None
    assert voor["bestuursproces"]["aanpak"] == "cyclisch"
    assert (na["procesontwerp"]["versie"], na["procesontwerp"]["spelregels"]) == (2, "Open kaart")
    assert na["bestuursproces"]["aanpak"] == "lineair"
    assert len(na["positioneringen"]) == 6


def test_herbouw_van_alleen_de_gebeurtenissen_tot_een_positionering(regisseur: Any) -> None:
    proces = proces_met_regie(regisseur)
    reeks = list(selectors.gebeurtenissen(proces))
    tot_eerste = next(i for i, e in enumerate(reeks) if e.type == "positionering.gekozen")

    staat = herbouw(reeks[: tot_eerste + 1])

    assert staat is not None
    assert [p["positie"] for p in staat["positioneringen"]] == ["adviserende_rol"]
