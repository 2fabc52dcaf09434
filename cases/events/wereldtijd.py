"""World time: the order in which things happened, beside the chain's order of recording.

Every event has two times (DESIGN §4): ``tijdstip``, when it happened in the world, and
``geregistreerd``, when it was recorded. The chain (volgnummer, hashes) is in recording order;
the case's history is in world-time order, ``(tijdstip, volgnummer)``. This module holds what
both the reads and the check of a late entry share:

- :func:`in_wereldvolgorde` orders a case's events as they happened (the opening first);
- :func:`eis` states a rule a reducer relies on; while a *strict* fold runs
  (:func:`streng_vouwen`) a broken rule raises :class:`Schending` naming the event, otherwise
  the fold reads on (an old history recorded under looser rules must stay readable);
- a fact recorded later than something that happened after it is checked by folding the whole
  history strictly: it must fit the case as it stood at its moment and leave every later fact
  valid (``log.append_event`` does this).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Generator, Iterator

from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Gebeurtenis

_STRENG: contextvars.ContextVar[bool] = contextvars.ContextVar("streng_vouwen", default=False)


class Schending(Exception):
    """A fact that does not fit the case as it stood at its moment."""

    def __init__(self, reden: str, gebeurtenis: Gebeurtenis | None = None) -> None:
        super().__init__(reden)
        self.reden = reden
        self.gebeurtenis = gebeurtenis


def eis(voorwaarde: bool, reden: Callable[[], str]) -> None:
    """A rule of the history; only a strict fold refuses a fact that breaks it (the reason is
    only worded then: an ordinary fold reads on at full speed)."""
    if not voorwaarde and _STRENG.get():
        raise Schending(reden())


def is_streng() -> bool:
    return _STRENG.get()


@contextlib.contextmanager
def streng_vouwen() -> Iterator[None]:
    token = _STRENG.set(True)
    try:
        yield
    finally:
        _STRENG.reset(token)


def in_wereldvolgorde(reeks: QuerySet[Gebeurtenis]) -> QuerySet[Gebeurtenis]:
    """Events as they happened: by world time, recording order breaking ties.

    The opening is the first fact of every case: nothing may be dated before it.
    """
    return reeks.order_by("tijdstip", "volgnummer")


def moment_van_datum(
    datum: dt.date | None,
    *,
    nu: dt.datetime | None = None,
    niet_voor: dt.datetime | None = None,
) -> dt.datetime | None:
    """A date as a moment: today means ``nu`` (default now), an earlier day its start (Dutch
    time), but never before ``niet_voor`` on that same day (the opening of the case: on the
    day a case was opened, "that day" means from the opening on)."""
    if datum is None:
        return None
    nu = nu or timezone.now()
    if datum >= timezone.localdate(nu):
        return nu
    moment = timezone.make_aware(dt.datetime.combine(datum, dt.time.min))
    if niet_voor is not None and timezone.localdate(niet_voor) == datum:
        return max(moment, niet_voor)
    return moment


def einde_van(datum: dt.date) -> dt.datetime:
    """The last moment of a day in the current time zone (Europe/Amsterdam)."""
    return timezone.make_aware(dt.datetime.combine(datum, dt.time.max))


def bekend_op(reeks: QuerySet[Gebeurtenis], moment: dt.datetime | None) -> QuerySet[Gebeurtenis]:
    """Only what had been recorded at ``moment`` (the case as it was known then)."""
    return reeks if moment is None else reeks.filter(geregistreerd__lte=moment)


def geschiedenis(
    bestuursproces_id: int,
    *,
    tot: dt.datetime | None = None,
    bekend: dt.datetime | None = None,
) -> Generator[Gebeurtenis, None, None]:
    """A case's events in world-time order, up to ``tot`` and as known at ``bekend``.

    The opening (volgnummer 1) comes first whatever its date: the opening can be moved
    earlier by a later fact, and every fact of the case stands after it. Nothing at all when
    the opening itself had not been recorded at ``bekend``.
    """
    alle = bekend_op(Gebeurtenis.objects.filter(bestuursproces_id=bestuursproces_id), bekend)
    opening = alle.filter(volgnummer=1).first()
    if opening is None:
        return
    yield opening
    rest = alle.exclude(volgnummer=1)
    if tot is not None:
        rest = rest.filter(tijdstip__lte=tot)
    yield from in_wereldvolgorde(rest).iterator(chunk_size=1000)
