"""Stadia and wyber-stappen of one case from rows already read: the halves that
:mod:`cases.selectors.vergelijking` reuses for many cases at once, reading their rows in one
query per kind (the columns are :data:`OVERGANGKOLOMMEN` and :data:`STAPKOLOMMEN`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Bestuursproces, Stadium


def dagen_tussen(van: dt.datetime, tot: dt.datetime) -> int:
    """Calendar days in Dutch time, as a reader counts them between two dates of the case."""
    return (timezone.localdate(tot) - timezone.localdate(van)).days


@dataclass(frozen=True)
class StadiumDuur:
    """How long the case stood in one stadium, over all its stays there."""

    stadium: str
    naam: str
    dagen: int
    keren: int  # how often the case entered it (more than once after falling back)
    eerst_bereikt: dt.datetime | None
    huidig: bool


# The columns of a stadium move the figures read, in this order (also read for many cases at
# once by cases.selectors.vergelijking).
OVERGANGKOLOMMEN = ("van", "naar", "tijdstip")


def stadiumduur_uit(
    bestuursproces: Bestuursproces,
    overgangen: list[tuple[str, str, dt.datetime]],
    nu: dt.datetime,
) -> tuple[StadiumDuur, ...]:
    """:func:`stadiumduur` of the case's moves (:data:`OVERGANGKOLOMMEN`, in world-time
    order), already read."""
    eerste = overgangen[0][0] if overgangen else bestuursproces.stadium
    # (stadium, from, until) for every stay, the first from the opening of the case.
    verblijven: list[tuple[str, dt.datetime, dt.datetime]] = []
    stadium, sinds = eerste, bestuursproces.geopend_op
    for _van, naar, tijdstip in overgangen:
        verblijven.append((stadium, sinds, tijdstip))
        stadium, sinds = naar, tijdstip
    verblijven.append((stadium, sinds, max(nu, sinds)))
    dagen: dict[str, int] = defaultdict(int)
    keren: dict[str, int] = defaultdict(int)
    bereikt: dict[str, dt.datetime] = {}
    for code, van, tot in verblijven:
        dagen[code] += dagen_tussen(van, tot)
        keren[code] += 1
        bereikt.setdefault(code, van)
    return tuple(
        StadiumDuur(
            stadium=s.value,
            naam=str(s.label),
            dagen=dagen[s.value],
            keren=keren[s.value],
            eerst_bereikt=bereikt.get(s.value),
            huidig=s.value == stadium,
        )
        for s in Stadium
    )


@dataclass(frozen=True)
class StappenInStadium:
    stadium: str
    naam: str
    aantal: int
    geconsolideerd: int
    heropeningen: int  # steps that reopened an earlier, consolidated one
    gemiddelde_dagen: float | None  # from start to consolidation, of the consolidated steps


# The columns of a wyber-stap the figures read, in this order.
STAPKOLOMMEN = ("stadium", "gestart_op", "geconsolideerd_op", "heropent_id")


def stappen_uit(
    rijen: Iterable[tuple[str, dt.datetime, dt.datetime | None, int | None]],
) -> tuple[StappenInStadium, ...]:
    """:func:`stappen_per_stadium` of a case's steps (:data:`STAPKOLOMMEN`), already read."""
    aantal: dict[str, int] = defaultdict(int)
    heropeningen: dict[str, int] = defaultdict(int)
    doorlooptijden: dict[str, list[int]] = defaultdict(list)
    for stadium, gestart, geconsolideerd, heropent in rijen:
        aantal[stadium] += 1
        heropeningen[stadium] += heropent is not None
        if geconsolideerd is not None:
            doorlooptijden[stadium].append(dagen_tussen(gestart, geconsolideerd))
    return tuple(
        StappenInStadium(
            stadium=s.value,
            naam=str(s.label),
            aantal=aantal[s.value],
            geconsolideerd=len(doorlooptijden[s.value]),
            heropeningen=heropeningen[s.value],
            gemiddelde_dagen=(
                round(sum(doorlooptijden[s.value]) / len(doorlooptijden[s.value]), 1)
                if doorlooptijden[s.value]
                else None
            ),
        )
        for s in Stadium
    )
