"""The export's rows outside a transaction, as a streamed response reads them in production."""

from __future__ import annotations

from cases.exports import jsonl
from cases.exports.gebeurtenissen import CHUNK
from cases.exports.verificatie import verifieer_regels
from tests.factories import GebruikerFactory, open_proces

from .._massa import voeg_gebeurtenissen_toe
from ..conftest import opdracht_voor


def test_de_export_leest_in_blokken_buiten_een_transactie(transactional_db: None) -> None:
    # The body streams after the view returned, in autocommit: PostgreSQL's server-side
    # cursor must outlive its statement (WITH HOLD), over more than one chunk.
    regisseur = GebruikerFactory(username="autocommit-regisseur")
    proces = open_proces(regisseur, titel="Buiten een transactie")
    voeg_gebeurtenissen_toe(proces, 2 * CHUNK + 7)
    opdracht = opdracht_voor(proces, "procesregisseur")

    regels = b"".join(jsonl.schrijf(opdracht)).decode().splitlines()

    assert len(regels) == 2 + opdracht.aantal
    assert verifieer_regels(regels).intact
