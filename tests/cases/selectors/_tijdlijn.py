"""A case with a timeline of dated events, for the krachtenveld and verschuivingen selectors,
and the visibility levels of the roles that read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.models import Opdrachtgever, Rol, Speler, Zichtbaarheid
from tests.cases.services._hulp import beoordeel, beoordeel_og, maak_opdrachtgever, maak_speler
from tests.factories import actor_voor, open_proces

ALLES = Zichtbaarheid.voor_rol(Rol.PROCESREGISSEUR)
KERNTEAM = Zichtbaarheid.voor_rol(Rol.KERNTEAM)
PROCES = Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER)


class Tijdlijn:
    """A case opened 100 days ago whose events are dated by day number since the opening."""

    def __init__(self, regisseur: Any) -> None:
        self.begin = timezone.now() - dt.timedelta(days=100)
        self.regisseur = regisseur
        self.actor = actor_voor(regisseur)
        self.bestuursproces = open_proces(regisseur, tijdstip=self.begin)

    def dag(self, n: float) -> dt.datetime:
        return self.begin + dt.timedelta(days=n)

    def lid(self, gebruiker: Any, rol: str, dag: float) -> Actor:
        services.voeg_lid_toe(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            gebruiker=gebruiker,
            rol=rol,
            tijdstip=self.dag(dag),
        )
        return actor_voor(gebruiker)

    def speler(self, naam: str, dag: float, **velden: Any) -> Speler:
        return maak_speler(
            self.actor, self.bestuursproces, naam=naam, tijdstip=self.dag(dag), **velden
        )

    def opdrachtgever(self, naam: str, dag: float, **velden: Any) -> Opdrachtgever:
        return maak_opdrachtgever(
            self.actor, self.bestuursproces, naam=naam, tijdstip=self.dag(dag), **velden
        )

    def beoordeel(self, speler: Speler, dag: float, **velden: Any) -> Any:
        velden.setdefault("actor", self.actor)
        actor = velden.pop("actor")
        return beoordeel(actor, speler, tijdstip=self.dag(dag), **velden)

    def beoordeel_og(self, opdrachtgever: Opdrachtgever, dag: float, **velden: Any) -> Any:
        return beoordeel_og(self.actor, opdrachtgever, tijdstip=self.dag(dag), **velden)

    def betrokkenheid(
        self, partij: Speler | Opdrachtgever, actie: str, reden: str, dag: float
    ) -> None:
        services.wijzig_betrokkenheid(
            actor=self.actor, partij=partij, actie=actie, reden=reden, tijdstip=self.dag(dag)
        )

    def krachtenveld(self, dag: float, zichtbaar: frozenset[str] = ALLES) -> dict[str, Any] | None:
        return selectors.krachtenveld(self.bestuursproces, self.dag(dag), zichtbaar)

    def verschuivingen(
        self, van: float | None, tot: float, zichtbaar: frozenset[str] = ALLES
    ) -> list[dict[str, Any]]:
        return selectors.verschuivingen(
            self.bestuursproces, None if van is None else self.dag(van), self.dag(tot), zichtbaar
        )
