"""The opdrachtgevende veld (book ch. 10): opdrachtgevers and the regisseur's reading of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.events import Actor, append_event
from cases.events.payloads import (
    OPDRACHTGEVER_VELDEN,
    opdrachtgever_gegevens,
    opdrachtgeverbeoordeling_gegevens,
)
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    GebeurtenisType,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Zichtbaarheid,
)

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
from ._wijzigen import pas_velden_toe
from .spelers import eis_organisatie_van


def _gegevens(opdrachtgever: Opdrachtgever) -> dict[str, Any]:
    organisatie = opdrachtgever.organisatie
    return opdrachtgever_gegevens(opdrachtgever, organisatie.uuid if organisatie else None)


@transaction.atomic
def registreer_opdrachtgever(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    rol: str,
    organisatie: Organisatie | None = None,
    expliciete_opdracht: str = "",
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Opdrachtgever:
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
    eis_organisatie_van(bestuursproces, organisatie)
    opdrachtgever = Opdrachtgever(
        bestuursproces=bestuursproces,
        naam=naam,
        rol=rol,
        organisatie=organisatie,
        expliciete_opdracht=expliciete_opdracht,
        betrokkenheid=Betrokkenheid.NOG_TE_BETREKKEN,
    )
    valideer(opdrachtgever)
    opdrachtgever.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type=GebeurtenisType.OPDRACHTGEVER_GEREGISTREERD,
        actor=actor,
        tijdstip=tijdstip,
        toelichting=toelichting,
        payload={"opdrachtgever": _gegevens(opdrachtgever)},
    )
    return opdrachtgever


@transaction.atomic
def wijzig_opdrachtgever(
    *,
    actor: Actor,
    opdrachtgever: Opdrachtgever,
    wijzigingen: dict[str, Any],
    toelichting: str = "",
) -> Opdrachtgever:
    bestuursproces = vergrendel(opdrachtgever.bestuursproces_id)
    eis_open(bestuursproces)
    opdrachtgever = Opdrachtgever.objects.select_related("organisatie").get(pk=opdrachtgever.pk)
    if "organisatie" in wijzigingen:
        eis_organisatie_van(bestuursproces, wijzigingen["organisatie"])
    gewijzigd, vorige = pas_velden_toe(
        opdrachtgever,
        wijzigingen,
        toegestaan={*OPDRACHTGEVER_VELDEN.values(), "organisatie"},
        gegevens=_gegevens,
    )
    if gewijzigd:
        append_event(
            bestuursproces=bestuursproces,
            type=GebeurtenisType.OPDRACHTGEVER_GEWIJZIGD,
            actor=actor,
            toelichting=toelichting,
            payload={
                "opdrachtgever": str(opdrachtgever.uuid),
                "wijzigingen": gewijzigd,
                "vorigeWaarden": vorige,
            },
        )
    return opdrachtgever


@transaction.atomic
def beoordeel_opdrachtgever(
    *,
    actor: Actor,
    opdrachtgever: Opdrachtgever,
    stevigheid: int,
    steun: str,
    onderling_vertrouwen: int,
    mandaat: str = "",
    open_rekeningen: str = "",
    impliciete_opdracht: str = "",
    toelichting: str = "",
    zichtbaarheid: str = Zichtbaarheid.REGISSEUR,
    tijdstip: dt.datetime | None = None,
) -> OpdrachtgeverBeoordeling:
    """Record how the regisseur reads an opdrachtgever now; regisseur-only unless opened up."""
    bestuursproces = vergrendel(opdrachtgever.bestuursproces_id)
    eis_open(bestuursproces)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    nu = tijdstip or timezone.now()
    beoordeling = OpdrachtgeverBeoordeling(
        bestuursproces=bestuursproces,
        opdrachtgever=opdrachtgever,
        mandaat=mandaat,
        stevigheid=stevigheid,
        steun=steun,
        onderling_vertrouwen=onderling_vertrouwen,
        open_rekeningen=open_rekeningen,
        impliciete_opdracht=impliciete_opdracht,
        toelichting=toelichting,
        zichtbaarheid=zichtbaarheid,
        stadium=bestuursproces.stadium,
        auteur=gebruiker_van(actor),
        tijdstip=nu,
    )
    valideer(beoordeling)
    beoordeling.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type=GebeurtenisType.OPDRACHTGEVER_BEOORDEELD,
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        zichtbaarheid=zichtbaarheid,
        payload={
            "opdrachtgever": str(opdrachtgever.uuid),
            "beoordeling": opdrachtgeverbeoordeling_gegevens(beoordeling),
        },
    )
    return beoordeling
