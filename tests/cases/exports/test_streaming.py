"""Every event format streams at constant memory: a case with 100,000 events."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import override_settings

from cases.exports import jsonl
from cases.exports.gebeurtenissen import Exportopdracht
from cases.models import Bestuursproces
from tests.factories import open_proces

from ._massa import voeg_gebeurtenissen_toe

AANTAL = 100_000


@pytest.fixture
def groot_proces(regisseur: Any) -> Bestuursproces:
    proces = open_proces(regisseur, titel="Groot proces")
    voeg_gebeurtenissen_toe(proces, AANTAL)
    return proces


class Teller:
    """Counts the events the export has read from the database so far."""

    def __init__(self) -> None:
        self.gelezen = 0

    def omwikkel(self, origineel: Any) -> Any:
        teller = self

        def rijen(opdracht: Exportopdracht, *args: Any) -> Iterator[Any]:
            for rij in origineel(opdracht, *args):
                teller.gelezen += 1
                yield rij

        return rijen

    def omwikkel_blokken(self, origineel: Any) -> Any:
        teller = self

        def blokken(opdracht: Exportopdracht) -> Iterator[Any]:
            for blok in origineel(opdracht):
                teller.gelezen += len(blok)
                yield blok

        return blokken


# Above the default threshold (50,000) the direct export is a job; the streaming writer
# itself is what is measured here, so the threshold is lifted.
@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=AANTAL + 10)
def test_alle_gebeurtenisformaten_streamen_met_vast_geheugen(
    groot_proces: Bestuursproces, als: Any, regisseur: Any, monkeypatch: Any
) -> None:
    teller = Teller()
    monkeypatch.setattr(Exportopdracht, "rijen", teller.omwikkel(Exportopdracht.rijen))
    # XES reads them in world-time order.
    monkeypatch.setattr(
        Exportopdracht,
        "rijen_in_wereldvolgorde",
        teller.omwikkel(Exportopdracht.rijen_in_wereldvolgorde),
    )
    # JSON Lines reads its own rows in blocks, with each event's stored line.
    monkeypatch.setattr(jsonl, "tekstblokken", teller.omwikkel_blokken(jsonl.tekstblokken))
    # A smaller batch than in production: what is measured is that memory follows the batch,
    # not the export, and 2,000 wide CSV rows come too close to a tenth of this test's file.
    monkeypatch.setattr("cases.exports.gebeurtenissen.CHUNK", 500)
    client = als(regisseur)
    totaal = AANTAL + 3  # the case's own three opening events
    for formaat in ("jsonl", "csv", "xes"):
        teller.gelezen = 0
        response = client.get(
            f"/api/v1/bestuursprocessen/{groot_proces.uuid}/export", {"formaat": formaat}
        )
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        assert teller.gelezen == 0  # nothing read before the body is asked for

        tracemalloc.start()
        try:
            stroom = iter(response.streaming_content)  # type: ignore[arg-type]
            eerste = next(stroom)
            gelezen_bij_eerste = teller.gelezen
            grootte = len(eerste)
            laatste = b""
            for stuk in stroom:
                grootte += len(stuk)
                laatste = stuk[-200:] or laatste
            _, piek = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert 0 < gelezen_bij_eerste < totaal / 10, formaat
        assert teller.gelezen == totaal, formaat
        assert piek < grootte / 10, (formaat, piek, grootte)
        if formaat == "jsonl":
            assert b'"soort":"slot"' in laatste
