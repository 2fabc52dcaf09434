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
import heapq
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import Bestuursproces, Gebeurtenis
from cases.models.gebeurtenissen import OPENING_VERVROEGD

_STRENG: contextvars.ContextVar[bool] = contextvars.ContextVar("streng_vouwen", default=False)


class Schending(Exception):
    """A fact that does not fit the case as it stood at its moment."""

    def __init__(
        self, reden: str, gebeurtenis: Gebeurtenis | None = None, *, onbekend: str | None = None
    ) -> None:
        super().__init__(reden)
        self.reden = reden
        self.gebeurtenis = gebeurtenis
        # The key of what the fact names and the case did not yet hold then (a uuid).
        self.onbekend = onbekend


def eis(voorwaarde: bool, reden: Callable[[], str], *, onbekend: str | None = None) -> None:
    """A rule of the history; only a strict fold refuses a fact that breaks it (the reason is
    only worded then: an ordinary fold reads on at full speed). ``onbekend`` is the uuid of
    what the fact names and the case did not hold then, so that the refusal can name it."""
    if not voorwaarde and _STRENG.get():
        raise Schending(reden(), onbekend=onbekend)


def bestond_niet() -> str:
    """The reason for a fact that names something the case did not hold at its moment."""
    return gettext("het verwijst naar iets dat toen nog niet bestond")


def eis_bekend(verzameling: dict[str, Any], uuid: str | None) -> None:
    """A fact that names an object of the case (a party, most often) relies on it existing at
    the fact's moment: a strict fold refuses it otherwise, naming the object.

    For facts that only *mention* the object (a required instemmer, a note about a party):
    a reducer that reads the object fails on the missing key and is refused the same way
    (``replay._pas_toe``). An ordinary fold reads on, so that a history recorded before this
    rule stays readable.
    """
    if uuid and _STRENG.get() and str(uuid) not in verzameling:
        raise Schending(bestond_niet(), onbekend=str(uuid))


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


# The type of a correction of a fact's moment (registered in soorten/correcties.py).
DATUMCORRECTIE = "gebeurtenis.datum_gecorrigeerd"


def correcties(alle: QuerySet[Gebeurtenis]) -> dict[int, dt.datetime]:
    """Per volgnummer, the moment later corrections gave an event (the latest one counts).
    The opening (volgnummer 1) stands at the moment it was last moved earlier to
    (``bestuursproces.opening_vervroegd``): the case began then."""
    return _correcties(correcties_van(alle).order_by("volgnummer"))


def correcties_van(alle: QuerySet[Gebeurtenis]) -> QuerySet[Gebeurtenis]:
    """The corrections of moments among ``alle`` (unordered), in one statement."""
    eerste, *andere = correcties_per_soort(alle.order_by())
    return eerste.union(*andere, all=True)


def correcties_per_soort(alle: QuerySet[Gebeurtenis]) -> list[QuerySet[Gebeurtenis]]:
    """The corrections of moments among ``alle``, a query per kind, to be united in one
    statement: each on its own partial index (with both in one condition the database read
    every event of the case for these few)."""
    return [alle.filter(type=DATUMCORRECTIE), alle.filter(type=OPENING_VERVROEGD)]


def gecorrigeerd_feit(type_: str, payload: dict[str, Any]) -> int:
    """The volgnummer of the fact a correction of a moment moves: the opening's for a move
    of the opening earlier."""
    return 1 if type_ == OPENING_VERVROEGD else int(payload["gebeurtenis"])


def _correcties(reeks: Iterable[Gebeurtenis]) -> dict[int, dt.datetime]:
    return {
        gecorrigeerd_feit(c.type, c.payload): dt.datetime.fromisoformat(c.payload["naar"])
        for c in reeks
    }


def vroegst_geraakt(gebeurtenis: Gebeurtenis) -> dt.datetime:
    """The earliest moment of the history a fact entered late changes: its own, and for a
    date correction also the moments it moves a fact from and to."""
    if gebeurtenis.type != DATUMCORRECTIE:
        return gebeurtenis.tijdstip
    return min(
        gebeurtenis.tijdstip,
        dt.datetime.fromisoformat(gebeurtenis.payload["van"]),
        dt.datetime.fromisoformat(gebeurtenis.payload["naar"]),
    )


def is_laat(bestuursproces_id: int, tijdstip: dt.datetime) -> bool:
    """Whether something in the case happened after ``tijdstip``: a fact dated later, or a
    fact whose moment was corrected to later. Read from the case row (see :func:`laat_na`);
    a service that holds the locked row asks :func:`laat_na` and reads nothing."""
    return Bestuursproces.objects.filter(pk=bestuursproces_id, laatste_moment__gt=tijdstip).exists()


def laat_na(laatste_moment: dt.datetime | None, tijdstip: dt.datetime) -> bool:
    """Whether a fact at ``tijdstip`` comes late to a history whose latest moment is
    ``laatste_moment`` (the case row's; None before the opening)."""
    return laatste_moment is not None and laatste_moment > tijdstip


