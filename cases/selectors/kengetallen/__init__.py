"""Kengetallen: the figures an evaluator asks of one case, computed from the tables.

Everything is in world time (when things happened, not when they were typed in) and as one
viewer may see it: ``zichtbaar`` is the set of visibility levels of the viewer's role, as for
the other selectors. What the viewer may not see is counted per section
(:func:`tel_afgeschermd`), so that a reader never takes withheld for absent.

The figures come in groups, each a frozen dataclass: the duration of each stadium (from the
stadium moves), the wyber-stappen per stadium, the interventies per veld and per strategie
with how they worked out, the balance over the four sides of the creatielemniscaat (IK, WIJ,
HET, ZIJ, book §2.3), the standpunt history per party in the krachtenveld, the regisseur's
positionering over time, the afspraken kept, and who joined or left when. Each group has a
function of its own, so that a page that needs one group (a comparison across cases, say)
reads only that; :func:`kengetallen` reads them all in a fixed number of queries.

The package has a module per group; this one puts them together and names them all, so that
``from cases.selectors.kengetallen import ...`` reaches every one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cases.models import Bestuursproces

from .afgeschermd import Afgeschermd, tel_afgeschermd
from .afspraken import Afspraakcijfers, afspraakcijfers
from .interventies import (
    INTERVENTIEKOLOMMEN,
    VELDKOLOMMEN,
    ZONDER_STRATEGIE,
    Interventiecijfers,
    Interventierij,
    InterventiesIn,
    Lemniscaatbalans,
    Uitkomsten,
    interventiecijfers,
    interventierijen,
    lemniscaatbalans,
)
from .partijen import (
    AANSLUITEN,
    AFHAKEN,
    STANDPUNTSCHAAL,
    Betrokkenheidsmoment,
    Standpuntmoment,
    Standpuntverloop,
    standpuntverloop,
    wie_kwam_en_ging,
)
from .positionering import Positieperiode, positionering_in_de_tijd
from .rijen import (
    OVERGANGKOLOMMEN,
    STAPKOLOMMEN,
    StadiumDuur,
    StappenInStadium,
    dagen_tussen,
    stadiumduur_uit,
    stappen_uit,
)
from .stadia import stadiumduur, stappen_per_stadium

__all__ = [
    "AANSLUITEN",
    "AFHAKEN",
    "INTERVENTIEKOLOMMEN",
    "OVERGANGKOLOMMEN",
    "QUERIES",
    "STANDPUNTSCHAAL",
    "STAPKOLOMMEN",
    "VELDKOLOMMEN",
    "ZONDER_STRATEGIE",
    "Afgeschermd",
    "Afspraakcijfers",
    "Betrokkenheidsmoment",
    "Interventiecijfers",
    "Interventierij",
    "InterventiesIn",
    "Kengetallen",
    "Lemniscaatbalans",
    "Positieperiode",
    "StadiumDuur",
    "Standpuntmoment",
    "Standpuntverloop",
    "StappenInStadium",
    "Uitkomsten",
    "afspraakcijfers",
    "dagen_tussen",
    "interventiecijfers",
    "interventierijen",
    "kengetallen",
    "lemniscaatbalans",
    "positionering_in_de_tijd",
    "stadiumduur",
    "stadiumduur_uit",
    "standpuntverloop",
    "stappen_per_stadium",
    "stappen_uit",
    "tel_afgeschermd",
    "wie_kwam_en_ging",
]


@dataclass(frozen=True)
class Kengetallen:
    nu: dt.datetime
    stadia: tuple[StadiumDuur, ...]
    stappen: tuple[StappenInStadium, ...]
    interventies: Interventiecijfers
    balans: Lemniscaatbalans
    standpunten: tuple[Standpuntverloop, ...]
    positionering: tuple[Positieperiode, ...]
    afspraken: Afspraakcijfers
    betrokkenheid: tuple[Betrokkenheidsmoment, ...]
    afgeschermd: Afgeschermd

    @property
    def dagen(self) -> int:
        return sum(s.dagen for s in self.stadia)


# The queries of kengetallen() for a viewer below the closed level, whatever the size of the
# case (tested); one less for a viewer of every level, from whom nothing is withheld.
QUERIES = 10


def kengetallen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], *, nu: dt.datetime | None = None
) -> Kengetallen:
    """All figures of the case as a viewer with ``zichtbaar`` sees it, open periods counted
    until ``nu`` (default now). :data:`QUERIES` queries: the stadium moves, the wyber-stappen,
    the interventies, their velden, the two kinds of assessment, the
    positioneringen, the afspraken, the betrokkenheid changes and the withheld counts."""
    nu = nu or timezone.now()
    interventies, velden = interventierijen(bestuursproces, zichtbaar)
    return Kengetallen(
        nu=nu,
        stadia=stadiumduur(bestuursproces, nu),
        stappen=stappen_per_stadium(bestuursproces),
        interventies=interventiecijfers(interventies, velden),
        balans=lemniscaatbalans(interventies, velden, timezone.localdate(nu)),
        standpunten=standpuntverloop(bestuursproces, zichtbaar),
        positionering=positionering_in_de_tijd(bestuursproces, zichtbaar, nu),
        afspraken=afspraakcijfers(bestuursproces, zichtbaar, nu),
        betrokkenheid=wie_kwam_en_ging(bestuursproces),
        afgeschermd=tel_afgeschermd(bestuursproces, zichtbaar),
    )
