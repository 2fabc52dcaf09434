"""Replay of the regisseur's positioneringen and the procesontwerp revisions."""

from __future__ import annotations

import copy
from typing import Any

from cases.models import Gebeurtenis, GebeurtenisType

from .payloads_positionering import positionering_volgorde
from .replay_typen import Momentopname, Reducer


def _positionering(staat: Momentopname, e: Gebeurtenis) -> None:
    # Never edited: a new choice is a new record, the history per veld is the list.
    staat["positioneringen"].append(copy.deepcopy(e.payload["positionering"]))


def _procesontwerp(staat: Momentopname, e: Gebeurtenis) -> None:
    ontwerp = copy.deepcopy(e.payload["procesontwerp"])
    staat["procesontwerp"] = ontwerp
    # The revision also sets the case's aanpak; the one event carries both.
    staat["bestuursproces"]["aanpak"] = ontwerp["aanpak"]


REDUCERS: dict[GebeurtenisType, Reducer] = {
    GebeurtenisType.POSITIONERING_GEKOZEN: _positionering,
    GebeurtenisType.PROCESONTWERP_HERZIEN: _procesontwerp,
}


def rond_af(staat: dict[str, Any]) -> None:
    """Put the folded positioneringen in the order the tables list them."""
    staat["positioneringen"].sort(key=positionering_volgorde)
