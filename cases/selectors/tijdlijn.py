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

The items are read from the tijdlijn's read model (:mod:`cases.events.tijdlijnregels`), in
SQL: ordered by ``(tijdstip, volgnummer)`` on an index, filtered on visibility and period,
and only the rows asked for are told (:class:`Tijdlijnreeks`). The case as it was known at
an earlier moment (``bekend_op``) is still told by folding the log (:func:`gevouwen`): the
read model holds what is known now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import overload

from django.db.models import Count, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.events.soorten import soort
from cases.events.tijdlijnregels import VERSIE
from cases.events.tijdlijnvertelling import geheugen_voor, niveau_van
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing
from cases.events.vrijgave import als_zicht, leesbaar
from cases.events.wereldtijd import geschiedenis, verplaats
from cases.models import Bestuursproces, Gebeurtenis, Tijdlijnregel, Tijdlijnstand, Zichtbaarheid

__all__ = ["Geheugen", "TijdlijnItem", "Tijdlijnreeks", "Verwijzing", "tijdlijn", "tijdlijnreeks"]


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


class Tijdlijnreeks(Sequence[TijdlijnItem]):
    """The items of a tijdlijn query, read from the database only as far as they are used:
    ``len`` counts in SQL, a slice reads and tells that page alone (what a paginator does)."""

    def __init__(
        self,
        regels: QuerySet[Tijdlijnregel],
        niveau: str,
        tel: Callable[[], int | None] | None = None,
        *,
        nieuwste_eerst: bool = False,
    ) -> None:
        self._regels = regels
        self._niveau = niveau
        self._tel = tel
        self._aantal: int | None = None
        self._nieuwste_eerst = nieuwste_eerst

    def __len__(self) -> int:
        if self._aantal is None:
            self._aantal = self._tel() if self._tel is not None else None
        if self._aantal is None:
            self._aantal = self._regels.count()
        return self._aantal

    @overload
    def __getitem__(self, index: int) -> TijdlijnItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[TijdlijnItem]: ...

    def __getitem__(self, index: int | slice) -> TijdlijnItem | list[TijdlijnItem]:
        if isinstance(index, slice):
            return [vertel(r, self._niveau) for r in self._regels[index]]
        return vertel(self._regels[index], self._niveau)

    def __iter__(self) -> Iterator[TijdlijnItem]:
        for regel in self._regels.iterator(chunk_size=1000):
            yield vertel(regel, self._niveau)

    def soorten(self) -> list[str]:
        """The types of the items, each once (for a filter)."""
        return list(self._regels.order_by().values_list("soort", flat=True).distinct())

    def filter(
        self, *, soort: str = "", van: dt.datetime | None = None, tot: dt.datetime | None = None
    ) -> Tijdlijnreeks:
        """The items of one type, or from ``van`` up to (not including) ``tot``."""
        if not soort and van is None and tot is None:
            return self  # and its count, once
        regels = self._regels
        if soort:
            regels = regels.filter(soort=soort)
        if van is not None:
            regels = regels.filter(tijdstip__gte=van)
        if tot is not None:
            regels = regels.filter(tijdstip__lt=tot)
        return Tijdlijnreeks(regels, self._niveau, nieuwste_eerst=self._nieuwste_eerst)

    def na(self, tijdstip: dt.datetime, volgnummer: int) -> Tijdlijnreeks:
        """The items after the one at ``(tijdstip, volgnummer)`` in this order, on the order's
        index: what was recorded meanwhile before it does not shift what follows."""
        if self._nieuwste_eerst:
            verder = Q(tijdstip__lt=tijdstip) | Q(tijdstip=tijdstip, volgnummer__lt=volgnummer)
        else:
            verder = Q(tijdstip__gt=tijdstip) | Q(tijdstip=tijdstip, volgnummer__gt=volgnummer)
        return Tijdlijnreeks(
            self._regels.filter(verder), self._niveau, nieuwste_eerst=self._nieuwste_eerst
        )


def vertel(regel: Tijdlijnregel, niveau: str) -> TijdlijnItem:
    """An item told from its row, in the active language, as a viewer of ``niveau`` reads it."""
    e = regel.gebeurtenis
    if regel.verplaatst_naar is not None:
        verplaats(e, regel.verplaatst_naar)
    beschrijving = soort(regel.soort).beschrijf(e, geheugen_voor(regel.geheugen, niveau))
    omschrijving, verwijzing = beschrijving if beschrijving is not None else ("", None)
    return TijdlijnItem(
        e.volgnummer, regel.tijdstip, e.type, omschrijving, verwijzing, e.geregistreerd
    )


def tijdlijnreeks(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    nieuwste_eerst: bool = False,
) -> Tijdlijnreeks | None:
    """What happened between ``van`` and ``tot`` that the viewer may see, as it is known now,
    in world-time order (or the newest first), read lazily; None when ``zichtbaar`` is not a
    role's set of levels (then only :func:`tijdlijn` answers, by folding)."""
    niveau = niveau_van(zichtbaar)
    if niveau is None:
        return None
    # The levels left out, not the ones let in: PostgreSQL reads an index in its order with
    # a NOT IN beside it, but sorts every row of the case for an IN on its last column.
    zichtbare = Tijdlijnregel.objects.filter(bestuursproces=bestuursproces).exclude(
        zichtbaarheid__in=set(Zichtbaarheid.values) - zichtbaar
    )
    regels = zichtbare.filter(tijdstip__lte=tot)
    tel = None
    if van is None:
        # The whole history up to tot: the kept count, less what is dated after tot.
        tel = partial(_geteld, bestuursproces, zichtbaar, zichtbare.filter(tijdstip__gt=tot))
    else:
        regels = regels.filter(tijdstip__gte=van)
    volgorde = ("-tijdstip", "-volgnummer") if nieuwste_eerst else ("tijdstip", "volgnummer")
    return Tijdlijnreeks(
        regels.order_by(*volgorde).select_related("gebeurtenis"),
        niveau,
        tel,
        nieuwste_eerst=nieuwste_eerst,
    )


def _geteld(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], later: QuerySet[Tijdlijnregel]
) -> int | None:
    """The visible items up to a moment in one query: the counts kept on Tijdlijnstand less
    the items after it (few: those planned ahead). None for a case without the counts."""
    tellers = [f"regels_{niveau}" for niveau in sorted(zichtbaar)]
    rij = (
        Tijdlijnstand.objects.filter(bestuursproces=bestuursproces, versie=VERSIE)
        .annotate(
            later=Coalesce(
                Subquery(
                    later.order_by().values("bestuursproces").annotate(n=Count("*")).values("n")
                ),
                0,
            )
        )
        .values_list("later", *tellers)
        .first()
    )
    if rij is None:
        return None
    later_aantal, *aantallen = rij
    return int(sum(aantallen)) - int(later_aantal)


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
    reeks = tijdlijnreeks(bestuursproces, van, tot, zichtbaar) if bekend_op is None else None
    if reeks is not None:
        return list(iter(reeks))  # iter: no count query for a length hint
    return gevouwen(bestuursproces, van, tot, zichtbaar, bekend_op=bekend_op)


def gevouwen(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[TijdlijnItem]:
    """The tijdlijn told by folding the log (the read model's definition, and the case as
    known at ``bekend_op``)."""
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
