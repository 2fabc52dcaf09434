"""The embedded SQLite runs through Django's backend with each statement's placeholder
rewrite kept (procesregie/sqlite): the same SQL reaches SQLite as through Django's own
cursor, what is kept stays bounded, and the write path's rows get their keys without
RETURNING."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.models import Gebeurtenis, Notitie, Tijdlijnregel
from procesregie.sqlite import base
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="over de ingebouwde SQLite-database"),
    pytest.mark.django_db,
]

STATEMENTS = [
    "SELECT %s",
    "SELECT * FROM t WHERE a = %s AND b LIKE '%%x' AND c = %s",
    "UPDATE t SET n = n + %s WHERE id = %s",
    "SELECT '100%%' || %s",
    "SELECT 1",
]


@pytest.fixture
def sqlite_cursor() -> Iterator[Any]:
    with connection.cursor() as cursor:
        yield cursor.cursor  # the backend's own cursor beneath Django's wrapper


@pytest.fixture
def leeg_geheugen(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    herschreven: dict[str, str] = {}
    monkeypatch.setattr(base, "_HERSCHREVEN", herschreven)
    return herschreven


def test_de_database_gebruikt_deze_backend(sqlite_cursor: Any) -> None:
    assert isinstance(connections["default"], base.DatabaseWrapper)
    assert type(sqlite_cursor) is base.Cursor


@pytest.mark.parametrize("sql", STATEMENTS)
def test_herschreven_zoals_django_het_doet(
    sql: str, sqlite_cursor: Any, leeg_geheugen: dict[str, str]
) -> None:
    django = SQLiteCursorWrapper.convert_query(sqlite_cursor, sql)
    assert sqlite_cursor.convert_query(sql) == django
    assert leeg_geheugen == {sql: django}
    # The second time from what was kept, with the same result.
    assert sqlite_cursor.convert_query(sql) == django


def test_benoemde_parameters_zoals_django(
    sqlite_cursor: Any, leeg_geheugen: dict[str, str]
) -> None:
    sql = "SELECT %(a)s, %(b)s"
    assert sqlite_cursor.convert_query(sql, param_names=["a", "b"]) == "SELECT :a, :b"
    assert leeg_geheugen == {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"a": 1, "b": "twee"})
        assert cursor.fetchone() == (1, "twee")


def test_lange_statements_worden_niet_bewaard(
    sqlite_cursor: Any, leeg_geheugen: dict[str, str]
) -> None:
    lang = "SELECT 1 WHERE 1 IN (" + ", ".join(["%s"] * 2_000) + ")"
    assert len(lang) > base._LANGSTE
    assert sqlite_cursor.convert_query(lang) == lang.replace("%s", "?")
    assert leeg_geheugen == {}


def test_wat_bewaard_wordt_blijft_begrensd(
    sqlite_cursor: Any, leeg_geheugen: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "_HOOGSTENS", 10)
    for i in range(25):
        assert sqlite_cursor.convert_query(f"SELECT %s + {i}") == f"SELECT ? + {i}"
        assert len(leeg_geheugen) <= 10
    assert "SELECT %s + 24" in leeg_geheugen


def test_sleutels_van_een_schrijfactie_zonder_returning() -> None:
    """The write path inserts its rows without RETURNING here: each row gets the key SQLite
    gave it, and the rows written after it (the tijdlijn's item) name the right one."""
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    with CaptureQueriesContext(connection) as queries:
        notitie = services.maak_notitie(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            tekst="Gezien",
            zichtbaarheid="proces",
        )
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 3  # the event, the note, the tijdlijn's item
    assert not any("RETURNING" in sql for sql in inserts)
    assert Notitie.objects.get(pk=notitie.pk).uuid == notitie.uuid
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    assert gebeurtenis.payload["notitie"]["uuid"] == str(notitie.uuid)
    assert Tijdlijnregel.objects.get(gebeurtenis=gebeurtenis).volgnummer == gebeurtenis.volgnummer
