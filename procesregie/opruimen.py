"""Python's cyclic garbage collector paused while a large structure of live objects is built.

A rebuild of a case's read model (after a fact entered late, or by ``herbouw_tijdlijn``)
keeps thousands of objects alive until it writes them. Every pass of the collector through
its oldest generation walks all of them again, and the whole process's heap besides, and
those passes come the more often the more the rebuild keeps: measured at 5,000 events, a
third of a late fact's time went to them (docs/benchmarks.md, "Ninth round"). Objects are
still freed by their reference counts as before; a cycle made meanwhile waits for the first
pass after it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_slot = threading.Lock()
_diepte = 0
_was_aan = True


@contextmanager
def zonder_cyclische_opruiming() -> Iterator[None]:
    """Pause automatic collection for the block (nested blocks, also in other threads, share
    one pause); collection is on again after the last one if it was on before the first."""
    global _diepte, _was_aan
    with _slot:
        if _diepte == 0:
            _was_aan = gc.isenabled()
            gc.disable()
        _diepte += 1
    try:
        yield
    finally:
        with _slot:
            _diepte -= 1
            if _diepte == 0 and _was_aan:
                gc.enable()
