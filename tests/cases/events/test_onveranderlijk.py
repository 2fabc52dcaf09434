"""The database itself refuses to change or remove events (migration 0002)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from cases import services
from cases.models import Bestuursproces, Gebeurtenis
from tests._rollen import word_eigenaar
from tests.factories import actor_voor

WEIGERING = "alleen-toevoegen"
# The app role is refused by its missing rights before the trigger fires; the owner (and
# SQLite) by the trigger. tests/cases/events/test_rollen.py tells the two apart.
WEIGERING_APP = f"{WEIGERING}|permission denied"


def _rij(bestuursproces: Bestuursproces) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT volgnummer, toelichting, hash FROM cases_gebeurtenis "
            "WHERE bestuursproces_id = %s ORDER BY volgnummer",
            [bestuursproces.pk],
        )
        return tuple(cursor.fetchall())


def _voer_uit(sql: str, params: list[Any] | None = None) -> None:
    # The savepoint keeps the test's own transaction usable after the refusal.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE cases_gebeurtenis SET toelichting = 'vervalst' WHERE bestuursproces_id = %s",
        "UPDATE cases_gebeurtenis SET payload = payload WHERE bestuursproces_id = %s",
        "DELETE FROM cases_gebeurtenis WHERE bestuursproces_id = %s",
    ],
    ids=["update", "update-zonder-verschil", "delete"],
)
def test_rauwe_update_en_delete_worden_geweigerd(bestuursproces: Bestuursproces, sql: str) -> None:
    voor = _rij(bestuursproces)
    assert len(voor) == 3

    with pytest.raises(DatabaseError, match=WEIGERING_APP):
        _voer_uit(sql, [bestuursproces.pk])

    assert _rij(bestuursproces) == voor


def test_orm_update_en_delete_worden_ook_geweigerd(bestuursproces: Bestuursproces) -> None:
    voor = _rij(bestuursproces)
    gebeurtenissen = Gebeurtenis.objects.filter(bestuursproces=bestuursproces)

    with pytest.raises(DatabaseError, match=WEIGERING_APP), transaction.atomic():
        gebeurtenissen.update(toelichting="vervalst")
    with pytest.raises(DatabaseError, match=WEIGERING_APP), transaction.atomic():
        gebeurtenissen.delete()
    eerste = gebeurtenissen.get(volgnummer=1)
    eerste.toelichting = "vervalst"
    with pytest.raises(DatabaseError, match=WEIGERING_APP), transaction.atomic():
        eerste.save()

    assert _rij(bestuursproces) == voor


def test_toevoegen_blijft_mogelijk(bestuursproces: Bestuursproces, regisseur: Any) -> None:
    services.wijzig_status(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, status="gepauzeerd"
    )
    assert [r[0] for r in _rij(bestuursproces)] == [1, 2, 3, 4]


def test_een_bestuursproces_verwijderen_neemt_zijn_gebeurtenissen_niet_mee(
    bestuursproces: Bestuursproces,
) -> None:
    voor = _rij(bestuursproces)
    with pytest.raises(ProtectedError), transaction.atomic():
        bestuursproces.delete()
    assert Bestuursproces.objects.filter(pk=bestuursproces.pk).exists()
    assert _rij(bestuursproces) == voor


def test_sqlite_heeft_de_triggers(db: None) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("alleen SQLite")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s ORDER BY name",
            ["cases_gebeurtenis"],
        )
        namen = [r[0] for r in cursor.fetchall()]
    assert namen == ["cases_gebeurtenis_geen_delete", "cases_gebeurtenis_geen_update"]


@pytest.mark.postgresql
def test_postgresql_triggers_staan_altijd_aan(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgenabled FROM pg_trigger "
            "WHERE tgrelid = 'cases_gebeurtenis'::regclass AND NOT tgisinternal ORDER BY tgname"
        )
        triggers = cursor.fetchall()
    # 'A' = ENABLE ALWAYS: also fires under session_replication_role = replica.
    assert triggers == [
        ("cases_gebeurtenis_geen_truncate", "A"),
        ("cases_gebeurtenis_geen_wijziging", "A"),
    ]


@pytest.mark.postgresql
def test_postgresql_weigert_truncate(bestuursproces: Bestuursproces) -> None:
    voor = _rij(bestuursproces)
    word_eigenaar()  # the trigger is what stops the owner; the app role has no TRUNCATE right
    # Fire the deferred FK checks of this test's own inserts first, so that the refusal
    # comes from the trigger and not from "pending trigger events".
    _voer_uit("SET CONSTRAINTS ALL IMMEDIATE")
    _voer_uit("SET CONSTRAINTS ALL DEFERRED")

    with pytest.raises(DatabaseError, match=f"{WEIGERING}: TRUNCATE geweigerd"):
        _voer_uit("TRUNCATE cases_gebeurtenis")

    assert _rij(bestuursproces) == voor


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("sql", "operatie"),
    [
        ("UPDATE cases_gebeurtenis SET toelichting = 'x' WHERE bestuursproces_id = %s", "UPDATE"),
        ("DELETE FROM cases_gebeurtenis WHERE bestuursproces_id = %s", "DELETE"),
    ],
)
def test_postgresql_replicatierol_omzeilt_de_triggers_niet(
    bestuursproces: Bestuursproces, sql: str, operatie: str
) -> None:
    voor = _rij(bestuursproces)
    word_eigenaar()  # only a superuser may switch the replication role
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        with pytest.raises(DatabaseError, match=f"{WEIGERING}: {operatie} geweigerd"):
            _voer_uit(sql, [bestuursproces.pk])
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone() == ("replica",)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")
    assert _rij(bestuursproces) == voor
