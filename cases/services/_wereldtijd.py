"""World time in the services: when a fact happened, and the case as it stood then.

A fact is recorded *in order* when nothing in the case happened after it: the tables hold the
case as it stands, and the service checks against them as always. A fact entered *late* (a
regisseur writing down what happened last spring) is checked against the case as it stood at
its moment: the service reads that from the history (:func:`stand_op`) and lays it over the
rows it checks, and ``append_event`` then folds the whole history strictly, so that the fact
also leaves every later fact valid. Afterwards :func:`synchroniseer` sets the tables to the
end of the history, which a late fact may or may not have changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.events import wereldtijd
from cases.events.log import toets_moment
from cases.events.replay_typen import Momentopname
from cases.events.standen import vouw_tot
from cases.models import (
    Bestuursproces,
    Interventie,
    Opdrachtgever,
    Optie,
    Organisatie,
    Speler,
    WyberStap,
)


def is_laat(bestuursproces: Bestuursproces, tijdstip: dt.datetime | None) -> bool:
    """Whether something in the case happened after ``tijdstip`` (None: now, never late).

    ``bestuursproces`` is the row the service locked: its latest moment is current (it only
    moves with the chain head, under that lock), so nothing is read."""
    if tijdstip is None:
        return False
    return wereldtijd.laat_na(bestuursproces.laatste_moment, tijdstip)


def stand_op(bestuursproces: Bestuursproces, tijdstip: dt.datetime) -> Momentopname:
    """The raw folded state of the whole case (every visibility) at ``tijdstip``; a moment
    in the future or before the opening is refused first (OngeldigeInvoer on tijdstip)."""
    toets_moment(bestuursproces, tijdstip)
    return vouw_tot(bestuursproces.pk, tot=tijdstip)


def leg_over(stand: Momentopname, *rijen: Any) -> None:
    """Lay the state at a moment over rows a service checks (in memory, never saved).

    Only the attributes that move over time are laid over: a stadium, a status, a
    betrokkenheid, a phase, an option's status.
    """
    for rij in rijen:
        if isinstance(rij, Bestuursproces):
            proces = stand["bestuursproces"]
            rij.stadium, rij.status, rij.uitkomst = (
                proces["stadium"],
                proces["status"],
                proces["uitkomst"],
            )
        elif isinstance(rij, Speler | Opdrachtgever):
            verzameling = "spelers" if isinstance(rij, Speler) else "opdrachtgevers"
            gegevens = stand[verzameling].get(str(rij.uuid))
            if gegevens is not None:
                rij.betrokkenheid = gegevens["betrokkenheid"]
        elif isinstance(rij, WyberStap):
            gegevens = stand["wyberstappen"].get(str(rij.uuid))
            if gegevens is not None:
                rij.fase = gegevens["fase"]


def _bijwerken(rij: Any, waarden: dict[str, Any]) -> None:
    gewijzigd = [attr for attr, waarde in waarden.items() if getattr(rij, attr) != waarde]
    for attr in gewijzigd:
        setattr(rij, attr, waarden[attr])
    if gewijzigd:
        rij.save(update_fields=gewijzigd)


def synchroniseer(bestuursproces: Bestuursproces, eind: Momentopname) -> None:
    """Set the rows' moving attributes to the end of the history (after a late fact)."""
    proces = eind["bestuursproces"]
    _bijwerken(
        Bestuursproces.objects.get(pk=bestuursproces.pk),
        {
            "stadium": proces["stadium"],
            "status": proces["status"],
            "uitkomst": proces["uitkomst"],
            "aanpak": proces["aanpak"],
            "titel": proces["titel"],
            "omschrijving": proces["omschrijving"],
        },
    )
    for model, verzameling in ((Speler, "spelers"), (Opdrachtgever, "opdrachtgevers")):
        for rij in model.objects.filter(bestuursproces=bestuursproces):
            gegevens = eind[verzameling].get(str(rij.uuid))
            if gegevens is not None:
                _bijwerken(
                    rij, {"betrokkenheid": gegevens["betrokkenheid"], "naam": gegevens["naam"]}
                )
    for organisatie in Organisatie.objects.filter(bestuursproces=bestuursproces):
        gegevens = eind["organisaties"].get(str(organisatie.uuid))
        if gegevens is not None:
            _bijwerken(organisatie, {"naam": gegevens["naam"]})
    for stap in WyberStap.objects.filter(bestuursproces=bestuursproces):
        gegevens = eind["wyberstappen"].get(str(stap.uuid))
        if gegevens is None:
            continue
        _bijwerken(stap, {"fase": gegevens["fase"]})
        for optie in Optie.objects.filter(stap=stap):
            optie_gegevens = gegevens["opties"].get(str(optie.uuid))
            if optie_gegevens is not None:
                _bijwerken(optie, {"status": optie_gegevens["status"]})
    for interventie in Interventie.objects.filter(bestuursproces=bestuursproces):
        gegevens = eind["interventies"].get(str(interventie.uuid))
        if gegevens is not None:
            _bijwerken(interventie, {"status": gegevens["status"]})
