"""The krachtenveld (book §10.2, ch. 11; seed 001): who stands where, with what power.

Both reads fold the event log with the viewer's visibility, so they answer for any moment and
never show an assessment the viewer may not see.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from cases.events.soorten import partijen, soort
from cases.events.vrijgave import als_zicht, leesbaar
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Macht, Standpunt

from .toestand import momentopname

PARTIJEN = frozenset({"spelers", "opdrachtgevers"})

# An opdrachtgever's power is its doorzettingsmacht within its own organisation (book §10.3);
# its stevigheid plays the part a speler's invloed plays.
DOORZETTINGSMACHT = "doorzettingsmacht"
STANDPUNT_VOLGORDE = [
    Standpunt.VOORSTANDER,
    Standpunt.AFWACHTEND,
    Standpunt.TEGENSTANDER,
    Standpunt.ONBEKEND,
]
MACHT_VOLGORDE = [
    Macht.PRODUCTIEMACHT,
    Macht.BLOKKADEMACHT,
    DOORZETTINGSMACHT,
    Macht.DIFFUSE_MACHT,
    Macht.GEEN,
]


def _speler(speler: dict[str, Any]) -> dict[str, Any]:
    b = speler["huidigeBeoordeling"]
    return {
        "soort": "speler",
        "uuid": speler["uuid"],
        "naam": speler["naam"],
        "veld": speler["veld"],
        "betrokkenheid": speler["betrokkenheid"],
        "invloed": b["invloed"] if b else None,
        "uniekeMacht": b["uniekeMacht"] if b else None,
        "beoordeeldOp": b["tijdstip"] if b else None,
    }


def _opdrachtgever(opdrachtgever: dict[str, Any]) -> dict[str, Any]:
    b = opdrachtgever["huidigeBeoordeling"]
    return {
        "soort": "opdrachtgever",
        "uuid": opdrachtgever["uuid"],
        "naam": opdrachtgever["naam"],
        "veld": "opdrachtgevende",
        "betrokkenheid": opdrachtgever["betrokkenheid"],
        "invloed": b["stevigheid"] if b else None,
        "uniekeMacht": None,
        "beoordeeldOp": b["tijdstip"] if b else None,
    }


def krachtenveld(
    bestuursproces: Bestuursproces,
    tijdstip: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> dict[str, Any] | None:
    """Parties at ``tijdstip`` grouped by standpunt and macht; None before the case existed.

    World time; with ``bekend_op`` by what had been recorded then."""
    staat = momentopname(bestuursproces, tijdstip, zichtbaar, bekend_op=bekend_op, delen=PARTIJEN)
    return None if staat is None else krachtenveld_uit_staat(staat)


def krachtenveld_uit_staat(staat: dict[str, Any]) -> dict[str, Any]:
    """The krachtenveld of a case document (its spelers and opdrachtgevers as a viewer sees
    them), for pages that have read the document already."""
    groepen: dict[tuple[str, str], list[dict[str, Any]]] = {}
    niet_beoordeeld: list[dict[str, Any]] = []
    for speler in staat["spelers"]:
        b = speler["huidigeBeoordeling"]
        if b is None:
            niet_beoordeeld.append(_speler(speler))
        else:
            groepen.setdefault((b["standpunt"], b["macht"]), []).append(_speler(speler))
    for opdrachtgever in staat["opdrachtgevers"]:
        b = opdrachtgever["huidigeBeoordeling"]
        if b is None:
            niet_beoordeeld.append(_opdrachtgever(opdrachtgever))
        else:
            groepen.setdefault((b["steun"], DOORZETTINGSMACHT), []).append(
                _opdrachtgever(opdrachtgever)
            )
    volgorde = sorted(
        groepen,
        key=lambda k: (STANDPUNT_VOLGORDE.index(k[0]), MACHT_VOLGORDE.index(k[1])),  # type: ignore[arg-type]
    )
    return {
        "volgnummer": staat["volgnummer"],
        "groepen": [
            {
                "standpunt": standpunt,
                "macht": macht,
                "partijen": sorted(
                    groepen[(standpunt, macht)],
                    key=lambda p: (-(p["invloed"] or 0), p["naam"], p["uuid"]),
                ),
            }
            for standpunt, macht in volgorde
        ],
        "nietBeoordeeld": niet_beoordeeld,
    }


def verschuivingen(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Who shifted standpunt (or steun) or betrokkenheid between ``van`` and ``tot``, and why,
    in the order it happened (world time; with ``bekend_op`` by what had been recorded then).

    A first assessment counts as a shift from ``None``: the party's position became known.
    """
    namen: dict[str, dict[str, str]] = {}
    standpunten: dict[str, str | None] = {}
    result: list[dict[str, Any]] = []

    def meld(e: Any, partij: str, aspect: str, oud: Any, nieuw: Any) -> None:
        if van is not None and e.tijdstip < van:
            return
        result.append(
            {
                "volgnummer": e.volgnummer,
                "tijdstip": e.tijdstip,
                "partij": namen.get(partij, {"uuid": partij, "naam": "", "soort": ""}),
                "aspect": aspect,
                "van": oud,
                "naar": nieuw,
                "toelichting": e.toelichting,
                "door": e.actor_gebruikersnaam,
                "doorNaam": e.actor_naam,
            }
        )

    # A read stopped by an error ends at once, inside the transaction.
    zicht = als_zicht(zichtbaar)  # released items too, loaded once
    with contextlib.closing(geschiedenis(bestuursproces.pk, tot=tot, bekend=bekend_op)) as reeks:
        for e in reeks:
            if not leesbaar(e, zicht):
                continue
            feit = soort(e.type)
            if isinstance(feit, partijen.Geregistreerd) and feit.partij != "organisatie":
                gegevens = e.payload[feit.partij]
                namen[gegevens["uuid"]] = {
                    "uuid": gegevens["uuid"],
                    "naam": gegevens["naam"],
                    "soort": feit.partij,
                }
            elif isinstance(feit, partijen.Gecorrigeerd) and feit.partij != "organisatie":
                if "naam" in e.payload["wijzigingen"]:
                    namen[e.payload[feit.partij]]["naam"] = e.payload["wijzigingen"]["naam"]
            elif isinstance(feit, partijen.Beoordeeld):
                partij = e.payload[feit.partij]
                nieuw = e.payload["beoordeling"][feit.standpunt]
                oud = standpunten.get(partij)
                standpunten[partij] = nieuw
                if nieuw != oud:
                    meld(e, partij, "standpunt", oud, nieuw)
            elif isinstance(feit, partijen.BetrokkenheidGewijzigd):
                w = e.payload["wijziging"]
                meld(e, w["partij"], "betrokkenheid", w["van"], w["naar"])
    return result
