"""Python's full garbage collections paused while a large structure of live objects is built.

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
