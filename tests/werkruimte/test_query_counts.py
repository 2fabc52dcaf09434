"""The workspace's pages run a fixed number of queries whatever the size of the case: each
measured at 1, 10 and 50 rows with the same ``django_assert_num_queries(K)``."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases import services
from cases.models import Bestuursproces
from tests.factories import actor_voor, open_proces

from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db

GROOTTES = [1, 10, 50]


def _vul(regisseur: Any, n: int) -> Bestuursproces:
    """A case with n notes, n forced moves forward and back (so n stadium moves with their
    objections), and a running step with n options."""
    actor = actor_voor(regisseur)
    bestuursproces = open_proces(regisseur, tijdstip=dagen_geleden(200))
    for i in range(n):
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            tekst=f"Notitie {i}",
            zichtbaarheid="proces",
            tijdstip=dagen_geleden(150 - i),
        )
        services.wijzig_stadium(
            actor=actor,
            bestuursproces=bestuursproces,
            naar="houdbaar" if i % 2 == 0 else "voorstelbaar",
            toelichting=f"Overgang {i}",
            forceren=i % 2 == 0,
            tijdstip=dagen_geleden(150 - i),
        )
    stap = services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="Kiezen")
    for i in range(n):
        services.breng_optie_in(actor=actor, stap=stap, titel=f"Optie {i}")
    return bestuursproces


# Every page starts with: session; user; the case with my role.
PAGINAS = {
    # + the version for the form; the moves; the forced moves' events; the fold of the
    # history for the gate (the nearest stored stand of the fold with the end of the log, the
    # opening, then the rest in world-time order).
    "stadium/": 9,
    # + the tijdlijn's read model: the kinds of item for the filter; the count; the page
    # (with its events).
    "tijdlijn/": 6,
    # + the kinds of event for the filter; the count; the page.
    "tijdlijn/gebeurtenissen/": 6,
    # + my jobs; the number of events (is the report small enough to make at once).
    "tijdlijn/export/": 5,
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_vast_aantal_queries(
    client: Client, regisseur: Any, n: int, pagina: str, django_assert_num_queries: Any
) -> None:
    bestuursproces = _vul(regisseur, n)
    client.force_login(regisseur)
    with django_assert_num_queries(PAGINAS[pagina]):
        antwoord = client.get(f"/processen/{bestuursproces.uuid}/{pagina}")
    assert antwoord.status_code == 200
