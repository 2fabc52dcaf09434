"""Organisation types for the other governments a process meets (issue 14, item 6)."""

from __future__ import annotations

import pytest

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces
from cases.selectors import huidige_toestand

from ._hulp import gebeurtenissen_na, laatste_volgnummer


@pytest.mark.parametrize(
    ("naam", "soort"),
    [
        ("Gemeente Buurstad", "gemeente"),
        ("Provincie Zuid-Holland", "provincie"),
        ("Hoogheemraadschap Delfland", "waterschap"),
        ("Ministerie van BZK", "rijk"),
    ],
)
def test_andere_overheden_als_soort(
    bestuursproces: Bestuursproces, actor: Actor, naam: str, soort: str
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)
    organisatie = services.registreer_organisatie(
        actor=actor, bestuursproces=bestuursproces, naam=naam, soort=soort
    )
    assert organisatie.soort == soort
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["organisatie"]["soort"] == soort
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)
