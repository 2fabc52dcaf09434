"""How the read endpoints that fold the event log behave on a large case.

Run on demand with ``make benchmark`` (not part of ``make test``); results go into
docs/benchmarks.md with the machine and the command. The case is built through the services,
so its log is what a real case of that size would have, and each write commits, as a user's
does: in one test transaction PostgreSQL keeps every version of the case row that the writes
move (its chain head) until the end, which slowed the build and every read after it (the
large-case modules share this through ``transactional_db``, tests/benchmarks/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.events import verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("transactional_db")]

# BENCHMARK_BEOORDELINGEN scales the case: assessments per speler (default 40 → 2,000 in all).
SPELERS = 50
BEOORDELINGEN_PER_SPELER = int(os.environ.get("BENCHMARK_BEOORDELINGEN", "40"))
HERHALINGEN = 5
START = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
STANDPUNTEN = ("voorstander", "afwachtend", "tegenstander")
MACHTEN = ("productiemacht", "blokkademacht", "diffuse_macht")


def _groot_proces(
    regisseur: Any, beoordelingen_per_speler: int = BEOORDELINGEN_PER_SPELER
) -> Bestuursproces:
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Groot proces", tijdstip=START)
    moment = START
    spelers = []
    for i in range(SPELERS):
        moment += dt.timedelta(minutes=1)
        spelers.append(
            services.registreer_speler(
                actor=actor,
                bestuursproces=proces,
                naam=f"Speler {i:03d}",
                soort="groep",
                veld="verbindende",
                rol_in_proces="betrokkene",
                tijdstip=moment,
            )
        )
    for ronde in range(beoordelingen_per_speler):
        for i, speler in enumerate(spelers):
            moment += dt.timedelta(minutes=1)
            services.beoordeel_speler(
                actor=actor,
                speler=speler,
                standpunt=STANDPUNTEN[(i + ronde) % 3],
                macht=MACHTEN[i % 3],
                invloed=1 + (i + ronde) % 5,
                vertrouwen=1 + i % 5,
                zichtbaarheid=("proces", "kernteam", "regisseur")[ronde % 3],
                tijdstip=moment,
            )
    return proces


def _meet(doe: Callable[[], Any], herhalingen: int = HERHALINGEN) -> tuple[float, float]:
    """Median seconds over ``herhalingen`` runs, and the peak of Python allocations in MiB."""
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        doe()
        tijden.append(time.perf_counter() - begin)
    tracemalloc.start()
    doe()
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(tijden), piek / 2**20


def test_leesendpoints_op_een_groot_proces() -> None:
    regisseur: Any = GebruikerFactory(username="benchmark-regisseur")
    begin = time.perf_counter()
    proces = _groot_proces(regisseur)
    opbouw = time.perf_counter() - begin
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    client = APIClient()
    client.force_authenticate(regisseur)
    basis = f"/api/v1/bestuursprocessen/{proces.uuid}"

    def get(pad: str) -> Callable[[], Any]:
        def doe() -> Any:
            response = client.get(basis + pad)
            assert response.status_code == 200, response.content
            return response

        return doe

    metingen = {
        "tijdlijn (eerste pagina)": get("/tijdlijn"),
        "krachtenveld (nu)": get("/krachtenveld"),
        "verschuivingen (eerste pagina)": get("/krachtenveld/verschuivingen"),
        "momentopname (nu)": get("/momentopname"),
        "gebeurtenissen (eerste pagina)": get("/gebeurtenissen"),
        "spelers (eerste pagina)": get("/spelers"),
        "keten verifiëren": lambda: verifieer_keten(proces),
    }
    print(f"\n{aantal} gebeurtenissen, opgebouwd via de services in {opbouw:.1f} s")
    print(f"{'meting':34} {'mediaan (ms)':>13} {'piek geheugen (MiB)':>20}")
    for naam, doe in metingen.items():
        mediaan, piek = _meet(doe)
        print(f"{naam:34} {mediaan * 1000:13.0f} {piek:20.1f}")
