"""The pause of the collector's full passes during a rebuild (procesregie/opruimen.py): it
ends, nested or not, and a late fact's rebuild runs in it."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from procesregie.opruimen import zonder_volledige_opruiming

STANDAARD = (700, 10, 10)


@pytest.fixture(autouse=True)
def _drempels_terug() -> Iterator[None]:
    voor = gc.get_threshold()
    gc.set_threshold(*STANDAARD)
    yield
    gc.set_threshold(*voor)


def _volledig_gepauzeerd() -> bool:
    return gc.get_threshold()[2] > 10**6


def test_de_volledige_opruiming_staat_stil_in_het_blok_en_daarna_weer_aan() -> None:
    with zonder_volledige_opruiming():
        assert _volledig_gepauzeerd()
        assert gc.get_threshold()[:2] == STANDAARD[:2]  # the young generations as before
        with zonder_volledige_opruiming():
            assert _volledig_gepauzeerd()
        assert _volledig_gepauzeerd()  # the outer block still runs
    assert gc.get_threshold() == STANDAARD


def test_na_een_fout_staan_de_drempels_weer_zoals_ze_waren() -> None:
    gc.set_threshold(1000, 15, 20)
    with pytest.raises(RuntimeError), zonder_volledige_opruiming():
        raise RuntimeError("halverwege")
    assert gc.get_threshold() == (1000, 15, 20)


def test_kringen_die_jong_sterven_worden_in_de_pauze_opgeruimd() -> None:
    class Knoop:
        zelf: Any = None

    with zonder_volledige_opruiming():
        for _ in range(3 * STANDAARD[0]):
            knoop = Knoop()
            knoop.zelf = knoop  # a cycle: reference counting alone never frees it
        del knoop
        # The young generations were collected on the way: of the 2,100 cycles at most
        # those made since the last pass are left (all of them, were every pass paused).
        assert sum(1 for o in gc.get_objects() if type(o) is Knoop) < STANDAARD[0]


def test_blokken_in_twee_threads_delen_een_pauze() -> None:
    binnen, verder = threading.Event(), threading.Event()

    def ander() -> None:
        with zonder_volledige_opruiming():
            binnen.set()
            verder.wait(5)

    draad = threading.Thread(target=ander)
    draad.start()
    binnen.wait(5)
    with zonder_volledige_opruiming():
        pass
    # This thread's block ended; the other one's has not.
    assert _volledig_gepauzeerd()
    verder.set()
    draad.join(5)
    assert gc.get_threshold() == STANDAARD


@pytest.mark.django_db
def test_een_laat_feit_herbouwt_in_de_pauze_en_heft_hem_daarna_op(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cases import services
    from cases.events import tijdlijnregels
    from tests.factories import GebruikerFactory, actor_voor, open_proces

    regisseur: Any = GebruikerFactory()
    begin = timezone.now() - dt.timedelta(days=10)
    proces = open_proces(regisseur, tijdstip=begin)
    actor = actor_voor(regisseur)
    services.maak_notitie(actor=actor, bestuursproces=proces, tekst="Nu", zichtbaarheid="proces")
    tijdens: list[bool] = []
    vertel = tijdlijnregels.vertel

    def vertel_en_kijk(*args: Any, **kwargs: Any) -> Any:
        tijdens.append(_volledig_gepauzeerd())
        return vertel(*args, **kwargs)

    monkeypatch.setattr(tijdlijnregels, "vertel", vertel_en_kijk)
    services.maak_notitie(
        actor=actor,
        bestuursproces=proces,
        tekst="Eerder gebeurd",
        zichtbaarheid="proces",
        tijdstip=begin + dt.timedelta(days=1),
    )

    assert tijdens  # the late fact rebuilt the tijdlijn, telling every event again
    assert all(tijdens)
    assert gc.get_threshold() == STANDAARD
