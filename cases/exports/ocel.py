"""OCEL 2.0 (JSON) for object-centric process mining: every event with the objects it is about.

A bestuursproces is a process of many parties and objects at once; one trace per case (XES)
hides that. Here each event is related, with a qualifier, to the objects its type's
registration names (:meth:`cases.events.soorten.Soort.objecten`): the case, stadia,
wyber-stappen, options, spelers, opdrachtgevers, organisaties, interventies. What an event
changes of an object (a standpunt, a betrokkenheid, a phase, a status) becomes a dated object
attribute (:meth:`~cases.events.soorten.Soort.wijzigingen`), so pm4py and other OCEL tools can
follow, say, an interventie from gepland to geëvalueerd.

Time is world time (a corrected moment where a correction says so, the opening at the moment
it was moved to); the recording time, the volgnummer, the type code and the hash go along as
event attributes, and so do the recorded moment of a corrected event
(``tijdstipVoorCorrectie``) and, for an item on a date of its own (an interventie, a besluit,
a positionering), that date as the tijdlijn places it (``eigenDatum``, the start of the day;
see :class:`~.wereldtijd.Wereldtijd`). Events the viewer may not
read are left out and counted on the case object (``afgeschermdeGebeurtenissen``): leaving
out which objects they touch is what keeps them confidential.

Events stream at constant memory; the objects, which are few beside the events, are gathered
while streaming and written after them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from cases.events import soorten
from cases.events.soorten import DEZE_ZAAK, Objectwijziging, Relatie
from cases.events.vrijgave import leesbaar
from cases.models import Gebeurtenis

from .gebeurtenissen import (
    Exportopdracht,
    Weergave,
    gebeurtenis_van_rij,
    gebundeld,
)
from .wereldtijd import typen_met_eigen_datum, wereldtijd

MEDIA_TYPE = "application/json"
JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

# The attributes every event carries besides its type and time.
GEBEURTENISKENMERKEN = [
    {"name": "volgnummer", "type": "integer"},
    {"name": "type", "type": "string"},
    {"name": "actor", "type": "string"},
    {"name": "geregistreerd", "type": "time"},
    {"name": "hash", "type": "string"},
    # Only on a corrected event (the opening moved earlier, a date correction).
    {"name": "tijdstipVoorCorrectie", "type": "time"},
]
# Besides those, on the types whose item stands on a date of its own.
EIGEN_DATUM = {"name": "eigenDatum", "type": "time"}


class Objecten:
    """The objects met while streaming, with their dated attribute values.

    ``over_processen``: the export holds more than one case, so every object other than the
    case itself is related to its case (an OCEL object-to-object relationship).
    """

    def __init__(self, zaak: str, *, over_processen: bool = False) -> None:
        self.zaak = zaak
        self.over_processen = over_processen
        self.kenmerken: dict[str, dict[str, str]] = {}  # type → attribute → OCEL type
        self.objecten: dict[str, dict[str, Any]] = {}

    def id(self, objecttype: str, id: str) -> str:
        if id == DEZE_ZAAK and objecttype == "bestuursproces":
            id = self.zaak
        elif objecttype == "stadium":
            id = f"{self.zaak}:{id}"  # a stadium of this case, not the stadium in general
        return f"{objecttype}:{id}"

    def ken(self, objecttype: str, id: str) -> str:
        sleutel = self.id(objecttype, id)
        if sleutel not in self.objecten:
            object_: dict[str, Any] = {"id": sleutel, "type": objecttype, "attributes": []}
            if self.over_processen and objecttype != "bestuursproces":
                zaak = self.id("bestuursproces", DEZE_ZAAK)
                object_["relationships"] = [{"objectId": zaak, "qualifier": "bestuursproces"}]
            self.objecten[sleutel] = object_
        self.kenmerken.setdefault(objecttype, {})
        return sleutel

    def wijzig(self, wijziging: Objectwijziging, tijd: str) -> None:
        if wijziging.waarde is None:
            return
        sleutel = self.ken(wijziging.objecttype, wijziging.id)
        soort = "integer" if isinstance(wijziging.waarde, int) else "string"
        waarde = wijziging.waarde if soort == "integer" else str(wijziging.waarde)
        self.kenmerken[wijziging.objecttype].setdefault(wijziging.attribuut, soort)
        self.objecten[sleutel]["attributes"].append(
            {"name": wijziging.attribuut, "time": tijd, "value": waarde}
        )


def _tijd(waarde: Any, weergave: Weergave) -> str:
    return str(weergave.lokaal(waarde).isoformat())


def _gebeurtenis(
    e: Gebeurtenis,
    relaties: list[Relatie],
    tijd: str,
    objecten: Objecten,
    weergave: Weergave,
    extra: list[dict[str, Any]],
) -> dict[str, Any]:
    gezien: set[tuple[str, str]] = set()
    verbanden = []
    for relatie in relaties:
        sleutel = objecten.ken(relatie.objecttype, relatie.id)
        if (sleutel, relatie.rol) not in gezien:
            gezien.add((sleutel, relatie.rol))
            verbanden.append({"objectId": sleutel, "qualifier": relatie.rol})
    kenmerken = [
        {"name": "volgnummer", "value": e.volgnummer},
        {"name": "type", "value": e.type},
        {"name": "actor", "value": e.actor_gebruikersnaam or "onbekend"},
        {"name": "geregistreerd", "value": _tijd(e.geregistreerd, weergave)},
        {"name": "hash", "value": e.hash},
        *extra,
    ]
    if objecten.over_processen:
        kenmerken.append({"name": "bestuursproces", "value": objecten.zaak})
    return {
        "id": f"{objecten.zaak}:{e.volgnummer}",
        "type": weergave.label(e.type),
        "time": tijd,
        "attributes": kenmerken,
        "relationships": verbanden,
    }


def _gebeurtenissen(
    opdracht: Exportopdracht, objecten: Objecten, typen: dict[str, str], weergave: Weergave
) -> Iterator[str]:
    """The events of one case the viewer may read, each as its JSON text, gathering their
    objects in ``objecten`` and their types in ``typen``; then the withheld count on the case
    object."""
    tijden = wereldtijd(opdracht)
    afgeschermd = 0
    for rij in opdracht.rijen():
        e = gebeurtenis_van_rij(rij)
        if not leesbaar(e, opdracht.zichtbaar):
            afgeschermd += 1
            continue
        soort = soorten.soort(e.type)
        tijd = _tijd(tijden.moment(rij), weergave)
        extra = []
        if (voor_correctie := tijden.voor_correctie(rij)) is not None:
            extra.append(
                {"name": "tijdstipVoorCorrectie", "value": _tijd(voor_correctie, weergave)}
            )
        if (eigen := tijden.eigen_begin(rij)) is not None:
            extra.append({"name": "eigenDatum", "value": _tijd(eigen, weergave)})
        relaties = [Relatie("bestuursproces", DEZE_ZAAK, "bestuursproces"), *soort.objecten(e)]
        for wijziging in soort.wijzigingen(e):
            objecten.wijzig(wijziging, tijd)
        typen[weergave.label(e.type)] = e.type
        yield JSON.encode(_gebeurtenis(e, relaties, tijd, objecten, weergave, extra))
    objecten.wijzig(
        Objectwijziging("bestuursproces", DEZE_ZAAK, "afgeschermdeGebeurtenissen", afgeschermd),
        _tijd(opdracht.geexporteerd_op, weergave),
    )
    # What the viewer may not read, per section: withheld, not absent.
    for onderdeel, aantal in opdracht.afgeschermd_per_onderdeel.items():
        objecten.wijzig(
            Objectwijziging("bestuursproces", DEZE_ZAAK, f"afgeschermd:{onderdeel}", aantal),
            _tijd(opdracht.geexporteerd_op, weergave),
        )


def _typen(
    typen: dict[str, str], kenmerken: dict[str, dict[str, str]], *, over_processen: bool
) -> Iterator[str]:
    """The end of the objects array, then the event types and object types met."""
    gebeurteniskenmerken = GEBEURTENISKENMERKEN + (
        [{"name": "bestuursproces", "type": "string"}] if over_processen else []
    )
    met_eigen_datum = typen_met_eigen_datum()
    yield '],"eventTypes":'
    yield JSON.encode(
        [
            {
                "name": naam,
                "attributes": gebeurteniskenmerken
                + ([EIGEN_DATUM] if typen[naam] in met_eigen_datum else []),
            }
            for naam in sorted(typen)
        ]
    )
    yield ',"objectTypes":'
    yield JSON.encode(
        [
            {
                "name": objecttype,
                "attributes": [
                    {"name": naam, "type": soort} for naam, soort in sorted(attributen.items())
                ],
            }
            for objecttype, attributen in sorted(kenmerken.items())
        ]
    )
    yield "}\n"


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    weergave = Weergave()
    objecten = Objecten(str(opdracht.bestuursproces.uuid))
    typen: dict[str, str] = {}
    yield '{"events":['
    scheiding = ""
    for gebeurtenis in _gebeurtenissen(opdracht, objecten, typen, weergave):
        yield scheiding + gebeurtenis
        scheiding = ","
    yield '],"objects":['
    yield ",".join(JSON.encode(o) for o in objecten.objecten.values())
    yield from _typen(typen, objecten.kenmerken, over_processen=False)


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))


def _regels_over_processen(opdrachten: Sequence[Exportopdracht]) -> Iterator[str]:
    # Two passes over each case's events: the first writes them, the second (after all events)
    # gathers that case's objects again and writes them. So memory holds the objects of one
    # case at a time, not of all: the events are what is large, and they stream. Both passes
    # read up to the chain head fixed beforehand, so they read the same events.
    weergave = Weergave()
    typen: dict[str, str] = {}
    kenmerken: dict[str, dict[str, str]] = {}
    yield '{"events":['
    scheiding = ""
    for opdracht in opdrachten:
        objecten = Objecten(str(opdracht.bestuursproces.uuid), over_processen=True)
        for gebeurtenis in _gebeurtenissen(opdracht, objecten, typen, weergave):
            yield scheiding + gebeurtenis
            scheiding = ","
    yield '],"objects":['
    scheiding = ""
    for opdracht in opdrachten:
        objecten = Objecten(str(opdracht.bestuursproces.uuid), over_processen=True)
        for _ in _gebeurtenissen(opdracht, objecten, {}, weergave):
            pass
        for object_ in objecten.objecten.values():
            yield scheiding + JSON.encode(object_)
            scheiding = ","
        for objecttype, attributen in objecten.kenmerken.items():
            kenmerken.setdefault(objecttype, {}).update(attributen)
    yield from _typen(typen, kenmerken, over_processen=True)


def schrijf_over_processen(opdrachten: Sequence[Exportopdracht]) -> Iterator[bytes]:
    """One OCEL 2.0 document of several cases, each redacted as its own export would be.
    Object and event ids carry their case already (uuids, and ``<case>:<n>``); every event
    also names its case as the attribute ``bestuursproces`` and every object is related to
    its case object with the qualifier ``bestuursproces``."""
    return gebundeld(_regels_over_processen(opdrachten))
