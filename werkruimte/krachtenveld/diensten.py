"""A party (speler or opdrachtgever) and its first assessment in one go: the two services in
one transaction.

``cases.services`` registers a speler and assesses it in two calls (two events, as the API
has two resources). The page and the import offer them as one step, so a refused assessment
must not leave a registered party behind: both calls share one ``transaction.atomic``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from cases import services
from cases.events import Actor
from cases.models import (
    Bestuursproces,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)


@dataclass(frozen=True)
class EersteBeoordeling:
    standpunt: str
    macht: str
    invloed: int
    vertrouwen: int
    unieke_macht: bool = False
    zichtbaarheid: str = "proces"
    toelichting: str = ""


def registreer_en_beoordeel(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    soort: str,
    veld: str,
    rol_in_proces: str,
    organisatie: Organisatie | None = None,
    beoordeling: EersteBeoordeling | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
    **gegevens: Any,
) -> tuple[Speler, SpelerBeoordeling | None]:
    """``speler.geregistreerd`` and, with ``beoordeling``, ``speler.beoordeeld`` at the same
    world time; all or nothing."""
    with transaction.atomic():
        speler = services.registreer_speler(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=naam,
            soort=soort,
            veld=veld,
            rol_in_proces=rol_in_proces,
            organisatie=organisatie,
            toelichting=toelichting,
            tijdstip=tijdstip,
            **gegevens,
        )
        if beoordeling is None:
            return speler, None
        oordeel = services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt=beoordeling.standpunt,
            macht=beoordeling.macht,
            invloed=beoordeling.invloed,
            vertrouwen=beoordeling.vertrouwen,
            unieke_macht=beoordeling.unieke_macht,
            zichtbaarheid=beoordeling.zichtbaarheid,
            toelichting=beoordeling.toelichting,
            tijdstip=tijdstip,
        )
        return speler, oordeel


@dataclass(frozen=True)
class EersteOpdrachtgeverbeoordeling:
    steun: str
    stevigheid: int
    onderling_vertrouwen: int
    mandaat: str = ""
    impliciete_opdracht: str = ""
    open_rekeningen: str = ""
    zichtbaarheid: str = "regisseur"
    toelichting: str = ""


def registreer_opdrachtgever_en_beoordeel(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    rol: str,
    organisatie: Organisatie | None,
    beoordeling: EersteOpdrachtgeverbeoordeling,
    expliciete_opdracht: str = "",
    tijdstip: dt.datetime | None = None,
) -> tuple[Opdrachtgever, OpdrachtgeverBeoordeling]:
    """``opdrachtgever.geregistreerd`` and ``opdrachtgever.beoordeeld`` at the same world
    time; all or nothing."""
    with transaction.atomic():
        opdrachtgever = services.registreer_opdrachtgever(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=naam,
            rol=rol,
            organisatie=organisatie,
            expliciete_opdracht=expliciete_opdracht,
            tijdstip=tijdstip,
        )
        oordeel = services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            steun=beoordeling.steun,
            stevigheid=beoordeling.stevigheid,
            onderling_vertrouwen=beoordeling.onderling_vertrouwen,
            mandaat=beoordeling.mandaat,
            impliciete_opdracht=beoordeling.impliciete_opdracht,
            open_rekeningen=beoordeling.open_rekeningen,
            zichtbaarheid=beoordeling.zichtbaarheid,
            toelichting=beoordeling.toelichting,
            tijdstip=tijdstip,
        )
        return opdrachtgever, oordeel
