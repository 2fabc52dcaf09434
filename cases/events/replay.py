"""Replay: fold a case's events, in order, into the case as it stood.

The state has the same shape as :func:`cases.selectors.huidige_toestand`, so a replay of the
whole log can be compared with the tables (the property test does exactly that).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from cases.models import Gebeurtenis, GebeurtenisType

from .canonical import formatteer_tijdstip

Momentopname = dict[str, Any]
Reducer = Callable[[Momentopname, Gebeurtenis], None]


def _geopend(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["bestuursproces"] = copy.deepcopy(e.payload["bestuursproces"])
    staat["bestuursproces"]["geopendOp"] = formatteer_tijdstip(e.tijdstip)


def _gewijzigd(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["bestuursproces"].update(copy.deepcopy(e.payload["wijzigingen"]))


def _status(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["bestuursproces"]["status"] = e.payload["naar"]
    staat["bestuursproces"]["uitkomst"] = e.payload["uitkomst"]


def _idee(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["idee"] = copy.deepcopy(e.payload["idee"])


def _stadium(staat: Momentopname, e: Gebeurtenis) -> None:
    overgang = copy.deepcopy(e.payload["overgang"])
    staat["bestuursproces"]["stadium"] = overgang["naar"]
    staat["stadiumovergangen"].append(overgang)


# Memberships are keyed by their uuid: a username can change between two events.
def _lid_erbij(staat: Momentopname, e: Gebeurtenis) -> None:
    lid = copy.deepcopy(e.payload["lidmaatschap"])
    staat["lidmaatschappen"][lid["uuid"]] = lid


def _lid_gewijzigd(staat: Momentopname, e: Gebeurtenis) -> None:
    lid = copy.deepcopy(e.payload["lidmaatschap"])
    staat["lidmaatschappen"][lid["uuid"]] = lid


def _lid_eraf(staat: Momentopname, e: Gebeurtenis) -> None:
    del staat["lidmaatschappen"][e.payload["lidmaatschap"]["uuid"]]


REDUCERS: dict[GebeurtenisType, Reducer] = {
    GebeurtenisType.BESTUURSPROCES_GEOPEND: _geopend,
    GebeurtenisType.BESTUURSPROCES_GEWIJZIGD: _gewijzigd,
    GebeurtenisType.STATUS_GEWIJZIGD: _status,
    GebeurtenisType.IDEE_HERZIEN: _idee,
    GebeurtenisType.STADIUM_GEWIJZIGD: _stadium,
    GebeurtenisType.LIDMAATSCHAP_TOEGEVOEGD: _lid_erbij,
    GebeurtenisType.LIDMAATSCHAP_GEWIJZIGD: _lid_gewijzigd,
    GebeurtenisType.LIDMAATSCHAP_BEEINDIGD: _lid_eraf,
}


def lege_staat() -> Momentopname:
    return {
        "bestuursproces": None,
        "idee": None,
        "lidmaatschappen": {},
        "stadiumovergangen": [],
        "volgnummer": 0,
    }


def herbouw(gebeurtenissen: Iterable[Gebeurtenis]) -> Momentopname | None:
    """Fold events (in volgnummer order) into a state; None when the case was not opened yet."""
    staat = lege_staat()
    for gebeurtenis in gebeurtenissen:
        REDUCERS[GebeurtenisType(gebeurtenis.type)](staat, gebeurtenis)
        staat["volgnummer"] = gebeurtenis.volgnummer
    if staat["bestuursproces"] is None:
        return None
    staat["lidmaatschappen"] = sorted(
        staat["lidmaatschappen"].values(), key=lambda lid: lid["gebruiker"]
    )
    return staat
