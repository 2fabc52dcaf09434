"""Statements sent together with an event (see :mod:`cases.events.voorbereid`).

A :class:`Bundel` gathers statements whose results nobody reads before the event is written
(a note or an interventie's links, the tijdlijn's item, its counts and its memory). It is
written with the event: on PostgreSQL as parts of the one statement that moves the chain head
and inserts the event (:func:`~cases.events.voorbereid.schuif_kop_en_voeg_in`), elsewhere one
after the other (:meth:`Bundel.voer_uit`). Rows in a bundle may point to the event or to a
row queued before them (:class:`Sleutel`), and get their keys once written.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connections, models


@dataclass(frozen=True)
class Sleutel:
    """A parameter that is the key of a row written in the same bundle: the event it is sent
    with (``e``) or a row queued before (``r0``, ``r1``, ...)."""

    naam: str


@dataclass(frozen=True)
class Deel:
    """One statement of a bundle: on its own (``los`` with ``params``), and as parts of the
    event's statement on PostgreSQL (``onder_kop``: each writes only when the head moved and
    reads the keys of rows written in the same statement from their parts). A row that others
    point to has a ``naam``, and gets its key once written."""

    los: str
    params: list[Any]
    onder_kop: list[tuple[str, list[Any]]]
    naam: str | None = None
    rij: models.Model | None = None


class Bundel:
    """Statements sent together, in the order given, on one database: with an event by
    :func:`schuif_kop_en_voeg_in`, or after it by :meth:`voer_uit`. A row queued in a bundle
    may point to the event (:meth:`hoort_bij`) or to a row queued before it (a foreign key to
    the unsaved instance): the key is filled in when both are written. On PostgreSQL the
    statements are the parts of one ``WITH``: each runs exactly once and to completion, and
    none sees what another wrote, so only statements on different rows that nothing in the
    bundle reads belong in one."""

    def __init__(self) -> None:
        self.alias: str | None = None
        self.delen: list[Deel] = []
        self._namen: dict[int, str] = {}

    def hoort_bij(self, gebeurtenis: models.Model) -> None:
        """The bundle goes with this event: rows that point to it take its key."""
        self._namen[id(gebeurtenis)] = "e"

    def naam_van(self, rij: models.Model) -> str | None:
        return self._namen.get(id(rij))

    def voeg_toe(self, alias: str, deel: Deel) -> None:
        if self.alias not in (None, alias):
            raise ValueError("Een bundel schrijft in één database.")
        self.alias = alias
        self.delen.append(deel)
        if deel.naam is not None and deel.rij is not None:
            self._namen[id(deel.rij)] = deel.naam

    def nieuwe_naam(self) -> str:
        return f"r{sum(1 for d in self.delen if d.naam is not None)}"

    def kopie(self) -> Bundel:
        kopie = Bundel()
        kopie.alias, kopie.delen, kopie._namen = self.alias, list(self.delen), dict(self._namen)
        return kopie

    def voer_uit(self, gebeurtenis_id: int | None = None, *, cursor: Any = None) -> None:
        """Send the statements one after the other (after the event, whose key
        ``gebeurtenis_id`` is), on ``cursor`` when given (one of this bundle's database)."""
        if self.alias is None:
            return
        verbinding = connections[self.alias]
        sleutels: dict[str, Any] = {"e": gebeurtenis_id} if gebeurtenis_id is not None else {}

        def ingevuld(params: list[Any]) -> list[Any]:
            if any(isinstance(p, Sleutel) and p.naam not in sleutels for p in params):
                raise ValueError("Dit deel van de bundel wijst naar een rij die er niet is.")
            return [sleutels[p.naam] if isinstance(p, Sleutel) else p for p in params]

        with nullcontext(cursor) if cursor is not None else verbinding.cursor() as c:
            for deel in self.delen:
                c.execute(deel.los, ingevuld(deel.params))
                if deel.rij is not None and deel.naam is not None:
                    sleutels[deel.naam] = geschreven_rij(deel.rij, c, verbinding, self.alias)
        self.alias, self.delen, self._namen = None, [], {}

    def geschreven(self, sleutels: dict[str, Any]) -> None:
        """The bundle was written with the event: its rows get their keys."""
        for deel in self.delen:
            if deel.rij is not None and deel.naam is not None and self.alias is not None:
                krijgt_sleutel(deel.rij, sleutels[deel.naam], self.alias)
        self.alias, self.delen, self._namen = None, [], {}


def krijgt_sleutel(rij: models.Model, sleutel: Any, alias: str) -> None:
    """A row written: its key, and saved in ``alias`` (as ``Model.save`` leaves it)."""
    rij.pk = sleutel
    rij._state.adding = False
    rij._state.db = alias


def geschreven_rij(rij: models.Model, cursor: Any, verbinding: Any, alias: str) -> Any:
    """Give a row just inserted its key (returned by the INSERT, or the last one inserted)."""
    meta = type(rij)._meta
    if meta.auto_field is None:
        sleutel = rij.pk
    elif cursor.description is not None:  # the INSERT returned it
        sleutel = cursor.fetchone()[0]
    else:
        sleutel = verbinding.ops.last_insert_id(cursor, meta.db_table, str(meta.pk.column))
    krijgt_sleutel(rij, sleutel, alias)
    return sleutel
