from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory

from .fixtures import catalogus  # noqa: F401


@pytest.fixture
def gebruiker(db: None) -> Any:
    """Any signed-in user: the catalogue is open to everyone with an account."""
    return GebruikerFactory(username="lezer")


@pytest.fixture
def lezer_api(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


@pytest.fixture
def beheerder(db: None) -> Any:
    return GebruikerFactory(username="beheerder", beheerder=True)
