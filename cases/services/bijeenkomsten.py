"""Bijeenkomsten: sessions, overleggen and gesprekken with who was invited and who came
(issue 14).

A bijeenkomst recorded afterwards is a fact on its own date (``datum``, world time; not in
the future). Its deelnemers are spelers, opdrachtgevers or other people by name, each invited,
present or both. Agenda, verslag, deelnemers and the interventies done in it may be changed
afterwards (``bijeenkomst.gewijzigd``, the earlier values kept in the event); its visibility
never. An interventie done in it may not be less visible than the bijeenkomst itself.

A bijeenkomst may also be recorded ahead of time (``gepland``, at the moment the plan is
recorded, on a date today or later) with whom it invites; nobody is present yet and there is
no verslag. Later it is marked gehouden (:func:`markeer_bijeenkomst_gehouden`, on the day it
was held: not in the future, not before it was planned) with its attendance and verslag, or
geannuleerd with a reason (:func:`annuleer_bijeenkomst`). A cancelled one changes no more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_besluiten import annulering_gegevens, bijeenkomst_gegevens
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Bestuursproces,
    Bijeenkomst,
    Bijeenkomstsoort,
    BijeenkomstStatus,
    Deelnemer,
    Interventie,
    Opdrachtgever,
    Speler,
    WyberStap,
)
from cases.models.partijvelden import Partij, partij_van
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
from ._partijen import eis_precies_een, eis_van_proces
from .afspraken import moment_op_datum
from .besluiten import eis_zichtbaar_binnen

# What wijzig_bijeenkomst may change.
WIJZIGBAAR = {"titel", "waar", "agenda", "verslag", "deelnemers", "interventies"}


@dataclass(frozen=True)
class DeelnemerInvoer:
    """A speler, an opdrachtgever or a name; invited, present or both."""

    speler: Speler | None = None
    opdrachtgever: Opdrachtgever | None = None
    naam: str = ""
    uitgenodigd: bool = True
    aanwezig: bool = False

    @classmethod
    def van(cls, partij: Partij | None, **rest: Any) -> DeelnemerInvoer:
        """The deelnemer that is ``partij`` (a speler or opdrachtgever)."""
        return cls(**Deelnemer.partijvelden(partij), **rest)


def _fout(veld: str, code: str, melding: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, melding)]})


def _deelnemers(
    bestuursproces: Bestuursproces, bijeenkomst: Bijeenkomst, invoer: Iterable[DeelnemerInvoer]
) -> list[Deelnemer]:
    rijen, gezien = [], set()
    for index, d in enumerate(invoer):
        veld = f"deelnemers.{index}"
        if d.aanwezig and bijeenkomst.status == BijeenkomstStatus.GEPLAND:
            raise _fout(
                veld,
                "nog_niet_gehouden",
                gettext(
                    "Een geplande bijeenkomst heeft nog geen aanwezigen; die leg je vast "
                    "wanneer ze is gehouden."
                ),
            )
        partij = partij_van(d)
        eis_van_proces(bestuursproces, veld, partij)
        eis_precies_een(
            veld,
            "een_deelnemer",
            gettext("Geef een speler, een opdrachtgever of een naam."),
            d.speler,
            d.opdrachtgever,
            d.naam.strip(),
        )
        if not (d.uitgenodigd or d.aanwezig):
            raise _fout(
                veld, "uitgenodigd_of_aanwezig", gettext("Uitgenodigd, aanwezig of allebei.")
            )
        sleutel = (type(partij).__name__, partij.pk) if partij else ("naam", d.naam.strip())
        if sleutel in gezien:
            raise _fout(veld, "dubbel", gettext("Deze deelnemer staat er al in."))
        gezien.add(sleutel)
        rijen.append(
            Deelnemer(
                bijeenkomst=bijeenkomst,
                speler=d.speler,
                opdrachtgever=d.opdrachtgever,
                naam=d.naam.strip(),
                uitgenodigd=d.uitgenodigd,
                aanwezig=d.aanwezig,
                volgorde=index,
            )
        )
    return rijen


def _interventies(
    bestuursproces: Bestuursproces, zichtbaarheid: str, interventies: Iterable[Interventie]
) -> list[Interventie]:
    lijst = list(interventies)
    for interventie in lijst:
        eis_van_proces(bestuursproces, "interventies", interventie)
        eis_zichtbaar_binnen("interventies", interventie.zichtbaarheid, zichtbaarheid)
    return lijst


def _opslaan(
    bijeenkomst: Bijeenkomst, deelnemers: list[Deelnemer], interventies: list[Interventie]
) -> None:
    Deelnemer.objects.filter(bijeenkomst=bijeenkomst).delete()
    Deelnemer.objects.bulk_create(deelnemers)
    bijeenkomst.interventies.set(interventies)


@in_transactie
def leg_bijeenkomst_vast(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    titel: str,
    soort: Bijeenkomstsoort,
    datum: dt.date,
    zichtbaarheid: str,
    waar: str = "",
    agenda: str = "",
    verslag: str = "",
    wyberstap: WyberStap | None = None,
    interventies: Iterable[Interventie] = (),
    deelnemers: Iterable[DeelnemerInvoer] = (),
    toelichting: str = "",
    gepland: bool = False,
) -> Bijeenkomst:
    """Record a bijeenkomst held on ``datum`` with its deelnemers (``bijeenkomst.vastgelegd``);
    with ``gepland`` one still to come, on ``datum`` today or later, recorded now with whom it
    invites (``bijeenkomst.gepland``)."""
    if not titel.strip():
        raise _fout("titel", "blank", gettext("Een bijeenkomst heeft een titel."))
    bestuursproces = vergrendel(bestuursproces)
    if gepland:
        moment = timezone.now()
        _eis_toekomstig(datum)
        if verslag.strip():
            raise _fout(
                "verslag",
                "nog_niet_gehouden",
                gettext("Het verslag volgt wanneer de bijeenkomst is gehouden."),
            )
    else:
        moment = moment_op_datum(bestuursproces, datum, "datum")
    eis_open(bestuursproces, moment)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    eis_van_proces(bestuursproces, "wyberstap", wyberstap)
    bijeenkomst = Bijeenkomst(
        bestuursproces=bestuursproces,
        titel=titel,
        soort=soort,
        datum=datum,
        waar=waar,
        agenda=agenda,
        verslag=verslag,
        wyberstap=wyberstap,
        status=BijeenkomstStatus.GEPLAND if gepland else BijeenkomstStatus.GEHOUDEN,
        gepland_op=moment if gepland else None,
        zichtbaarheid=zichtbaarheid,
        vastgelegd_door=gebruiker_van(actor),
    )
    valideer(bijeenkomst)
    gekoppeld = _interventies(bestuursproces, zichtbaarheid, interventies)
    rijen = _deelnemers(bestuursproces, bijeenkomst, deelnemers)
    bijeenkomst.save(force_insert=True)
    _opslaan(bijeenkomst, rijen, gekoppeld)
    append_event(
        bestuursproces=bestuursproces,
        type="bijeenkomst.gepland" if gepland else "bijeenkomst.vastgelegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=zichtbaarheid,
        payload={"bijeenkomst": bijeenkomst_gegevens(bijeenkomst, rijen, gekoppeld)},
    )
    return bijeenkomst


@in_transactie
def wijzig_bijeenkomst(
    *,
    actor: Actor,
    bijeenkomst: Bijeenkomst,
    wijzigingen: Mapping[str, Any],
    toelichting: str = "",
) -> Bijeenkomst:
    """Change titel, waar, agenda, verslag, deelnemers (a whole new list of DeelnemerInvoer)
    or interventies (a whole new list); nothing changed is no event."""
    onbekend = set(wijzigingen) - WIJZIGBAAR
    if onbekend:
        raise OngeldigeInvoer(
            {
                veld: [("read_only", gettext("Dit veld kan hier niet worden gewijzigd."))]
                for veld in sorted(onbekend)
            }
        )
    bestuursproces = vergrendel(bijeenkomst.bestuursproces_id)
    eis_open(bestuursproces)
    bijeenkomst = Bijeenkomst.objects.select_related("soort", "wyberstap", "vastgelegd_door").get(
        pk=bijeenkomst.pk
    )
    _eis_niet_geannuleerd(bijeenkomst)
    if (
        bijeenkomst.status == BijeenkomstStatus.GEPLAND
        and str(wijzigingen.get("verslag", "")).strip()
    ):
        raise _fout(
            "verslag",
            "nog_niet_gehouden",
            gettext("Het verslag volgt wanneer de bijeenkomst is gehouden."),
        )
    oude_deelnemers = list(bijeenkomst.deelnemers.select_related("speler", "opdrachtgever"))
    oude_interventies = list(bijeenkomst.interventies.all())
    voor = bijeenkomst_gegevens(bijeenkomst, oude_deelnemers, oude_interventies)
    for veld in ("titel", "waar", "agenda", "verslag"):
        if veld in wijzigingen:
            setattr(bijeenkomst, veld, wijzigingen[veld])
    valideer(bijeenkomst)
    rijen = (
        _deelnemers(bestuursproces, bijeenkomst, wijzigingen["deelnemers"])
        if "deelnemers" in wijzigingen
        else oude_deelnemers
    )
    gekoppeld = (
        _interventies(bestuursproces, bijeenkomst.zichtbaarheid, wijzigingen["interventies"])
        if "interventies" in wijzigingen
        else oude_interventies
    )
    na = bijeenkomst_gegevens(bijeenkomst, rijen, gekoppeld)
    gewijzigd = {k: na[k] for k in na if na[k] != voor[k]}
    if not gewijzigd:
        return bijeenkomst
    bijeenkomst.save(update_fields=["titel", "waar", "agenda", "verslag"])
    if "deelnemers" in gewijzigd or "interventies" in gewijzigd:
        _opslaan(bijeenkomst, rijen, gekoppeld)
    append_event(
        bestuursproces=bestuursproces,
        type="bijeenkomst.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        zichtbaarheid=bijeenkomst.zichtbaarheid,
        payload={
            "bijeenkomst": str(bijeenkomst.uuid),
            "wijzigingen": gewijzigd,
            "vorigeWaarden": {k: voor[k] for k in gewijzigd},
        },
    )
    return bijeenkomst


def _eis_toekomstig(datum: dt.date) -> None:
    if datum < timezone.localdate():
        raise _fout(
            "datum",
            "verleden",
            gettext(
                "Een geplande bijeenkomst ligt vandaag of later; een bijeenkomst die al was, "
                "leg je vast als gehouden."
            ),
        )


def _eis_niet_geannuleerd(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.status == BijeenkomstStatus.GEANNULEERD:
        raise OngeldigeOvergang(
            gettext("Deze bijeenkomst is geannuleerd en verandert niet meer."),
            veld="status",
            code="bijeenkomst-geannuleerd",
        )


def _eis_gepland(bijeenkomst: Bijeenkomst) -> None:
    _eis_niet_geannuleerd(bijeenkomst)
    if bijeenkomst.status != BijeenkomstStatus.GEPLAND:
        raise OngeldigeOvergang(
            gettext("Deze bijeenkomst is al gehouden."),
            veld="status",
            code="bijeenkomst-gehouden",
        )


def _moment_na_planning(
    bestuursproces: Bestuursproces, bijeenkomst: Bijeenkomst, datum: dt.date, veld: str
) -> dt.datetime:
    """The moment of a planned bijeenkomst's day held or cancelled: not in the future, not
    before the day it was planned, and on that day not before the plan itself."""
    assert bijeenkomst.gepland_op is not None
    moment = moment_op_datum(bestuursproces, datum, veld)
    if datum < timezone.localdate(bijeenkomst.gepland_op):
        raise _fout(
            veld,
            "voor_planning",
            gettext("Deze datum ligt vóór de dag waarop de bijeenkomst werd gepland (%(datum)s).")
            % {"datum": formats.date_format(timezone.localtime(bijeenkomst.gepland_op))},
        )
    return max(moment, bijeenkomst.gepland_op)


@in_transactie
def markeer_bijeenkomst_gehouden(
    *,
    actor: Actor,
    bijeenkomst: Bijeenkomst,
    datum: dt.date | None = None,
    deelnemers: Iterable[DeelnemerInvoer] | None = None,
    verslag: str | None = None,
    interventies: Iterable[Interventie] | None = None,
    toelichting: str = "",
) -> Bijeenkomst:
    """A planned bijeenkomst was held on ``datum`` (default its planned date), with who came
    (``deelnemers``, a whole new list; default the invited ones, none present), its verslag
    and the interventies done in it. Appends ``bijeenkomst.gehouden`` on that day."""
    bestuursproces = vergrendel(bijeenkomst.bestuursproces_id)
    bijeenkomst = Bijeenkomst.objects.select_related("soort", "wyberstap", "vastgelegd_door").get(
        pk=bijeenkomst.pk
    )
    _eis_gepland(bijeenkomst)
    datum = datum or bijeenkomst.datum
    moment = _moment_na_planning(bestuursproces, bijeenkomst, datum, "datum")
    eis_open(bestuursproces, moment)
    bijeenkomst.status = BijeenkomstStatus.GEHOUDEN
    bijeenkomst.datum = datum
    if verslag is not None:
        bijeenkomst.verslag = verslag
    valideer(bijeenkomst)
    rijen = (
        _deelnemers(bestuursproces, bijeenkomst, deelnemers)
        if deelnemers is not None
        else list(bijeenkomst.deelnemers.select_related("speler", "opdrachtgever"))
    )
    gekoppeld = (
        _interventies(bestuursproces, bijeenkomst.zichtbaarheid, interventies)
        if interventies is not None
        else list(bijeenkomst.interventies.all())
    )
    bijeenkomst.save(update_fields=["status", "datum", "verslag"])
    if deelnemers is not None or interventies is not None:
        _opslaan(bijeenkomst, rijen, gekoppeld)
    append_event(
        bestuursproces=bestuursproces,
        type="bijeenkomst.gehouden",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=bijeenkomst.zichtbaarheid,
        payload={"bijeenkomst": bijeenkomst_gegevens(bijeenkomst, rijen, gekoppeld)},
    )
    return bijeenkomst


@in_transactie
def annuleer_bijeenkomst(
    *,
    actor: Actor,
    bijeenkomst: Bijeenkomst,
    reden: str,
    op: dt.date | None = None,
    toelichting: str = "",
) -> Bijeenkomst:
    """A planned bijeenkomst is cancelled on ``op`` (default today) for ``reden``. Appends
    ``bijeenkomst.geannuleerd`` on that day."""
    bestuursproces = vergrendel(bijeenkomst.bestuursproces_id)
    bijeenkomst = Bijeenkomst.objects.get(pk=bijeenkomst.pk)
    _eis_gepland(bijeenkomst)
    if not reden.strip():
        raise _fout("reden", "required", gettext("Geef de reden van de annulering."))
    op = op or timezone.localdate()
    moment = _moment_na_planning(bestuursproces, bijeenkomst, op, "op")
    eis_open(bestuursproces, moment)
    bijeenkomst.status = BijeenkomstStatus.GEANNULEERD
    bijeenkomst.geannuleerd_op = op
    bijeenkomst.reden_annulering = reden
    valideer(bijeenkomst)
    bijeenkomst.save(update_fields=["status", "geannuleerd_op", "reden_annulering"])
    append_event(
        bestuursproces=bestuursproces,
        type="bijeenkomst.geannuleerd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=bijeenkomst.zichtbaarheid,
        payload={"annulering": annulering_gegevens(bijeenkomst)},
    )
    return bijeenkomst
