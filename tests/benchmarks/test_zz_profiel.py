import cProfile
import pstats
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory, open_proces

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def test_profiel_lijst() -> None:
    regisseur: Any = GebruikerFactory(username="p")
    for i in range(40):
        open_proces(regisseur, titel=f"P {i}")
    client = APIClient()
    client.force_authenticate(regisseur)
    client.get("/api/v1/bestuursprocessen")
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(50):
        client.get("/api/v1/bestuursprocessen")
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(60)
