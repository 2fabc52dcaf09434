"""Query counts of the besluiten endpoints at 1, 10 and 50 rows (see _query_counts.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Besluit, Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import actor_voor, open_proces

from ._query_counts import GROOTTES, Eindpunt, meet, pagina
from .helpers import proces_url
from .register import NIVEAUS, opdrachtgever, organisatie


def proces_met_besluiten(regisseur: Any, n: int) -> Bestuursproces:
    """n besluiten at every level, in turn by an opdrachtgever, an organisatie and the raad,
    each fulfilling one of n besluitmomenten."""
    vandaag = timezone.localdate()
    momenten = [vandaag - dt.timedelta(days=nummer) for nummer in range(n)]
    proces = open_proces(
        regisseur,
        met_idee=False,
        tijdstip=timezone.now() - dt.timedelta(days=n + 1),
        opdracht=Opdracht(
            besluitmomenten=tuple(BesluitmomentInvoer(d, "besluit", "Besluit") for d in momenten)
        ),
    )
    door: list[dict[str, Any]] = [
        {"opdrachtgever": opdrachtgever(proces, regisseur)},
        {"organisatie": organisatie(proces, regisseur)},
        {"orgaan": "raad"},
    ]
    for nummer in range(n):
        services.leg_besluit_vast(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            titel=f"Besluit {nummer}",
            datum=timezone.localdate(),
            zichtbaarheid=NIVEAUS[nummer % 3],
            besluitmoment=momenten[nummer],
            **door[nummer % 3],
        )
    return proces


def laatste_besluit_url(regisseur: Any, n: int) -> str:
    proces = proces_met_besluiten(regisseur, n)
    besluit = Besluit.objects.filter(bestuursproces=proces).latest("id")
    return proces_url(proces, f"/besluiten/{besluit.uuid}")


def controleer_besluit(body: dict[str, Any], n: int) -> None:
    assert body["titel"] == f"Besluit {n - 1}"


def controleer_momenten(body: list[dict[str, Any]], n: int) -> None:
    assert [stand["status"] for stand in body] == ["genomen"] * n


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page with who decided and who recorded.
    "besluiten": Eindpunt(
        lambda r, n: proces_url(proces_met_besluiten(r, n), "/besluiten"), 3, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the besluit with who decided and who recorded.
    "besluiten/{uuid}": Eindpunt(laatste_besluit_url, 2, controleer_besluit),
    # 1 the case with mijnRol, 2 the besluitmomenten, 3 the besluiten that fulfil them.
    "besluitmomenten": Eindpunt(
        lambda r, n: proces_url(proces_met_besluiten(r, n), "/besluitmomenten"),
        3,
        controleer_momenten,
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(regisseur, django_assert_num_queries, naam, n):
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)
