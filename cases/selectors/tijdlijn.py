"""The tijdlijn: one ordered list of what happened in a case, told from its event log.

What an event says on the tijdlijn belongs to its type's registration
(:mod:`cases.events.soorten`): ``beschrijf`` gives a short sentence and, where the resource
has a URL, a :class:`~cases.events.verhaal.Verwijzing` to it; ``onthoud`` teaches the
:class:`~cases.events.verhaal.Geheugen` names and numbers of earlier events (parties, steps,
options). Types that do not describe themselves are not on the tijdlijn.

Items stand at the moment they happened (world time) and are told in that order, whenever
they were recorded; an item recorded on a later day than it happened says so
(``later_vastgelegd``). Some happen on a date of their own that can be corrected afterwards
(an intervention on its datum, a positionering from its sinds): their registration has
``eigen_datum`` and gives that date from the event and what the tijdlijn knows at the end,
so that a later change of the date moves the item. Such an item stands at the start of that
day (Dutch time).

Events the viewer may not see (:func:`cases.events.zichtbaarheid_van`) are left out
entirely, and nothing they say is remembered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cases.events.soorten import soort
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing
from cases.events.vrijgave import als_zicht, leesbaar
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Gebeurtenis

__all__ = ["Geheugen", "TijdlijnItem", "Verwijzing", "tijdlijn"]


@dataclass(frozen=True)
class TijdlijnItem:
    volgnummer: int
    tijdstip: dt.datetime
    soort: str
    omschrijving: str
    verwijzing: Verwijzing | None
    geregistreerd: dt.datetime | None = None

    @property
    def later_vastgelegd(self) -> bool:
        """Recorded on a later day (Dutch time) than it happened."""
        return self.geregistreerd is not None and timezone.localdate(
            self.geregistreerd
        ) > timezone.localdate(self.tijdstip)


def _begin_van(datum: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time.min))


def tijdlijn(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[TijdlijnItem]:
    """What happened between ``van`` and ``tot`` that the viewer may see, in world-time order.

    With ``bekend_op`` only what the log held at that moment counts (the case as it was known
    then); without it, items recorded later still stand on the dates they happened, with
    their latest dates.
    """
    geheugen = Geheugen()
    beschreven: list[tuple[Gebeurtenis, Beschrijving]] = []
    # Items after tot are not described; dated ones may still stand before it (a corrected
    # date), so those are read to the end.
    # A read stopped by an error ends at once, inside the transaction.
    zicht = als_zicht(zichtbaar)  # released items too, loaded once
    with contextlib.closing(geschiedenis(bestuursproces.pk, bekend=bekend_op)) as reeks:
        for e in reeks:
            if not leesbaar(e, zicht):
                continue
            feit = soort(e.type)
            feit.onthoud(e, geheugen)
            if feit.op_tijdlijn and (feit.eigen_datum or e.tijdstip <= tot):
                beschrijving = feit.beschrijf(e, geheugen)
                if beschrijving is not None:
                    beschreven.append((e, beschrijving))
    items: list[TijdlijnItem] = []
    for e, (omschrijving, verwijzing) in beschreven:
        tijdstip = e.tijdstip
        feit = soort(e.type)
        if feit.eigen_datum:
            datum = feit.datum(e, geheugen)
            tijdstip = _begin_van(datum) if datum is not None else e.tijdstip
        if (van is None or tijdstip >= van) and tijdstip <= tot:
            items.append(
                TijdlijnItem(
                    e.volgnummer, tijdstip, e.type, omschrijving, verwijzing, e.geregistreerd
                )
            )
    items.sort(key=lambda item: (item.tijdstip, item.volgnummer))
    return items
