"""The afspraken of a case by status, and those overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from cases.models import Afspraak, AfspraakStatus, Bestuursproces


@dataclass(frozen=True)
class Afspraakcijfers:
    open: int
    nagekomen: int
    niet_nagekomen: int
    vervallen: int
    verlopen: int  # open with an uiterlijk before today

    @property
    def totaal(self) -> int:
        return self.open + self.nagekomen + self.niet_nagekomen + self.vervallen


def afspraakcijfers(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], nu: dt.datetime
) -> Afspraakcijfers:
    """The visible afspraken by status. One query."""
    vandaag = timezone.localdate(nu)
    open_ = Q(status=AfspraakStatus.OPEN)
    tellingen = Afspraak.objects.filter(
        bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
    ).aggregate(
        open=Count("id", filter=open_),
        nagekomen=Count("id", filter=Q(status=AfspraakStatus.NAGEKOMEN)),
        niet_nagekomen=Count("id", filter=Q(status=AfspraakStatus.NIET_NAGEKOMEN)),
        vervallen=Count("id", filter=Q(status=AfspraakStatus.VERVALLEN)),
        verlopen=Count("id", filter=open_ & Q(uiterlijk__lt=vandaag)),
    )
    return Afspraakcijfers(**tellingen)
