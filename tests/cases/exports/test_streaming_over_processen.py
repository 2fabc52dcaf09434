"""The export across cases streams at constant memory, as the export of one case does
(``test_streaming.py``): several cases with 50,000 events together."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import override_settings

from cases import services
from cases.exports.gebeurtenissen import Exportopdracht
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._massa import voeg_gebeurtenissen_toe
from .test_streaming import Teller

PROCESSEN = 4
PER_PROCES = 12_500


@pytest.fixture
def evaluator_van_grote_processen(regisseur: Any) -> Any:
    evaluator: Any = GebruikerFactory(username="eva")
    for n in range(PROCESSEN):
        proces = open_proces(regisseur, titel=f"Groot proces {n}")
        services.voeg_lid_toe(
            actor=actor_voor(regisseur), bestuursproces=proces, gebruiker=evaluator, rol="evaluator"
        )
        voeg_gebeurtenissen_toe(proces, PER_PROCES)
    return evaluator


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=PROCESSEN * (PER_PROCES + 10))
def test_export_over_processen_streamt_met_vast_geheugen(
    evaluator_van_grote_processen: Any, als: Any, monkeypatch: Any
) -> None:
    evaluator = evaluator_van_grote_processen
    teller = Teller()
    monkeypatch.setattr(Exportopdracht, "rijen", teller.omwikkel(Exportopdracht.rijen))
    monkeypatch.setattr("cases.exports.gebeurtenissen.CHUNK", 500)
    client = als(evaluator)
    # Each case: its three opening events, the membership, and the mass.
    totaal = PROCESSEN * (PER_PROCES + 4)
    # OCEL reads every case twice: its events, then (after all events) its objects.
    for formaat, lezingen in (("csv", 1), ("ocel", 2)):
        teller.gelezen = 0
        response = client.get("/api/v1/export", {"formaat": formaat})
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert teller.gelezen == 0  # nothing read before the body is asked for

        tracemalloc.start()
        try:
            stroom = iter(response.streaming_content)  # type: ignore[arg-type]
            eerste = next(stroom)
            gelezen_bij_eerste = teller.gelezen
            grootte = len(eerste)
            for stuk in stroom:
                grootte += len(stuk)
            _, piek = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert 0 < gelezen_bij_eerste < totaal / 10, formaat
        assert teller.gelezen == lezingen * totaal, formaat
        assert piek < grootte / 10, (formaat, piek, grootte)
