"""The tijdlijn's beschrijvers for the regisseur's own work (issue 5): positioneringen, the
procesontwerp and interventies.

Interventions stand on their own dates: logging on the intervention's datum, execution on
uitgevoerdOp and evaluation on geevalueerdOp, as they are known at the end of the log (a
corrected date moves the item). Edits and personal reflecties are not on the tijdlijn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.models import (
    Gebeurtenis,
    GebeurtenisType,
    InterventieStatus,
    Positie,
    PositioneringsVeld,
    Uitgepakt,
)
from instruments.models import VeldCode

from .tijdlijn import (
    Beschrijving,
    Geheugen,
    Verwijzing,
    beschrijft,
    kort,
    label,
    met_reden,
    onthoudt,
    op_datum,
    opsomming,
)

# The fields of an interventie the tijdlijn keeps up to date, by their payload names.
BIJGEHOUDEN = ("titel", "datum", "uitgevoerdOp", "geevalueerdOp")


def _datum(tekst: str | None) -> dt.date | None:
    return dt.date.fromisoformat(tekst) if tekst else None


def _interventie(g: Geheugen, uuid: str) -> dict[str, Any]:
    return g.gegevens.setdefault(uuid, {})


@onthoudt(GebeurtenisType.INTERVENTIE_GELOGD)
def _gelogd_onthouden(e: Gebeurtenis, g: Geheugen) -> None:
    i = e.payload["interventie"]
    _interventie(g, i["uuid"]).update({k: i.get(k) for k in BIJGEHOUDEN})


@onthoudt(
    GebeurtenisType.INTERVENTIE_GEWIJZIGD,
    GebeurtenisType.INTERVENTIE_UITGEVOERD,
    GebeurtenisType.INTERVENTIE_GEEVALUEERD,
)
def _bijgewerkt_onthouden(e: Gebeurtenis, g: Geheugen) -> None:
    p = e.payload
    nieuw = p.get("wijzigingen", p)
    _interventie(g, p["interventie"]).update({k: nieuw[k] for k in BIJGEHOUDEN if k in nieuw})


def _titel(g: Geheugen, uuid: str) -> str:
    return f"'{_interventie(g, uuid).get('titel', '?')}'"


def _verwijzing(uuid: str) -> Verwijzing:
    return Verwijzing("interventie-detail", {"interventie": uuid})


def _veldnamen(codes: list[str]) -> str:
    return opsomming([label(VeldCode, code) for code in codes])


@beschrijft(GebeurtenisType.INTERVENTIE_GELOGD)
def _gelogd(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    i = e.payload["interventie"]
    tekst = f"Interventie '{i['titel']}' ({_veldnamen(i['velden'])})"
    if i["status"] == InterventieStatus.GEPLAND:
        tekst += f" gepland: {kort(i['beoogdEffect'])}"
    else:
        tekst += f" uitgevoerd: {kort(i['watGedaan'])}"
    return tekst, _verwijzing(i["uuid"])


@op_datum(GebeurtenisType.INTERVENTIE_GELOGD)
def _gelogd_op(e: Gebeurtenis, g: Geheugen) -> dt.date | None:
    return _datum(_interventie(g, e.payload["interventie"]["uuid"]).get("datum"))


@beschrijft(GebeurtenisType.INTERVENTIE_UITGEVOERD)
def _uitgevoerd(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    tekst = f"Interventie {_titel(g, p['interventie'])} uitgevoerd: {kort(p['watGedaan'])}"
    return tekst, _verwijzing(p["interventie"])


@op_datum(GebeurtenisType.INTERVENTIE_UITGEVOERD)
def _uitgevoerd_op(e: Gebeurtenis, g: Geheugen) -> dt.date | None:
    return _datum(_interventie(g, e.payload["interventie"]).get("uitgevoerdOp"))


UITGEPAKT = {
    Uitgepakt.JA: "pakte uit zoals bedoeld",
    Uitgepakt.DEELS: "pakte deels uit zoals bedoeld",
    Uitgepakt.NEE: "pakte niet uit zoals bedoeld",
}


@beschrijft(GebeurtenisType.INTERVENTIE_GEEVALUEERD)
def _geevalueerd(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    uitkomst = UITGEPAKT.get(p["uitgepakt"], p["uitgepakt"])
    tekst = f"Interventie {_titel(g, p['interventie'])} geëvalueerd: {uitkomst}"
    if p.get("waargenomenEffect", "").strip():
        tekst += f"; {kort(p['waargenomenEffect'])}"
    return tekst, _verwijzing(p["interventie"])


@op_datum(GebeurtenisType.INTERVENTIE_GEEVALUEERD)
def _geevalueerd_op(e: Gebeurtenis, g: Geheugen) -> dt.date | None:
    return _datum(_interventie(g, e.payload["interventie"]).get("geevalueerdOp"))


@beschrijft(GebeurtenisType.POSITIONERING_GEKOZEN)
def _positionering(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload["positionering"]
    tekst = f"Positie in het {label(PositioneringsVeld, p['veld'])}: {label(Positie, p['positie'])}"
    if p["omschrijving"].strip():
        tekst += f" ({kort(p['omschrijving'])})"
    return met_reden(tekst, p["toelichting"]), Verwijzing(
        "positionering-detail", {"positionering": p["uuid"]}
    )


@op_datum(GebeurtenisType.POSITIONERING_GEKOZEN)
def _positionering_op(e: Gebeurtenis, g: Geheugen) -> dt.date | None:
    return _datum(e.payload["positionering"]["sinds"])


@beschrijft(GebeurtenisType.PROCESONTWERP_HERZIEN)
def _procesontwerp(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload["procesontwerp"]
    tekst = f"Procesontwerp versie {p['versie']}: {kort(p['processtrategie'])}"
    return met_reden(tekst, p.get("toelichting", "")), Verwijzing("procesontwerp")
