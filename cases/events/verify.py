"""Checking that a case's chain of events is intact."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from cases.models import Bestuursproces, Gebeurtenis

from .canonical import GENESIS_HASH, bereken_hash, bereken_inhoud_hash, canonieke_json
from .handtekening import klopt, sleutel


@dataclass(frozen=True)
class Breuk:
    """The first place where a chain does not hold."""

    bestuursproces: uuid.UUID
    volgnummer: int
    reden: str

    def __str__(self) -> str:
        return f"bestuursproces {self.bestuursproces}, volgnummer {self.volgnummer}: {self.reden}"


@dataclass
class Ketenrapport:
    """What walking one chain found: the first break, if any, and how many of its events
    carry a signature. ``laatste_ononderteken`` is the volgnummer of the last event without
    one (0: none): events from before signing are only acceptable where a checkpoint vouches
    for them (see ``toets_ononderteken``)."""

    bestuursproces: uuid.UUID
    breuk: Breuk | None = None
    aantal: int = 0
    ononderteken: int = 0
    laatste_ononderteken: int = 0


def _regel(gebeurtenis: Gebeurtenis) -> str:
    # Imported here: the export's modules import this package.
    from cases.exports.jsonl_regels import regel_van

    return regel_van(gebeurtenis)


def controleer_keten(bestuursproces: Bestuursproces, sleutel: bytes) -> Ketenrapport:
    """Walk the chain in order: volgnummers, links, hashes and signatures."""
    rapport = Ketenrapport(bestuursproces.uuid)
    rapport.breuk = _loop_keten(bestuursproces, sleutel, rapport)
    return rapport


def _loop_keten(
    bestuursproces: Bestuursproces, sleutel: bytes, rapport: Ketenrapport
) -> Breuk | None:
    verwacht_volgnummer = 1
    vorige_hash = GENESIS_HASH
    ondertekend_gezien = False
    schema2_gezien = False
    gebeurtenissen = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).order_by(
        "volgnummer"
    )
    for gebeurtenis in gebeurtenissen.iterator(chunk_size=2000):
        if gebeurtenis.volgnummer != verwacht_volgnummer:
            return Breuk(
                bestuursproces.uuid,
                verwacht_volgnummer,
                f"volgnummer {verwacht_volgnummer} ontbreekt (gevonden: {gebeurtenis.volgnummer})",
            )
        if gebeurtenis.vorige_hash != vorige_hash:
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "vorige hash verwijst niet naar de voorgaande gebeurtenis",
            )
        if gebeurtenis.inhoud_zout is not None:
            schema2_gezien = True
        elif schema2_gezien:
            # The content hash started at some point and never stops: an event of the old
            # scheme after it was written outside the application.
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "gebeurtenis zonder inhoudshash na gebeurtenissen met inhoudshash "
                "(buiten de applicatie toegevoegd of herschreven)",
            )
        if bereken_hash(gebeurtenis, bestuursproces.uuid) != gebeurtenis.hash:
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "hash klopt niet met de inhoud (gewijzigd na vastlegging)",
            )
        if gebeurtenis.handtekening:
            if not klopt(gebeurtenis, sleutel):
                return Breuk(
                    bestuursproces.uuid,
                    gebeurtenis.volgnummer,
                    "handtekening klopt niet (buiten de applicatie toegevoegd of herschreven)",
                )
            ondertekend_gezien = True
        elif ondertekend_gezien:
            # Signing started at some point and never stops: a gap after it is a forgery.
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "handtekening ontbreekt na ondertekende gebeurtenissen "
                "(buiten de applicatie toegevoegd of herschreven)",
            )
        else:
            rapport.ononderteken += 1
            rapport.laatste_ononderteken = gebeurtenis.volgnummer
        if gebeurtenis.payload_tekst is not None and gebeurtenis.payload_tekst != canonieke_json(
            gebeurtenis.payload
        ):
            # The text exports write must be the payload the hash covers (checked after the
            # signature: a rewritten payload is named as such first).
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "de canonieke tekst van de gegevens wijkt af van de gegevens",
            )
        if gebeurtenis.regel_tekst is not None and (
            gebeurtenis.payload_tekst is None or gebeurtenis.regel_tekst != _regel(gebeurtenis)
        ):
            # The line the export streams as it is must be the one the verified fields give
            # (a reader of the export checks its fields too: see docs/architecture.md).
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "de opgeslagen exportregel wijkt af van de gebeurtenis",
            )
        # Scheme 2: the stored content hash is what a redacted export line shows; the hash
        # above was recomputed from the content, so the column must agree with it.
        if gebeurtenis.inhoud_zout is not None and gebeurtenis.inhoud_hash != bereken_inhoud_hash(
            gebeurtenis
        ):
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "inhoudshash klopt niet met de inhoud (gewijzigd na vastlegging)",
            )
        rapport.aantal += 1
        vorige_hash = gebeurtenis.hash
        verwacht_volgnummer += 1
    # The head kept on the case row (what the next append links to) is the chain's end.
    kop = (
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .values_list("keten_volgnummer", "keten_hash")
        .first()
    )
    if kop is not None and kop != (verwacht_volgnummer - 1, vorige_hash):
        return Breuk(
            bestuursproces.uuid,
            kop[0],
            f"de ketenkop op het bestuursproces ({kop[0]}) is niet de laatste gebeurtenis "
            f"({verwacht_volgnummer - 1})",
        )
    return None


def verifieer_keten(bestuursproces: Bestuursproces) -> Breuk | None:
    """The first broken link of the case's chain, signatures included; None when it holds."""
    return controleer_keten(bestuursproces, sleutel()).breuk


def verifieer_alle(
    bestuursprocessen: Iterator[Bestuursproces] | None = None,
) -> Iterator[tuple[Bestuursproces, Breuk | None]]:
    processen = bestuursprocessen or Bestuursproces.objects.order_by("id").iterator()
    for bestuursproces in processen:
        yield bestuursproces, verifieer_keten(bestuursproces)
