"""The rules every interventie service checks: the cycle kiezen – doen – leren – beter with
its dates, and the relations (velden, parties, wyber-stap) of the same case.

See :mod:`cases.services.interventies` for the rules in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from cases.events.bundel import Bundel
from cases.events.payloads_interventies import interventie_gegevens
from cases.events.voorbereid import voeg_in
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Interventie,
    InterventieOpdrachtgever,
    InterventieSpeler,
    InterventieStatus,
    InterventieVeld,
    Opdrachtgever,
    Speler,
    WyberStap,
)
from instruments.models import INTERVENTIEVELDEN

from ._common import eis_open, valideer, vergrendel

S = InterventieStatus
Fouten = dict[str, list[tuple[str, str]]]

# --- the cycle's rules ------------------------------------------------------------------------


def vandaag_van(tijdstip: dt.datetime) -> dt.date:
    """The Dutch date of a moment: what "today" is for the event written at that moment."""
    return timezone.localdate(tijdstip)


DOEN = ("wat_gedaan", "uitgevoerd_op")
LEREN_EN_BETER = ("waargenomen_effect", "uitgepakt", "vervolg", "geevalueerd_op")


def controleer_cyclus(
    interventie: Interventie, bestuursproces: Bestuursproces, vandaag: dt.date
) -> Fouten:
    """What the status and the dates of an interventie must satisfy (see the module's doc)."""
    fouten: Fouten = {}
    status = interventie.status
    geopend = timezone.localdate(bestuursproces.geopend_op)
    if interventie.datum and interventie.datum < geopend:
        fouten["datum"] = [
            (
                "invalid",
                gettext("De datum ligt vóór de opening van het bestuursproces (%s).")
                % date_format(geopend, "j F Y"),
            )
        ]
    if status == S.GEPLAND:
        for veld in DOEN:
            if getattr(interventie, veld):
                fouten[veld] = [
                    (
                        "invalid",
                        gettext("Leg vast wat er is gedaan door de interventie uit te voeren."),
                    )
                ]
    if status != S.GEEVALUEERD:
        for veld in LEREN_EN_BETER:
            if getattr(interventie, veld):
                fouten[veld] = [
                    (
                        "invalid",
                        gettext("Effect, uitkomst en vervolg leg je vast door te evalueren."),
                    )
                ]
    if status in (S.UITGEVOERD, S.GEEVALUEERD):
        if not interventie.wat_gedaan.strip():
            fouten["wat_gedaan"] = [("required", gettext("Beschrijf wat er is gedaan."))]
        fouten.update(
            _tussen(
                "uitgevoerd_op",
                interventie.uitgevoerd_op,
                interventie.datum,
                vandaag,
                gettext("de datum van de interventie"),
            )
        )
    if status == S.GEEVALUEERD:
        if not interventie.waargenomen_effect.strip():
            fouten["waargenomen_effect"] = [
                ("required", gettext("Beschrijf het waargenomen effect."))
            ]
        if not interventie.uitgepakt:
            fouten["uitgepakt"] = [
                (
                    "required",
                    gettext("Geef aan of de interventie uitpakte zoals bedoeld (ja, deels, nee)."),
                )
            ]
        fouten.update(
            _tussen(
                "geevalueerd_op",
                interventie.geevalueerd_op,
                interventie.uitgevoerd_op,
                vandaag,
                gettext("de uitvoering"),
            )
        )
    return fouten


def _tussen(
    veld: str, datum: dt.date | None, vanaf: dt.date | None, vandaag: dt.date, wat: str
) -> Fouten:
    if datum is None:
        return {veld: [("required", gettext("Geef de datum."))]}
    if datum > vandaag:
        return {veld: [("invalid", gettext("Deze datum ligt in de toekomst."))]}
    if vanaf is not None and datum < vanaf:
        return {
            veld: [
                (
                    "invalid",
                    gettext("Deze datum ligt vóór %(wat)s (%(datum)s).")
                    % {"wat": wat, "datum": date_format(vanaf, "j F Y")},
                )
            ]
        }
    return {}


# --- checks on the relations -----------------------------------------------------------------


def velden_van(velden: Iterable[str], fouten: Fouten) -> list[str]:
    lijst = list(velden)
    if not lijst:
        fouten["velden"] = [
            ("required", gettext("Kies minstens één veld waarop de interventie zich richt."))
        ]
    elif onbekend := sorted({v for v in lijst if v not in INTERVENTIEVELDEN}):
        fouten["velden"] = [
            ("invalid_choice", gettext("Geen veld van het model: %s.") % ", ".join(onbekend))
        ]
    elif len(set(lijst)) != len(lijst):
        fouten["velden"] = [("unique", gettext("Noem elk veld maar één keer."))]
    return sorted(set(lijst))


def van_proces(
    naam: str, partijen: Iterable[Any], bestuursproces: Bestuursproces, fouten: Fouten
) -> list[Any]:
    lijst = list(partijen)
    if any(p.bestuursproces_id != bestuursproces.pk for p in lijst):
        fouten[naam] = [("does_not_exist", gettext("Hoort niet bij dit bestuursproces."))]
    elif len({p.pk for p in lijst}) != len(lijst):
        fouten[naam] = [("unique", gettext("Noem elke partij maar één keer."))]
    return lijst


def eis_wyberstap_van(
    stap: WyberStap | None, bestuursproces: Bestuursproces, fouten: Fouten
) -> None:
    if stap is not None and stap.bestuursproces_id != bestuursproces.pk:
        fouten["wyberstap"] = [
            ("does_not_exist", gettext("Deze wyber-stap hoort niet bij dit proces."))
        ]


def gegevens_van(
    interventie: Interventie,
    velden: Iterable[str],
    spelers: Iterable[Speler],
    opdrachtgevers: Iterable[Opdrachtgever],
) -> dict[str, Any]:
    return interventie_gegevens(
        interventie,
        velden=velden,
        spelers=[s.uuid for s in spelers],
        opdrachtgevers=[o.uuid for o in opdrachtgevers],
        strategie_code=interventie.strategie.code if interventie.strategie else None,
        instrument_uuid=interventie.instrument.uuid if interventie.instrument else None,
        wyberstap_uuid=interventie.wyberstap.uuid if interventie.wyberstap else None,
    )


GEGEVEN_RELATIES = ["bestuursproces", "auteur", "strategie", "instrument", "wyberstap"]


def koppel(
    interventie: Interventie,
    *,
    velden: list[str] | None = None,
    spelers: list[Speler] | None = None,
    opdrachtgevers: list[Opdrachtgever] | None = None,
) -> None:
    """Replace the linked velden, spelers or opdrachtgevers (those given) by the new lists."""
    proces = interventie.bestuursproces_id
    if velden is not None:
        InterventieVeld.objects.filter(interventie=interventie).delete()
        for veld in sorted(velden):
            voeg_in(InterventieVeld(bestuursproces_id=proces, interventie=interventie, veld=veld))
    if spelers is not None:
        InterventieSpeler.objects.filter(interventie=interventie).delete()
        InterventieSpeler.objects.bulk_create(
            InterventieSpeler(bestuursproces_id=proces, interventie=interventie, speler=s)
            for s in spelers
        )
    if opdrachtgevers is not None:
        InterventieOpdrachtgever.objects.filter(interventie=interventie).delete()
        InterventieOpdrachtgever.objects.bulk_create(
            InterventieOpdrachtgever(
                bestuursproces_id=proces, interventie=interventie, opdrachtgever=o
            )
            for o in opdrachtgevers
        )


def koppel_nieuw(
    interventie: Interventie,
    bundel: Bundel,
    *,
    velden: list[str],
    spelers: list[Speler],
    opdrachtgevers: list[Opdrachtgever],
) -> list[InterventieVeld]:
    """Link a new interventie to its velden, spelers and opdrachtgevers: their rows are
    queued in ``bundel``, written with the event (an interventie queued in the bundle as
    well gives them its key then). The veld rows come back, for :func:`houd_nieuw_vast`."""
    proces = interventie.bestuursproces_id
    rijen = [
        InterventieVeld(bestuursproces_id=proces, interventie=interventie, veld=veld)
        for veld in sorted(velden)
    ]
    koppelingen: list[models.Model] = [
        *rijen,
        *(
            InterventieSpeler(bestuursproces_id=proces, interventie=interventie, speler=s)
            for s in spelers
        ),
        *(
            InterventieOpdrachtgever(
                bestuursproces_id=proces, interventie=interventie, opdrachtgever=o
            )
            for o in opdrachtgevers
        ),
    ]
    for rij in koppelingen:
        voeg_in(rij, bundel=bundel)
    return rijen


def houd_nieuw_vast(
    interventie: Interventie,
    velden: list[InterventieVeld],
    spelers: list[Speler],
    opdrachtgevers: list[Opdrachtgever],
) -> None:
    """A new interventie, once written, holds what it was linked to as
    :func:`cases.selectors.interventies.interventies` would have prefetched it, so that
    nothing is read back to answer."""
    houd_vast(interventie, "velden", velden)
    houd_vast(interventie, "spelers", sorted(spelers, key=lambda s: s.uuid))
    houd_vast(interventie, "opdrachtgevers", sorted(opdrachtgevers, key=lambda o: o.uuid))
    interventie.zichtbare_reflecties = []  # type: ignore[attr-defined]


def houd_vast(interventie: Interventie, relatie: str, rijen: list[Any]) -> None:
    """Hold ``rijen`` as the prefetched rows of a relation of the interventie, the way
    ``prefetch_related`` stores them, so that ``interventie.<relatie>.all()`` reads nothing."""
    rijen_qs = getattr(interventie, relatie).all()
    rijen_qs._result_cache = list(rijen)
    rijen_qs._prefetch_done = True
    interventie._prefetched_objects_cache = {  # type: ignore[attr-defined]
        **getattr(interventie, "_prefetched_objects_cache", {}),
        relatie: rijen_qs,
    }


def laad(interventie: Interventie) -> tuple[Bestuursproces, Interventie]:
    """Lock the case (which serialises every write to its interventies) and re-read it."""
    bestuursproces = vergrendel(interventie.bestuursproces_id)
    eis_open(bestuursproces)
    vers = Interventie.objects.select_related("strategie", "instrument", "wyberstap", "auteur")
    return bestuursproces, vers.get(pk=interventie.pk)


def valideer_alles(
    interventie: Interventie, bestuursproces: Bestuursproces, vandaag: dt.date, fouten: Fouten
) -> None:
    """Every error at once: the model's own, the relations' (``fouten``) and the cycle's."""
    try:
        # The related rows are ones the service holds (locked, or resolved within this case):
        # checking that each exists would only read it again.
        valideer(interventie, exclude=GEGEVEN_RELATIES)
    except OngeldigeInvoer as fout:
        for veld, items in fout.fouten.items():
            fouten.setdefault(veld, items)
    for veld, items in controleer_cyclus(interventie, bestuursproces, vandaag).items():
        fouten.setdefault(veld, items)
    if fouten:
        raise OngeldigeInvoer(fouten)


def huidige_relaties(interventie: Interventie) -> tuple[list[str], list[Speler], list[Any]]:
    return (
        list(
            InterventieVeld.objects.filter(interventie=interventie).values_list("veld", flat=True)
        ),
        list(interventie.spelers.all()),
        list(interventie.opdrachtgevers.all()),
    )
