"""The shared shapes of edits and assessments: validate, compare, save, say what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)

from ._common import (
    eis_open,
    eis_zichtbaar_voor_auteur,
    gebruiker_van,
    valideer,
    vergrendel,
)
from ._leesmodellen import beoordeling_vastgelegd
from ._wereldtijd import is_laat, leg_over, stand_op

if TYPE_CHECKING:
    from django.contrib.auth.models import User

M = TypeVar("M", bound=models.Model)
B = TypeVar("B", SpelerBeoordeling, OpdrachtgeverBeoordeling)


def pas_velden_toe(
    instance: M,
    wijzigingen: Mapping[str, Any],
    *,
    toegestaan: set[str],
    gegevens: Callable[[M], dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply attribute changes and save them; return (changed, previous) in payload keys.

    Nothing is saved when nothing changed; the caller appends its event only if something did.
    """
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise OngeldigeInvoer(
            {
                veld: [("read_only", gettext("Dit veld kan hier niet worden gewijzigd."))]
                for veld in onbekend
            }
        )
    voor = gegevens(instance)
    for attr, waarde in wijzigingen.items():
        setattr(instance, attr, waarde)
    valideer(instance)
    na = gegevens(instance)
    gewijzigd = {sleutel: na[sleutel] for sleutel in na if na[sleutel] != voor[sleutel]}
    if gewijzigd:
        instance.save(update_fields=list(wijzigingen))
    return gewijzigd, {sleutel: voor[sleutel] for sleutel in gewijzigd}


P = TypeVar("P", Speler, Opdrachtgever)


def wijzig_partij(
    *,
    actor: Actor,
    partij: P,
    wijzigingen: Mapping[str, Any],
    toelichting: str,
    toegestaan: set[str],
    gegevens: Callable[[P], dict[str, Any]],
    type: str,
    sleutel: str,
    tijdstip: dt.datetime | None = None,
) -> P:
    """Edit a speler or opdrachtgever: lock, check, apply, and say what changed (if anything)."""
    bestuursproces = vergrendel(partij.bestuursproces_id)
    eis_open(bestuursproces, tijdstip)
    partij = type_van(partij).objects.select_related("organisatie").get(pk=partij.pk)
    if "organisatie" in wijzigingen:
        eis_organisatie_van(bestuursproces, wijzigingen["organisatie"])
    gewijzigd, vorige = pas_velden_toe(
        partij, wijzigingen, toegestaan={*toegestaan, "organisatie"}, gegevens=gegevens
    )
    if gewijzigd:
        append_event(
            bestuursproces=bestuursproces,
            type=type,
            actor=actor,
            toelichting=toelichting,
            tijdstip=tijdstip,
            payload={sleutel: str(partij.uuid), "wijzigingen": gewijzigd, "vorigeWaarden": vorige},
        )
    return partij


def type_van(partij: P) -> type[P]:
    return partij.__class__


def eis_organisatie_van(bestuursproces: Bestuursproces, organisatie: Organisatie | None) -> None:
    if organisatie is not None and organisatie.bestuursproces_id != bestuursproces.pk:
        raise OngeldigeInvoer(
            {
                "organisatie": [
                    ("does_not_exist", gettext("Deze organisatie hoort niet bij dit proces."))
                ]
            }
        )


@dataclass(frozen=True)
class Beoordelingskader:
    """What every assessment records besides its content: case, stadium, author, moment."""

    bestuursproces: Bestuursproces
    auteur: User
    tijdstip: dt.datetime

    def velden(self, *, toelichting: str, zichtbaarheid: str) -> dict[str, Any]:
        return {
            "bestuursproces": self.bestuursproces,
            "stadium": self.bestuursproces.stadium,
            "auteur": self.auteur,
            "tijdstip": self.tijdstip,
            "toelichting": toelichting,
            "zichtbaarheid": zichtbaarheid,
        }


def open_beoordeling(
    *, actor: Actor, partij: Speler | Opdrachtgever, zichtbaarheid: str, tijdstip: Any
) -> Beoordelingskader:
    """Lock the case and check that this author may record an assessment at this level."""
    bestuursproces = vergrendel(partij.bestuursproces_id, actor=actor)
    eis_open(bestuursproces, tijdstip)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    if is_laat(bestuursproces, tijdstip):
        leg_over(stand_op(bestuursproces, tijdstip), bestuursproces)  # the stadium it was in
    return Beoordelingskader(bestuursproces, gebruiker_van(actor), tijdstip or timezone.now())


def bewaar_beoordeling(
    *,
    actor: Actor,
    beoordeling: B,
    type: str,
    sleutel: str,
    partij: Speler | Opdrachtgever,
    gegevens: Callable[[B], dict[str, Any]],
) -> B:
    """Validate and save an assessment with its event, at the assessment's own visibility."""
    valideer(beoordeling)
    beoordeling.save(force_insert=True)
    append_event(
        bestuursproces=beoordeling.bestuursproces,
        type=type,
        actor=actor,
        toelichting=beoordeling.toelichting,
        tijdstip=beoordeling.tijdstip,
        zichtbaarheid=beoordeling.zichtbaarheid,
        payload={sleutel: str(partij.uuid), "beoordeling": gegevens(beoordeling)},
    )
    beoordeling_vastgelegd(beoordeling, partij)
    return beoordeling
