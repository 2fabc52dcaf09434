"""Checkpoints taken automatically and kept in a directory outside the database.

``GEBEURTENIS_CHECKPOINT_MAP`` receives one new file per checkpoint and never has one
rewritten: each is created exclusively (``O_EXCL``), read-only, named for the moment it was
taken, so the directory is append-only from the application's side (mount it from another
host or write-once storage to make it so for everyone). Each line is signed and the file is
sealed (``checkpoint.slot``) with the key kept outside the database.

Checkpoints are taken by ``checkpoint_gebeurtenissen --opslaan`` (run daily by the scheduler
of the installation) and after about every ``GEBEURTENIS_CHECKPOINT_ELKE`` events, after
the commit of the event whose database id is a multiple of it (ids are global, so this counts
events across all cases; an id lost to a rollback only skips one turn).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .checkpoint import Kop, koppen, lees_verzegeld, schrijf_regels, slot

logger = logging.getLogger(__name__)

VOORVOEGSEL = "checkpoint-"


def checkpointmap() -> Path:
    return Path(settings.GEBEURTENIS_CHECKPOINT_MAP)


def neem_checkpoint(map_: Path | None = None, sleutel: bytes | None = None) -> Path:
    """Write the current head of every chain to a new, sealed file in the directory."""
    from .handtekening import sleutel as geconfigureerde_sleutel

    map_ = map_ or checkpointmap()
    sleutel = sleutel or geconfigureerde_sleutel()
    map_.mkdir(parents=True, exist_ok=True)
    nu = timezone.now()
    regels = list(schrijf_regels(koppen(), sleutel))
    inhoud = [f"# checkpoint {nu.isoformat()} {len(regels)} keten(s)", *regels]
    tekst = "\n".join([*inhoud, slot(inhoud, sleutel)]) + "\n"
    stempel = nu.strftime("%Y%m%dT%H%M%S%fZ")
    for poging in range(100):
        pad = map_ / f"{VOORVOEGSEL}{stempel}-{poging:02d}.txt"
        try:
            fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o440)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as bestand:
            bestand.write(tekst)
            bestand.flush()
            os.fsync(bestand.fileno())
        return pad
    raise FileExistsError(f"Geen vrije naam voor een checkpoint in {map_}.")


def laatste_checkpoint(map_: Path | None = None) -> Path | None:
    """The newest checkpoint file in the directory (names sort by the time they were taken)."""
    map_ = map_ or checkpointmap()
    if not map_.is_dir():
        return None
    bestanden = sorted(map_.glob(f"{VOORVOEGSEL}*.txt"))
    return bestanden[-1] if bestanden else None


def lees_checkpointbestand(pad: Path, sleutel: bytes) -> list[Kop]:
    return lees_verzegeld(pad.read_text(encoding="utf-8"), sleutel)


def na_toevoegen(gebeurtenis_id: int) -> None:
    """Called once an event is written, with its id: when it is the N-th, take a checkpoint
    after the commit. Decided now, so that a transaction that appends many events keeps no
    callback (nor the event it would hold) for any of the others until its commit."""
    elke = settings.GEBEURTENIS_CHECKPOINT_ELKE
    if elke <= 0 or gebeurtenis_id % elke:
        return

    def neem() -> None:
        pad = neem_checkpoint()
        logger.info("Checkpoint van het gebeurtenissenlog genomen: %s", pad)

    # robust: a full disk must not turn a committed change into an error for the user; the
    # failure is logged and the daily run takes the next checkpoint.
    transaction.on_commit(neem, robust=True)
