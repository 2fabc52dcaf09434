"""Replay: fold a case's events, in order, into the case as it stood.

The state has the same shape as :func:`cases.selectors.huidige_toestand`, so a replay of the
whole log can be compared with the tables (the property test does exactly that).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from cases.models import Gebeurtenis, GebeurtenisType, Zichtbaarheid

from . import replay_interventies, replay_positionering
from .canonical import formatteer_tijdstip
from .replay_typen import Momentopname, Reducer


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
    # Versions recorded before idee-eigenaren could be spelers have no such list.
    staat["idee"].setdefault("eigenaarSpelers", [])


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


def _registreer(verzameling: str, sleutel: str, met_beoordeling: bool = False) -> Reducer:
    def reducer(staat: Momentopname, e: Gebeurtenis) -> None:
        gegevens = copy.deepcopy(e.payload[sleutel])
        if met_beoordeling:
            gegevens["huidigeBeoordeling"] = None
        staat[verzameling][gegevens["uuid"]] = gegevens

    return reducer


def _wijzig(verzameling: str, sleutel: str) -> Reducer:
    def reducer(staat: Momentopname, e: Gebeurtenis) -> None:
        staat[verzameling][e.payload[sleutel]].update(copy.deepcopy(e.payload["wijzigingen"]))

    return reducer


def _beoordeel(verzameling: str, sleutel: str) -> Reducer:
    def reducer(staat: Momentopname, e: Gebeurtenis) -> None:
        beoordeling = copy.deepcopy(e.payload["beoordeling"])
        staat[verzameling][e.payload[sleutel]]["huidigeBeoordeling"] = beoordeling

    return reducer


def _betrokkenheid(verzameling: str) -> Reducer:
    def reducer(staat: Momentopname, e: Gebeurtenis) -> None:
        wijziging = e.payload["wijziging"]
        staat[verzameling][wijziging["partij"]]["betrokkenheid"] = wijziging["naar"]

    return reducer


def _notitie(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["notities"].append(copy.deepcopy(e.payload["notitie"]))


def _stap_gestart(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = copy.deepcopy(e.payload["stap"])
    stap.update({"opties": {}, "consolidatie": None, "instemmingen": {}})
    staat["wyberstappen"][stap["uuid"]] = stap


def _fase(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["wyberstappen"][e.payload["stap"]]["fase"] = e.payload["naar"]


def _optie_ingebracht(staat: Momentopname, e: Gebeurtenis) -> None:
    optie = copy.deepcopy(e.payload["optie"])
    staat["wyberstappen"][e.payload["stap"]]["opties"][optie["uuid"]] = optie


def _optie_besloten(staat: Momentopname, e: Gebeurtenis) -> None:
    optie = staat["wyberstappen"][e.payload["stap"]]["opties"][e.payload["optie"]]
    optie.update({k: e.payload[k] for k in ("status", "reden", "samengevoegdIn")})


def _consolidatie(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = staat["wyberstappen"][e.payload["stap"]]
    stap["consolidatie"] = copy.deepcopy(e.payload["consolidatie"])
    for instemming in e.payload["instemmingen"]:
        stap["instemmingen"][instemming["uuid"]] = copy.deepcopy(instemming)


def _instemming(staat: Momentopname, e: Gebeurtenis) -> None:
    instemming = copy.deepcopy(e.payload["instemming"])
    staat["wyberstappen"][e.payload["stap"]]["instemmingen"][instemming["uuid"]] = instemming


def _instemmers(staat: Momentopname, e: Gebeurtenis) -> None:
    instemmingen = staat["wyberstappen"][e.payload["stap"]]["instemmingen"]
    for instemming in e.payload["toegevoegd"]:
        instemmingen[instemming["uuid"]] = copy.deepcopy(instemming)
    for weg in e.payload["verwijderd"]:
        del instemmingen[weg]


REDUCERS: dict[GebeurtenisType, Reducer] = {
    GebeurtenisType.BESTUURSPROCES_GEOPEND: _geopend,
    GebeurtenisType.BESTUURSPROCES_GEWIJZIGD: _gewijzigd,
    GebeurtenisType.STATUS_GEWIJZIGD: _status,
    GebeurtenisType.IDEE_HERZIEN: _idee,
    GebeurtenisType.STADIUM_GEWIJZIGD: _stadium,
    GebeurtenisType.LIDMAATSCHAP_TOEGEVOEGD: _lid_erbij,
    GebeurtenisType.LIDMAATSCHAP_GEWIJZIGD: _lid_gewijzigd,
    GebeurtenisType.LIDMAATSCHAP_BEEINDIGD: _lid_eraf,
    GebeurtenisType.ORGANISATIE_GEREGISTREERD: _registreer("organisaties", "organisatie"),
    GebeurtenisType.ORGANISATIE_GEWIJZIGD: _wijzig("organisaties", "organisatie"),
    GebeurtenisType.SPELER_GEREGISTREERD: _registreer("spelers", "speler", met_beoordeling=True),
    GebeurtenisType.SPELER_GEWIJZIGD: _wijzig("spelers", "speler"),
    GebeurtenisType.SPELER_BEOORDEELD: _beoordeel("spelers", "speler"),
    GebeurtenisType.SPELER_BETROKKENHEID_GEWIJZIGD: _betrokkenheid("spelers"),
    GebeurtenisType.OPDRACHTGEVER_GEREGISTREERD: _registreer(
        "opdrachtgevers", "opdrachtgever", met_beoordeling=True
    ),
    GebeurtenisType.OPDRACHTGEVER_GEWIJZIGD: _wijzig("opdrachtgevers", "opdrachtgever"),
    GebeurtenisType.OPDRACHTGEVER_BEOORDEELD: _beoordeel("opdrachtgevers", "opdrachtgever"),
    GebeurtenisType.OPDRACHTGEVER_BETROKKENHEID_GEWIJZIGD: _betrokkenheid("opdrachtgevers"),
    GebeurtenisType.NOTITIE_GEMAAKT: _notitie,
    GebeurtenisType.WYBERSTAP_GESTART: _stap_gestart,
    GebeurtenisType.WYBERSTAP_FASE_GEWIJZIGD: _fase,
    GebeurtenisType.OPTIE_INGEBRACHT: _optie_ingebracht,
    GebeurtenisType.OPTIE_BESLOTEN: _optie_besloten,
    GebeurtenisType.CONSOLIDATIE_VASTGELEGD: _consolidatie,
    GebeurtenisType.INSTEMMING_VASTGELEGD: _instemming,
    GebeurtenisType.INSTEMMERS_GEWIJZIGD: _instemmers,
    **replay_positionering.REDUCERS,
    **replay_interventies.REDUCERS,
}


def zichtbaarheid_van(gebeurtenis: Gebeurtenis) -> str:
    """The level an event is visible at; absent in the payload means every member."""
    waarde = gebeurtenis.payload.get("zichtbaarheid", Zichtbaarheid.PROCES)
    return str(waarde)


def op_naam(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Registers are listed by name (then uuid, so that equal names stay in a fixed order)."""
    return sorted(items, key=lambda item: (item["naam"], item["uuid"]))


