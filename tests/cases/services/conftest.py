from __future__ import annotations

from typing import Any

import pytest

from cases.events import Actor
from tests.factories import GebruikerFactory, actor_voor


@pytest.fixture
def actor(regisseur: Any) -> Actor:
    """The regisseur acting from the test origin ("test")."""
    return actor_voor(regisseur)


@pytest.fixture
def kees(db: None) -> Any:
    """A second user, not yet a member of anything."""
    return GebruikerFactory(username="kees", first_name="Kees", last_name="Kernteam")
