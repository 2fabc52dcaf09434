"""Released visibility: the level an event is read at after the regisseur widened it.

An event keeps the level it was logged at: the payload carries it and the hash covers it, so
it is never rewritten. A release (``zichtbaarheid.verruimd``, registered in
:mod:`cases.events.soorten.zichtbaarheid`) names the items it widens and, for each, the
volgnummers of the events about them; from then on those events are read at the released
level. The releases of a case are few: :func:`laad_vrijgaven` reads them in one query, and a
:class:`~cases.models.Zicht` keeps them for the rest of one read.
"""

from __future__ import annotations

from typing import Any

from cases.models import Gebeurtenis, Zicht, Zichtbaarheid

VRIJGAVE = "zichtbaarheid.verruimd"

# The payload key that names the item an event with a visibility is about, most specific
# first: a reflectie's event also names its interventie, an afspraak's its besluit, a
# document's its interventie, a bijeenkomst's its interventies.
ONDERWERPEN = (
    "beoordeling",
    "reflectie",
    "positionering",
    "notitie",
    "document",
    "afspraak",
    "besluit",
    "bijeenkomst",
    "interventie",
)


def onderwerp(payload: dict[str, Any]) -> str | None:
    """The uuid of the item an event is about (None for an event about no single item)."""
    for sleutel in ONDERWERPEN:
        waarde = payload.get(sleutel)
        if isinstance(waarde, dict):
            waarde = waarde.get("uuid")
        if isinstance(waarde, str) and waarde:
            return waarde
    return None


def laad_vrijgaven(bestuursproces_id: int) -> dict[int, str]:
    """Volgnummer → the most open level any release of the case gave that event."""
    return laad_vrijgaven_van([bestuursproces_id]).get(bestuursproces_id, {})


def laad_vrijgaven_van(bestuursproces_ids: list[int]) -> dict[int, dict[int, str]]:
    """:func:`laad_vrijgaven` of many cases in one query: case id → volgnummer → level."""
    vrij: dict[int, dict[int, str]] = {}
    rijen = Gebeurtenis.objects.filter(
        bestuursproces_id__in=bestuursproces_ids, type=VRIJGAVE
    ).values_list("bestuursproces_id", "payload")
    for bestuursproces_id, payload in rijen:
        naar = Zichtbaarheid(payload["naar"])
        van_zaak = vrij.setdefault(bestuursproces_id, {})
        for item in payload["items"]:
            for volgnummer in item["gebeurtenissen"]:
                eerder = van_zaak.get(volgnummer)
                if eerder is None or naar.rang < Zichtbaarheid(eerder).rang:
                    van_zaak[volgnummer] = naar.value
    return vrij


def als_zicht(zichtbaar: frozenset[str]) -> Zicht:
    """``zichtbaar`` as a :class:`Zicht` (a plain set of levels gets releases loaded too)."""
    return zichtbaar if isinstance(zichtbaar, Zicht) else Zicht(zichtbaar)


def niveau_van(gebeurtenis: Gebeurtenis, zichtbaar: frozenset[str]) -> str:
    """The level ``gebeurtenis`` is read at by a viewer with levels ``zichtbaar``."""
    gelogd = str(gebeurtenis.payload.get("zichtbaarheid", Zichtbaarheid.PROCES))
    if gelogd in zichtbaar:
        return gelogd
    return als_zicht(zichtbaar).niveau_van(
        gebeurtenis.volgnummer, gelogd, gebeurtenis.bestuursproces_id
    )


def leesbaar(gebeurtenis: Gebeurtenis, zichtbaar: frozenset[str]) -> bool:
    return niveau_van(gebeurtenis, zichtbaar) in zichtbaar
