from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, open_proces

from .helpers import T


@pytest.fixture(autouse=True)
def _vergeet_throttling() -> Any:
    """The token endpoint's throttle counts in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def regisseur_api(regisseur: Any) -> APIClient:
    """An API client authenticated as the case's procesregisseur."""
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


@pytest.fixture
def tijdlijn(regisseur: Any) -> Bestuursproces:
    """A case with a known timeline (see helpers.T)."""
    actor = actor_voor(regisseur)
    proces = open_proces(
        regisseur,
        titel="Tijdlijn",
        tijdstip=T[0],
        idee=IdeeInhoud(wat="Idee 1"),
    )
    services.herzie_idee(
        actor=actor, bestuursproces=proces, inhoud=IdeeInhoud(wat="Idee 2"), tijdstip=T[1]
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Draagvlak",
        forceren=True,  # the timeline is about events, not about the gate
        tijdstip=T[2],
    )
    services.herzie_idee(
        actor=actor, bestuursproces=proces, inhoud=IdeeInhoud(wat="Idee 3"), tijdstip=T[3]
    )
    services.wijzig_stadium(
        actor=actor, bestuursproces=proces, naar="voorstelbaar", toelichting="Terug", tijdstip=T[4]
    )
    return proces
