"""The stadium moves and the wyber-stappen of one case: each read in one query, then
computed by :mod:`.rijen`."""

from __future__ import annotations

import datetime as dt

from cases.models import Bestuursproces, Stadiumovergang, WyberStap

from .rijen import (
    OVERGANGKOLOMMEN,
    STAPKOLOMMEN,
    StadiumDuur,
    StappenInStadium,
    stadiumduur_uit,
    stappen_uit,
)


def stadiumduur(bestuursproces: Bestuursproces, nu: dt.datetime) -> tuple[StadiumDuur, ...]:
    """Per stadium, in the book's order, the days spent in it: from each move into it until
    the next move (the current stay until ``nu``). One query."""
    overgangen = list(
        Stadiumovergang.objects.filter(bestuursproces=bestuursproces)
        .order_by("tijdstip", "id")
        .values_list(*OVERGANGKOLOMMEN)
    )
    return stadiumduur_uit(bestuursproces, overgangen, nu)


def stappen_per_stadium(bestuursproces: Bestuursproces) -> tuple[StappenInStadium, ...]:
    """Per stadium the wyber-stappen taken in it. Steps are visible to every member. One
    query."""
    return stappen_uit(
        WyberStap.objects.filter(bestuursproces=bestuursproces).values_list(*STAPKOLOMMEN)
    )
