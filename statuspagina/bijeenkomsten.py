"""What the status page shows of bijeenkomsten: the coming ones and the latest, read from the
case document (the tables now, or a momentopname for a past day) like the rest of the page,
so a role sees only the bijeenkomsten it may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from cases.models import Bijeenkomstsoort, BijeenkomstStatus

# How many of the latest bijeenkomsten the page lists.
RECENTE_BIJEENKOMSTEN = 5


@dataclass(frozen=True)
class BijeenkomstRegel:
    datum: dt.date
    titel: str
    soort: str
    stand: str
    uitgenodigd: int
    aanwezig: int
    # A planned one whose day passed without being marked gehouden or geannuleerd.
    niet_afgemeld: bool = False


@dataclass(frozen=True)
class Bijeenkomstgegevens:
    """What the page reads of one bijeenkomst, from the case document or from the tables."""

    uuid: str
    datum: dt.date
    titel: str
    # The name of its kind (beheer may add kinds, so their names are data).
    soort: str
    status: str
    reden_annulering: str
    uitgenodigd: int
    aanwezig: int


def uit_staat(staat: dict[str, Any]) -> list[Bijeenkomstgegevens]:
    """The bijeenkomsten of a case document, with the names of their kinds (one query)."""
    namen = dict(Bijeenkomstsoort.objects.values_list("code", "naam"))
    return [
        Bijeenkomstgegevens(
            uuid=b["uuid"],
            datum=dt.date.fromisoformat(b["datum"]),
            titel=b["titel"],
            soort=namen.get(b["soort"], b["soort"]),
            # Recorded before bijeenkomsten could be planned: held.
            status=b.get("status", BijeenkomstStatus.GEHOUDEN),
            reden_annulering=b.get("redenAnnulering", ""),
            uitgenodigd=sum(1 for d in b["deelnemers"] if d["uitgenodigd"]),
            aanwezig=sum(1 for d in b["deelnemers"] if d["aanwezig"]),
        )
        for b in staat["bijeenkomsten"]
    ]


def _regel(b: Bijeenkomstgegevens, vandaag: dt.date) -> BijeenkomstRegel:
    niet_afgemeld = b.status == BijeenkomstStatus.GEPLAND and b.datum < vandaag
    if b.status == BijeenkomstStatus.GEANNULEERD:
        stand = gettext("Geannuleerd: %(reden)s") % {"reden": b.reden_annulering}
    elif niet_afgemeld:
        stand = gettext("Gepland; nog niet als gehouden vastgelegd")
    else:
        stand = str(BijeenkomstStatus(b.status).label)
    return BijeenkomstRegel(
        datum=b.datum,
        titel=b.titel,
        soort=b.soort,
        stand=stand,
        uitgenodigd=b.uitgenodigd,
        aanwezig=b.aanwezig,
        niet_afgemeld=niet_afgemeld,
    )


def bijeenkomsten(
    gegevens: Iterable[Bijeenkomstgegevens], vandaag: dt.date
) -> tuple[list[BijeenkomstRegel], list[BijeenkomstRegel]]:
    """(coming, recent): the planned bijeenkomsten from ``vandaag`` on, soonest first; and
    the latest of the others (held, cancelled, or planned for a day that passed), newest
    first."""
    komend, recent = [], []
    for b in gegevens:
        regel = _regel(b, vandaag)
        if b.status == BijeenkomstStatus.GEPLAND and b.datum >= vandaag:
            komend.append((b.datum, b.uuid, regel))
        else:
            recent.append((b.datum, b.uuid, regel))
    komend.sort(key=lambda t: (t[0], t[1]))
    recent.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [t[2] for t in komend], [t[2] for t in recent[:RECENTE_BIJEENKOMSTEN]]
