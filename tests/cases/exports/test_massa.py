"""The bulk helper of the streaming test writes a chain that verifies."""

from __future__ import annotations

from typing import Any

from cases.events import verifieer_keten
from cases.models import Gebeurtenis
from tests.factories import open_proces

from ._massa import voeg_gebeurtenissen_toe


def test_de_bulkketen_is_geldig(regisseur: Any) -> None:
    proces = open_proces(regisseur)
    voor = proces.gebeurtenissen.count()

    voeg_gebeurtenissen_toe(proces, 25)

    assert verifieer_keten(proces) is None
    assert proces.gebeurtenissen.count() == voor + 25
    geheim = Gebeurtenis.objects.filter(bestuursproces=proces, volgnummer=voor + 1).get()
    assert geheim.payload["zichtbaarheid"] == "regisseur"
