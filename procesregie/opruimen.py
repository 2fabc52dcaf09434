"""How a process's cyclic garbage collector is set: for a server's worker, and paused while a
large structure of live objects is built.

A worker (:func:`voor_verzoeken`, at its start) collects once and freezes what it loaded
(Django, the apps, the URL patterns, the OpenAPI document), so that no later pass through
the oldest generation walks those objects again, and raises the young generation's
threshold. With Python's default of 700, a request that keeps a few thousand objects alive
while it runs (a serializer's copied fields, model instances, an event's telling) set off
several collections of the young generations, each walking the request's live objects again
and moving them up a generation, where the next pass of the middle one walked them once more.
In the benchmark's process, with both thresholds taking turns, the higher one made an
interventie's POST 5–13% faster against the same bare insert (docs/benchmarks.md, "Eleventh
round"). At :data:`VERZOEKDREMPEL` a request mostly ends before a collection, and what it
made is freed as it goes by reference counting; only cycles wait for the next collection,
which comes after at most that many more objects.

The rest of this module pauses the full passes while a rebuild builds its structure.

A rebuild of a case's read model (after a fact entered late, or by ``herbouw_tijdlijn``)
keeps thousands of objects alive until it writes them. Every pass of the cyclic collector
through its oldest generation walks all of them again, and the whole process's heap besides,
and those passes come the more often the more the rebuild keeps: measured at 5,000 events, a
third of a late fact's time went to them (docs/benchmarks.md, "Ninth round"). Only those full
passes are paused: the young generations are still collected as usual, so a cycle that a
rebuild makes and drops is freed as before. (It made one per item, an item and its event
cached both ways by their one-to-one relation, which with every pass paused stayed until the
end; an item of a stored event now names it by its key, cases/events/tijdlijnvertelling.py.)
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The oldest generation is collected after this many collections of the middle one: never,
# within a rebuild.
_NOOIT = 2**30

# Tracked objects allocated (and still alive) before the young generation is collected.
VERZOEKDREMPEL = 10_000


def voor_verzoeken() -> None:
    """Set the collector for a worker that serves requests (see the module); call once,
    after the application is loaded."""
    gc.collect()
    gc.freeze()
    _jong, midden, oudste = gc.get_threshold()
    gc.set_threshold(VERZOEKDREMPEL, midden, oudste)


_slot = threading.Lock()
_diepte = 0
_drempels = gc.get_threshold()


@contextmanager
def zonder_volledige_opruiming() -> Iterator[None]:
    """Pause the collector's full passes for the block (nested blocks, also in other threads,
    share one pause); the thresholds are as before after the last one."""
    global _diepte, _drempels
    with _slot:
        if _diepte == 0:
            _drempels = gc.get_threshold()
            gc.set_threshold(_drempels[0], _drempels[1], _NOOIT)
        _diepte += 1
    try:
        yield
    finally:
        with _slot:
            _diepte -= 1
            if _diepte == 0:
                gc.set_threshold(*_drempels)
