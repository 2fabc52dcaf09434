"""Moving a case through stadia, and posting a transition, for the stadiumovergangen tests."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Bestuursproces, Stadium
from tests.factories import actor_voor, consolideer_stap

from .helpers import proces_url

STADIA = [s.value for s in Stadium]


def ga_naar(bestuursproces: Bestuursproces, gebruiker: Any, *stadia: str) -> None:
    """Move through ``stadia``; each forward move rests on a step consolidated first."""
    for naar in stadia:
        bestuursproces.refresh_from_db()
        if STADIA.index(naar) > STADIA.index(bestuursproces.stadium):
            consolideer_stap(bestuursproces, gebruiker)
        services.wijzig_stadium(
            actor=actor_voor(gebruiker),
            bestuursproces=bestuursproces,
            naar=naar,
            toelichting=f"Naar {naar}",
        )


def post(client: Any, bestuursproces: Bestuursproces, payload: dict[str, Any]) -> Any:
    return client.post(proces_url(bestuursproces, "/stadiumovergangen"), payload, format="json")
