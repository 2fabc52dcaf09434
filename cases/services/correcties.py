"""Correcting when a fact happened: a new event, never an edit (issue 10 §3).

A regisseur who typed a wrong date (a stadium move on the 3rd that happened on the 13th, an
assessment from last spring entered as today) records the right moment with a reason. The
original stays in the chain; the history reads the fact at its corrected moment, checked
like a fact entered late: it must fit the case as it stood then and leave every later fact
valid, or the correction is refused (409) and nothing is written.

Facts whose moment is a field of their own (an interventie's datum, a positionering's sinds,
an instemming's beslotenOp) are corrected through that field; the opening is moved earlier
with ``geopendOp``; memberships are access, not history.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from cases.events import Actor, append_event, zichtbaarheid_van
from cases.events.canonical import formatteer_tijdstip
from cases.events.log import toets_moment
from cases.events.soorten import soort
from cases.events.wereldtijd import DATUMCORRECTIE, correcties
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Gebeurtenis
from procesregie.transacties import in_transactie

from ._common import eis_zichtbaar_voor_auteur, vergrendel
from ._leesmodellen import na_datumcorrectie


def _fout(veld: str, code: str, tekst: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, tekst)]})


@in_transactie
def corrigeer_datum(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    volgnummer: int,
    tijdstip: dt.datetime,
    toelichting: str,
) -> Gebeurtenis:
    """Record that the event ``volgnummer`` happened at ``tijdstip``; returns the correction."""
    if not toelichting.strip():
        raise _fout("toelichting", "required", gettext("Zeg waarom de datum niet klopte."))
    bestuursproces = vergrendel(bestuursproces, actor=actor)
    alle = Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
    feit = alle.filter(volgnummer=volgnummer).first()
    if feit is None:
        raise _fout("gebeurtenis", "does_not_exist", gettext("Deze gebeurtenis bestaat niet."))
    niveau = zichtbaarheid_van(feit)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, niveau)
    feitsoort = soort(feit.type)
    if not feitsoort.datum_corrigeerbaar:
        raise _fout(
            "gebeurtenis",
            "niet_corrigeerbaar",
            gettext(
                "De datum van '%(soort)s' corrigeer je niet zo: %(moment)s is een gegeven van "
                "het feit zelf, of het is geen feit van het proces."
            )
            % {"soort": feitsoort.label, "moment": feitsoort.moment},
        )
    tijdstip = toets_moment(bestuursproces, tijdstip)
    huidig = correcties(alle).get(volgnummer, feit.tijdstip)
    if tijdstip == huidig:
        raise _fout("tijdstip", "ongewijzigd", gettext("Dit is al het tijdstip van dit feit."))
    correctie = append_event(
        bestuursproces=bestuursproces,
        type=DATUMCORRECTIE,
        actor=actor,
        payload={
            "gebeurtenis": feit.volgnummer,
            "type": feit.type,
            "hash": feit.hash,
            "van": formatteer_tijdstip(huidig),
            "naar": formatteer_tijdstip(tijdstip),
        },
        toelichting=toelichting,
        # Who may not read the fact may not learn when it happened either.
        zichtbaarheid=niveau,
    )
    feitsoort.corrigeer_tabellen(feit, tijdstip)
    na_datumcorrectie(feit)
    return correctie
