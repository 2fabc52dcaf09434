"""Vlakke kosten (issue 16) against bare references in the same run: the case list against a
bare DRF list, an interventie POST against a bare one-row insert, and writing a note with its
event against a row with its django-simple-history row (references in ``_kosten``).

Run on demand with ``make benchmark`` (SQLite, then PostgreSQL through scripts/met_postgres.py)
or alone::

    env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider -q -s -m benchmark \\
        tests/benchmarks/test_kosten_referenties.py
    .venv/bin/python scripts/met_postgres.py -- .venv/bin/pytest -p no:cacheprovider -q -s \\
        -m benchmark tests/benchmarks/test_kosten_referenties.py
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cases import services
from cases.events import append_event, verifieer_keten
from cases.events.payloads import notitie_gegevens
from cases.models import Bestuursproces, Notitie
from tests.benchmarks.historie.models import HistorischeNotitie
from tests.cases._interventies import INVOER, veld
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._kosten import (
    LIJST_PROCESSEN,
    REFERENTIES,
    RONDES,
    START,
    Statements,
    afwisselend,
    api,
    meld,
    ok,
    waar_de_tijd_heen_gaat,
)

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

# The writes go round this many cases. A benchmark runs in one test transaction, and there
# every write's new version of its case row (the chain head moves on it) stays uncommitted:
# on one case, PostgreSQL's lock of that row slowed from 0.2 to 0.6 ms over 600 writes, a cost
# no user pays, since every request commits.
ZAKEN = 20


def meld_verdeling(wat: str, a: Any, b: Any, per: int = 1) -> None:
    """Where the time of A and of its reference B goes: waiting for the database (the round
    trips and the database's work) and the rest, in Python; no goal."""
    (db_a, py_a), (db_b, py_b) = waar_de_tijd_heen_gaat(a, b)
    meld(
        f"(geen doel) {wat}: database en Python",
        f"database {db_a / per * 1000:.2f} tegen {db_b / per * 1000:.2f} ms, "
        f"Python {py_a / per * 1000:.2f} tegen {py_b / per * 1000:.2f} ms",
        None,
    )


def zaken(regisseur: Any, titel: str) -> list[Bestuursproces]:
    return [open_proces(regisseur, titel=f"{titel} {i}", tijdstip=START) for i in range(ZAKEN)]


# --- case list and interventie POST against the bare endpoints ----------------------------


def test_bestuursprocessenlijst_tegen_een_kale_lijst() -> None:
    regisseur: Any = GebruikerFactory(username="lijst-regisseur")
    for i in range(LIJST_PROCESSEN):
        open_proces(regisseur, titel=f"Proces {i:04d}")
    client = api(regisseur)

    def lijst() -> Any:
        return ok(client.get("/api/v1/bestuursprocessen"))

    def kaal() -> Any:
        return ok(client.get("/kaal/lijst"))

    with Statements() as queries:
        lijst()
    with override_settings(ROOT_URLCONF=REFERENTIES):
        assert len(lijst().json()["results"]) == len(kaal().json()["results"])
        t_lijst, t_kaal = afwisselend(lijst, kaal, RONDES * 3)
    ratio = t_kaal / t_lijst
    meld(
        "bestuursprocessenlijst ≥ 0,5 van een kale DRF-lijst",
        f"{ratio:.2f} ({t_lijst * 1000:.1f} ms tegen {t_kaal * 1000:.1f} ms, "
        f"{len(queries)} queries, {LIJST_PROCESSEN} processen, pagina van 20)",
        ratio >= 0.5,
    )


def test_interventie_loggen_tegen_een_kale_insert() -> None:
    regisseur: Any = GebruikerFactory(username="interventie-regisseur")
    veld("verbindende")
    processen = zaken(regisseur, "Interventies")
    client = api(regisseur)
    paden = itertools.cycle(f"/api/v1/bestuursprocessen/{p.uuid}/interventies" for p in processen)
    gegevens = INVOER

    def interventie() -> Any:
        return ok(client.post(next(paden), gegevens, format="json"), 201)

    def kaal() -> Any:
        return ok(client.post("/kaal/insert", {"name": uuid.uuid4().hex}, format="json"), 201)

    with Statements() as queries:
        interventie()
    with override_settings(ROOT_URLCONF=REFERENTIES):
        t_interventie, t_kaal = afwisselend(interventie, kaal, RONDES * 5)
    ratio = t_kaal / t_interventie
    meld(
        "interventie loggen (POST) ≥ 0,5 van een kale insert",
        f"{ratio:.2f} ({t_interventie * 1000:.1f} ms tegen {t_kaal * 1000:.1f} ms, "
        f"{len(queries)} statements)",
        ratio >= 0.5,
    )
    with override_settings(ROOT_URLCONF=REFERENTIES):
        meld_verdeling("interventie loggen tegen een kale insert", interventie, kaal)


def test_gebeurtenislog_tegen_simple_history() -> None:
    regisseur: Any = GebruikerFactory(username="historie-regisseur")
    processen = zaken(regisseur, "Historie")
    proces = processen[0]
    actor = actor_voor(regisseur)
    schrijvers = ZAKEN  # one note on each case per round

    def met_gebeurtenis() -> None:
        for i, zaak in enumerate(processen):
            services.maak_notitie(
                actor=actor, bestuursproces=zaak, tekst=f"Notitie {i}", zichtbaarheid="proces"
            )

    def met_simple_history() -> None:
        for i, zaak in enumerate(processen):
            with transaction.atomic():
                HistorischeNotitie.objects.create(
                    bestuursproces=zaak,
                    tekst=f"Notitie {i}",
                    zichtbaarheid="proces",
                    auteur=regisseur,
                    tijdstip=timezone.now(),
                )

    # 1. The goal as the issue states it: the whole service (lock with the role, the rules,
    # the row, the event, the tijdlijn's read model) against a row and its history row.
    with Statements() as service_statements:
        services.maak_notitie(
            actor=actor, bestuursproces=proces, tekst="Geteld", zichtbaarheid="proces"
        )
    t_log, t_historie = afwisselend(met_gebeurtenis, met_simple_history)
    assert HistorischeNotitie.geschiedenis.count() == HistorischeNotitie.objects.count()
    ratio = t_log / t_historie
    meld(
        "schrijven in het gebeurtenislog ≤ de tijd van django-simple-history",
        f"{ratio:.2f}× ({t_log / schrijvers * 1000:.2f} ms tegen "
        f"{t_historie / schrijvers * 1000:.2f} ms per notitie; de hele service, "
        f"{len(service_statements)} statements)",
        ratio <= 1.0,
    )
    meld_verdeling(
        "notitie tegen simple-history, de hele service",
        met_gebeurtenis,
        met_simple_history,
        per=schrijvers,
    )

    # 2. Only the log's part, not the goal: the same row and append_event in one transaction
    # (chain head, hashes, HMAC, the event, the tijdlijn's item) against the row and
    # simple-history's history row; no lock, no rules, as simple-history has none.
    kopieen = [Bestuursproces.objects.get(pk=zaak.pk) for zaak in processen]

    def rij_met_append_event() -> None:
        for i, kopie in enumerate(kopieen):
            with transaction.atomic():
                notitie = Notitie.objects.create(
                    bestuursproces=kopie,
                    tekst=f"Notitie {i}",
                    zichtbaarheid="proces",
                    auteur=regisseur,
                    tijdstip=timezone.now(),
                )
                append_event(
                    bestuursproces=kopie,
                    type="notitie.gemaakt",
                    actor=actor,
                    tijdstip=notitie.tijdstip,
                    nieuw=[notitie.uuid],
                    payload={"notitie": notitie_gegevens(notitie, None, None)},
                )

    with Statements() as log_statements:
        rij_met_append_event()
    t_append, t_historie = afwisselend(rij_met_append_event, met_simple_history)
    assert all(verifieer_keten(zaak) is None for zaak in processen)
    meld(
        "(geen doel) alleen het log: rij + append_event tegen rij + historierij",
        f"{t_append / t_historie:.2f}× ({t_append / schrijvers * 1000:.2f} ms tegen "
        f"{t_historie / schrijvers * 1000:.2f} ms per notitie, "
        f"{len(log_statements) / schrijvers:.0f} statements per notitie)",
        None,
    )
