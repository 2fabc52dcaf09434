"""The page's charts: inline server-side SVG from :mod:`cases.grafieken` (no script, no
external request). Each chart carries its own title and description; the page also shows
the same data as a list or table."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from cases.grafieken import aandacht_grafiek, krachtenveld_grafiek, stadia_grafiek
from cases.selectors.aandacht import Aandacht

from .pagina import Grafieken, StadiumStap


def grafieken(
    *, stadia: list[StadiumStap], krachtenveld: dict[str, Any], aandacht: Aandacht
) -> Grafieken:
    huidig = next((s.code for s in stadia if s.huidig), "")
    bereikt = {s.code: timezone.localdate(s.bereikt_op) if s.bereikt_op else None for s in stadia}
    return Grafieken(
        stadia=stadia_grafiek(huidig, bereikt, titel=gettext("Stadia van het proces")),
        krachtenveld=krachtenveld_grafiek(
            krachtenveld, titel=gettext("Krachtenveld: standpunt tegen macht")
        ),
        aandacht=aandacht_grafiek(aandacht, titel=gettext("Aandachtsbalans per veld")),
    )
