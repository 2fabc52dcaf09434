"""Stands of the tijdlijn's memory (:class:`~cases.models.Geheugenstand`): the memory of every
viewer level at one position of the history, stored by a rebuild every ``FOLDSTAND_INTERVAL``
events and read back where a rebuild after a fact entered late starts
(:func:`cases.events.tijdlijnregels.herbouw`)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from cases.models import Bestuursproces, Gebeurtenis, Geheugenstand

from .geheugenspoor import Spoor
from .tijdlijnvertelling import ALLE_VELDEN, NIVEAUS, Sporen

# A field that holds, in a stand, what the level before it holds.
_ZELFDE = "="


def codeer(standen: dict[str, Sporen]) -> str:
    """The memory of every level as JSON, a field that holds what the level before it holds
    as ``"="`` (the levels differ only where one was kept from something)."""
    gecodeerd: dict[str, dict[str, Any]] = {}
    vorige: Sporen | None = None
    for niveau in NIVEAUS:
        sporen = standen[niveau]
        gecodeerd[niveau] = {
            veld: _ZELFDE
            if vorige is not None and dict.__eq__(vorige[veld], spoor)
            else dict(spoor)
            for veld, spoor in sporen.items()
        }
        vorige = sporen
    return json.dumps(gecodeerd, ensure_ascii=False, separators=(",", ":"))


def decodeer(tekst: str) -> dict[str, Sporen]:
    """The memory :func:`codeer` stored, each level and field its own copy."""
    gelezen = json.loads(tekst)
    standen: dict[str, Sporen] = {}
    vorige: Sporen | None = None
    for niveau in NIVEAUS:
        sporen: Sporen = {}
        for veld in ALLE_VELDEN:
            spoor = sporen[veld] = Spoor()
            entries = gelezen[niveau][veld]
            if entries == _ZELFDE and vorige is not None:
                entries = copy.deepcopy(dict(vorige[veld]))
            dict.update(spoor, entries)
        standen[niveau] = vorige = sporen
    return standen


def bewaar(
    bestuursproces: Bestuursproces,
    e: Gebeurtenis,
    aantal: int,
    standen: dict[str, Sporen],
    versie: int,
) -> None:
    """Store the memory once ``e``, the ``aantal``-th event in world-time order, was told."""
    Geheugenstand.objects.create(
        bestuursproces=bestuursproces,
        versie=versie,
        tijdstip=e.tijdstip,
        volgnummer=e.volgnummer,
        aantal=aantal,
        geheugen=codeer(standen),
    )


def dichtstbij_voor(
    bestuursproces: Bestuursproces, moment: dt.datetime, versie: int
) -> Geheugenstand | None:
    """The nearest stand of read-model version ``versie`` before ``moment``."""
    return (
        Geheugenstand.objects.filter(
            bestuursproces=bestuursproces, versie=versie, tijdstip__lt=moment
        )
        .order_by("-tijdstip", "-volgnummer")
        .first()
    )