def lege_staat() -> Momentopname:
    return {
        "bestuursproces": None,
        "idee": None,
        "lidmaatschappen": {},
        "stadiumovergangen": [],
        "organisaties": {},
        "spelers": {},
        "opdrachtgevers": {},
        "notities": [],
        "wyberstappen": {},
        "positioneringen": [],
        "procesontwerp": None,
        "interventies": {},
        "volgnummer": 0,
    }


def herbouw(
    gebeurtenissen: Iterable[Gebeurtenis], zichtbaar: frozenset[str] | None = None
) -> Momentopname | None:
    """Fold events (in volgnummer order) into a state; None when the case was not opened yet.

    With ``zichtbaar`` only events at those visibility levels are folded: the case as a viewer
    with that role may see it (the latest assessment they may see is their current one).
    ``volgnummer`` still counts every event, so it says how far the log was read.
    """
    staat = lege_staat()
    for gebeurtenis in gebeurtenissen:
        if zichtbaar is None or zichtbaarheid_van(gebeurtenis) in zichtbaar:
            REDUCERS[GebeurtenisType(gebeurtenis.type)](staat, gebeurtenis)
        staat["volgnummer"] = gebeurtenis.volgnummer
    if staat["bestuursproces"] is None:
        return None
    staat["lidmaatschappen"] = sorted(
        staat["lidmaatschappen"].values(), key=lambda lid: lid["gebruiker"]
    )
    for verzameling in ("organisaties", "spelers", "opdrachtgevers"):
        staat[verzameling] = op_naam(staat[verzameling].values())
    staat["wyberstappen"] = [
        {
            **stap,
            "opties": list(stap["opties"].values()),
            "instemmingen": list(stap["instemmingen"].values()),
        }
        for stap in sorted(staat["wyberstappen"].values(), key=lambda s: s["volgnummer"])
    ]
    replay_positionering.rond_af(staat)
    replay_interventies.rond_af(staat)
    return staat
