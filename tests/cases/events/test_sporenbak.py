"""An event appended at the end makes only the fields of the tijdlijn's memory its telling
asks for (:class:`~cases.events.geheugenspoor.Sporenbak`), and keeps the rows a rebuild from
the log gives: a field never made is read as one never touched."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import tijdlijnregels, tijdlijnvertelling
from cases.events.geheugenspoor import ONBEKEND, Spoor, Sporenbak
from cases.events.tijdlijnvertelling import NIVEAUS, VELDEN
from tests.cases._leesmodel import controleer_leesmodel
from tests.cases.services._hulp import beoordeel, maak_speler
from tests.factories import actor_voor, open_proces

pytestmark = pytest.mark.django_db


def test_een_veld_wordt_gemaakt_als_erom_gevraagd_wordt() -> None:
    gevraagd: list[str] = []

    def maak(veld: str) -> Spoor:
        gevraagd.append(veld)
        return Spoor(lambda sleutel: {"a": "Waterschap"}.get(sleutel, ONBEKEND))

    bak = Sporenbak(maak)
    assert "partijen" not in bak
    assert gevraagd == []
    assert bak["partijen"]["a"] == "Waterschap"
    assert bak["partijen"] is bak["partijen"]  # made once
    assert gevraagd == ["partijen"]
    assert list(bak) == ["partijen"]


@pytest.fixture
def gemaakt(monkeypatch: pytest.MonkeyPatch) -> list[Spoor]:
    """Every field of the memory the telling makes while appending."""
    lijst: list[Spoor] = []

    class Geteld(Spoor):
        __slots__ = ()

        def __init__(self, bron: Any = None) -> None:
            super().__init__(bron)
            lijst.append(self)

    monkeypatch.setattr(tijdlijnregels, "Spoor", Geteld)
    monkeypatch.setattr(tijdlijnvertelling, "Spoor", Geteld)
    return lijst


def test_een_notitie_voor_iedereen_wordt_een_keer_verteld(
    regisseur: Any, gemaakt: list[Spoor]
) -> None:
    proces = open_proces(regisseur, titel="Sporen")
    gemaakt.clear()
    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst="Gebeld", zichtbaarheid="proces"
    )
    # The most open level tells it; its sentence reads no memory, so no field is made, and
    # the other levels take it over. Before, each level made all of them.
    assert gemaakt == []
    controleer_leesmodel(proces)


def test_een_notitie_over_een_partij_maakt_alleen_wat_haar_zin_leest(
    regisseur: Any, gemaakt: list[Spoor]
) -> None:
    proces = open_proces(regisseur, titel="Sporen")
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Waterschap")
    gemaakt.clear()
    services.maak_notitie(
        actor=actor, bestuursproces=proces, tekst="Gebeld", zichtbaarheid="proces", speler=speler
    )
    # The sentence names the party: that field at the level that tells it, and at each level
    # that takes it over (to compare what it knows of that party), nothing else.
    assert 0 < len(gemaakt) <= len(NIVEAUS) < len(NIVEAUS) * len(VELDEN)
    controleer_leesmodel(proces)


def test_een_beperkt_feit_over_een_partij_houdt_de_rijen_van_een_herbouw(
    regisseur: Any, gemaakt: list[Spoor]
) -> None:
    """A level that may not see a fact is told it over a scratch memory (made field by
    field too), and a shift is noted for the levels that see it."""
    proces = open_proces(regisseur, titel="Sporen")
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Waterschap")
    beoordeel(actor, speler, standpunt="tegenstander", zichtbaarheid="regisseur")
    beoordeel(actor, speler, standpunt="voorstander", zichtbaarheid="proces")
    assert gemaakt
    controleer_leesmodel(proces)
