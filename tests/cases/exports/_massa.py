"""A case with a very long event log, built fast: for the streaming test and the benchmarks.

The services would take minutes for 100,000 events, and even ``bulk_create`` spends most of
its time compiling SQL per row, so this inserts a valid hash chain of simple events with one
prepared ``executemany`` per batch. Values are prepared by the model's own fields
(``get_db_prep_save``), so the same code writes a JSON text on SQLite and jsonb on
PostgreSQL. Hashes are computed as ``append_event`` does (hash scheme 2: the content hashed
apart with a salt, the hash over the envelope, :mod:`cases.events.canonical`). The
immutability triggers refuse UPDATE and DELETE only, so inserting is allowed. Each event is
signed with the configured key, as ``append_event`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field

from cases.events.canonical import (
    canonieke_json,
    envelop_document,
    formatteer_tijdstip,
    hash_van_document,
    inhoud_document,
)
from cases.events.handtekening import handtekening_van, sleutel
from cases.events.wereldtijd import laatste_moment_uit_log
from cases.exports.jsonl_regels import zichtbare_regel
from cases.models import Bestuursproces, Gebeurtenis

BATCH = 5000
# Every tenth event is confidential, so the exports redact some of them.
GEHEIM_ELKE = 10
VELDEN = (
    "bestuursproces",
    "volgnummer",
    "type",
    "actor",
    "actor_gebruikersnaam",
    "actor_naam",
    "herkomst",
    "tijdstip",
    "geregistreerd",
    "toelichting",
    "payload",
    "payload_tekst",
    "regel_tekst",
    "vorige_hash",
    "hash",
    "handtekening",
    "inhoud_hash",
    "inhoud_zout",
)
# Only these need the backend's form (a text or a datetime, JSON text or jsonb); the ints and
# strings go as they are.
VOORBEREIDEN = frozenset({"tijdstip", "geregistreerd", "payload"})


def _insert() -> tuple[str, list[Field[Any, Any]]]:
    meta = Gebeurtenis._meta
    velden = [cast("Field[Any, Any]", meta.get_field(naam)) for naam in VELDEN]
    kolommen = ", ".join(connection.ops.quote_name(str(v.column)) for v in velden)
    plaatsen = ", ".join(["%s"] * len(velden))
    tabel = connection.ops.quote_name(meta.db_table)
    return f"INSERT INTO {tabel} ({kolommen}) VALUES ({plaatsen})", velden


@dataclass(frozen=True)
class Feit:
    """One event to append: its type, payload (``zichtbaarheid`` in it when not ``proces``,
    as ``append_event`` stores it) and world time."""

    type: str
    payload: dict[str, Any]
    tijdstip: dt.datetime


def voeg_gebeurtenissen_toe(bestuursproces: Bestuursproces, aantal: int) -> None:
    """Append ``aantal`` notitie events to the case's chain, each a microsecond after the last."""
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).latest("volgnummer")

    def notities() -> Iterator[Feit]:
        for n in range(aantal):
            payload: dict[str, Any] = {"notitie": {"tekst": f"Notitie {n}", "volgorde": n}}
            if n % GEHEIM_ELKE == 0:
                payload["zichtbaarheid"] = "regisseur"
            yield Feit(
                "notitie.gemaakt", payload, laatste.tijdstip + dt.timedelta(microseconds=n + 1)
            )

    voeg_feiten_toe(bestuursproces, notities())


def voeg_feiten_toe(bestuursproces: Bestuursproces, feiten: Iterable[Feit]) -> int:
    """Append the facts to the case's chain in the order given (in world-time order after
    everything recorded: this checks no rule), by the actor of its last event. The number
    appended."""
    sql, velden = _insert()
    # The real connection, not the thread-local proxy: it is asked for 300,000 values.
    verbinding = connections[DEFAULT_DB_ALIAS]
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).latest("volgnummer")
    volgnummer, vorige_hash = laatste.volgnummer, laatste.hash
    actor, naam = laatste.actor_gebruikersnaam, laatste.actor_naam
    rijen: list[list[Any]] = []
    sleutel_ = sleutel()
    aantal = 0
    with connection.cursor() as cursor:
        for feit in feiten:
            volgnummer += 1
            aantal += 1
            payload, tijdstip = feit.payload, feit.tijdstip
            moment = formatteer_tijdstip(tijdstip)
            niveau = str(payload.get("zichtbaarheid", "proces"))
            zout = f"{volgnummer:032x}"  # unique per event is all a test chain needs
            inhoud_hash = hash_van_document(inhoud_document(payload, "", zout))
            eigen_hash = hash_van_document(
                envelop_document(
                    bestuursproces=str(bestuursproces.uuid),
                    volgnummer=volgnummer,
                    type=feit.type,
                    actor=actor,
                    actor_naam=naam,
                    herkomst="test",
                    tijdstip=moment,
                    geregistreerd=moment,
                    zichtbaarheid=niveau,
                    inhoud_hash=inhoud_hash,
                    vorige_hash=vorige_hash,
                )
            )
            payload_tekst = canonieke_json(payload)
            # The line append_event stores, made by the same function.
            regel_tekst = zichtbare_regel(
                volgnummer,
                feit.type,
                moment,
                moment,
                actor,
                naam,
                "test",
                "",
                payload_tekst,
                vorige_hash,
                eigen_hash,
                inhoud_hash,
                zout,
                niveau,
            )
            waarden = (
                bestuursproces.pk,
                volgnummer,
                feit.type,
                laatste.actor_id,
                actor,
                naam,
                "test",
                tijdstip,
                tijdstip,
                "",
                payload,
                payload_tekst,
                regel_tekst,
                vorige_hash,
                eigen_hash,
                handtekening_van(eigen_hash, sleutel_),
                inhoud_hash,
                zout,
            )
            rijen.append(
                [
                    veld.get_db_prep_save(w, verbinding) if veld.name in VOORBEREIDEN else w
                    for veld, w in zip(velden, waarden, strict=True)
                ]
            )
            vorige_hash = eigen_hash
            if len(rijen) == BATCH:
                cursor.executemany(sql, rijen)
                rijen = []
        if rijen:
            cursor.executemany(sql, rijen)
    # The chain head on the case row, as append_event keeps it.
    Bestuursproces.objects.filter(pk=bestuursproces.pk).update(
        keten_volgnummer=volgnummer, keten_hash=vorige_hash
    )
    bestuursproces.keten_volgnummer, bestuursproces.keten_hash = volgnummer, vorige_hash
    # And the latest moment of the history, which tells a later fact whether it comes late.
    bestuursproces.laatste_moment = laatste_moment_uit_log(bestuursproces.pk)
    Bestuursproces.objects.filter(pk=bestuursproces.pk).update(
        laatste_moment=bestuursproces.laatste_moment
    )
    return aantal
