"""Replay of interventies and the reflecties on them.

Every event of an interventie carries the interventie's own zichtbaarheid (which never
changes), and a reflectie is never more visible than its interventie: a viewer who may fold a
later event of an interventie, or a reflectie on it, has always folded its ``gelogd`` too.
"""

from __future__ import annotations

import copy
from typing import Any

from cases.models import Gebeurtenis, GebeurtenisType, InterventieStatus

from .payloads_interventies import interventies_op_volgorde, reflecties_op_volgorde
from .replay_typen import Momentopname, Reducer


def _gelogd(staat: Momentopname, e: Gebeurtenis) -> None:
    interventie = copy.deepcopy(e.payload["interventie"])
    interventie["reflecties"] = []
    staat["interventies"][interventie["uuid"]] = interventie


def _gewijzigd(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["interventies"][e.payload["interventie"]].update(copy.deepcopy(e.payload["wijzigingen"]))


def _met_status(status: str) -> Reducer:
    def reducer(staat: Momentopname, e: Gebeurtenis) -> None:
        gegevens = {k: v for k, v in e.payload.items() if k not in {"interventie", "zichtbaarheid"}}
        interventie = staat["interventies"][e.payload["interventie"]]
        interventie.update(copy.deepcopy(gegevens))
        interventie["status"] = status

    return reducer


def _reflectie(staat: Momentopname, e: Gebeurtenis) -> None:
    interventie = staat["interventies"][e.payload["interventie"]]
    interventie["reflecties"].append(copy.deepcopy(e.payload["reflectie"]))


REDUCERS: dict[GebeurtenisType, Reducer] = {
    GebeurtenisType.INTERVENTIE_GELOGD: _gelogd,
    GebeurtenisType.INTERVENTIE_GEWIJZIGD: _gewijzigd,
    GebeurtenisType.INTERVENTIE_UITGEVOERD: _met_status(InterventieStatus.UITGEVOERD.value),
    GebeurtenisType.INTERVENTIE_GEEVALUEERD: _met_status(InterventieStatus.GEEVALUEERD.value),
    GebeurtenisType.REFLECTIE_VASTGELEGD: _reflectie,
}


def rond_af(staat: dict[str, Any]) -> None:
    """Turn the folded interventies into the list the tables give."""
    staat["interventies"] = interventies_op_volgorde(
        {**interventie, "reflecties": reflecties_op_volgorde(interventie["reflecties"])}
        for interventie in staat["interventies"].values()
    )
