"""The version a form was filled in against, and what changed since (the web's If-Match).

The API makes a write conditional on the ETag of the resource. A page shows more than one
resource, and every change of a case appends an event, so a form carries the case's latest
event volgnummer instead: if another event was recorded meanwhile, the write is refused
before the service runs and the page lists what was recorded since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from cases.models import Bestuursproces, Gebeurtenis

# A conflict lists at most this many changes; more are counted.
MAX_WIJZIGINGEN = 10


@dataclass(frozen=True)
class Wijziging:
    soort: str
    wie: str
    geregistreerd: dt.datetime


class Versieconflict(Exception):
    def __init__(self, huidig: int, wijzigingen: list[Wijziging], aantal: int) -> None:
        super().__init__(f"versie {huidig}")
        self.huidig = huidig
        self.wijzigingen = wijzigingen
        self.aantal = aantal


def versie_van(bestuursproces: Bestuursproces) -> int:
    """The case's version: the volgnummer of its latest event (one query)."""
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).aggregate(
        laatste=Max("volgnummer")
    )["laatste"]
    return int(laatste or 0)


def eis_versie(bestuursproces: Bestuursproces, verwacht: int) -> None:
    """Refuse with :class:`Versieconflict` when events were recorded after version
    ``verwacht``; ``bestuursproces`` is the row the caller locked in its transaction, so the
    chain head it holds (the volgnummer of the latest event) is the case's version.

    Only the kind of each change, who recorded it and when are listed: the kind of an event
    is visible to every member (as in the API's event list), its content may not be.
    """
    huidig = int(bestuursproces.keten_volgnummer)
    if huidig == verwacht:
        return
    from statuspagina.selectors import soort_label

    nieuw = Gebeurtenis.objects.filter(
        bestuursproces=bestuursproces, volgnummer__gt=verwacht
    ).order_by("volgnummer")
    wijzigingen = [
        Wijziging(
            soort=soort_label(g.type),
            wie=g.actor_naam or g.actor_gebruikersnaam,
            geregistreerd=g.geregistreerd,
        )
        for g in nieuw[:MAX_WIJZIGINGEN]
    ]
    raise Versieconflict(huidig, wijzigingen, max(huidig - verwacht, len(wijzigingen)))
