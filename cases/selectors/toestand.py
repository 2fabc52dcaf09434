"""The whole case as one document: read from the tables, or rebuilt from the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

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
from cases.events.replay import op_naam, rond_af
from cases.events.standen import vouw_tot
from cases.events.wereldtijd import is_laat
from cases.models import ALLE_NIVEAUS, Bestuursproces, Notitie, Zichtbaarheid

from . import interventies, partijen, positionering
from .besluiten import afspraken_toestand, besluiten_toestand, bijeenkomsten_toestand
from .bestuursprocessen import (
    eigenaren_van,
    gebeurtenissen,
    huidig_idee,
    lidmaatschappen,
    stadiumovergangen,
)
from .documenten import documenten_toestand
from .wyberen import wyberstap_toestand, wyberstappen


def _met_beoordeling(gegevens: dict[str, Any], beoordeling: Any, vorm: Any) -> dict[str, Any]:
    return {**gegevens, "huidigeBeoordeling": vorm(beoordeling) if beoordeling else None}


def notitie_vorm(notitie: Notitie) -> dict[str, Any]:
    speler, opdrachtgever = notitie.speler, notitie.opdrachtgever
    return notitie_gegevens(
        notitie, speler.uuid if speler else None, opdrachtgever.uuid if opdrachtgever else None
    )


def huidige_toestand(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str] = ALLE_NIVEAUS,
    *,
    delen: frozenset[str] | None = None,
) -> dict[str, Any]:
    """The case read from its tables, in the shape replay produces, as a viewer sees it.

    With ``delen`` only those parts are read (with ``bestuursproces`` and ``volgnummer``
    always): a reader that needs the parties does not pay for the interventies.
    """
    lezers: dict[str, Callable[[], Any]] = {
        "idee": lambda: _idee(bestuursproces),
        "lidmaatschappen": lambda: sorted(
            (lidmaatschap_gegevens(lid) for lid in lidmaatschappen(bestuursproces)),
            key=lambda lid: lid["gebruiker"],
        ),
        "stadiumovergangen": lambda: [
            stadiumovergang_gegevens(o) for o in stadiumovergangen(bestuursproces)
        ],
        "organisaties": lambda: op_naam(
            organisatie_gegevens(o) for o in partijen.organisaties(bestuursproces)
        ),
        "spelers": lambda: op_naam(
            _met_beoordeling(
                speler_gegevens(s, s.organisatie.uuid if s.organisatie else None),
                partijen.huidige_beoordeling(s),
                spelerbeoordeling_gegevens,
            )
            for s in partijen.spelers(bestuursproces, zichtbaar)
        ),
        "opdrachtgevers": lambda: op_naam(
            _met_beoordeling(
                opdrachtgever_gegevens(o, o.organisatie.uuid if o.organisatie else None),
                partijen.huidige_beoordeling(o),
                opdrachtgeverbeoordeling_gegevens,
            )
            for o in partijen.opdrachtgevers(bestuursproces, zichtbaar)
        ),
        "notities": lambda: [
            notitie_gegevens(
                n,
                n.speler.uuid if n.speler else None,
                n.opdrachtgever.uuid if n.opdrachtgever else None,
            )
            for n in partijen.notities(bestuursproces, zichtbaar)
        ],
        "wyberstappen": lambda: [wyberstap_toestand(stap) for stap in wyberstappen(bestuursproces)],
        "positioneringen": lambda: positionering.positioneringen_toestand(
            bestuursproces, zichtbaar
        ),
        "procesontwerp": lambda: positionering.procesontwerp_toestand(bestuursproces),
        "interventies": lambda: interventies.interventies_toestand(bestuursproces, zichtbaar),
        "documenten": lambda: documenten_toestand(bestuursproces, zichtbaar),
        "besluiten": lambda: besluiten_toestand(bestuursproces, zichtbaar),
        "afspraken": lambda: afspraken_toestand(bestuursproces, zichtbaar),
        "bijeenkomsten": lambda: bijeenkomsten_toestand(bestuursproces, zichtbaar),
    }
    laatste = gebeurtenissen(bestuursproces).values_list("volgnummer", flat=True).last()
    toestand: dict[str, Any] = {
        "bestuursproces": {
            **bestuursproces_gegevens(bestuursproces, list(bestuursproces.besluitmomenten.all())),
            "uitkomstSoort": bestuursproces.uitkomst_soort,
            "vervolgUrl": bestuursproces.vervolg_url,
        }
    }
    toestand.update(
        {deel: lees() for deel, lees in lezers.items() if delen is None or deel in delen}
    )
    toestand["volgnummer"] = laatste or 0
    return toestand


def _idee(bestuursproces: Bestuursproces) -> dict[str, Any] | None:
    idee = huidig_idee(bestuursproces)
    if idee is None:
        return None
    uuids = {
        soort: [str(partij.uuid) for partij in partijen]
        for soort, partijen in eigenaren_van(idee).items()
    }
    return idee_gegevens(
        idee,
        uuids["speler"],
        eigenaar_opdrachtgevers=uuids["opdrachtgever"],
        eigenaar_organisaties=uuids["organisatie"],
    )


def momentopname(
    bestuursproces: Bestuursproces,
    tijdstip: dt.datetime,
    zichtbaar: frozenset[str] = ALLE_NIVEAUS,
    *,
    bekend_op: dt.datetime | None = None,
    delen: frozenset[str] | None = None,
) -> dict[str, Any] | None:
    """The case as it stood at ``tijdstip`` (world time), rebuilt from its event log, as a
    viewer sees it: by everything recorded now, or by what had been recorded at ``bekend_op``.

    None when the case had not been opened at that moment (or was not known at ``bekend_op``).

    ``delen`` names the parts the caller reads (all by default); a fold has them all anyway.

    When nothing in the case happened after ``tijdstip`` (asked for "now", the usual case) the
    tables give the same answer at a cost that does not grow with the log: the services keep
    them at the end of the history in the same transaction as each event, and the replay
    property test holds them equal to the fold for every visibility level.
    """
    # A viewer without even the open level folds nothing, not even the opening: the fold says so.
    if (
        bekend_op is None
        and Zichtbaarheid.PROCES in zichtbaar
        and not is_laat(bestuursproces.pk, tijdstip)
    ):
        # Read afresh: the caller's instance may predate a write (the fold never used it).
        vers = Bestuursproces.objects.get(pk=bestuursproces.pk)
        if vers.geopend_op > tijdstip:
            return None
        return huidige_toestand(vers, zichtbaar, delen=delen)
    # From the nearest stored stand of the fold before the moment (never with bekend_op).
    staat = rond_af(
        vouw_tot(bestuursproces.pk, tot=tijdstip, zichtbaar=zichtbaar, bekend=bekend_op)
    )
    if staat is None or dt.datetime.fromisoformat(staat["bestuursproces"]["geopendOp"]) > tijdstip:
        return None
    return staat
