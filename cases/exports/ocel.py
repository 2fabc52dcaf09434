"""OCEL 2.0 (JSON) for object-centric process mining: every event with the objects it is about.

A bestuursproces is a process of many parties and objects at once; one trace per case (XES)
hides that. Here each event is related, with a qualifier, to the objects its type's
registration names (:meth:`cases.events.soorten.Soort.objecten`): the case, stadia,
wyber-stappen, options, spelers, opdrachtgevers, organisaties, interventies. What an event
changes of an object (a standpunt, a betrokkenheid, a phase, a status) becomes a dated object
attribute (:meth:`~cases.events.soorten.Soort.wijzigingen`), so pm4py and other OCEL tools can
follow, say, an interventie from gepland to geëvalueerd.

Time is world time (a corrected moment where a correction says so); the recording time, the
volgnummer, the type code and the hash go along as event attributes. Events the viewer may not
read are left out and counted on the case object (``afgeschermdeGebeurtenissen``): leaving
out which objects they touch is what keeps them confidential.

Events stream at constant memory; the objects, which are few beside the events, are gathered
while streaming and written after them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    gecorrigeerde_momenten,
)

MEDIA_TYPE = "application/json"
JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

# The attributes every event carries besides its type and time.
GEBEURTENISKENMERKEN = [
    {"name": "volgnummer", "type": "integer"},
    {"name": "type", "type": "string"},
    {"name": "actor", "type": "string"},
    {"name": "geregistreerd", "type": "time"},
    {"name": "hash", "type": "string"},
]


class Objecten:
    """The objects met while streaming, with their dated attribute values."""

    def __init__(self, zaak: str) -> None:
        self.zaak = zaak
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
        self.objecten.setdefault(sleutel, {"id": sleutel, "type": objecttype, "attributes": []})
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
    e: Gebeurtenis, relaties: list[Relatie], tijd: str, objecten: Objecten, weergave: Weergave
) -> dict[str, Any]:
    gezien: set[tuple[str, str]] = set()
    verbanden = []
    for relatie in relaties:
        sleutel = objecten.ken(relatie.objecttype, relatie.id)
        if (sleutel, relatie.rol) not in gezien:
            gezien.add((sleutel, relatie.rol))
            verbanden.append({"objectId": sleutel, "qualifier": relatie.rol})
    return {
        "id": f"{objecten.zaak}:{e.volgnummer}",
        "type": weergave.label(e.type),
        "time": tijd,
        "attributes": [
            {"name": "volgnummer", "value": e.volgnummer},
            {"name": "type", "value": e.type},
            {"name": "actor", "value": e.actor_gebruikersnaam or "onbekend"},
            {"name": "geregistreerd", "value": _tijd(e.geregistreerd, weergave)},
            {"name": "hash", "value": e.hash},
        ],
        "relationships": verbanden,
    }


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    weergave = Weergave()
    objecten = Objecten(str(opdracht.bestuursproces.uuid))
    gecorrigeerd = gecorrigeerde_momenten(opdracht)
    typen: dict[str, str] = {}
    afgeschermd = 0
    yield '{"events":['
    scheiding = ""
    for rij in opdracht.rijen():
        e = gebeurtenis_van_rij(rij)
        if not leesbaar(e, opdracht.zichtbaar):
            afgeschermd += 1
            continue
        soort = soorten.soort(e.type)
        tijd = _tijd(gecorrigeerd.get(e.volgnummer, e.tijdstip), weergave)
        relaties = [Relatie("bestuursproces", DEZE_ZAAK, "bestuursproces"), *soort.objecten(e)]
        for wijziging in soort.wijzigingen(e):
            objecten.wijzig(wijziging, tijd)
        typen[weergave.label(e.type)] = e.type
        yield scheiding + JSON.encode(_gebeurtenis(e, relaties, tijd, objecten, weergave))
        scheiding = ","
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
    yield '],"objects":['
    yield ",".join(JSON.encode(o) for o in objecten.objecten.values())
    yield '],"eventTypes":'
    yield JSON.encode(
        [{"name": naam, "attributes": GEBEURTENISKENMERKEN} for naam in sorted(typen)]
    )
    yield ',"objectTypes":'
    yield JSON.encode(
        [
            {
                "name": objecttype,
                "attributes": [
                    {"name": naam, "type": soort} for naam, soort in sorted(kenmerken.items())
                ],
            }
            for objecttype, kenmerken in sorted(objecten.kenmerken.items())
        ]
    )
    yield "}\n"


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
