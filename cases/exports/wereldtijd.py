"""When the events of an export happened, as the viewer may know it: the world time CSV, XES
and OCEL give (JSON Lines gives the chain as it was hashed, corrections as events of their
own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cases.events import soorten
from cases.events.vrijgave import als_zicht
from cases.events.wereldtijd import correcties_van, gecorrigeerd_feit
from cases.models import Gebeurtenis, Tijdlijnregel, Zichtbaarheid

from .gebeurtenissen import CHUNK, Exportopdracht, Rij


def gecorrigeerde_momenten(opdracht: Exportopdracht) -> dict[int, dt.datetime]:
    """Per volgnummer, the corrected moment of a fact the viewer may read (the latest
    correction counts): when it happened, for exports that give world time. The opening
    (volgnummer 1) stands at the moment it was moved to (``bestuursproces.opening_vervroegd``):
    the case began then, whatever date the file was opened with. One query."""
    bekend = Gebeurtenis.objects.filter(
        bestuursproces=opdracht.bestuursproces, volgnummer__lte=opdracht.kop_volgnummer
    ).order_by()
    rijen = (
        correcties_van(bekend).order_by("volgnummer").values_list("volgnummer", "type", "payload")
    )
    zicht = als_zicht(opdracht.zichtbaar)
    return {
        gecorrigeerd_feit(type_, p): dt.datetime.fromisoformat(p["naar"])
        for volgnummer, type_, p in rijen
        if zicht.niveau_van(volgnummer, p.get("zichtbaarheid", Zichtbaarheid.PROCES))
        in opdracht.zichtbaar
    }


def typen_met_eigen_datum() -> frozenset[str]:
    """The event types whose item stands on a date of its own (``Soort.eigen_datum``)."""
    return frozenset(code for code, soort in soorten.alle().items() if soort.eigen_datum)


@dataclass(frozen=True)
class Wereldtijd:
    """When the events of one export happened, as the viewer may know it.

    An event's world time is its ``tijdstip``, or the moment a correction the viewer may read
    moved it to (:func:`gecorrigeerde_momenten`). An item on a date of its own (an
    interventie's datum, uitgevoerdOp or geevalueerdOp, a besluit's datum, a positionering's
    sinds) also has that date, which the tijdlijn places it on: data of the item, which a later
    edit of the item moves, not the moment of the event. The exports give it beside the world
    time (``eigenDatum``). Only the dates that differ from the date of the event's world time
    are held (planned ahead, edited afterwards): few, like the corrections, whatever the size
    of the case.
    """

    gecorrigeerd: dict[int, dt.datetime]
    afwijkend: dict[int, dt.date]
    met_eigen_datum: frozenset[str]
    tijdzone: dt.tzinfo

    def moment(self, rij: Rij) -> dt.datetime:
        """When the event happened: its corrected moment, else its ``tijdstip``."""
        return self.gecorrigeerd.get(rij[0], rij[2])

    def voor_correctie(self, rij: Rij) -> dt.datetime | None:
        """The recorded ``tijdstip`` of a corrected event (the hash covers that one)."""
        return rij[2] if rij[0] in self.gecorrigeerd else None

    def eigen_datum(self, rij: Rij) -> dt.date | None:
        """The date the item stands on, for types with a date of their own; else None."""
        if rij[1] not in self.met_eigen_datum:
            return None
        datum = self.afwijkend.get(rij[0])
        return datum if datum is not None else self.moment(rij).astimezone(self.tijdzone).date()

    def eigen_begin(self, rij: Rij) -> dt.datetime | None:
        """:meth:`eigen_datum` as the start of that day (Dutch time), where the tijdlijn puts
        the item: for formats whose dates are moments (XES, OCEL)."""
        datum = self.eigen_datum(rij)
        if datum is None:
            return None
        return timezone.make_aware(dt.datetime.combine(datum, dt.time.min), self.tijdzone)


def wereldtijd(opdracht: Exportopdracht) -> Wereldtijd:
    """The :class:`Wereldtijd` of an export, in two queries: the corrections, and the own
    dates of the items the viewer may see on the tijdlijn (its read model keeps them as the
    tijdlijn shows them: the start of the date, as known at the end of the log)."""
    gecorrigeerd = gecorrigeerde_momenten(opdracht)
    met_eigen_datum = typen_met_eigen_datum()
    tijdzone = timezone.get_current_timezone()
    regels = (
        Tijdlijnregel.objects.filter(
            bestuursproces=opdracht.bestuursproces,
            volgnummer__lte=opdracht.kop_volgnummer,
            soort__in=sorted(met_eigen_datum),
            zichtbaarheid__in=sorted(opdracht.zichtbaar),
        )
        .order_by()
        .values_list("volgnummer", "tijdstip", "gebeurtenis__tijdstip")
        .iterator(chunk_size=CHUNK)
    )
    afwijkend: dict[int, dt.date] = {}
    for volgnummer, begin, tijdstip in regels:
        datum = timezone.localtime(begin, tijdzone).date()
        moment = gecorrigeerd.get(volgnummer, tijdstip)
        if datum != timezone.localtime(moment, tijdzone).date():
            afwijkend[volgnummer] = datum
    return Wereldtijd(gecorrigeerd, afwijkend, met_eigen_datum, tijdzone)
