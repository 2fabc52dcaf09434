"""The real database worker (django-tasks-db's ``db_worker``) runs queued report jobs while
the API keeps answering: four evaluators ask for the report at once."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cases import services
from cases.exports import taken
from cases.models import Bestuursproces, Exporttaak
from tests.cases.api.helpers import proces_url
from tests.factories import GebruikerFactory, actor_voor

from ._opslag import lege_opslag, opgeslagen_bestanden  # noqa: F401 (autouse fixture)

# Other requests made while the jobs wait or run: each must be answered as usual.
ANDERE_VERZOEKEN = ("", "/spelers", "/tijdlijn", "/gebeurtenissen", "/krachtenveld")


@pytest.fixture(autouse=True)
def databasewachtrij(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def signalen_terug() -> Iterator[None]:
    # The worker installs its own SIGINT/SIGTERM handlers (graceful shutdown); give pytest its
    # own back afterwards.
    bewaard = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for s, handler in bewaard.items():
        signal.signal(s, handler)


@pytest.fixture
def evaluatoren(dossier: Bestuursproces, regisseur: Any) -> list[Any]:
    leden = []
    for i in range(4):
        gebruiker: Any = GebruikerFactory(username=f"evaluator-{i}")
        services.voeg_lid_toe(
            actor=actor_voor(regisseur),
            bestuursproces=dossier,
            gebruiker=gebruiker,
            rol="evaluator",
        )
        leden.append(gebruiker)
    return leden


def test_vier_rapporten_tegelijk_terwijl_de_api_blijft_antwoorden(
    dossier: Bestuursproces,
    evaluatoren: list[Any],
    als: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    signalen_terug: None,
) -> None:
    aanvragen = []
    for i, evaluator in enumerate(evaluatoren):
        with django_capture_on_commit_callbacks(execute=True):
            response = als(evaluator).post(
                proces_url(dossier, "/exports"),
                {"formaat": "pdf" if i % 2 else "html"},
                format="json",
            )
        assert response.status_code == 202, response.content
        aanvragen.append((evaluator, response["Location"]))

    # Queued in the database, nothing run yet: the API answers everything else meanwhile.
    assert DBTaskResult.objects.ready().count() == 4
    for evaluator, locatie in aanvragen:
        assert als(evaluator).get(locatie).json()["status"] == "wachtend"
        for pad in ANDERE_VERZOEKEN:
            assert als(evaluator).get(proces_url(dossier, pad)).status_code == 200, pad

    # And while the worker is inside a job, between its steps.
    tijdens: list[tuple[str, int]] = []
    echte_stap_klaar = taken.stap_klaar

    def stap_klaar(taak: Exporttaak) -> None:
        echte_stap_klaar(taak)
        client = als(taak.aanvrager)
        locatie = next(loc for ev, loc in aanvragen if ev.pk == taak.aanvrager_id)
        tijdens.append((client.get(locatie).json()["status"], taak.stap))
        for pad in ANDERE_VERZOEKEN:
            assert client.get(proces_url(dossier, pad)).status_code == 200, pad

    monkeypatch.setattr(taken, "stap_klaar", stap_klaar)
    # The worker closes connections that are not in autocommit, as a request would; this test
    # runs inside pytest-django's transaction (the event table's triggers rule out a flushed
    # transactional database), which must stay open on PostgreSQL.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--worker-id",
        "test",
        verbosity=0,
    )

    # html has 2 intermediate steps, pdf 3: all seen while the job was bezig.
    assert sorted(tijdens) == sorted([("bezig", 1), ("bezig", 2)] * 4 + [("bezig", 3)] * 2)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    for evaluator, locatie in aanvragen:
        taak = als(evaluator).get(locatie).json()
        assert taak["status"] == "klaar", taak
        download = als(evaluator).get(taak["bestand"])
        assert download.status_code == 200
        assert b"".join(download.streaming_content)[:5] in (b"%PDF-", b"<!DOC")
    assert len(opgeslagen_bestanden()) == 4
