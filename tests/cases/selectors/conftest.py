from __future__ import annotations

from typing import Any

import pytest

from cases.events import Actor
from tests.factories import GebruikerFactory

from ._tijdlijn import Tijdlijn


@pytest.fixture
def tijdlijn(regisseur: Any) -> Tijdlijn:
    return Tijdlijn(regisseur)


@pytest.fixture
def leden_tijdlijn(tijdlijn: Tijdlijn) -> dict[str, Actor]:
    """A kernteam member and an opdrachtgever member of the tijdlijn's case (days 0.5, 0.6)."""
    kernteam = GebruikerFactory(username="kim", first_name="Kim", last_name="Kern")
    opdrachtgever = GebruikerFactory(username="olga", first_name="Olga", last_name="Opdracht")
    return {
        "kernteam": tijdlijn.lid(kernteam, "kernteam", 0.5),
        "opdrachtgever": tijdlijn.lid(opdrachtgever, "opdrachtgever", 0.6),
    }
