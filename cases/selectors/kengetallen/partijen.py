"""The parties of a case over time: the standpunt history per party in the krachtenveld,
and who joined or left when."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    OpdrachtgeverBeoordeling,
    SpelerBeoordeling,
    Standpunt,
)

# A standpunt as a place on one line, so that a shift has a size: tegenstander → voorstander
# is two steps. Onbekend has no place: a shift from or to it is a change, not a size.
STANDPUNTSCHAAL: dict[str, int] = {
    Standpunt.TEGENSTANDER: -1,
    Standpunt.AFWACHTEND: 0,
    Standpunt.VOORSTANDER: 1,
}
# The betrokkenheid actions by which a party comes in, and by which it goes.
AANSLUITEN = frozenset({BetrokkenheidsActie.AANSLUITEN, BetrokkenheidsActie.AANHAKEN})
AFHAKEN = frozenset({BetrokkenheidsActie.AFHAKEN})


@dataclass(frozen=True)
class Standpuntmoment:
    tijdstip: dt.datetime
    standpunt: str
    naam: str


@dataclass(frozen=True)
class Standpuntverloop:
    """How one party's standpunt (an opdrachtgever's steun for the process) moved through its
    assessments, in world time."""

    partij: str  # uuid
    naam: str
    soort: str  # speler or opdrachtgever
    momenten: tuple[Standpuntmoment, ...]
    wisselingen: int
    # The last known place on the scale minus the first; 0 when one end is onbekend.
    verschuiving: int
    # The largest single step between two assessments on the scale.
    grootste_stap: int

    @property
    def eerste(self) -> Standpuntmoment:
        return self.momenten[0]

    @property
    def laatste(self) -> Standpuntmoment:
        return self.momenten[-1]


def _verloop(
    partij: str, naam: str, soort: str, reeks: list[tuple[dt.datetime, str]]
) -> Standpuntverloop:
    momenten = tuple(Standpuntmoment(t, s, str(Standpunt(s).label)) for t, s in reeks)
    wisselingen = sum(a.standpunt != b.standpunt for a, b in itertools.pairwise(momenten))
    plaatsen = [STANDPUNTSCHAAL.get(m.standpunt) for m in momenten]
    stappen = [
        abs(b - a) for a, b in itertools.pairwise(plaatsen) if a is not None and b is not None
    ]
    bekend = [p for p in plaatsen if p is not None]
    return Standpuntverloop(
        partij=partij,
        naam=naam,
        soort=soort,
        momenten=momenten,
        wisselingen=wisselingen,
        verschuiving=bekend[-1] - bekend[0] if len(bekend) > 1 else 0,
        grootste_stap=max(stappen, default=0),
    )


def standpuntverloop(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> tuple[Standpuntverloop, ...]:
    """Every party with a visible assessment, the largest shifts first (by the size of the net
    shift, then the largest step, then the number of changes). Two queries."""
    reeksen: dict[tuple[str, str, str], list[tuple[dt.datetime, str]]] = defaultdict(list)
    for uuid, naam, tijdstip, standpunt in (
        SpelerBeoordeling.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .order_by("tijdstip", "id")
        .values_list("speler__uuid", "speler__naam", "tijdstip", "standpunt")
    ):
        reeksen[(str(uuid), naam, "speler")].append((tijdstip, standpunt))
    for uuid, naam, tijdstip, steun in (
        OpdrachtgeverBeoordeling.objects.filter(
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        )
        .order_by("tijdstip", "id")
        .values_list("opdrachtgever__uuid", "opdrachtgever__naam", "tijdstip", "steun")
    ):
        reeksen[(str(uuid), naam, "opdrachtgever")].append((tijdstip, steun))
    verlopen = [_verloop(*sleutel, reeks) for sleutel, reeks in reeksen.items()]
    return tuple(
        sorted(
            verlopen,
            key=lambda v: (-abs(v.verschuiving), -v.grootste_stap, -v.wisselingen, v.naam),
        )
    )


@dataclass(frozen=True)
class Betrokkenheidsmoment:
    """A party that joined (aansluiten, aanhaken), left (afhaken) or stood aside (afwachten)."""

    tijdstip: dt.datetime
    partij: str  # uuid
    naam: str
    soort: str  # speler or opdrachtgever
    actie: str
    actie_naam: str
    naar: str
    naar_naam: str
    reden: str

    @property
    def sluit_aan(self) -> bool:
        return self.actie in AANSLUITEN

    @property
    def haakt_af(self) -> bool:
        return self.actie in AFHAKEN


def wie_kwam_en_ging(bestuursproces: Bestuursproces) -> tuple[Betrokkenheidsmoment, ...]:
    """Every change of betrokkenheid in world-time order (visible to every member, as the
    events are). One query."""
    return tuple(
        Betrokkenheidsmoment(
            tijdstip=w.tijdstip,
            partij=str(w.speler.uuid if w.speler else w.opdrachtgever.uuid),  # type: ignore[union-attr]
            naam=w.speler.naam if w.speler else w.opdrachtgever.naam,  # type: ignore[union-attr]
            soort="speler" if w.speler else "opdrachtgever",
            actie=w.actie,
            actie_naam=str(BetrokkenheidsActie(w.actie).label),
            naar=w.naar,
            naar_naam=str(Betrokkenheid(w.naar).label),
            reden=w.reden,
        )
        for w in Betrokkenheidswijziging.objects.filter(bestuursproces=bestuursproces)
        .select_related("speler", "opdrachtgever")
        .order_by("tijdstip", "id")
    )
