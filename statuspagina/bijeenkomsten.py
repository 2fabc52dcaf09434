"""What the status page shows of bijeenkomsten: the coming ones and the latest, read from the
case document (the tables now, or a momentopname for a past day) like the rest of the page,
so a role sees only the bijeenkomsten it may see."""

from __future__ import annotations

import datetime as dt
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


def _soortnamen() -> dict[str, str]:
    # One query: beheer may add kinds, so their names are data.
    return dict(Bijeenkomstsoort.objects.values_list("code", "naam"))


def _regel(b: dict[str, Any], namen: dict[str, str], vandaag: dt.date) -> BijeenkomstRegel:
    datum = dt.date.fromisoformat(b["datum"])
    status = b.get("status", BijeenkomstStatus.GEHOUDEN)
    niet_afgemeld = status == BijeenkomstStatus.GEPLAND and datum < vandaag
    if status == BijeenkomstStatus.GEANNULEERD:
        stand = gettext("Geannuleerd: %(reden)s") % {"reden": b.get("redenAnnulering", "")}
    elif niet_afgemeld:
        stand = gettext("Gepland; nog niet als gehouden vastgelegd")
    else:
        stand = str(BijeenkomstStatus(status).label)
    return BijeenkomstRegel(
        datum=datum,
        titel=b["titel"],
        soort=namen.get(b["soort"], b["soort"]),
        stand=stand,
        uitgenodigd=sum(1 for d in b["deelnemers"] if d["uitgenodigd"]),
        aanwezig=sum(1 for d in b["deelnemers"] if d["aanwezig"]),
        niet_afgemeld=niet_afgemeld,
    )


def bijeenkomsten(
    staat: dict[str, Any], vandaag: dt.date
) -> tuple[list[BijeenkomstRegel], list[BijeenkomstRegel]]:
    """(coming, recent): the planned bijeenkomsten from ``vandaag`` on, soonest first; and
    the latest of the others (held, cancelled, or planned for a day that passed), newest
    first."""
    namen = _soortnamen()
    komend, recent = [], []
    for b in staat["bijeenkomsten"]:
        regel = _regel(b, namen, vandaag)
        gepland = b.get("status", BijeenkomstStatus.GEHOUDEN) == BijeenkomstStatus.GEPLAND
        if gepland and regel.datum >= vandaag:
            komend.append((b["datum"], b["uuid"], regel))
        else:
            recent.append((b["datum"], b["uuid"], regel))
    komend.sort(key=lambda t: (t[0], t[1]))
    recent.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [t[2] for t in komend], [t[2] for t in recent[:RECENTE_BIJEENKOMSTEN]]
