"""Stored stands of the fold, so that looking back does not fold the whole history.

Every ``FOLDSTAND_INTERVAL`` events in world-time order, a fold that passes there stores its
state (:class:`~cases.models.Foldstand`, canonical JSON) for the visibility levels it folded
with. A later fold up to a moment starts from the nearest stand at or before that moment and
folds only the events after it; the stands it passes on the way that are not stored yet are
stored then (so the first look back pays for the next ones).

A stand depends only on the events before its position, so an event recorded in order
(after everything the case holds) leaves every stand valid. A fact entered late, or a moved
moment (``gebeurtenis.datum_gecorrigeerd``), changes what lies before the positions after it:
:func:`vergeet_na` deletes those stands in the same transaction (``append_event``).

``bekendOp`` (the case as known at an earlier recording moment) never uses a stand: a stand
holds what is recorded now, including facts recorded after that moment and dated before it.
Such a fold reads the history from the opening, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery

from cases.models import Bestuursproces, Foldstand, Gebeurtenis

from .canonical import canonieke_json
from .replay import vouw
from .replay_typen import Momentopname
from .wereldtijd import geschiedenis, vroegst_geraakt

logger = logging.getLogger(__name__)

# The key of a fold of every event, whatever its level (checking a late fact, the services).
ALLES = "*"
_TIJD = "$tijdstip"


def zicht(zichtbaar: frozenset[str] | None) -> str:
    """The key of the levels a fold reads: sorted and comma-joined, ``*`` for all."""
    return ALLES if zichtbaar is None else ",".join(sorted(zichtbaar))


def _tagged(waarde: Any) -> Any:
    if isinstance(waarde, dt.datetime):
        return {_TIJD: waarde.isoformat()}
    if isinstance(waarde, dict):
        return {sleutel: _tagged(item) for sleutel, item in waarde.items()}
    if isinstance(waarde, list):
        return [_tagged(item) for item in waarde]
    return waarde


def _untagged(waarde: dict[str, Any]) -> Any:
    if len(waarde) == 1 and _TIJD in waarde:
        return dt.datetime.fromisoformat(waarde[_TIJD])
    return waarde


def codeer(staat: Momentopname) -> str:
    """The raw state of a fold as canonical JSON; the moments the rules keep (``_tijden``) as
    tagged ISO text, so that :func:`decodeer` gives the same state back."""
    return canonieke_json(_tagged(staat))


def decodeer(tekst: str) -> Momentopname:
    staat: Momentopname = json.loads(tekst, object_hook=_untagged)
    return staat


def vouw_tot(
    bestuursproces_id: int,
    *,
    tot: dt.datetime | None = None,
    zichtbaar: frozenset[str] | None = None,
    bekend: dt.datetime | None = None,
) -> Momentopname:
    """The raw state of the case folded up to ``tot`` (world time) with the levels
    ``zichtbaar`` (None: every event), starting from the nearest stored stand.

    The same as ``vouw(geschiedenis(id, tot=tot, bekend=bekend), zichtbaar)``; a strict fold
    (``streng_vouwen``) checks only the events after the stand, which were all checked when
    they were recorded or when the stand was made.
    """
    if bekend is not None:
        return vouw(geschiedenis(bestuursproces_id, tot=tot, bekend=bekend), zichtbaar)
    sleutel = zicht(zichtbaar)
    laatste, stand = _stand_en_einde(bestuursproces_id, sleutel, tot)
    interval = max(int(settings.FOLDSTAND_INTERVAL), 1)
    aantal = stand[3] if stand is not None else 0
    nieuw: list[Foldstand] = []

    def tel(staat: Momentopname, gebeurtenis: Gebeurtenis) -> None:
        nonlocal aantal
        aantal += 1
        if aantal % interval == 0:
            nieuw.append(
                Foldstand(
                    bestuursproces_id=bestuursproces_id,
                    zicht=sleutel,
                    tijdstip=gebeurtenis.tijdstip,
                    volgnummer=gebeurtenis.volgnummer,
                    aantal=aantal,
                    staat=codeer(staat),
                )
            )

    staat = vouw(
        geschiedenis(
            bestuursproces_id,
            tot=tot,
            na=(stand[0], stand[1]) if stand is not None else None,
        ),
        zichtbaar,
        begin=decodeer(stand[2]) if stand is not None else None,
        na_elk=tel,
    )
    if nieuw and laatste is not None:
        _bewaar(bestuursproces_id, laatste, nieuw)
    return staat


def _stand_en_einde(
    bestuursproces_id: int, sleutel: str, tot: dt.datetime | None
) -> tuple[int | None, tuple[dt.datetime, int, str, int] | None]:
    """In one query: the last volgnummer of the log (stands are stored only if it is still the
    end when the fold is done) and the nearest stand at or before ``tot`` (its tijdstip,
    volgnummer, staat and aantal), from the unique index on the stands."""
    standen = Foldstand.objects.filter(bestuursproces_id=OuterRef("pk"), zicht=sleutel)
    if tot is not None:
        standen = standen.filter(tijdstip__lte=tot)
    standen = standen.order_by("-tijdstip", "-volgnummer")
    velden = ("tijdstip", "volgnummer", "staat", "aantal")
    rij = (
        Bestuursproces.objects.filter(pk=bestuursproces_id)
        .annotate(
            _laatste=Subquery(
                Gebeurtenis.objects.filter(bestuursproces_id=OuterRef("pk"))
                .order_by("-volgnummer")
                .values("volgnummer")[:1]
            ),
            **{f"_{veld}": Subquery(standen.values(veld)[:1]) for veld in velden},
        )
        .values_list("_laatste", *(f"_{veld}" for veld in velden))
        .first()
    )
    if rij is None:
        return None, None
    laatste, tijdstip, volgnummer, staat, aantal = rij
    if volgnummer is None:
        return laatste, None
    return laatste, (tijdstip, volgnummer, staat, aantal)


def _bewaar(bestuursproces_id: int, laatste: int, nieuw: list[Foldstand]) -> None:
    """Store new stands unless the log grew meanwhile (then a writer may have invalidated
    what this fold read); the case row's lock orders this after any writer of the case.
    Best effort: a read-only connection (a replica) simply stores nothing."""
    try:
        with transaction.atomic():
            Bestuursproces.objects.select_for_update().filter(pk=bestuursproces_id).exists()
            nu = (
                Gebeurtenis.objects.filter(bestuursproces_id=bestuursproces_id)
                .order_by("-volgnummer")
                .values_list("volgnummer", flat=True)
                .first()
            )
            if nu == laatste:
                Foldstand.objects.bulk_create(nieuw, ignore_conflicts=True)
    except DatabaseError:
        logger.warning(
            "Standen van de herbouw niet bewaard (bestuursproces %s).", bestuursproces_id
        )


def vergeet_na(gebeurtenis: Gebeurtenis) -> None:
    """Delete the stands a late fact (or a moved moment) changes: those at or after the
    earliest moment it touches. Call in the event's transaction."""
    vergeet_vanaf(gebeurtenis.bestuursproces_id, vroegst_geraakt(gebeurtenis))


def vergeet_vanaf(bestuursproces_id: int, moment: dt.datetime) -> None:
    """Delete the stands at or after ``moment`` (world time): for anything that changes how
    the history from that moment on folds for some viewer, such as widening the visibility of
    an item recorded then. Call in the transaction of that change."""
    Foldstand.objects.filter(bestuursproces_id=bestuursproces_id, tijdstip__gte=moment).delete()
