"""Bijeenkomsten: sessions, overleggen and gesprekken with who was invited and who came
(issue 14).

A bijeenkomst is a fact on its own date (``datum``, world time; not in the future). Its
deelnemers are spelers, opdrachtgevers or other people by name, each invited, present or
both. Agenda, verslag, deelnemers and the interventies done in it may be changed afterwards
(``bijeenkomst.gewijzigd``, the earlier values kept in the event); its visibility never.
An interventie done in it may not be less visible than the bijeenkomst itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_besluiten import bijeenkomst_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Bijeenkomst,
    Bijeenkomstsoort,
    Deelnemer,
    Interventie,
    Opdrachtgever,
    Speler,
    WyberStap,
)

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
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


def _fout(veld: str, code: str, melding: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, melding)]})


def _deelnemers(
    bestuursproces: Bestuursproces, bijeenkomst: Bijeenkomst, invoer: Iterable[DeelnemerInvoer]
) -> list[Deelnemer]:
    rijen, gezien = [], set()
    for index, d in enumerate(invoer):
        veld = f"deelnemers.{index}"
        partij = d.speler or d.opdrachtgever
        if partij is not None and partij.bestuursproces_id != bestuursproces.pk:
            raise _fout(veld, "does_not_exist", gettext("Hoort niet bij dit proces."))
        if (d.speler is not None) + (d.opdrachtgever is not None) + bool(d.naam.strip()) != 1:
            raise _fout(
                veld, "een_deelnemer", gettext("Geef een speler, een opdrachtgever of een naam.")
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
        if interventie.bestuursproces_id != bestuursproces.pk:
            raise _fout("interventies", "does_not_exist", gettext("Hoort niet bij dit proces."))
        eis_zichtbaar_binnen("interventies", interventie.zichtbaarheid, zichtbaarheid)
    return lijst


def _opslaan(
    bijeenkomst: Bijeenkomst, deelnemers: list[Deelnemer], interventies: list[Interventie]
) -> None:
    Deelnemer.objects.filter(bijeenkomst=bijeenkomst).delete()
    Deelnemer.objects.bulk_create(deelnemers)
    bijeenkomst.interventies.set(interventies)


@transaction.atomic
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
) -> Bijeenkomst:
    """Record a bijeenkomst held on ``datum`` with its deelnemers."""
    if not titel.strip():
        raise _fout("titel", "blank", gettext("Een bijeenkomst heeft een titel."))
    bestuursproces = vergrendel(bestuursproces)
    moment = moment_op_datum(bestuursproces, datum, "datum")
    eis_open(bestuursproces, moment)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    if wyberstap is not None and wyberstap.bestuursproces_id != bestuursproces.pk:
        raise _fout("wyberstap", "does_not_exist", gettext("Hoort niet bij dit proces."))
    bijeenkomst = Bijeenkomst(
        bestuursproces=bestuursproces,
        titel=titel,
        soort=soort,
        datum=datum,
        waar=waar,
        agenda=agenda,
        verslag=verslag,
        wyberstap=wyberstap,
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
        type="bijeenkomst.vastgelegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=zichtbaarheid,
        payload={"bijeenkomst": bijeenkomst_gegevens(bijeenkomst, rijen, gekoppeld)},
    )
    return bijeenkomst


@transaction.atomic
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
