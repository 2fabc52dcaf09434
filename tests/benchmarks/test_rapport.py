"""The evaluation report of a case with 10,000 events, made as a job: time and peak memory.

Run on demand with ``make benchmark`` (not part of ``make test``); results go into
docs/benchmarks.md with the machine and the command. The JSON Lines export of the same case,
measured in the same run, is the reference: the report's times are also given as a ratio to
it, which carries over between machines better than the seconds do. The case is built with
committed writes, as in test_groot_proces.
"""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from cases.exports import taken
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import bereid_voor
from cases.exports.rapport import html
from cases.models import Bestuursproces, Exporttaak, ExporttaakStatus, Gebeurtenis, Zichtbaarheid
from tests.factories import GebruikerFactory

from .test_groot_proces import _groot_proces as groot_proces
from .test_groot_proces import _meet as meet

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("transactional_db")]

SPELERS = 50
# 50 spelers × 200 assessments + the case and the spelers: about 10,000 events.
BEOORDELINGEN_PER_SPELER = int(os.environ.get("BENCHMARK_RAPPORT_BEOORDELINGEN", "200"))
HERHALINGEN = 3


def _groot_proces(regisseur: Any, rondes: int = BEOORDELINGEN_PER_SPELER) -> Bestuursproces:
    # The same case the read benchmarks build: 50 spelers with dated assessments.
    return groot_proces(regisseur, rondes)


def _meet(doe: Callable[[], Any]) -> tuple[float, float]:
    return meet(doe, HERHALINGEN)


def test_rapport_van_een_proces_met_10000_gebeurtenissen(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.EXPORT_TAKEN_PER_GEBRUIKER = 10
    regisseur: Any = GebruikerFactory(username="benchmark-regisseur")
    begin = time.perf_counter()
    proces = _groot_proces(regisseur)
    opbouw = time.perf_counter() - begin
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()

    def opdracht() -> Any:
        # Read afresh, as the worker does, rather than the instance the build left behind.
        return bereid_voor(
            Bestuursproces.objects.get(pk=proces.pk),
            exporteur="benchmark",
            rol="procesregisseur",
            kanaal="benchmark",
            zichtbaar=frozenset(Zichtbaarheid.values),
        )

    def jsonl() -> None:
        for _ in FORMATEN["jsonl"].schrijver(opdracht()):
            pass

    def job(formaat: str) -> Callable[[], None]:
        def doe() -> None:
            # Committed: the test settings' immediate task backend runs the job when the
            # request commits, as a worker picks it up.
            taak = taken.vraag_rapport_aan(
                bestuursproces=proces, aanvrager=regisseur, formaat=formaat
            )
            taak.refresh_from_db()
            assert taak.status == ExporttaakStatus.KLAAR, taak.fout

        return doe

    print(f"\n{aantal} gebeurtenissen, opgebouwd via de services in {opbouw:.1f} s")
    print(f"{'meting':40} {'mediaan (s)':>12} {'× jsonl':>8} {'piek (MiB)':>11}")
    referentie, piek = _meet(jsonl)
    print(f"{'jsonl-export (referentie)':40} {referentie:12.2f} {1:8.1f} {piek:11.1f}")
    for naam, doe in (("html opmaken (in het proces)", lambda: html(opdracht())),):
        mediaan, piek = _meet(doe)
        print(f"{naam:40} {mediaan:12.2f} {mediaan / referentie:8.1f} {piek:11.1f}")
    mediaan, piek = _meet(job("html"))
    print(f"{'taak html (worker)':40} {mediaan:12.2f} {mediaan / referentie:8.1f} {piek:11.1f}")
    # The PDF job once: its layout runs in a child process, whose peak resident memory the
    # kernel reports (tracemalloc sees only the worker's own Python allocations).
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    kinderen_voor = kinderen.ru_maxrss
    cpu_voor = kinderen.ru_utime + kinderen.ru_stime
    begin = time.perf_counter()
    tracemalloc.start()
    job("pdf")()
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    duur = time.perf_counter() - begin
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
    kind = kinderen.ru_maxrss / 1024
    # CPU time of the child: on a shared machine a steadier measure than the wall clock.
    cpu = kinderen.ru_utime + kinderen.ru_stime - cpu_voor
    piek /= 2**20
    print(
        f"{'taak pdf (worker, Python-piek)':40} {duur:12.2f} {duur / referentie:8.1f} {piek:11.1f}"
    )
    print(
        f"{'  waarvan pdf-kindproces (piek RSS)':40} {'':12} {'':8} {kind:11.1f}"
        + ("" if kind > kinderen_voor / 1024 else "  (niet hoger dan een eerder kindproces)")
    )
    print(f"{'  waarvan pdf-kindproces (CPU-tijd)':40} {cpu:12.2f} {cpu / referentie:8.1f}")
    grootte = max(t.grootte or 0 for t in Exporttaak.objects.filter(formaat="pdf"))
    print(
        f"pdf: {grootte / 2**20:.1f} MiB; html: "
        f"{max(t.grootte or 0 for t in Exporttaak.objects.filter(formaat='html')) / 2**20:.1f} MiB"
    )
    assert default_storage.exists(str(Exporttaak.objects.filter(formaat="pdf").get().bestand))


def test_direct_rapport_vlak_onder_de_drempel(settings: Any) -> None:
    """GET .../export?formaat=pdf still works inside a request up to the threshold; how long
    it takes there says whether the threshold keeps it well within gunicorn's 30 s."""
    regisseur: Any = GebruikerFactory(username="benchmark-regisseur")
    rondes = (settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN - SPELERS - 1) // SPELERS
    proces = _groot_proces(regisseur, rondes)
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    assert aantal <= settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN
    client = APIClient()
    client.force_authenticate(regisseur)

    def get(formaat: str) -> Callable[[], None]:
        def doe() -> None:
            response: Any = client.get(
                f"/api/v1/bestuursprocessen/{proces.uuid}/export?formaat={formaat}"
            )
            assert response.status_code == 200
            assert b"".join(response.streaming_content)

        return doe

    print(
        f"\n{aantal} gebeurtenissen (drempel {settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN})"
    )
    print(f"{'meting':40} {'mediaan (s)':>12} {'× jsonl':>8} {'piek (MiB)':>11}")
    referentie, piek = _meet(get("jsonl"))
    print(f"{'GET export jsonl (referentie)':40} {referentie:12.2f} {1:8.1f} {piek:11.1f}")
    for formaat in ("html", "pdf"):
        mediaan, piek = _meet(get(formaat))
        print(
            f"{'GET export ' + formaat:40} {mediaan:12.2f} {mediaan / referentie:8.1f} {piek:11.1f}"
        )
