from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces, Opdrachtgever, Organisatie, Speler, WyberStap
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._hulp import (
    consolideer,
    instemmende_opdrachtgever,
    instemmende_speler,
    maak_organisatie,
    maak_speler,
    naar_consolideren,
)


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


@pytest.fixture
def organisatie(bestuursproces: Bestuursproces, actor: Actor) -> Organisatie:
    """Gemeente Havenstad, event 4."""
    return maak_organisatie(actor, bestuursproces)


@pytest.fixture
def speler(bestuursproces: Bestuursproces, actor: Actor, organisatie: Organisatie) -> Speler:
    """Wethouder Ruimte, without organisatie, event 5."""
    return maak_speler(actor, bestuursproces)


# --- a step in consolideren and the parties that must consent to it ---------------------------


@pytest.fixture
def anna(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    return instemmende_speler(actor, bestuursproces, "Anna Aannemer")


@pytest.fixture
def bart(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    return instemmende_speler(actor, bestuursproces, "Bart Bewoners")


@pytest.fixture
def haven(bestuursproces: Bestuursproces, actor: Actor) -> Opdrachtgever:
    return instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")


@pytest.fixture
def stap(bestuursproces: Bestuursproces, actor: Actor) -> WyberStap:
    """A step in consolideren, without a consolidation yet."""
    return naar_consolideren(actor, bestuursproces, "Wonen", "Werken")[0]


@pytest.fixture
def drie(
    stap: WyberStap, actor: Actor, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> WyberStap:
    """The step, consolidated with three parties that must consent: Anna, Bart and Haven."""
    consolideer(actor, stap, [anna, bart, haven])
    return stap
