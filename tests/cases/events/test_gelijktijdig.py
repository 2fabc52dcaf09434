"""Concurrent writers on one case: the row lock keeps volgnummers gapless and the chain linear.

This needs real commits from several connections, so it does not run inside a test
transaction. The ``transactional_db`` fixture cannot be used either: its flush TRUNCATEs the
event table, which the trigger refuses. The test therefore commits for real and removes what
it made in a ``finally`` block, with the triggers switched off and back on in one transaction.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test.utils import setup_databases, teardown_databases

from cases import selectors, services
from cases.events import herbouw, verifieer_keten
from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Gebeurtenis,
    IdeeVersie,
    Lidmaatschap,
    Stadiumovergang,
)
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, open_proces

pytestmark = pytest.mark.postgresql

DRADEN = 8
PER_DRAAD = 50


@pytest.fixture
def testdatabase(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The test database, with database access allowed for this test and its threads.

    ``django_db_setup`` creates the test database only when some collected test asks for
    ``db``; when this test runs on its own, it creates (and removes) one itself.
    """
    with django_db_blocker.unblock():
        if connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX):
            yield
            return
        configuratie = setup_databases(
            verbosity=0,
            interactive=False,
            aliases={DEFAULT_DB_ALIAS},  # type: ignore[arg-type]  # the stubs say Mapping
        )
        try:
            yield
        finally:
            teardown_databases(configuratie, verbosity=0)


def _ruim_op(bestuursproces_pk: int | None, gebruiker_pks: list[int]) -> None:
    """Remove the committed rows of this test; re-enable the triggers as migration 0002 did."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE cases_gebeurtenis DISABLE TRIGGER USER")
        if bestuursproces_pk is not None:
            for model in (Gebeurtenis, IdeeVersie, Stadiumovergang, Lidmaatschap, Besluitmoment):
                model._default_manager.filter(bestuursproces_id=bestuursproces_pk).delete()
            Bestuursproces.objects.filter(pk=bestuursproces_pk).delete()
        get_user_model().objects.filter(pk__in=gebruiker_pks).delete()
        cursor.execute(
            "ALTER TABLE cases_gebeurtenis ENABLE ALWAYS TRIGGER cases_gebeurtenis_geen_wijziging"
        )
        cursor.execute(
            "ALTER TABLE cases_gebeurtenis ENABLE ALWAYS TRIGGER cases_gebeurtenis_geen_truncate"
        )


def _triggers() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgenabled FROM pg_trigger "
            "WHERE tgrelid = 'cases_gebeurtenis'::regclass AND NOT tgisinternal ORDER BY tgname"
        )
        return list(cursor.fetchall())


def test_acht_schrijvers_op_een_bestuursproces(testdatabase: None) -> None:
    assert connection.get_autocommit()
    bestuursproces: Bestuursproces | None = None
    gebruikers: list[Any] = []
    try:
        achtervoegsel = uuid.uuid4().hex[:8]
        model = get_user_model()
        regisseur = model.objects.create_user(username=f"gelijktijdig-{achtervoegsel}")
        gebruikers.append(regisseur)
        bestuursproces = open_proces(regisseur)
        for n in range(DRADEN):
            schrijver = model.objects.create_user(username=f"schrijver{n}-{achtervoegsel}")
            gebruikers.append(schrijver)
            services.voeg_lid_toe(
                actor=actor_voor(regisseur),
                bestuursproces=bestuursproces,
                gebruiker=schrijver,
                rol="kernteam",
            )
        start = bestuursproces.gebeurtenissen.count()
        assert start == 3 + DRADEN

        _schrijf_gelijktijdig(bestuursproces, gebruikers[1:])

        gebeurtenissen = list(selectors.gebeurtenissen(bestuursproces))
        totaal = start + DRADEN * PER_DRAAD
        assert len(gebeurtenissen) == totaal
        assert [e.volgnummer for e in gebeurtenissen] == list(range(1, totaal + 1))
        assert verifieer_keten(bestuursproces) is None
        # Every writer's own calls landed in the order it made them.
        for n, schrijver in enumerate(gebruikers[1:]):
            eigen = [e for e in gebeurtenissen if e.actor_id == schrijver.pk]
            assert [_volgorde(e) for e in eigen] == list(range(PER_DRAAD)), n
        versies = sorted(
            IdeeVersie.objects.filter(bestuursproces=bestuursproces).values_list(
                "versie", flat=True
            )
        )
        assert versies == list(range(1, len(versies) + 1))
        assert len(versies) == 1 + (DRADEN // 2) * PER_DRAAD
        assert herbouw(gebeurtenissen) == selectors.huidige_toestand(
            Bestuursproces.objects.get(pk=bestuursproces.pk)
        )
    finally:
        _ruim_op(
            bestuursproces.pk if bestuursproces is not None else None,
            [g.pk for g in gebruikers],
        )
    assert bestuursproces is not None
    assert _triggers() == [
        ("cases_gebeurtenis_geen_truncate", "A"),
        ("cases_gebeurtenis_geen_wijziging", "A"),
    ]
    assert not Bestuursproces.objects.filter(pk=bestuursproces.pk).exists()
    assert not Gebeurtenis.objects.filter(bestuursproces_id=bestuursproces.pk).exists()


def _volgorde(gebeurtenis: Gebeurtenis) -> int:
    """The call number a writer put into its change (see :func:`_schrijf_gelijktijdig`)."""
    if gebeurtenis.type == "idee.herzien":
        tekst = gebeurtenis.payload["idee"]["wat"]
    else:
        tekst = gebeurtenis.payload["wijzigingen"]["titel"]
    return int(tekst.rsplit(" ", 1)[1])


def _schrijf_gelijktijdig(bestuursproces: Bestuursproces, schrijvers: list[Any]) -> None:
    """Half the writers revise the idee, half rename the case; all at once."""
    start = threading.Barrier(len(schrijvers), timeout=30)
    fouten: list[BaseException] = []

    def schrijf(n: int, schrijver: Any) -> None:
        try:
            actor = actor_voor(schrijver)
            eigen = Bestuursproces.objects.get(pk=bestuursproces.pk)
            start.wait()
            for i in range(PER_DRAAD):
                if n % 2 == 0:
                    services.herzie_idee(
                        actor=actor,
                        bestuursproces=eigen,
                        inhoud=IdeeInhoud(wat=f"Idee van schrijver {n}, versie {i}"),
                    )
                else:
                    services.wijzig_bestuursproces(
                        actor=actor,
                        bestuursproces=eigen,
                        wijzigingen={"titel": f"Titel van schrijver {n}, nummer {i}"},
                    )
        except BaseException as fout:
            fouten.append(fout)
            start.abort()
        finally:
            connection.close()

    draden = [
        threading.Thread(target=schrijf, args=(n, schrijver), name=f"schrijver-{n}")
        for n, schrijver in enumerate(schrijvers)
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    assert not any(draad.is_alive() for draad in draden)
    assert fouten == []
