"""Checkpoints: chain heads kept outside the database, optionally signed with a secret key.

A hash chain proves that nothing changed *within* it; someone with write access to the
database could still rewrite a whole chain and recompute every hash. A checkpoint taken
earlier and kept elsewhere catches that: the event at the checkpoint's volgnummer must still
carry the checkpoint's hash. A key kept outside the database (HMAC-SHA256) also makes the
checkpoint file itself tamper-evident.

File format, one line per case: ``<case uuid> <volgnummer> <hash> [<hmac>]``; lines starting
with ``#`` are comments. A signed file ends with a seal, ``# slot <hmac>`` over every line
before it, so that a line cannot be left out unnoticed (a case dropped from the checkpoint).
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from cases.models import Bestuursproces, Gebeurtenis

from .verify import Breuk, Ketenrapport


@dataclass(frozen=True)
class Kop:
    """The head of one case's chain at the moment the checkpoint was taken."""

    bestuursproces: uuid.UUID
    volgnummer: int
    hash: str

    def tekst(self) -> str:
        return f"{self.bestuursproces} {self.volgnummer} {self.hash}"

    def handtekening(self, sleutel: bytes) -> str:
        return hmac.new(sleutel, self.tekst().encode("ascii"), hashlib.sha256).hexdigest()


class OngeldigCheckpoint(ValueError):
    pass


SLOT = "# slot "
_SLOT_DOMEIN = b"procesregie.checkpoint.slot.v1\n"


def slot(regels: Iterable[str], sleutel: bytes) -> str:
    """The seal over a checkpoint's lines: ``# slot <hmac>``."""
    tekst = "\n".join(regels).encode("utf-8")
    return SLOT + hmac.new(sleutel, _SLOT_DOMEIN + tekst, hashlib.sha256).hexdigest()


def lees_verzegeld(tekst: str, sleutel: bytes) -> list[Kop]:
    """Parse a sealed checkpoint: the seal must be the last line and match every line above
    it, and every line must carry its own signature."""
    regels = tekst.rstrip("\n").split("\n")
    if not regels or not regels[-1].startswith(SLOT):
        raise OngeldigCheckpoint("het slot ontbreekt (checkpoint ingekort of vervalst?)")
    if not hmac.compare_digest(regels[-1], slot(regels[:-1], sleutel)):
        raise OngeldigCheckpoint("het slot klopt niet (checkpoint gewijzigd of vervalst?)")
    return lees_regels(regels[:-1], sleutel)


def koppen() -> Iterator[Kop]:
    """The current chain head of every case that has events."""
    laatste = Gebeurtenis.objects.filter(bestuursproces=OuterRef("pk")).order_by("-volgnummer")
    rijen = (
        Bestuursproces.objects.order_by("id")
        .annotate(
            kop_volgnummer=Subquery(laatste.values("volgnummer")[:1]),
            kop_hash=Subquery(laatste.values("hash")[:1]),
        )
        .filter(kop_volgnummer__isnull=False)
        .values_list("uuid", "kop_volgnummer", "kop_hash")
    )
    for case_uuid, volgnummer, hash_ in rijen.iterator():
        yield Kop(case_uuid, volgnummer, hash_)


def schrijf_regels(koppen: Iterable[Kop], sleutel: bytes | None) -> Iterator[str]:
    for kop in koppen:
        yield f"{kop.tekst()} {kop.handtekening(sleutel)}" if sleutel else kop.tekst()


def lees_regels(regels: Iterable[str], sleutel: bytes | None) -> list[Kop]:
    """Parse a checkpoint; with a key, every line must carry a valid signature."""
    result = []
    for nummer, regel in enumerate(regels, start=1):
        regel = regel.strip()
        if not regel or regel.startswith("#"):
            continue
        delen = regel.split()
        try:
            kop = Kop(uuid.UUID(delen[0]), int(delen[1]), delen[2])
        except (IndexError, ValueError) as fout:
            raise OngeldigCheckpoint(f"regel {nummer} is geen checkpointregel") from fout
        ondertekend = len(delen) >= 4 and sleutel is not None
        if sleutel is not None and not (
            ondertekend and hmac.compare_digest(delen[3], kop.handtekening(sleutel))
        ):
            raise OngeldigCheckpoint(
                f"regel {nummer}: handtekening ontbreekt of klopt niet (checkpoint vervalst?)"
            )
        result.append(kop)
    return result


def toets_aan_checkpoint(koppen: Iterable[Kop]) -> Breuk | None:
    """The first case whose chain no longer holds the checkpointed hash, if any."""
    for kop in koppen:
        gevonden = (
            Gebeurtenis.objects.filter(
                bestuursproces__uuid=kop.bestuursproces, volgnummer=kop.volgnummer
            )
            .values_list("hash", flat=True)
            .first()
        )
        if gevonden is None:
            return Breuk(
                kop.bestuursproces, kop.volgnummer, "gebeurtenis uit het checkpoint ontbreekt"
            )
        if gevonden != kop.hash:
            return Breuk(
                kop.bestuursproces,
                kop.volgnummer,
                "hash wijkt af van het checkpoint (keten herschreven)",
            )
    return None


def toets_ononderteken(rapporten: Iterable[Ketenrapport], koppen: Iterable[Kop]) -> Breuk | None:
    """Events without a signature (from before signing existed) form the start of a chain;
    each must lie within the chain's head in the checkpoint, which vouches for them. One
    beyond it was added by someone without the key."""
    per_proces = {kop.bestuursproces: kop.volgnummer for kop in koppen}
    for rapport in rapporten:
        if not rapport.laatste_ononderteken:
            continue
        gedekt = per_proces.get(rapport.bestuursproces, 0)
        if rapport.laatste_ononderteken > gedekt:
            return Breuk(
                rapport.bestuursproces,
                gedekt + 1,
                "gebeurtenis zonder handtekening die het checkpoint niet dekt "
                "(buiten de applicatie toegevoegd?)",
            )
    return None
