"""Reads of besluiten (with the opdracht's besluitmomenten and whether they were taken) and
afspraken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from cases.events.payloads_besluiten import (
    afspraak_gegevens,
    afspraken_op_volgorde,
    besluit_gegevens,
    besluiten_op_volgorde,
)
from cases.models import Afspraak, AfspraakStatus, Besluit, Besluitmoment, Bestuursproces


def besluiten(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Besluit]:
    """The besluiten the viewer may see, oldest first, with who decided and who recorded."""
    return (
        Besluit.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("opdrachtgever", "organisatie", "vastgelegd_door")
        .order_by("datum", "id")
    )


def besluiten_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return besluiten_op_volgorde(besluit_gegevens(b) for b in besluiten(bestuursproces, zichtbaar))


class Besluitmomentstatus:
    GENOMEN = "genomen"
    VERLOPEN = "verlopen"
    GEPLAND = "gepland"


@dataclass
class BesluitmomentStand:
    """A besluitmoment of the opdracht and the besluiten (visible to the viewer) that
    fulfil it: genomen with one, verlopen when its date passed without one, else gepland."""

    datum: dt.date
    soort: str
    gevraagd: str
    status: str
    besluiten: list[Besluit] = field(default_factory=list)


def besluitmomenten(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], vandaag: dt.date
) -> list[BesluitmomentStand]:
    """Every besluitmoment of the opdracht by date, with its status as of ``vandaag``."""
    # Two queries: the besluitmomenten, and the visible besluiten that fulfil any of them.
    momenten = list(
        Besluitmoment.objects.filter(bestuursproces=bestuursproces).order_by("datum", "volgorde")
    )
    per_datum: dict[dt.date, list[Besluit]] = {}
    for besluit in besluiten(bestuursproces, zichtbaar).filter(besluitmoment__isnull=False):
        assert besluit.besluitmoment is not None
        per_datum.setdefault(besluit.besluitmoment, []).append(besluit)
    standen = []
    for moment in momenten:
        genomen = per_datum.get(moment.datum, [])
        if genomen:
            status = Besluitmomentstatus.GENOMEN
        elif moment.datum < vandaag:
            status = Besluitmomentstatus.VERLOPEN
        else:
            status = Besluitmomentstatus.GEPLAND
        standen.append(
            BesluitmomentStand(moment.datum, moment.soort, moment.gevraagd, status, genomen)
        )
    return standen


AFSPRAAK_RELATIES = (
    "speler",
    "opdrachtgever",
    "organisatie",
    "aan_speler",
    "aan_opdrachtgever",
    "aan_organisatie",
    "wyberstap",
    "besluit",
    "vastgelegd_door",
)


def afspraken(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Afspraak]:
    """The afspraken the viewer may see, in the order they were made, with every relation."""
    return (
        Afspraak.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related(*AFSPRAAK_RELATIES)
        .order_by("datum", "id")
    )


def verlopen(afspraken: QuerySet[Afspraak], vandaag: dt.date) -> QuerySet[Afspraak]:
    """Open afspraken whose uiterlijk lies before ``vandaag``."""
    return afspraken.filter(status=AfspraakStatus.OPEN, uiterlijk__lt=vandaag)


def afspraken_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return afspraken_op_volgorde(afspraak_gegevens(a) for a in afspraken(bestuursproces, zichtbaar))
