"""The embedded SQLite is set up for several writers: WAL, BEGIN IMMEDIATE and a busy
timeout. A writer waits its turn; one that waits longer than the timeout gets a 503
problem+json with Retry-After and nothing is written, never a 500."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Notitie
from tests.cases.api.helpers import PROBLEEM
from tests.factories import open_proces

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="over de ingebouwde SQLite-database"
)


@pytest.fixture
def schrijfslot(transactional_db: None) -> Iterator[sqlite3.Connection]:
    """A second connection to the test database, to hold the write lock as another writer."""
    andere = sqlite3.connect(
        connection.settings_dict["NAME"], timeout=5, isolation_level=None, check_same_thread=False
    )
    try:
        yield andere
    finally:
        andere.close()


def _notitie(api: APIClient, bestuursproces: Bestuursproces) -> Any:
    return api.post(
        f"/api/v1/bestuursprocessen/{bestuursproces.uuid}/notities",
        {"tekst": "Even bellen met de wethouder", "zichtbaarheid": "proces"},
        format="json",
    )


def test_wal_begin_immediate_en_wachttijd(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    assert connection.transaction_mode == "IMMEDIATE"  # type: ignore[attr-defined]


def test_een_schrijver_wacht_op_de_ander(
    schrijfslot: sqlite3.Connection, regisseur: Any, als: Any
) -> None:
    bestuursproces = open_proces(regisseur)
    voor = bestuursproces.gebeurtenissen.count()
    schrijfslot.execute("BEGIN IMMEDIATE")
    vrijgeven = threading.Timer(0.5, schrijfslot.execute, args=("COMMIT",))
    vrijgeven.start()
    try:
        begonnen = time.monotonic()
        antwoord = _notitie(als(regisseur), bestuursproces)
        gewacht = time.monotonic() - begonnen
    finally:
        vrijgeven.join()
    assert antwoord.status_code == 201, antwoord.content
    # It really waited for the other writer rather than slipping past the lock.
    assert gewacht >= 0.4
    assert bestuursproces.gebeurtenissen.count() == voor + 1


def test_te_lang_bezet_is_503_met_retry_after(
    schrijfslot: sqlite3.Connection, regisseur: Any, als: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bestuursproces = open_proces(regisseur)
    voor = bestuursproces.gebeurtenissen.count()
    # The next connection waits 0.1 s instead of the configured 20 s.
    connection.close()
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.1)
    schrijfslot.execute("BEGIN IMMEDIATE")
    try:
        antwoord = _notitie(als(regisseur), bestuursproces)
    finally:
        schrijfslot.execute("ROLLBACK")
        connection.close()
    assert antwoord.status_code == 503
    assert antwoord["Content-Type"] == PROBLEEM
    assert antwoord["Retry-After"] == "2"
    body = antwoord.json()
    assert (body["status"], body["code"]) == (503, "database_bezet")
    assert "niets opgeslagen" in body["detail"]
    assert bestuursproces.gebeurtenissen.count() == voor


def test_na_503_mag_dezelfde_idempotency_key_opnieuw(
    schrijfslot: sqlite3.Connection, regisseur: Any, als: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 503 kept nothing, not even the key: the retry with the same key writes once."""
    bestuursproces = open_proces(regisseur)
    api = als(regisseur)
    url = f"/api/v1/bestuursprocessen/{bestuursproces.uuid}/notities"
    body = {"tekst": "Even bellen met de wethouder", "zichtbaarheid": "proces"}
    sleutel = {"Idempotency-Key": "na-503"}
    connection.close()
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.1)
    schrijfslot.execute("BEGIN IMMEDIATE")
    try:
        bezet = api.post(url, body, format="json", headers=sleutel)
    finally:
        schrijfslot.execute("ROLLBACK")
    assert bezet.status_code == 503

    opnieuw = api.post(url, body, format="json", headers=sleutel)
    herhaald = api.post(url, body, format="json", headers=sleutel)
    connection.close()

    assert (opnieuw.status_code, herhaald.status_code) == (201, 201)
    assert herhaald.content == opnieuw.content
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 1
