"""The JSON shape of besluiten, afspraken and bijeenkomsten, shared by their events, replay and
the tables (:func:`cases.selectors.huidige_toestand`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cases.models import Afspraak, Besluit, Bijeenkomst, Deelnemer, Interventie


def _uuid(obj: Any) -> str | None:
    return str(obj.uuid) if obj is not None else None


def besluit_gegevens(besluit: Besluit) -> dict[str, Any]:
    return {
        "uuid": str(besluit.uuid),
        "titel": besluit.titel,
        "inhoud": besluit.inhoud,
        "opdrachtgever": _uuid(besluit.opdrachtgever),
        "organisatie": _uuid(besluit.organisatie),
        "orgaan": besluit.orgaan,
        "orgaanNaam": besluit.orgaan_naam,
        "datum": besluit.datum.isoformat(),
        "kenmerk": besluit.kenmerk,
        "besluitmoment": besluit.besluitmoment.isoformat() if besluit.besluitmoment else None,
        "bijeenkomst": _uuid(besluit.bijeenkomst),
        "zichtbaarheid": besluit.zichtbaarheid,
        "vastgelegdDoor": besluit.vastgelegd_door.get_username(),
    }


def besluiten_op_volgorde(besluiten: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Besluiten in the order of their dates (then uuid), in replay and tables alike."""
    return sorted(besluiten, key=lambda b: (b["datum"], b["uuid"]))


def afspraak_gegevens(afspraak: Afspraak) -> dict[str, Any]:
    return {
        "uuid": str(afspraak.uuid),
        "wat": afspraak.wat,
        "speler": _uuid(afspraak.speler),
        "opdrachtgever": _uuid(afspraak.opdrachtgever),
        "organisatie": _uuid(afspraak.organisatie),
        "aanSpeler": _uuid(afspraak.aan_speler),
        "aanOpdrachtgever": _uuid(afspraak.aan_opdrachtgever),
        "aanOrganisatie": _uuid(afspraak.aan_organisatie),
        "aanNaam": afspraak.aan_naam,
        "datum": afspraak.datum.isoformat(),
        "uiterlijk": afspraak.uiterlijk.isoformat() if afspraak.uiterlijk else None,
        "status": afspraak.status,
        "afgehandeldOp": afspraak.afgehandeld_op.isoformat() if afspraak.afgehandeld_op else None,
        "reden": afspraak.reden,
        "wyberstap": _uuid(afspraak.wyberstap),
        "besluit": _uuid(afspraak.besluit),
        "bijeenkomst": _uuid(afspraak.bijeenkomst),
        "zichtbaarheid": afspraak.zichtbaarheid,
        "vastgelegdDoor": afspraak.vastgelegd_door.get_username(),
    }


def afhandeling_gegevens(afspraak: Afspraak) -> dict[str, Any]:
    """What a status change of an afspraak adds: its new status, on which day, and why."""
    assert afspraak.afgehandeld_op is not None
    return {
        "uuid": str(afspraak.uuid),
        "status": afspraak.status,
        "afgehandeldOp": afspraak.afgehandeld_op.isoformat(),
        "reden": afspraak.reden,
    }


def afspraken_op_volgorde(afspraken: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(afspraken, key=lambda a: (a["datum"], a["uuid"]))


def deelnemer_gegevens(deelnemer: Deelnemer) -> dict[str, Any]:
    return {
        "speler": _uuid(deelnemer.speler),
        "opdrachtgever": _uuid(deelnemer.opdrachtgever),
        "naam": deelnemer.naam,
        "uitgenodigd": deelnemer.uitgenodigd,
        "aanwezig": deelnemer.aanwezig,
    }


def bijeenkomst_gegevens(
    bijeenkomst: Bijeenkomst, deelnemers: list[Deelnemer], interventies: list[Interventie]
) -> dict[str, Any]:
    """``deelnemers`` in their order; ``interventies`` in any order (listed by uuid)."""
    return {
        "uuid": str(bijeenkomst.uuid),
        "titel": bijeenkomst.titel,
        "soort": bijeenkomst.soort.code,
        "datum": bijeenkomst.datum.isoformat(),
        "waar": bijeenkomst.waar,
        "agenda": bijeenkomst.agenda,
        "verslag": bijeenkomst.verslag,
        "wyberstap": _uuid(bijeenkomst.wyberstap),
        "interventies": sorted(str(i.uuid) for i in interventies),
        "deelnemers": [deelnemer_gegevens(d) for d in deelnemers],
        "status": bijeenkomst.status,
        "geannuleerdOp": (
            bijeenkomst.geannuleerd_op.isoformat() if bijeenkomst.geannuleerd_op else None
        ),
        "redenAnnulering": bijeenkomst.reden_annulering,
        "zichtbaarheid": bijeenkomst.zichtbaarheid,
        "vastgelegdDoor": bijeenkomst.vastgelegd_door.get_username(),
    }


def annulering_gegevens(bijeenkomst: Bijeenkomst) -> dict[str, Any]:
    """What cancelling a planned bijeenkomst adds: on which day, and why."""
    assert bijeenkomst.geannuleerd_op is not None
    return {
        "uuid": str(bijeenkomst.uuid),
        "geannuleerdOp": bijeenkomst.geannuleerd_op.isoformat(),
        "reden": bijeenkomst.reden_annulering,
    }


def bijeenkomsten_op_volgorde(bijeenkomsten: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(bijeenkomsten, key=lambda b: (b["datum"], b["uuid"]))
