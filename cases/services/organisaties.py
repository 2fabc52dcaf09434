"""The organisations behind spelers and opdrachtgevers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import ORGANISATIE_VELDEN, organisatie_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Organisatie
from procesregie.transacties import in_transactie

from ._common import eis_open, valideer, vergrendel
from ._wijzigen import pas_velden_toe


def _eis_unieke_naam(bestuursproces_id: int, naam: str, pk: int | None = None) -> None:
    dubbel = Organisatie.objects.filter(bestuursproces_id=bestuursproces_id, naam__iexact=naam)
    if pk is not None:
        dubbel = dubbel.exclude(pk=pk)
    if dubbel.exists():
        raise OngeldigeInvoer(
            {
                "naam": [
                    ("unique", gettext("Dit bestuursproces kent al een organisatie met deze naam."))
                ]
            }
        )


@in_transactie
def registreer_organisatie(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    soort: str,
    eigen_gemeente: bool = False,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Organisatie:
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    organisatie = Organisatie(
        bestuursproces=bestuursproces, naam=naam, soort=soort, eigen_gemeente=eigen_gemeente
    )
    # Before valideer(): its check of the unique constraint is case-sensitive and reports
    # under __all__; this one reports any spelling of an existing name under naam.
    _eis_unieke_naam(bestuursproces.pk, naam)
    valideer(organisatie)
    organisatie.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="organisatie.geregistreerd",
        actor=actor,
        tijdstip=tijdstip,
        toelichting=toelichting,
        payload={"organisatie": organisatie_gegevens(organisatie)},
    )
    return organisatie


@in_transactie
def wijzig_organisatie(
    *,
    actor: Actor,
    organisatie: Organisatie,
    wijzigingen: dict[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Organisatie:
    bestuursproces = vergrendel(organisatie.bestuursproces_id)
    eis_open(bestuursproces, tijdstip)
    organisatie = Organisatie.objects.get(pk=organisatie.pk)
    if "naam" in wijzigingen:
        _eis_unieke_naam(bestuursproces.pk, wijzigingen["naam"], organisatie.pk)
    gewijzigd, vorige = pas_velden_toe(
        organisatie,
        wijzigingen,
        toegestaan=set(ORGANISATIE_VELDEN.values()),
        gegevens=organisatie_gegevens,
    )
    if gewijzigd:
        append_event(
            bestuursproces=bestuursproces,
            type="organisatie.gewijzigd",
            actor=actor,
            toelichting=toelichting,
            tijdstip=tijdstip,
            payload={
                "organisatie": str(organisatie.uuid),
                "wijzigingen": gewijzigd,
                "vorigeWaarden": vorige,
            },
        )
    return organisatie
