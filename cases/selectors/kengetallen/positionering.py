"""The regisseur's positionering over time: per veld, each position as a period."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Bestuursproces, Positie, Positionering, PositioneringsVeld


@dataclass(frozen=True)
class Positieperiode:
    """One position of the regisseur in one veld, from its date until the next one."""

    veld: str
    veld_naam: str
    positie: str
    positie_naam: str
    omschrijving: str
    van: dt.date
    tot: dt.date | None  # None: still in force
    dagen: int


def positionering_in_de_tijd(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], nu: dt.datetime
) -> tuple[Positieperiode, ...]:
    """Per veld (the book's order) the visible positions as periods, oldest first. Of two
    positions from the same day the one recorded later holds. One query."""
    per_veld: dict[str, list[tuple[str, str, dt.date]]] = defaultdict(list)
    for veld, positie, omschrijving, sinds in (
        Positionering.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .order_by("sinds", "vastgelegd_op", "id")
        .values_list("veld", "positie", "omschrijving", "sinds")
    ):
        reeks = per_veld[veld]
        if reeks and reeks[-1][2] == sinds:
            reeks.pop()
        reeks.append((positie, omschrijving, sinds))
    vandaag = timezone.localdate(nu)
    result = []
    for veld in PositioneringsVeld:
        reeks = per_veld[veld.value]
        for nummer, (positie, omschrijving, sinds) in enumerate(reeks):
            tot = reeks[nummer + 1][2] if nummer + 1 < len(reeks) else None
            result.append(
                Positieperiode(
                    veld=veld.value,
                    veld_naam=str(veld.label),
                    positie=positie,
                    positie_naam=str(Positie(positie).label),
                    omschrijving=omschrijving,
                    van=sinds,
                    tot=tot,
                    dagen=max(((tot or vandaag) - sinds).days, 0),
                )
            )
    return tuple(result)