def laatste_moment_na(
    laatste_moment: dt.datetime | None, gebeurtenis: Gebeurtenis
) -> dt.datetime | None:
    """The case's latest moment once ``gebeurtenis`` is in its history: a fact's own moment,
    or for a date correction the moment it moved a fact to (its own moment is when it was
    written, which makes nothing late). It never decreases: a fact moved earlier keeps its
    first moment counted, as the log's query did before the row kept it."""
    if gebeurtenis.type == DATUMCORRECTIE:
        moment = dt.datetime.fromisoformat(gebeurtenis.payload["naar"])
    else:
        moment = gebeurtenis.tijdstip
    return moment if laatste_moment is None or moment > laatste_moment else laatste_moment


def laatste_moment_uit_log(bestuursproces_id: int) -> dt.datetime | None:
    """The latest moment of the case's history as its log says it (what the case row keeps
    up to date, see :func:`laatste_moment_na`): for rows written around ``append_event``,
    such as test chains inserted in bulk."""
    alle = Gebeurtenis.objects.filter(bestuursproces_id=bestuursproces_id)
    feiten = alle.exclude(type=DATUMCORRECTIE).order_by("-tijdstip").values_list("tijdstip")
    momenten = [m for (m,) in feiten[:1]]
    # Every moment a correction moved a fact to counts, also one corrected again since.
    momenten += [
        dt.datetime.fromisoformat(payload["naar"])
        for payload in alle.filter(type=DATUMCORRECTIE).values_list("payload", flat=True)
    ]
    return max(momenten, default=None)


def verplaats(gebeurtenis: Gebeurtenis, naar: dt.datetime) -> Gebeurtenis:
    """The event as it stands after a correction of its moment (in memory, never saved):
    at ``naar``, with the moment its own payload repeats set to it as well."""
    from .soorten import soort

    gebeurtenis.tijdstip = naar
    gebeurtenis.payload = soort(gebeurtenis.type).met_moment(gebeurtenis.payload, naar)
    return gebeurtenis


def geschiedenis(
    bestuursproces_id: int,
    *,
    tot: dt.datetime | None = None,
    bekend: dt.datetime | None = None,
    na: tuple[dt.datetime, int] | None = None,
) -> Generator[Gebeurtenis, None, None]:
    """A case's events in world-time order, up to ``tot`` and as known at ``bekend``; with
    ``na`` only those after that position ``(tijdstip, volgnummer)`` (the opening never).

    The opening (volgnummer 1) comes first, at the moment it was last moved earlier to (as
    known at ``bekend``): every fact of the case stands after it. Nothing at all when the
    opening itself had not been recorded at ``bekend``.

    An event whose moment was corrected stands at its corrected moment (as known at
    ``bekend``); the few corrected events are read apart and merged into the stream.
    """
    alle = bekend_op(Gebeurtenis.objects.filter(bestuursproces_id=bestuursproces_id), bekend)
    # The opening and the corrections in one statement, all needed before the stream starts:
    # each part on its own index (the chain's, a partial one per kind of correction). With an
    # OR in one WHERE, SQLite read every event of the case to find them.
    zonder_volgorde = alle.order_by()
    kop = list(
        zonder_volgorde.filter(volgnummer=1)
        .union(*correcties_per_soort(zonder_volgorde), all=True)
        .order_by("volgnummer")
    )
    if not kop or kop[0].volgnummer != 1:
        return
    gecorrigeerd = _correcties(kop[1:])
    opening, vervroegd = kop[0], gecorrigeerd.pop(1, None)
    if na is None:
        yield opening if vervroegd is None else verplaats(opening, vervroegd)
    rest = alle.exclude(volgnummer=1)
    # The stream after ``na`` (a range on the world-time index; the few events at that very
    # moment up to its volgnummer left out); a corrected event is placed by its corrected
    # moment below.
    stroom = (
        rest
        if na is None
        else rest.filter(tijdstip__gte=na[0]).exclude(tijdstip=na[0], volgnummer__lte=na[1])
    )
    if not gecorrigeerd:
        if tot is not None:
            stroom = stroom.filter(tijdstip__lte=tot)
        yield from in_wereldvolgorde(stroom).iterator(chunk_size=1000)
        return
    verplaatst = sorted(
        (
            verplaats(e, gecorrigeerd[e.volgnummer])
            for e in rest.filter(volgnummer__in=gecorrigeerd)
        ),
        key=lambda e: (e.tijdstip, e.volgnummer),
    )
    if na is not None:
        verplaatst = [e for e in verplaatst if (e.tijdstip, e.volgnummer) > na]
    if tot is not None:
        verplaatst = [e for e in verplaatst if e.tijdstip <= tot]
        stroom = stroom.filter(tijdstip__lte=tot)
    gelezen = in_wereldvolgorde(stroom.exclude(volgnummer__in=gecorrigeerd)).iterator(
        chunk_size=1000
    )
    yield from heapq.merge(gelezen, verplaatst, key=lambda e: (e.tijdstip, e.volgnummer))
