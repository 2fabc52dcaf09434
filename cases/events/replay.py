"""Replay: fold a case's events, in world-time order, into the case as it stood.

The state has the same shape as :func:`cases.selectors.huidige_toestand`, so a replay of the
whole log can be compared with the tables (the property test does exactly that).

Reducers state the rules a fact relies on with :func:`~cases.events.wereldtijd.eis`: a stadium
move starts from the stadium the case was in and, going forward, passes the gates as they
stood then; a consent needs its step in consolideren; a betrokkenheid change starts from the
party's betrokkenheid at that moment. A strict fold (checking a fact entered late) refuses the
first fact that breaks one; an ordinary fold reads on.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from cases.models import (
    Betrokkenheid,
    Fase,
    Gebeurtenis,
    GebeurtenisType,
    Optie,
    Richting,
    Stadium,
    Status,
    Zichtbaarheid,
)

from . import replay_interventies, replay_positionering
from .canonical import formatteer_tijdstip
from .poorten import bezwaren_tegen_vertrek
from .replay_typen import Momentopname, Reducer
from .wereldtijd import Schending, eis, is_streng

# Facts that may be recorded about a closed case: reopening it, and who may read it.
NA_AFRONDING = frozenset(
    {
        GebeurtenisType.STATUS_GEWIJZIGD.value,
        GebeurtenisType.LIDMAATSCHAP_TOEGEVOEGD.value,
        GebeurtenisType.LIDMAATSCHAP_GEWIJZIGD.value,
        GebeurtenisType.LIDMAATSCHAP_BEEINDIGD.value,
    }
)


def label(keuzes: Any, waarde: Any) -> str:
    """The label of a choice in a sentence; the code itself when it is not (or no longer) one."""
    try:
        return str(keuzes(waarde).label).lower()
    except ValueError:
        return str(waarde)


def _geopend(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["bestuursproces"] = copy.deepcopy(e.payload["bestuursproces"])
    staat["bestuursproces"]["geopendOp"] = formatteer_tijdstip(e.tijdstip)
    staat["_tijden"]["stadiumSinds"] = e.tijdstip


def _gewijzigd(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["bestuursproces"].update(copy.deepcopy(e.payload["wijzigingen"]))


def _opening_vervroegd(staat: Momentopname, e: Gebeurtenis) -> None:
    # The event stands at the new opening; the opening event itself keeps its place first.
    staat["bestuursproces"]["geopendOp"] = e.payload["naar"]
    staat["_tijden"]["stadiumSinds"] = e.tijdstip


def _status(staat: Momentopname, e: Gebeurtenis) -> None:
    eis(
        staat["bestuursproces"]["status"] == e.payload["van"],
        lambda: (
            _("het bestuursproces was toen %(toen)s, niet %(van)s")
            % {
                "toen": label(Status, staat["bestuursproces"]["status"]),
                "van": label(Status, e.payload["van"]),
            }
        ),
    )
    staat["bestuursproces"]["status"] = e.payload["naar"]
    staat["bestuursproces"]["uitkomst"] = e.payload["uitkomst"]


def _idee(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["idee"] = copy.deepcopy(e.payload["idee"])
    # Versions recorded before idee-eigenaren could be spelers have no such list.
    staat["idee"].setdefault("eigenaarSpelers", [])


def _stadium(staat: Momentopname, e: Gebeurtenis) -> None:
    overgang = copy.deepcopy(e.payload["overgang"])
    huidig = staat["bestuursproces"]["stadium"]
    eis(
        huidig == overgang["van"],
        lambda: (
            _("het bestuursproces was toen %(toen)s, niet %(van)s")
            % {"toen": label(Stadium, huidig), "van": label(Stadium, overgang["van"])}
        ),
    )
    if overgang["richting"] == Richting.VOORUIT and not overgang["geforceerd"] and is_streng():
        bezwaren = bezwaren_tegen_vertrek(staat, overgang["van"], overgang["naar"])
        eis(not bezwaren, lambda: " ".join(bezwaren))
    staat["bestuursproces"]["stadium"] = overgang["naar"]
    staat["_tijden"]["stadiumSinds"] = e.tijdstip
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
        partij = staat[verzameling][wijziging["partij"]]
        eis(
            partij["betrokkenheid"] == wijziging["van"],
            lambda: (
                _("%(naam)s was toen %(toen)s, niet %(van)s")
                % {
                    "naam": partij["naam"],
                    "toen": label(Betrokkenheid, partij["betrokkenheid"]),
                    "van": label(Betrokkenheid, wijziging["van"]),
                }
            ),
        )
        partij["betrokkenheid"] = wijziging["naar"]

    return reducer


def _notitie(staat: Momentopname, e: Gebeurtenis) -> None:
    staat["notities"].append(copy.deepcopy(e.payload["notitie"]))


def _stap_gestart(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = copy.deepcopy(e.payload["stap"])
    if stap.get("heropent"):
        _stap(staat, stap["heropent"], Fase.GECONSOLIDEERD, _("Een stap heropenen"))
    stap.update({"opties": {}, "consolidatie": None, "instemmingen": {}})
    staat["wyberstappen"][stap["uuid"]] = stap


def _stap(staat: Momentopname, uuid: str, fase: str | None, wat: str) -> dict[str, Any]:
    stap: dict[str, Any] = staat["wyberstappen"][uuid]
    eis(
        fase is None or stap["fase"] == fase,
        lambda: (
            _("%(wat)s kan alleen tijdens %(fase)s; stap %(nummer)s was toen in %(toen)s")
            % {
                "wat": wat,
                "fase": label(Fase, fase),
                "nummer": stap["volgnummer"],
                "toen": label(Fase, stap["fase"]),
            }
        ),
    )
    return stap


def _fase(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = _stap(
        staat,
        e.payload["stap"],
        e.payload["van"],
        _("Naar %(fase)s gaan") % {"fase": label(Fase, e.payload["naar"])},
    )
    if e.payload["naar"] == Fase.CONVERGEREN:
        eis(bool(stap["opties"]), lambda: _("er waren toen nog geen opties ingebracht"))
    if e.payload["naar"] == Fase.CONSOLIDEREN:
        statussen = [optie["status"] for optie in stap["opties"].values()]
        eis(Optie.Status.GEKOZEN in statussen, lambda: _("er was toen nog geen optie gekozen"))
        eis(Optie.Status.OPEN not in statussen, lambda: _("er waren toen nog open opties"))
    stap["fase"] = e.payload["naar"]
    if e.payload["naar"] == Fase.GECONSOLIDEERD:
        staat["_tijden"]["geconsolideerdOp"][stap["uuid"]] = e.tijdstip


def _optie_ingebracht(staat: Momentopname, e: Gebeurtenis) -> None:
    optie = copy.deepcopy(e.payload["optie"])
    stap = _stap(staat, e.payload["stap"], Fase.DIVERGEREN, _("Een optie inbrengen"))
    stap["opties"][optie["uuid"]] = optie


def _optie_besloten(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = _stap(staat, e.payload["stap"], Fase.CONVERGEREN, _("Over een optie besluiten"))
    optie = stap["opties"][e.payload["optie"]]
    optie.update({k: e.payload[k] for k in ("status", "reden", "samengevoegdIn")})


def _consolidatie(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = _stap(staat, e.payload["stap"], Fase.CONSOLIDEREN, _("Een consolidatie vastleggen"))
    stap["consolidatie"] = copy.deepcopy(e.payload["consolidatie"])
    for instemming in e.payload["instemmingen"]:
        stap["instemmingen"][instemming["uuid"]] = copy.deepcopy(instemming)


def _instemming(staat: Momentopname, e: Gebeurtenis) -> None:
    instemming = copy.deepcopy(e.payload["instemming"])
    stap = _stap(staat, e.payload["stap"], Fase.CONSOLIDEREN, _("Een instemming vastleggen"))
    stap["instemmingen"][instemming["uuid"]] = instemming


def _instemmers(staat: Momentopname, e: Gebeurtenis) -> None:
    stap = _stap(staat, e.payload["stap"], Fase.CONSOLIDEREN, _("De vereiste instemmers wijzigen"))
    instemmingen = stap["instemmingen"]
    for instemming in e.payload["toegevoegd"]:
        instemmingen[instemming["uuid"]] = copy.deepcopy(instemming)
    for weg in e.payload["verwijderd"]:
        del instemmingen[weg]


REDUCERS: dict[GebeurtenisType, Reducer] = {
    GebeurtenisType.BESTUURSPROCES_GEOPEND: _geopend,
    GebeurtenisType.BESTUURSPROCES_GEWIJZIGD: _gewijzigd,
    GebeurtenisType.OPENING_VERVROEGD: _opening_vervroegd,
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
        # What the rules of the fold need besides the state; not part of the result.
        "_tijden": {"stadiumSinds": None, "geconsolideerdOp": {}},
    }


def vouw(
    gebeurtenissen: Iterable[Gebeurtenis], zichtbaar: frozenset[str] | None = None
) -> Momentopname:
    """Fold events (in world-time order) into the raw state reducers work on.

    In a strict fold (:func:`~cases.events.wereldtijd.streng_vouwen`) the first fact that does
    not fit the case as it stood at its moment raises :class:`Schending` naming it.
    """
    staat = lege_staat()
    try:
        for gebeurtenis in gebeurtenissen:
            if zichtbaar is None or zichtbaarheid_van(gebeurtenis) in zichtbaar:
                try:
                    _pas_toe(staat, gebeurtenis)
                except Schending as schending:
                    schending.gebeurtenis = gebeurtenis
                    raise
            staat["volgnummer"] = max(staat["volgnummer"], gebeurtenis.volgnummer)
    finally:
        # A fold stopped by a broken rule leaves a streaming read half done: end it now, in
        # this transaction, rather than when the generator is collected after the connection.
        sluit = getattr(gebeurtenissen, "close", None)
        if sluit is not None:
            sluit()
    return staat


def _pas_toe(staat: Momentopname, gebeurtenis: Gebeurtenis) -> None:
    proces = staat["bestuursproces"]
    eis(
        proces is None or proces["status"] != Status.AFGEROND or gebeurtenis.type in NA_AFRONDING,
        lambda: _("het bestuursproces was toen afgerond"),
    )
    try:
        REDUCERS[GebeurtenisType(gebeurtenis.type)](staat, gebeurtenis)
    except (KeyError, TypeError) as fout:
        if not is_streng():
            raise
        raise Schending(_("het verwijst naar iets dat toen nog niet bestond")) from fout


def rond_af(staat: Momentopname) -> Momentopname | None:
    """The raw state in the shape of :func:`cases.selectors.huidige_toestand`."""
    staat.pop("_tijden", None)
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


def herbouw(
    gebeurtenissen: Iterable[Gebeurtenis], zichtbaar: frozenset[str] | None = None
) -> Momentopname | None:
    """Fold events (in world-time order) into a state; None when the case was not opened yet.

    With ``zichtbaar`` only events at those visibility levels are folded: the case as a viewer
    with that role may see it (the latest assessment they may see is their current one).
    ``volgnummer`` is the highest volgnummer read, so it says how far the log was read.
    """
    return rond_af(vouw(gebeurtenissen, zichtbaar))
