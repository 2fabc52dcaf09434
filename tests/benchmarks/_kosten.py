"""What the vlakke-kosten benchmarks (issue 16) share: the sizes, the references and how they
measure.

The references live here, not in the product: a bare DRF list and a bare one-row insert
endpoint (this module is the URLconf the benchmarks switch to, with the product's URLs behind
them), django-simple-history on a model that mirrors ``Notitie`` (the test-only app
``tests/benchmarks/historie``) and, on PostgreSQL, ``COPY ... TO STDOUT`` of the exported
rows (on SQLite: reading the same rows with a plain cursor). A and B are measured interleaved
and compared as medians, so a busy machine slows both alike. Sizes scale with
BENCHMARK_KOSTEN_* (see docs/benchmarks.md). The benchmarks: ``test_kosten_referenties``
(case list, interventie POST, the event-log write), ``test_kosten_export`` and
``test_kosten_groei``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import Group
from django.db import connection
from django.urls import include, path
from rest_framework import generics, serializers
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Zichtbaarheid

DATABASE = connection.vendor
GETAL = os.environ.get
# Cases in the list (the user is a member of each), and the event counts of the growth and
# export measurements.
LIJST_PROCESSEN = int(GETAL("BENCHMARK_KOSTEN_PROCESSEN", "200"))
GROEI = [int(n) for n in GETAL("BENCHMARK_KOSTEN_GROEI", "1000,10000,100000").split(",")]
EXPORT = [int(n) for n in GETAL("BENCHMARK_KOSTEN_EXPORT", "1000,10000,100000").split(",")]
RONDES = int(GETAL("BENCHMARK_KOSTEN_RONDES", "7"))
# Up to this many events the growth case is built through the services, beyond it in bulk.
SNEL_VANAF = int(GETAL("BENCHMARK_KOSTEN_SNEL_VANAF", "1000"))
START = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC)
SPELERS = 50
ALLES = Zichtbaarheid.voor_rol("procesregisseur")


# --- references, defined here and nowhere in the product ----------------------------------


class KaleProcesSerializer(serializers.ModelSerializer[Bestuursproces]):
    class Meta:
        model = Bestuursproces
        fields = ["uuid", "titel", "omschrijving", "procesrol", "aanpak", "status", "geopend_op"]


class KaleLijst(generics.ListAPIView[Bestuursproces]):
    """A list as DRF makes it with nothing on top: same pagination, renderer, authentication."""

    serializer_class = KaleProcesSerializer
    queryset = Bestuursproces.objects.order_by("-geopend_op", "-pk")


class KaleGroepSerializer(serializers.ModelSerializer[Group]):
    class Meta:
        model = Group
        fields = ["name"]


class KaleInsert(generics.CreateAPIView[Group]):
    """One validated row inserted: the least an endpoint that writes can do."""

    serializer_class = KaleGroepSerializer


# The URLconf with the references, for override_settings(ROOT_URLCONF=REFERENTIES).
REFERENTIES = __name__
urlpatterns = [
    path("kaal/lijst", KaleLijst.as_view()),
    path("kaal/insert", KaleInsert.as_view()),
    path("", include("procesregie.urls")),
]


# --- measuring -----------------------------------------------------------------------------

UITKOMSTEN: list[tuple[str, str, str]] = []


def meld(doel: str, meting: str, gehaald: bool | None) -> None:
    oordeel = "-" if gehaald is None else ("gehaald" if gehaald else "NIET gehaald")
    UITKOMSTEN.append((doel, meting, oordeel))
    print(f"[{DATABASE}] {doel}: {meting} → {oordeel}")


def tijd(doe: Callable[[], Any]) -> float:
    begin = time.perf_counter()
    doe()
    return time.perf_counter() - begin


def afwisselend(
    a: Callable[[], Any], b: Callable[[], Any], rondes: int = RONDES
) -> tuple[float, float]:
    """Medians of A and B, measured in turns (after one warm-up each)."""
    a(), b()
    tijden_a, tijden_b = [], []
    for _ in range(rondes):
        tijden_a.append(tijd(a))
        tijden_b.append(tijd(b))
    return statistics.median(tijden_a), statistics.median(tijden_b)


def waar_de_tijd_heen_gaat(
    a: Callable[[], Any], b: Callable[[], Any], rondes: int = RONDES
) -> tuple[tuple[float, float], tuple[float, float]]:
    """For A and B, measured in turns: the medians of the time waiting for the database and
    of the rest (Python), per call. Apart from :func:`afwisselend`, since timing every
    statement costs a little itself."""
    delen: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for _ in range(rondes):
        for doe, gemeten in zip((a, b), delen, strict=True):
            with Statements() as statements:
                totaal = tijd(doe)
            gemeten.append((statements.in_database, totaal - statements.in_database))
    return (
        (statistics.median(d for d, _ in delen[0]), statistics.median(p for _, p in delen[0])),
        (statistics.median(d for d, _ in delen[1]), statistics.median(p for _, p in delen[1])),
    )


def mediaan_en_piek(doe: Callable[[], Any], rondes: int = 3) -> tuple[float, float]:
    tijden = [tijd(doe) for _ in range(rondes)] or [0.0]
    tracemalloc.start()
    try:
        doe()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return statistics.median(tijden), piek / 2**20


class Statements:
    """Counts the SQL statements the block runs on the default connection, and the time spent
    waiting for them (``in_database``: from handing a statement to the driver until it
    returns, so the round trip and the database's own work)."""

    def __init__(self) -> None:
        self.aantal = 0
        self.in_database = 0.0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.aantal += 1
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.in_database += time.perf_counter() - begin

    def __len__(self) -> int:
        return self.aantal

    def __enter__(self) -> Statements:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *fout: Any) -> None:
        self._wrapper.__exit__(*fout)


def api(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content[:500]
    return response
