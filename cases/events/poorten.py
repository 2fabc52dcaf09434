"""Stadium gates, asked about a forward move against the case as it stood at that moment.

A gate is a function of the folded state (see :mod:`cases.events.replay`) at the moment of the
move, the stadium left and the stadium reached, returning its objections. The same gates judge
a move made now (the service folds the history up to now) and a move entered late (the strict
fold of the whole history asks them at the move's own moment), so one rule decides both.
``CasesConfig.ready`` registers the wyber-stap gate of :mod:`cases.services.poorten`.
"""

from __future__ import annotations

from collections.abc import Callable

from .replay_typen import Momentopname

Poort = Callable[[Momentopname, str, str], list[str]]
_POORTEN: list[Poort] = []


def registreer_poort(poort: Poort) -> Poort:
    """Register a gate for forward moves; usable as a decorator."""
    if poort not in _POORTEN:
        _POORTEN.append(poort)
    return poort


def bezwaren_tegen_vertrek(staat: Momentopname, van: str, naar: str) -> list[str]:
    """Every registered gate's objections to moving from ``van`` to ``naar`` in ``staat``."""
    bezwaren: list[str] = []
    for poort in _POORTEN:
        bezwaren.extend(poort(staat, van, naar))
    return bezwaren
