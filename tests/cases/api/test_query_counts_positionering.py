"""The positioneringen (list, detail, huidig) and the procesontwerp (current, versions) run a
fixed number of queries, whatever the data size.

How each endpoint is measured: _query_counts.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Positionering
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests.factories import actor_voor, open_proces

from ._query_counts import GROOTTES, Eindpunt, meet, pagina
from .helpers import proces_url
from .register import NIVEAUS

KEUZES = [
    ("opdrachtgevende", "adviserende_rol"),
    ("verbindende", "sturen"),
    ("uitvoerende", "meewerkend"),
    ("interne", "faciliteren"),
]


def proces_met_positioneringen(regisseur: Any, n: int) -> Bestuursproces:
    """n positioneringen across the four velden and the three levels, each third with a step."""
    proces = open_proces(regisseur, met_idee=False)
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(actor=actor, bestuursproces=proces, doel="Kade")
    for nummer in range(n):
        veld, positie = KEUZES[nummer % 4]
        services.kies_positionering(
            actor=actor,
            bestuursproces=proces,
            veld=veld,
            positie=positie,
            omschrijving=f"Positie {nummer}",
            zichtbaarheid=NIVEAUS[nummer % 3],
            wyberstap=stap if nummer % 3 == 0 else None,
        )
    return proces


def laatste_positionering_url(regisseur: Any, n: int) -> str:
    proces = proces_met_positioneringen(regisseur, n)
    laatste = Positionering.objects.filter(bestuursproces=proces).order_by("-id").first()
    assert laatste is not None
    return proces_url(proces, f"/positioneringen/{laatste.uuid}")


def huidig_url(regisseur: Any, n: int) -> str:
    proces = proces_met_positioneringen(regisseur, n)
    tijdstip = timezone.now().isoformat().replace("+", "%2B")
    return proces_url(proces, f"/positioneringen/huidig?tijdstip={tijdstip}")


def proces_met_versies(regisseur: Any, n: int) -> Bestuursproces:
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        services.herzie_procesontwerp(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            inhoud=ProcesontwerpInhoud(
                processtrategie=f"Strategie {nummer}",
                aanpak="lineair",
                geplande_stappen=[{"titel": f"Stap {stap}"} for stap in range(nummer % 5)],
            ),
        )
    return proces


def controleer_positionering(body: dict[str, Any], n: int) -> None:
    assert body["omschrijving"] == f"Positie {n - 1}"


def controleer_huidig(body: Any, n: int) -> None:
    assert len([rij for rij in body if rij["positionering"] is not None]) == min(n, 4)


def controleer_procesontwerp(body: dict[str, Any], n: int) -> None:
    assert body["versie"] == n


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page with authors and wyber-stappen.
    "positioneringen": Eindpunt(
        lambda r, n: proces_url(proces_met_positioneringen(r, n), "/positioneringen"),
        3,
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 the positionering with its author and wyber-stap.
    "positioneringen/{uuid}": Eindpunt(laatste_positionering_url, 2, controleer_positionering),
    # 1 the case with mijnRol, 2 the latest visible position per veld with author and step.
    "positioneringen/huidig": Eindpunt(huidig_url, 2, controleer_huidig),
    # 1 the case with mijnRol, 2 the current version with its author.
    "procesontwerp": Eindpunt(
        lambda r, n: proces_url(proces_met_versies(r, n), "/procesontwerp"),
        2,
        controleer_procesontwerp,
    ),
    # 1 the case with mijnRol, 2 count, 3 the page with authors.
    "procesontwerp/versies": Eindpunt(
        lambda r, n: proces_url(proces_met_versies(r, n), "/procesontwerp/versies"), 3, pagina(0)
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(regisseur, django_assert_num_queries, naam, n):
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)
