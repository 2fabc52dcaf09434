"""Tried as a new evaluator would: after the regisseur releases the interventies for
evaluation, the evaluator's report shows them, says what is still withheld, and the
opdrachtgever's report still does not show them."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from tests.cases._evaluatiecasus import Evaluatiecasus, bouw_evaluatiecasus
from tests.factories import actor_voor

from .conftest import exporteer
from .test_rapport_synthese import synthese, tabel, tekst

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(regisseur: Any) -> Evaluatiecasus:
    return bouw_evaluatiecasus(regisseur)


def test_vrijgegeven_interventies_in_het_rapport_van_de_evaluator(
    casus: Evaluatiecasus, regisseur: Any
) -> None:
    voor = exporteer(casus.proces, "html", "evaluator").decode("utf-8")
    assert "Spiegelgesprek" not in voor  # kernteam
    assert "Ontwerpatelier" not in voor  # regisseur only
    assert "interventies: 2" in tekst(synthese(voor))

    services.verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=casus.proces,
        onderdeel="interventies",
        naar="evaluatie",
        toelichting="Vrijgegeven voor de evaluatie van het proces",
    )

    na = exporteer(casus.proces, "html", "evaluator").decode("utf-8")
    zinnen = tekst(synthese(na))
    assert "Spiegelgesprek" in na
    assert "Ontwerpatelier" in na
    # Still withheld, and said so: the assessments, the positionering and the afspraak.
    assert (
        "Voor deze rol afgeschermd — beoordelingen van partijen: 3; positioneringen: 1; "
        "afspraken: 1."
    ) in zinnen
    # The synthesis counts the released interventies per veld like the regisseur's does.
    regisseur_html = exporteer(casus.proces, "html", "procesregisseur").decode("utf-8")
    assert tabel(synthese(na), "Per veld") == tabel(synthese(regisseur_html), "Per veld")

    opdrachtgever = exporteer(casus.proces, "html", "opdrachtgever").decode("utf-8")
    assert "Spiegelgesprek" not in opdrachtgever
    assert "Ontwerpatelier" not in opdrachtgever
