"""The whole case as one document: read from the tables, or rebuilt from the log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.events import herbouw
from cases.events.payloads import (
    bestuursproces_gegevens,
    idee_gegevens,
    lidmaatschap_gegevens,
    notitie_gegevens,
    opdrachtgever_gegevens,
    opdrachtgeverbeoordeling_gegevens,
    organisatie_gegevens,
    speler_gegevens,
    spelerbeoordeling_gegevens,
    stadiumovergang_gegevens,
)
from cases.events.replay import op_naam
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Notitie, Zichtbaarheid

from . import interventies, partijen, positionering
from .besluiten import afspraken_toestand, besluiten_toestand, bijeenkomsten_toestand
from .bestuursprocessen import (
    eigenaar_spelers,
    gebeurtenissen,
    huidig_idee,
    lidmaatschappen,
    stadiumovergangen,
)
from .wyberen import wyberstap_toestand, wyberstappen

ALLES = frozenset(Zichtbaarheid.values)


def _met_beoordeling(gegevens: dict[str, Any], beoordeling: Any, vorm: Any) -> dict[str, Any]:
    return {**gegevens, "huidigeBeoordeling": vorm(beoordeling) if beoordeling else None}


def notitie_vorm(notitie: Notitie) -> dict[str, Any]:
    speler, opdrachtgever = notitie.speler, notitie.opdrachtgever
    return notitie_gegevens(
        notitie, speler.uuid if speler else None, opdrachtgever.uuid if opdrachtgever else None
    )


def huidige_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str] = ALLES
) -> dict[str, Any]:
    """The case read from its tables, in the shape replay produces, as a viewer sees it."""
    laatste = gebeurtenissen(bestuursproces).values_list("volgnummer", flat=True).last()
    idee = huidig_idee(bestuursproces)
    eigenaren = [str(speler.uuid) for speler in eigenaar_spelers(idee)] if idee else []
    return {
        "bestuursproces": bestuursproces_gegevens(
            bestuursproces, list(bestuursproces.besluitmomenten.all())
        ),
        "idee": idee_gegevens(idee, eigenaren) if idee else None,
        "lidmaatschappen": sorted(
            (lidmaatschap_gegevens(lid) for lid in lidmaatschappen(bestuursproces)),
            key=lambda lid: lid["gebruiker"],
        ),
        "stadiumovergangen": [
            stadiumovergang_gegevens(o) for o in stadiumovergangen(bestuursproces)
        ],
        "organisaties": op_naam(
            organisatie_gegevens(o) for o in partijen.organisaties(bestuursproces)
        ),
        "spelers": op_naam(
            _met_beoordeling(
                speler_gegevens(s, s.organisatie.uuid if s.organisatie else None),
                partijen.huidige_beoordeling(s),
                spelerbeoordeling_gegevens,
            )
            for s in partijen.spelers(bestuursproces, zichtbaar)
        ),
        "opdrachtgevers": op_naam(
            _met_beoordeling(
                opdrachtgever_gegevens(o, o.organisatie.uuid if o.organisatie else None),
                partijen.huidige_beoordeling(o),
                opdrachtgeverbeoordeling_gegevens,
            )
            for o in partijen.opdrachtgevers(bestuursproces, zichtbaar)
        ),
        "notities": [
            notitie_gegevens(
                n,
                n.speler.uuid if n.speler else None,
                n.opdrachtgever.uuid if n.opdrachtgever else None,
            )
            for n in partijen.notities(bestuursproces, zichtbaar)
        ],
        "wyberstappen": [wyberstap_toestand(stap) for stap in wyberstappen(bestuursproces)],
        "positioneringen": positionering.positioneringen_toestand(bestuursproces, zichtbaar),
        "procesontwerp": positionering.procesontwerp_toestand(bestuursproces),
        "interventies": interventies.interventies_toestand(bestuursproces, zichtbaar),
        "besluiten": besluiten_toestand(bestuursproces, zichtbaar),
        "afspraken": afspraken_toestand(bestuursproces, zichtbaar),
        "bijeenkomsten": bijeenkomsten_toestand(bestuursproces, zichtbaar),
        "volgnummer": laatste or 0,
    }


def momentopname(
    bestuursproces: Bestuursproces,
    tijdstip: dt.datetime,
    zichtbaar: frozenset[str] = ALLES,
    *,
    bekend_op: dt.datetime | None = None,
) -> dict[str, Any] | None:
    """The case as it stood at ``tijdstip`` (world time), rebuilt from its event log, as a
    viewer sees it: by everything recorded now, or by what had been recorded at ``bekend_op``.

    None when the case had not been opened at that moment (or was not known at ``bekend_op``).
    """
    staat = herbouw(geschiedenis(bestuursproces.pk, tot=tijdstip, bekend=bekend_op), zichtbaar)
    if staat is None or dt.datetime.fromisoformat(staat["bestuursproces"]["geopendOp"]) > tijdstip:
        return None
    return staat
