"""The latest moment of the history on the case row: what tells a fact entered late.

It replaces a query of the log per write (``is_laat``), so it must give the answer that query
gave: the greatest moment of the facts, and every moment a correction moved a fact to. It only
moves in the UPDATE of the chain head, so a stale copy of the row cannot hide a late fact; the
migration fills it for cases from before.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Max

from cases import services
from cases.events import append_event, log
from cases.events.wereldtijd import DATUMCORRECTIE, is_laat, laatste_moment_uit_log
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = pytest.mark.django_db

START = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC)
DAG = dt.timedelta(days=1)


def _uit_het_log(proces: Bestuursproces) -> dt.datetime | None:
    """What the query of the log answered: the facts' moments and the corrections' targets."""
    alle = Gebeurtenis.objects.filter(bestuursproces=proces)
    momenten = [alle.exclude(type=DATUMCORRECTIE).aggregate(m=Max("tijdstip"))["m"]]
    momenten += [
        dt.datetime.fromisoformat(c.payload["naar"]) for c in alle.filter(type=DATUMCORRECTIE)
    ]
    return max((m for m in momenten if m is not None), default=None)


def _op_de_rij(proces: Bestuursproces) -> dt.datetime | None:
    return Bestuursproces.objects.values_list("laatste_moment", flat=True).get(pk=proces.pk)


def _notitie(regisseur: Any, proces: Bestuursproces, tijdstip: dt.datetime) -> Any:
    return services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        tekst=f"Op {tijdstip:%d-%m}",
        zichtbaarheid="proces",
        tijdstip=tijdstip,
    )


def _volgnummer(notitie: Any) -> int:
    return Gebeurtenis.objects.get(
        type="notitie.gemaakt", payload__notitie__uuid=str(notitie.uuid)
    ).volgnummer


def test_het_laatste_moment_is_wat_het_log_zegt_in_volgorde_laat_en_na_correcties() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur, tijdstip=START)
    assert _op_de_rij(proces) == _uit_het_log(proces) == START

    _notitie(regisseur, proces, START + 10 * DAG)
    assert _op_de_rij(proces) == _uit_het_log(proces) == START + 10 * DAG
    # Entered late: the latest moment stays where it was.
    vroeg = _notitie(regisseur, proces, START + 3 * DAG)
    assert _op_de_rij(proces) == _uit_het_log(proces) == START + 10 * DAG
    assert is_laat(proces.pk, START + 9 * DAG)
    assert not is_laat(proces.pk, START + 10 * DAG)

    # A fact moved later raises it; its own moment (now) makes nothing late.
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=_volgnummer(vroeg),
        tijdstip=START + 20 * DAG,
        toelichting="Later dan gedacht",
    )
    assert _op_de_rij(proces) == _uit_het_log(proces) == START + 20 * DAG
    # Moved back earlier, the moment it had still counts (as it did in the log's query).
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=_volgnummer(vroeg),
        tijdstip=START + 2 * DAG,
        toelichting="Toch eerder",
    )
    assert _op_de_rij(proces) == _uit_het_log(proces) == START + 20 * DAG
    assert laatste_moment_uit_log(proces.pk) == START + 20 * DAG


def test_een_verouderde_kopie_mist_geen_laat_feit(monkeypatch: pytest.MonkeyPatch) -> None:
    regisseur: Any = GebruikerFactory()
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, tijdstip=START)
    verouderd = Bestuursproces.objects.get(pk=proces.pk)  # read before the next fact
    _notitie(regisseur, proces, START + 10 * DAG)
    laat: list[int] = []
    vergeet_na = log.vergeet_na

    def onthoud(gebeurtenis: Gebeurtenis) -> None:
        laat.append(gebeurtenis.volgnummer)
        vergeet_na(gebeurtenis)

    monkeypatch.setattr(log, "vergeet_na", onthoud)

    with transaction.atomic():
        # The stale copy still says the history ends at the opening: this fact at day 5
        # would look in order, but the head it is linked to ends at day 10.
        gebeurtenis = append_event(
            bestuursproces=verouderd,
            type="notitie.gemaakt",
            actor=actor,
            tijdstip=START + 5 * DAG,
            payload={"notitie": {"tekst": "Tussendoor"}},
        )

    assert laat == [gebeurtenis.volgnummer]
    assert _op_de_rij(proces) == START + 10 * DAG


def test_de_migratie_vult_het_laatste_moment_uit_het_log() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur, tijdstip=START)
    leeg = open_proces(regisseur, tijdstip=START)
    vroeg = _notitie(regisseur, proces, START + 4 * DAG)
    _notitie(regisseur, proces, START + 8 * DAG)
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=_volgnummer(vroeg),
        tijdstip=START + 12 * DAG,
        toelichting="Later",
    )
    verwacht = {p.pk: _uit_het_log(p) for p in (proces, leeg)}
    Bestuursproces.objects.update(laatste_moment=None)

    migratie = importlib.import_module("cases.migrations.0032_laatste_moment")
    migratie.vul(apps, None)

    assert {p.pk: _op_de_rij(p) for p in (proces, leeg)} == verwacht
    assert verwacht[proces.pk] == START + 12 * DAG
