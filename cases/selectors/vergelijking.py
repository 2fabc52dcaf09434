"""The comparison across cases: per case the duration per stadium, the wyber-stappen and the
interventies per veld with how they worked out, as the viewer may see each case.

The figures are those of :mod:`cases.selectors.kengetallen` (the same computations, fed
here with the rows of many cases at once): five queries for any number of cases, instead of
four per case.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from cases.models import Interventie, InterventieVeld, Stadiumovergang, WyberStap

from .kengetallen import (
    INTERVENTIEKOLOMMEN,
    OVERGANGKOLOMMEN,
    STAPKOLOMMEN,
    VELDKOLOMMEN,
    Interventiecijfers,
    Interventierij,
    StadiumDuur,
    StappenInStadium,
    interventiecijfers,
    stadiumduur_uit,
    stappen_uit,
)
from .overzicht import ZichtbaarProces

# The queries of vergelijk(), whatever the number of cases: stadium moves, wyber-stappen,
# interventies, their velden, and the withheld interventies.
QUERIES = 5


@dataclass(frozen=True)
class Procesvergelijking:
    """One case's row of the comparison."""

    proces: ZichtbaarProces
    stadia: tuple[StadiumDuur, ...]
    stappen: tuple[StappenInStadium, ...]
    interventies: Interventiecijfers
    interventies_afgeschermd: int  # above the viewer's level: counted, never shown

    @property
    def dagen(self) -> int:
        return sum(s.dagen for s in self.stadia)

    @property
    def aantal_stappen(self) -> int:
        return sum(s.aantal for s in self.stappen)

    @property
    def geconsolideerd(self) -> int:
        return sum(s.geconsolideerd for s in self.stappen)


def _zichtbaar_filter(processen: Sequence[ZichtbaarProces], prefix: str = "") -> Q:
    """Each case's rows at the levels its viewer may read (one OR term per set of levels)."""
    per_niveaus: dict[frozenset[str], list[int]] = defaultdict(list)
    for p in processen:
        per_niveaus[p.zichtbaar].append(p.bestuursproces.pk)
    filter_ = Q(pk__in=[])
    for zichtbaar, pks in per_niveaus.items():
        filter_ |= Q(bestuursproces_id__in=pks, **{f"{prefix}zichtbaarheid__in": sorted(zichtbaar)})
    return filter_


def _per_proces(rijen: Any) -> dict[int, list[Any]]:
    # Rows start with the case's id; the rest is what kengetallen reads of one case.
    per: dict[int, list[Any]] = defaultdict(list)
    for rij in rijen:
        per[rij[0]].append(tuple(rij[1:]))
    return per


def vergelijk(
    processen: Sequence[ZichtbaarProces], *, nu: dt.datetime | None = None
) -> list[Procesvergelijking]:
    """The comparison rows of ``processen``, in their order (:data:`QUERIES` queries)."""
    if not processen:
        return []
    nu = nu or timezone.now()
    pks = [p.bestuursproces.pk for p in processen]
    overgangen = _per_proces(
        Stadiumovergang.objects.filter(bestuursproces_id__in=pks)
        .order_by("bestuursproces_id", "tijdstip", "id")
        .values_list("bestuursproces_id", *OVERGANGKOLOMMEN)
    )
    stappen = _per_proces(
        WyberStap.objects.filter(bestuursproces_id__in=pks).values_list(
            "bestuursproces_id", *STAPKOLOMMEN
        )
    )
    zichtbaar = _zichtbaar_filter(processen)
    interventies = _per_proces(
        Interventie.objects.filter(zichtbaar)
        .order_by("bestuursproces_id", "datum", "id")
        .values_list("bestuursproces_id", *INTERVENTIEKOLOMMEN)
    )
    velden = _per_proces(
        InterventieVeld.objects.filter(_zichtbaar_filter(processen, "interventie__")).values_list(
            "bestuursproces_id", *VELDKOLOMMEN
        )
    )
    afgeschermd = dict(
        Interventie.objects.filter(bestuursproces_id__in=pks)
        .exclude(zichtbaar)
        .order_by()
        .values("bestuursproces_id")
        .annotate(n=Count("id"))
        .values_list("bestuursproces_id", "n")
    )
    rijen = []
    for p in processen:
        pk = p.bestuursproces.pk
        rijen.append(
            Procesvergelijking(
                proces=p,
                stadia=stadiumduur_uit(p.bestuursproces, overgangen[pk], nu),
                stappen=stappen_uit(stappen[pk]),
                interventies=interventiecijfers(
                    [Interventierij(*rij) for rij in interventies[pk]], velden[pk]
                ),
                interventies_afgeschermd=afgeschermd.get(pk, 0),
            )
        )
    return rijen
