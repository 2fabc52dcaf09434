"""The case's event log: canonical form and hashing, appending, verifying and replaying.

Every service appends through :func:`append_event`; nothing else writes events.
"""

from .canonical import GENESIS_HASH, bereken_hash, canonieke_json
from .log import Actor, append_event
from .replay import Momentopname, herbouw, zichtbaarheid_van
from .verify import Breuk, verifieer_alle, verifieer_keten

__all__ = [
    "GENESIS_HASH",
    "Actor",
    "Breuk",
    "Momentopname",
    "append_event",
    "bereken_hash",
    "canonieke_json",
    "herbouw",
    "verifieer_alle",
    "verifieer_keten",
    "zichtbaarheid_van",
]
