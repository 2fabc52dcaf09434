"""A case with a known set of interventions for the attention balance and suggestions.

Case opened on 5 January 2026; the interventions (date, velden, status, visibility):

- A  2 Mar   verbindende + interne   uitgevoerd  kernteam   instrument Waardenanalyse
- B  20 Mar  opdrachtgevende         gepland     kernteam
- C  10 Feb  idee                    uitgevoerd  proces     instrument Waardenanalyse
- D  10 Mar  positionerende          uitgevoerd  regisseur  instrument Gezonde relaties
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, Interventie
from instruments.models import Instrument, Veld, VeldCode
from tests.factories import actor_voor, open_proces, voeg_leden_toe

GEOPEND = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@dataclass
class Casus:
    proces: Bestuursproces
    leden: dict[str, Any]
    interventies: dict[str, Interventie]
    instrumenten: dict[str, Instrument]


def _catalogusveld(code: str, volgorde: int) -> Veld:
    veld, _ = Veld.objects.get_or_create(
        code=code,
        defaults={"naam": str(VeldCode(code).label), "kernvraag": "?", "volgorde": 100 + volgorde},
    )
    return veld


def _instrumenten() -> dict[str, Instrument]:
    verbindend = _catalogusveld(VeldCode.VERBINDENDE, 1)
    namen = ["Actorenanalyse", "Waardenanalyse", "Gezonde relaties"]
    instrumenten = {}
    for volgorde, naam in enumerate(namen, start=1):
        instrumenten[naam], _ = Instrument.objects.get_or_create(
            naam=naam,
            defaults={
                "veld": verbindend,
                "verdiepingsvraag": f"Ik-vraag bij {naam}?",
                "volgorde": volgorde,
            },
        )
    _catalogusveld(VeldCode.INTERNE, 2)
    return instrumenten


@pytest.fixture
def casus(regisseur: Any) -> Casus:
    proces = open_proces(regisseur, titel="Aandacht", tijdstip=GEOPEND)
    leden = voeg_leden_toe(proces, regisseur)
    actor = actor_voor(regisseur)
    instrumenten = _instrumenten()

    def log(titel: str, datum: dt.date, velden: list[str], **extra: Any) -> Interventie:
        gedaan = extra.pop("gedaan", True)
        if gedaan:
            extra.update(status="uitgevoerd", wat_gedaan="Gedaan.", uitgevoerd_op=datum)
        return services.log_interventie(
            actor=actor,
            bestuursproces=proces,
            titel=titel,
            datum=datum,
            velden=velden,
            niveau="groep",
            aangrijpingspunt="interactie",
            zwaarte="licht",
            beoogd_effect="Beweging.",
            **extra,
        )

    interventies = {
        "A": log(
            "Werksessie waarden",
            dt.date(2026, 3, 2),
            ["verbindende", "interne"],
            instrument=instrumenten["Waardenanalyse"],
        ),
        "B": log(
            "Stuurgroep voorbereiden", dt.date(2026, 3, 20), ["opdrachtgevende"], gedaan=False
        ),
        "C": log(
            "Idee aanscherpen",
            dt.date(2026, 2, 10),
            ["idee"],
            zichtbaarheid="proces",
            instrument=instrumenten["Waardenanalyse"],
        ),
        "D": log(
            "Eigen positie bepalen",
            dt.date(2026, 3, 10),
            ["positionerende"],
            zichtbaarheid="regisseur",
            instrument=instrumenten["Gezonde relaties"],
        ),
    }
    return Casus(proces, leden, interventies, instrumenten)
