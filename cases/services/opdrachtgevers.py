"""The opdrachtgevende veld (book ch. 10): opdrachtgevers and the regisseur's reading of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.events import Actor, append_event
from cases.events.payloads import (
    OPDRACHTGEVER_VELDEN,
    opdrachtgever_gegevens,
    opdrachtgeverbeoordeling_gegevens,
)
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, valideer, vergrendel
from ._wijzigen import bewaar_beoordeling, eis_organisatie_van, open_beoordeling, wijzig_partij


def _gegevens(opdrachtgever: Opdrachtgever) -> dict[str, Any]:
    organisatie = opdrachtgever.organisatie
    return opdrachtgever_gegevens(opdrachtgever, organisatie.uuid if organisatie else None)


@in_transactie
def registreer_opdrachtgever(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    rol: str,
    organisatie: Organisatie | None = None,
    expliciete_opdracht: str = "",
    formeel_besluit_nodig: bool = True,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Opdrachtgever:
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    eis_organisatie_van(bestuursproces, organisatie)
    opdrachtgever = Opdrachtgever(
        bestuursproces=bestuursproces,
        naam=naam,
        rol=rol,
        organisatie=organisatie,
        expliciete_opdracht=expliciete_opdracht,
        formeel_besluit_nodig=formeel_besluit_nodig,
        betrokkenheid=Betrokkenheid.NOG_TE_BETREKKEN,
    )
    valideer(opdrachtgever)
    opdrachtgever.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="opdrachtgever.geregistreerd",
        actor=actor,
        tijdstip=tijdstip,
        toelichting=toelichting,
        payload={"opdrachtgever": _gegevens(opdrachtgever)},
    )
    return opdrachtgever


@in_transactie
def wijzig_opdrachtgever(
    *,
    actor: Actor,
    opdrachtgever: Opdrachtgever,
    wijzigingen: dict[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Opdrachtgever:
    return wijzig_partij(
        actor=actor,
        partij=opdrachtgever,
        wijzigingen=wijzigingen,
        toelichting=toelichting,
        toegestaan=set(OPDRACHTGEVER_VELDEN.values()),
        gegevens=_gegevens,
        type="opdrachtgever.gewijzigd",
        sleutel="opdrachtgever",
        tijdstip=tijdstip,
    )


@in_transactie
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
    kader = open_beoordeling(
        actor=actor, partij=opdrachtgever, zichtbaarheid=zichtbaarheid, tijdstip=tijdstip
    )
    return bewaar_beoordeling(
        actor=actor,
        beoordeling=OpdrachtgeverBeoordeling(
            opdrachtgever=opdrachtgever,
            mandaat=mandaat,
            stevigheid=stevigheid,
            steun=steun,
            onderling_vertrouwen=onderling_vertrouwen,
            open_rekeningen=open_rekeningen,
            impliciete_opdracht=impliciete_opdracht,
            **kader.velden(toelichting=toelichting, zichtbaarheid=zichtbaarheid),
        ),
        type="opdrachtgever.beoordeeld",
        sleutel="opdrachtgever",
        partij=opdrachtgever,
        gegevens=opdrachtgeverbeoordeling_gegevens,
    )
