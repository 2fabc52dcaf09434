from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces
from tests.factories import GebruikerFactory, actor_voor, open_proces


@pytest.fixture
def actor(regisseur: Any) -> Actor:
    """The regisseur acting from the test origin ("test")."""
    return actor_voor(regisseur)


@pytest.fixture
def kees(db: None) -> Any:
    """A second user, not yet a member of anything."""
    return GebruikerFactory(username="kees", first_name="Kees", last_name="Kernteam")


@pytest.fixture
def kernteamlid(bestuursproces: Bestuursproces, actor: Actor, kees: Any) -> Any:
    """Kees, as a kernteam member of the case (adding him is event 4)."""
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    return kees


@pytest.fixture
def ander_proces(regisseur: Any) -> Bestuursproces:
    """A second case of the same regisseur, for cross-case references."""
    return open_proces(regisseur, titel="Vernieuwing Stationsgebied")
