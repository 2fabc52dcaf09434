"""Closing a case with afspraken still open asks for confirmation, and the closing event
records which afspraken (and steps) were left open."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces
from cases.selectors import huidige_toestand
from cases.selectors.tijdlijn import tijdlijn
from cases.services.status import OpenStappen
from tests.factories import actor_voor

from ._hulp import gebeurtenissen_na, laatste_volgnummer, maak_speler, schrijft_niets, start_stap
from .test_uitkomst import sluit

ALLES = frozenset({"proces", "kernteam", "regisseur"})


def _afspraak(actor: Actor, proces: Bestuursproces, wat: str, niveau: str = "proces") -> Any:
    return services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat=wat,
        door=maak_speler(actor, proces, naam=f"Partij {wat}"),
        uiterlijk=timezone.localdate(),
        zichtbaarheid=niveau,
    )


def test_open_afspraken_vragen_bevestiging(bestuursproces: Bestuursproces, actor: Actor) -> None:
    nagekomen = _afspraak(actor, bestuursproces, "Notitie")
    services.handel_afspraak_af(actor=actor, afspraak=nagekomen, status="nagekomen")
    open_ = _afspraak(actor, bestuursproces, "Grondbod")

    with schrijft_niets(), pytest.raises(OpenStappen) as fout:
        sluit(actor, bestuursproces)
    assert (fout.value.status, fout.value.code, fout.value.veld) == (
        409,
        "open-afspraken",
        "bevestigd",
    )
    assert fout.value.detail.startswith("Nog open afspraken: 'Grondbod' (Partij Grondbod).")

    volgnummer = laatste_volgnummer(bestuursproces)
    sluit(actor, bestuursproces, bevestigd=True)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert (gebeurtenis.payload["openGelaten"], gebeurtenis.payload["openAfspraken"]) == (
        [],
        [str(open_.uuid)],
    )
    bestuursproces.refresh_from_db()
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)
    [zin] = [
        item.omschrijving
        for item in tijdlijn(bestuursproces, None, timezone.now(), ALLES)
        if item.soort == "status.gewijzigd"
    ]
    assert zin.endswith("(1 afspraak/afspraken bleven open)")


def test_stappen_en_afspraken_samen_en_wat_de_afsluiter_niet_mag_zien(
    bestuursproces: Bestuursproces, actor: Actor, kernteamlid: Any
) -> None:
    start_stap(actor, bestuursproces)
    zichtbaar = _afspraak(actor, bestuursproces, "Kernteamafspraak", "kernteam")
    geheim = _afspraak(actor, bestuursproces, "Eigen afspraak", "regisseur")

    with schrijft_niets(), pytest.raises(OpenStappen) as fout:
        sluit(actor_voor(kernteamlid), bestuursproces)
    # A step is open: the code stays open-stappen, as clients know it.
    assert fout.value.code == "open-stappen"
    assert "stap 1 (divergeren)" in fout.value.detail
    assert "'Kernteamafspraak'" in fout.value.detail
    assert "Eigen afspraak" not in fout.value.detail
    assert "1 die u niet mag zien" in fout.value.detail

    volgnummer = laatste_volgnummer(bestuursproces)
    sluit(actor, bestuursproces, bevestigd=True)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["openAfspraken"] == [str(zichtbaar.uuid), str(geheim.uuid)]
    assert len(gebeurtenis.payload["openGelaten"]) == 1
