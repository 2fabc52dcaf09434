"""The collector's pause during a rebuild (procesregie/opruimen.py) ends, nested or not."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from typing import Any

import pytest
from django.utils import timezone

from procesregie.opruimen import zonder_cyclische_opruiming


@pytest.fixture(autouse=True)
def _opruimen_aan() -> None:
    gc.enable()


def test_de_opruiming_staat_stil_in_het_blok_en_daarna_weer_aan() -> None:
    with zonder_cyclische_opruiming():
        assert not gc.isenabled()
        with zonder_cyclische_opruiming():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_na_een_fout_staat_de_opruiming_weer_aan() -> None:
    with pytest.raises(RuntimeError), zonder_cyclische_opruiming():
        raise RuntimeError("halverwege")
    assert gc.isenabled()


def test_wie_de_opruiming_al_had_uitgezet_houdt_hem_uit() -> None:
    gc.disable()
    try:
        with zonder_cyclische_opruiming():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_blokken_in_twee_threads_delen_een_pauze() -> None:
    binnen, verder = threading.Event(), threading.Event()

    def ander() -> None:
        with zonder_cyclische_opruiming():
            binnen.set()
            verder.wait(5)

    draad = threading.Thread(target=ander)
    draad.start()
    binnen.wait(5)
    with zonder_cyclische_opruiming():
        pass
    # This thread's block ended; the other one's has not.
    assert not gc.isenabled()
    verder.set()
    draad.join(5)
    assert gc.isenabled()


@pytest.mark.django_db
def test_een_laat_feit_herbouwt_zonder_opruiming_en_zet_hem_daarna_weer_aan(
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
        tijdens.append(gc.isenabled())
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
    assert not any(tijdens)
    assert gc.isenabled()
