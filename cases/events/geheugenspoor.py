"""A memory field of the tijdlijn that fills itself on first touch and notes what was read.

The tijdlijn's :class:`~cases.events.verhaal.Geheugen` is a handful of dicts (names, step
numbers, options, ...). Its read model (:mod:`cases.events.tijdlijnregels`) swaps each dict
for a :class:`Spoor`, so that the registrations' ``onthoud``/``beschrijf``/``datum`` run
unchanged while the read model learns

- which entries a sentence reads (``gelezen``), kept with the item so that the sentence can
  be told again at read time, in the reader's language, from those entries alone;
- which entries an event changed (:meth:`Spoor.gewijzigd`), the only ones written back;

and, when appending, loads an entry from the database only when it is touched (``bron``).
Keys are strings, as they are in JSON.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

ONBEKEND: Any = object()  # an entry nobody remembers


class Spoor(dict[str, Any]):
    # Every event makes one per field and viewer level (and scratch ones for the levels that
    # may not see it): slots, and nothing allocated that a field never touched needs.
    __slots__ = ("_bron", "gelezen", "oorspronkelijk")

    def __init__(self, bron: Callable[[str], Any] | None = None) -> None:
        self._bron = bron
        # With a source: each touched entry as it was before (to find what changed); an
        # entry in here has been filled.
        self.oorspronkelijk: dict[str, Any] = {}
        # While noting: each entry read, as it was at its first read (absent ones are not).
        self.gelezen: dict[str, Any] | None = None

    def _vul(self, sleutel: str) -> None:
        if self._bron is None or sleutel in self.oorspronkelijk:
            return
        waarde = self._bron(sleutel)
        self.oorspronkelijk[sleutel] = waarde
        if waarde is not ONBEKEND:
            dict.__setitem__(self, sleutel, copy.deepcopy(waarde))

    def _lees(self, sleutel: str) -> None:
        self._vul(sleutel)
        if (
            self.gelezen is not None
            and sleutel not in self.gelezen
            and dict.__contains__(self, sleutel)
        ):
            self.gelezen[sleutel] = copy.deepcopy(dict.__getitem__(self, sleutel))

    def __getitem__(self, sleutel: Any) -> Any:
        sleutel = str(sleutel)
        self._lees(sleutel)
        return dict.__getitem__(self, sleutel)

    def get(self, sleutel: Any, standaard: Any = None) -> Any:
        sleutel = str(sleutel)
        self._lees(sleutel)
        return dict.get(self, sleutel, standaard)

    def __contains__(self, sleutel: object) -> bool:
        sleutel = str(sleutel)
        self._lees(sleutel)
        return dict.__contains__(self, sleutel)

    def setdefault(self, sleutel: Any, standaard: Any = None) -> Any:
        sleutel = str(sleutel)
        self._lees(sleutel)
        if not dict.__contains__(self, sleutel):
            dict.__setitem__(self, sleutel, standaard)
        return dict.__getitem__(self, sleutel)

    def __setitem__(self, sleutel: Any, waarde: Any) -> None:
        sleutel = str(sleutel)
        self._vul(sleutel)
        dict.__setitem__(self, sleutel, waarde)

    def gewijzigd(self) -> dict[str, Any]:
        """The entries that differ from what the source gave (with a source only)."""
        return {
            sleutel: dict.__getitem__(self, sleutel)
            for sleutel, oud in self.oorspronkelijk.items()
            if dict.__contains__(self, sleutel) and dict.__getitem__(self, sleutel) != oud
        }

    def bestond(self, sleutel: str) -> bool:
        """Whether the source had the entry (with a source only)."""
        return self.oorspronkelijk.get(sleutel, ONBEKEND) is not ONBEKEND

    def leest_als(self, ander: Spoor) -> bool:
        """Whether this untouched memory holds, for every entry ``ander`` touched, what
        ``ander``'s source gave: then telling an event here reads and writes what it did
        there (both with a source)."""
        if self._bron is None or ander._bron is None or self.oorspronkelijk:
            return False
        return not ander.oorspronkelijk or all(
            _zelfde(self._bron(sleutel), waarde) for sleutel, waarde in ander.oorspronkelijk.items()
        )

    def neem_over(self, ander: Spoor) -> None:
        """Take the state an event left in ``ander`` (see :meth:`leest_als`), as if it had
        been told here."""
        if not ander.oorspronkelijk:
            return
        for sleutel, waarde in dict.items(ander):
            dict.__setitem__(self, sleutel, copy.deepcopy(waarde))
        self.oorspronkelijk = dict(ander.oorspronkelijk)

    def noteer(self) -> None:
        self.gelezen = {}

    def genoteerd(self) -> dict[str, Any]:
        gelezen, self.gelezen = self.gelezen or {}, None
        return gelezen


class Sporenbak(dict[str, Spoor]):
    """The fields of one viewer level's memory, each :class:`Spoor` made when first asked
    for (``maak(veld)``). An event appended at the end is told at one level and taken over
    by the others, which then need only the fields it touched; making all eight fields of
    all four levels up front (each with its source) was most of what telling an event
    allocated: measured in the benchmark's process, 0.16 ms of a 4 ms interventie POST, the
    young generation's collections it set off included. A field never asked for is as one
    never touched: nothing read, nothing changed."""

    __slots__ = ("_maak", "noteert")

    def __init__(self, maak: Callable[[str], Spoor]) -> None:
        super().__init__()
        self._maak = maak
        # While a telling notes what it reads: a field made meanwhile notes from the start.
        self.noteert = False

    def __missing__(self, veld: str) -> Spoor:
        spoor = self._maak(veld)
        if self.noteert:
            spoor.noteer()
        dict.__setitem__(self, veld, spoor)
        return spoor


def noteer(sporen: dict[str, Spoor]) -> None:
    """Note what is read from now on, in every field of ``sporen`` (one made later in a
    :class:`Sporenbak` too)."""
    for spoor in sporen.values():
        spoor.noteer()
    if isinstance(sporen, Sporenbak):
        sporen.noteert = True


def genoteerd(sporen: dict[str, Spoor]) -> dict[str, dict[str, Any]]:
    """What each field read since :func:`noteer` (the fields that read something, by name:
    the same whichever field a telling made first), and no more noting."""
    if isinstance(sporen, Sporenbak):
        sporen.noteert = False
    return {
        veld: gelezen for veld, spoor in sorted(sporen.items()) if (gelezen := spoor.genoteerd())
    }


def _zelfde(a: Any, b: Any) -> bool:
    return a is b or (a is not ONBEKEND and b is not ONBEKEND and a == b)
