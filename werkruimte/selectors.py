"""Reads of the workspace that the status page's selectors do not already make.

Every function takes a case the caller has already scoped to the member (``toegang``) and
returns plain data with labels translated, so that templates only lay out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from cases.events.poorten import bezwaren_tegen_vertrek
from cases.models import (
    Bestuursproces,
    Fase,
    Gebeurtenis,
    Instemming,
    Opdrachtgever,
    Stadium,
    Stadiumovergang,
)

# The folded state of the case at a moment, the same the stadium service judges a move by.
from cases.services._wereldtijd import stand_op


@dataclass(frozen=True)
class Instemmingsregel:
    partij: str
    status: str
    ingestemd: bool
    formeel_besloten: bool

    @property
    def rond(self) -> bool:
        return self.ingestemd and self.formeel_besloten


@dataclass(frozen=True)
class Poortoordeel:
    """Whether the next forward move would pass its gates now, and if not, why."""

    naar: str
    naar_label: str
    bezwaren: list[str]
    stap_nummer: int | None
    stap_doel: str
    instemmingen: list[Instemmingsregel]

    @property
    def open(self) -> bool:
        return not self.bezwaren


@dataclass(frozen=True)
class Overgangsregel:
    van: str
    naar: str
    vooruit: bool
    tijdstip: dt.datetime
    door: str
    toelichting: str
    geforceerd: bool
    bezwaren: list[str]


@dataclass(frozen=True)
class Stadiumoverzicht:
    huidig: str
    huidig_label: str
    stadia: list[tuple[str, str, str]]  # code, label, 'bereikt' / 'huidig' / 'open'
    poort: Poortoordeel | None
    overgangen: list[Overgangsregel]


def _partijnaam(staat: dict[str, Any], instemming: dict[str, Any]) -> str:
    if instemming.get("speler"):
        speler = staat["spelers"].get(instemming["speler"])
        return str(speler["naam"]) if speler else gettext("een onbekende partij")
    opdrachtgever = staat["opdrachtgevers"].get(instemming.get("opdrachtgever"))
    if opdrachtgever is None:
        return gettext("een onbekende partij")
    return f"{opdrachtgever['naam']} ({Opdrachtgever.Rol(opdrachtgever['rol']).label})"


def poortoordeel(bestuursproces: Bestuursproces) -> Poortoordeel | None:
    """The gates' verdict on moving forward now; None in the last stadium.

    Folds the history up to now as the stadium service does (a read of one page, not of a
    list), so that the page and the service cannot disagree.
    """
    huidig = Stadium(bestuursproces.stadium)
    if huidig.rang + 1 >= len(Stadium):
        return None
    volgende = list(Stadium)[huidig.rang + 1]
    staat = stand_op(bestuursproces, timezone.now())
    bezwaren = bezwaren_tegen_vertrek(staat, huidig.value, volgende.value)
    stappen = sorted(
        (s for s in staat["wyberstappen"].values() if s["stadium"] == huidig.value),
        key=lambda s: s["volgnummer"],
    )
    lopend = next((s for s in reversed(stappen) if s["fase"] == Fase.CONSOLIDEREN), None)
    instemmingen = []
    if lopend is not None:
        for instemming in lopend["instemmingen"].values():
            status = Instemming.Status(instemming["status"])
            instemmingen.append(
                Instemmingsregel(
                    partij=_partijnaam(staat, instemming),
                    status=str(status.label),
                    ingestemd=status == Instemming.Status.INGESTEMD,
                    formeel_besloten=bool(instemming["formeelBesloten"]),
                )
            )
    return Poortoordeel(
        naar=volgende.value,
        naar_label=str(volgende.label),
        bezwaren=bezwaren,
        stap_nummer=lopend["volgnummer"] if lopend else None,
        stap_doel=lopend["doel"] if lopend else "",
        instemmingen=sorted(instemmingen, key=lambda r: (r.rond, r.partij)),
    )


def stadiumoverzicht(bestuursproces: Bestuursproces) -> Stadiumoverzicht:
    """Where the case stands, the gate ahead, and every move so far (newest first)."""
    huidig = Stadium(bestuursproces.stadium)
    overgangen = list(
        Stadiumovergang.objects.filter(bestuursproces=bestuursproces)
        .select_related("door")
        .order_by("-tijdstip", "-id")
    )
    # A forced move's objections are in its event, not in its row.
    bezwaren: dict[str, list[str]] = {}
    if any(o.geforceerd for o in overgangen):
        for payload in Gebeurtenis.objects.filter(
            bestuursproces=bestuursproces, type="stadium.gewijzigd"
        ).values_list("payload", flat=True):
            bezwaren[payload["overgang"]["uuid"]] = list(payload.get("bezwaren") or [])
    return Stadiumoverzicht(
        huidig=huidig.value,
        huidig_label=str(huidig.label),
        stadia=[
            (
                s.value,
                str(s.label),
                "huidig" if s == huidig else ("bereikt" if s.rang < huidig.rang else "open"),
            )
            for s in Stadium
        ],
        poort=poortoordeel(bestuursproces),
        overgangen=[
            Overgangsregel(
                van=str(Stadium(o.van).label),
                naar=str(Stadium(o.naar).label),
                vooruit=Stadium(o.naar).rang > Stadium(o.van).rang,
                tijdstip=o.tijdstip,
                door=o.door.get_full_name() or o.door.get_username(),
                toelichting=o.toelichting,
                geforceerd=o.geforceerd,
                bezwaren=bezwaren.get(str(o.uuid), []),
            )
            for o in overgangen
        ],
    )
