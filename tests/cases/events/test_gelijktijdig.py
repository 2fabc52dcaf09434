"""Concurrent writers on one case: the row lock keeps volgnummers gapless and the chain linear,
and of two requests making the same move on a wyber-stap (or the case) one wins, the other is
refused with a 409 and writes nothing.

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
from django.utils import timezone

from cases import selectors, services
from cases.events import herbouw, verifieer_keten
from cases.exceptions import OngeldigeOvergang
from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Consolidatie,
    Gebeurtenis,
    Geheugenstand,
    IdeeVersie,
    Instemming,
    Lidmaatschap,
    Optie,
    Speler,
    Stadiumovergang,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
    WyberStap,
)
from cases.services.idee import IdeeInhoud
from tests._rollen import als_eigenaar_buiten_transactie, zet_app_rol
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
        # The owner creates and drops the database; the test itself runs as the app role.
        zet_app_rol(False)
        configuratie = setup_databases(
            verbosity=0,
            interactive=False,
            aliases={DEFAULT_DB_ALIAS},  # type: ignore[arg-type]  # the stubs say Mapping
        )
        zet_app_rol(True)
        try:
            yield
        finally:
            zet_app_rol(False)
            teardown_databases(configuratie, verbosity=0)


def _ruim_op(bestuursproces_pk: int | None, gebruiker_pks: list[int]) -> None:
    """Remove the committed rows of this test; re-enable the triggers as migration 0002 did."""
    with als_eigenaar_buiten_transactie(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE cases_gebeurtenis DISABLE TRIGGER USER")
        if bestuursproces_pk is not None:
            for model in (
                # The tijdlijn's read model first: it keeps its case.
                Tijdlijnregel,
                Verschuivingsregel,
                Tijdlijngeheugen,
                Tijdlijnstand,
                Geheugenstand,
                Gebeurtenis,
                Instemming,
                Consolidatie,
                Optie,
                WyberStap,
                Speler,
                IdeeVersie,
                Stadiumovergang,
                Lidmaatschap,
                Besluitmoment,
            ):
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


# --- two requests, one move: on a wyber-stap and on the case -----------------------------------


def _tegelijk(doe: Any) -> tuple[list[int], list[BaseException]]:
    """Run ``doe(n)`` in two threads released at the same moment: who succeeded, what failed."""
    start = threading.Barrier(2, timeout=30)
    gelukt: list[int] = []
    fouten: list[BaseException] = []

    def draai(n: int) -> None:
        try:
            start.wait()
            doe(n)
            gelukt.append(n)
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(n,), name=f"tweeling-{n}") for n in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)
    assert not any(draad.is_alive() for draad in draden)
    return gelukt, fouten


def _een_wint(
    bestuursproces: Bestuursproces, doe: Any, code: str, nieuw: list[str]
) -> list[Gebeurtenis]:
    """Exactly one of two simultaneous calls succeeds; the other is refused with a 409
    (``code``); exactly the events ``nieuw`` (types, in order) were written, once."""
    voor = bestuursproces.gebeurtenissen.count()
    gelukt, fouten = _tegelijk(doe)
    assert len(gelukt) == 1, fouten
    [fout] = fouten
    assert isinstance(fout, OngeldigeOvergang), repr(fout)
    assert (fout.status, fout.code) == (409, code)
    erbij = list(bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor).order_by("volgnummer"))
    assert [e.type for e in erbij] == nieuw
    return erbij


def test_twee_verzoeken_op_dezelfde_stap_een_wint(testdatabase: None) -> None:
    assert connection.get_autocommit()
    bestuursproces: Bestuursproces | None = None
    gebruikers: list[Any] = []
    try:
        achtervoegsel = uuid.uuid4().hex[:8]
        model = get_user_model()
        regisseur = model.objects.create_user(username=f"tweeling-{achtervoegsel}")
        kernteam = model.objects.create_user(username=f"tweeling-kt-{achtervoegsel}")
        gebruikers += [regisseur, kernteam]
        bestuursproces = open_proces(regisseur)
        services.voeg_lid_toe(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            gebruiker=kernteam,
            rol="kernteam",
        )
        actoren = [actor_voor(regisseur), actor_voor(kernteam)]
        speler = services.registreer_speler(
            actor=actoren[0],
            bestuursproces=bestuursproces,
            naam="Anouk de Wit",
            soort="persoon",
            veld="verbindende",
            rol_in_proces="sleutelpersoon",
        )
        stap = services.start_wyberstap(
            actor=actoren[0], bestuursproces=bestuursproces, doel="Functies"
        )
        optie = services.breng_optie_in(actor=actoren[0], stap=stap, titel="Wonen")

        def eigen_stap() -> WyberStap:
            return WyberStap.objects.get(pk=stap.pk)

        # Both move the step to the same next phase.
        [fase] = _een_wint(
            bestuursproces,
            lambda n: services.wijzig_fase(actor=actoren[n], stap=eigen_stap(), naar="convergeren"),
            "fase-overgeslagen",
            ["wyberstap.fase_gewijzigd"],
        )
        assert (fase.payload["van"], fase.payload["naar"]) == ("divergeren", "convergeren")
        assert eigen_stap().fase == "convergeren"

        services.besluit_over_optie(actor=actoren[0], optie=optie, status="gekozen")
        services.wijzig_fase(actor=actoren[0], stap=stap, naar="consolideren")

        # Both record the consolidation of the same step.
        _een_wint(
            bestuursproces,
            lambda n: services.consolideer(
                actor=actoren[n],
                stap=eigen_stap(),
                uitkomst="consensus",
                tekst=f"Wonen, volgens {n}",
                instemmers=[speler],
            ),
            "al-geconsolideerd",
            ["consolidatie.vastgelegd"],
        )
        assert Consolidatie.objects.filter(stap=stap).count() == 1
        assert Instemming.objects.filter(stap=stap).count() == 1

        # Both record the last consent, which settles the step: it is settled once.
        instemming = Instemming.objects.get(stap=stap)
        _een_wint(
            bestuursproces,
            lambda n: services.leg_instemming_vast(
                actor=actoren[n],
                instemming=Instemming.objects.get(pk=instemming.pk),
                status="ingestemd",
                formeel_besloten=True,
                besloten_op=timezone.localdate(),  # the case was opened today
                besluitreferentie=f"Besluit {n}",
            ),
            "verkeerde-fase",
            ["instemming.vastgelegd", "wyberstap.fase_gewijzigd"],
        )
        assert eigen_stap().fase == "geconsolideerd"

        # Both move the case through the gate the step opened, to the same next stadium.
        _een_wint(
            bestuursproces,
            lambda n: services.wijzig_stadium(
                actor=actoren[n],
                bestuursproces=Bestuursproces.objects.get(pk=bestuursproces.pk),
                naar="houdbaar",
                toelichting=f"Door, volgens {n}",
            ),
            "zelfde-stadium",
            ["stadium.gewijzigd"],
        )
        assert Stadiumovergang.objects.filter(bestuursproces=bestuursproces).count() == 1

        gebeurtenissen = list(selectors.gebeurtenissen(bestuursproces))
        assert [e.volgnummer for e in gebeurtenissen] == list(range(1, len(gebeurtenissen) + 1))
        assert verifieer_keten(bestuursproces) is None
        assert herbouw(gebeurtenissen) == selectors.huidige_toestand(
            Bestuursproces.objects.get(pk=bestuursproces.pk)
        )
    finally:
        _ruim_op(
            bestuursproces.pk if bestuursproces is not None else None,
            [g.pk for g in gebruikers],
        )
    assert _triggers() == [
        ("cases_gebeurtenis_geen_truncate", "A"),
        ("cases_gebeurtenis_geen_wijziging", "A"),
    ]
    assert not Bestuursproces.objects.filter(pk=bestuursproces.pk).exists()
