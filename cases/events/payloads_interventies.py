"""The JSON shape of interventies and reflecties, shared by event payloads, replay and the
current state (camelCase: payloads are part of the API and of the exports).

Relations are given by uuid (spelers, opdrachtgevers, instrument, wyber-stap) or code
(strategie, velden), each list sorted, so that the tables and a replay give the same document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cases.models import Interventie, Reflectie

from .canonical import formatteer_tijdstip

# payload key: model attribute, for the plain attributes of an interventie
INTERVENTIE_VELDEN = {
    "titel": "titel",
    "datum": "datum",
    "status": "status",
    "niveau": "niveau",
    "aangrijpingspunt": "aangrijpingspunt",
    "zwaarte": "zwaarte",
    "beoogdEffect": "beoogd_effect",
    "waarom": "waarom",
    "watGedaan": "wat_gedaan",
    "uitgevoerdOp": "uitgevoerd_op",
    "waargenomenEffect": "waargenomen_effect",
    "uitgepakt": "uitgepakt",
    "vervolg": "vervolg",
    "geevalueerdOp": "geevalueerd_op",
    "zichtbaarheid": "zichtbaarheid",
}
# payload key: attribute, for the relations (the service's ``wijzigingen`` use the attribute)
INTERVENTIE_RELATIES = {
    "velden": "velden",
    "strategie": "strategie",
    "instrument": "instrument",
    "spelers": "spelers",
    "opdrachtgevers": "opdrachtgevers",
    "wyberstap": "wyberstap",
}
PAYLOAD_SLEUTEL = {**{a: k for k, a in INTERVENTIE_VELDEN.items()}, **INTERVENTIE_RELATIES}


def _datum(waarde: dt.date | None) -> str | None:
    return None if waarde is None else waarde.isoformat()


def _uuid(waarde: Any) -> str | None:
    return None if waarde is None else str(waarde)


def interventie_gegevens(
    interventie: Interventie,
    *,
    velden: Iterable[str],
    spelers: Iterable[Any],
    opdrachtgevers: Iterable[Any],
    strategie_code: str | None,
    instrument_uuid: Any,
    wyberstap_uuid: Any,
) -> dict[str, Any]:
    """An interventie as a whole; the relations are passed in so callers choose the queries."""
    gegevens: dict[str, Any] = {"uuid": str(interventie.uuid)}
    for sleutel, attr in INTERVENTIE_VELDEN.items():
        waarde = getattr(interventie, attr)
        gegevens[sleutel] = _datum(waarde) if isinstance(waarde, dt.date) else waarde
    gegevens.update(
        {
            "velden": sorted(velden),
            "strategie": strategie_code,
            "instrument": _uuid(instrument_uuid),
            "spelers": sorted(str(u) for u in spelers),
            "opdrachtgevers": sorted(str(u) for u in opdrachtgevers),
            "wyberstap": _uuid(wyberstap_uuid),
            "auteur": interventie.auteur.get_username(),
            "vastgelegdOp": formatteer_tijdstip(interventie.vastgelegd_op),
        }
    )
    return gegevens


def uitvoering_gegevens(interventie: Interventie) -> dict[str, Any]:
    """What ``interventie.uitgevoerd`` records: doen."""
    return {
        "interventie": str(interventie.uuid),
        "watGedaan": interventie.wat_gedaan,
        "uitgevoerdOp": _datum(interventie.uitgevoerd_op),
    }


def evaluatie_gegevens(interventie: Interventie) -> dict[str, Any]:
    """What ``interventie.geevalueerd`` records: leren and beter."""
    return {
        "interventie": str(interventie.uuid),
        "waargenomenEffect": interventie.waargenomen_effect,
        "uitgepakt": interventie.uitgepakt,
        "vervolg": interventie.vervolg,
        "geevalueerdOp": _datum(interventie.geevalueerd_op),
    }


def reflectie_gegevens(reflectie: Reflectie) -> dict[str, Any]:
    return {
        "uuid": str(reflectie.uuid),
        "tekst": reflectie.tekst,
        "zichtbaarheid": reflectie.zichtbaarheid,
        "auteur": reflectie.auteur.get_username(),
        "vastgelegdOp": formatteer_tijdstip(reflectie.vastgelegd_op),
    }


def reflecties_op_volgorde(reflecties: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reflecties oldest first (then by uuid, so that equal moments keep a fixed order)."""
    return sorted(reflecties, key=lambda r: (r["vastgelegdOp"], r["uuid"]))


def interventies_op_volgorde(interventies: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Interventies by datum, then when they were logged, then uuid."""
    return sorted(interventies, key=lambda i: (i["datum"], i["vastgelegdOp"], i["uuid"]))
