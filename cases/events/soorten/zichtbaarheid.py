"""Releasing content for evaluation: widening the visibility of items after they were logged.

A release names its items, the level each had and the volgnummers of the events about them;
those events are read at the released level from then on (:mod:`cases.events.vrijgave`),
while their own payload, and so their hash, keeps the level they were logged at. The event
itself is logged at the level it releases to: whoever may now read the items may read that
they were released, and nobody else learns of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy, ngettext

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, met_reden
from cases.models import Gebeurtenis, Zichtbaarheid

from . import Relatie, Soort, registreer

# Items that are objects of the object-centric export (OCEL 2.0) are related to the release.
OCEL_OBJECTEN = frozenset({"interventie", "besluit", "afspraak", "bijeenkomst", "document"})


def _met_zichtbaarheid(staat: Momentopname) -> Iterator[dict[str, Any]]:
    """Every item of the state that carries a visibility of its own."""
    for interventie in staat["interventies"].values():
        yield interventie
        yield from interventie.get("reflecties", [])
    yield from staat["positioneringen"]
    yield from staat["notities"]
    for verzameling in ("spelers", "opdrachtgevers"):
        for partij in staat[verzameling].values():
            if partij.get("huidigeBeoordeling"):
                yield partij["huidigeBeoordeling"]
    for verzameling in ("besluiten", "afspraken", "bijeenkomsten", "documenten"):
        yield from staat[verzameling].values()


@registreer
class ZichtbaarheidVerruimd(Soort):
    code = "zichtbaarheid.verruimd"
    label = gettext_lazy("Zichtbaarheid verruimd")
    sleutels = ("naar", "items")
    moment = gettext_lazy("wanneer het werd vrijgegeven (altijd nu)")
    # Releasing for evaluation is what happens after a process ends.
    na_afronding = True
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        naar = Zichtbaarheid(e.payload["naar"])
        uuids = {item["uuid"] for item in e.payload["items"]}
        for item in _met_zichtbaarheid(staat):
            if item.get("uuid") in uuids and Zichtbaarheid(item["zichtbaarheid"]).rang > naar.rang:
                item["zichtbaarheid"] = naar.value

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        return [
            Relatie(item["onderdeel"], str(item["uuid"]), "vrijgegeven")
            for item in e.payload["items"]
            if item["onderdeel"] in OCEL_OBJECTEN
        ]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        aantal = len(e.payload["items"])
        tekst = ngettext(
            "%(aantal)s onderdeel vrijgegeven (%(niveau)s)",
            "%(aantal)s onderdelen vrijgegeven (%(niveau)s)",
            aantal,
        ) % {"aantal": aantal, "niveau": Zichtbaarheid(e.payload["naar"]).label.lower()}
        return met_reden(tekst, e.toelichting or None), None
