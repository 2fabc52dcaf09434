"""Signatures on events under a key kept outside the database.

The hash chain shows that nothing changed *within* a chain, but whoever can write to the
database can also recompute hashes: append a forged event with a valid hash, or rewrite a
whole chain. Each event therefore also carries an HMAC-SHA256 over its hash under a key that
the database never sees (``GEBEURTENIS_SLEUTEL`` or ``GEBEURTENIS_SLEUTELBESTAND``). The hash
covers every field of the event, its case and its predecessor, so signing the hash signs all
of it. Without the key no one can make a signature that verifies.

Events recorded before signing existed have none (``handtekening`` is NULL): they are
verified by their chain and by the checkpoints, and ``verify_gebeurtenissen`` counts them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from cases.models import Gebeurtenis

# Keeps an event signature distinct from any other use of the same key (checkpoint lines).
_DOMEIN = b"procesregie.gebeurtenis.v1\n"
MINIMALE_LENGTE = 32


def sleutel() -> bytes:
    """The signing key from the settings; on a development machine (DEBUG) a missing key file
    is made, elsewhere a missing or short key is a configuration error."""
    return _sleutel(
        settings.GEBEURTENIS_SLEUTEL, settings.GEBEURTENIS_SLEUTELBESTAND, settings.DEBUG
    )


@functools.lru_cache(maxsize=4)
def _sleutel(waarde: str, bestand: str, debug: bool) -> bytes:
    # Read once per process and setting: appending an event must not read a file each time.
    if waarde:
        ruw = waarde.encode("utf-8")
    else:
        if not bestand:
            raise ImproperlyConfigured("Geen GEBEURTENIS_SLEUTEL of GEBEURTENIS_SLEUTELBESTAND.")
        pad = Path(bestand)
        if debug and not pad.exists():
            maak_sleutelbestand(pad)
        ruw = pad.read_bytes().strip()
    if len(ruw) < MINIMALE_LENGTE:
        raise ImproperlyConfigured(
            f"De gebeurtenissleutel is te kort (minstens {MINIMALE_LENGTE} tekens)."
        )
    return ruw


def maak_sleutelbestand(pad: Path) -> None:
    """Write a new random key, readable by its owner only. Written aside and linked into
    place, so that two processes starting together never read half a key nor overwrite one."""
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=".gebeurtenis-sleutel-")
    try:
        with os.fdopen(fd, "w") as bestand:
            bestand.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(tijdelijk, pad)
    finally:
        os.unlink(tijdelijk)


def handtekening_van(hash_: str, sleutel_: bytes) -> str:
    return hmac.new(sleutel_, _DOMEIN + hash_.encode("ascii"), hashlib.sha256).hexdigest()


def klopt(gebeurtenis: Gebeurtenis, sleutel_: bytes) -> bool:
    """Whether the event's signature is the one the key gives for its stored hash. (That the
    stored hash matches the content is the chain's check, done before this one.)"""
    if not gebeurtenis.handtekening:
        return False
    return hmac.compare_digest(
        gebeurtenis.handtekening, handtekening_van(gebeurtenis.hash, sleutel_)
    )


def onderteken(gebeurtenis: Gebeurtenis) -> None:
    """Sign a new event (its hash computed, not yet saved); ``append_event`` calls it, and
    once the event is written has a checkpoint taken when it is its turn
    (:func:`~cases.events.checkpointmap.na_toevoegen`)."""
    gebeurtenis.handtekening = handtekening_van(gebeurtenis.hash, sleutel())
