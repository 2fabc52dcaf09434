"""Demo users and the demo case for `make run` (development only)."""

from .casus import DEMO_BESTAND, laad_demo_bestuursproces
from .gebruikers import (
    DEMO_GEBRUIKERS,
    GEBRUIKERSRECHTEN,
    DemoNietToegestaan,
    eis_debug,
    maak_demo_gebruikers,
)

__all__ = [
    "DEMO_BESTAND",
    "DEMO_GEBRUIKERS",
    "GEBRUIKERSRECHTEN",
    "DemoNietToegestaan",
    "eis_debug",
    "laad_demo_bestuursproces",
    "maak_demo_gebruikers",
]
