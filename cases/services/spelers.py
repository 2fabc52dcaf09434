"""The register of spelers and their dated assessments (book ch. 11–12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.events import Actor, append_event
from cases.events.payloads import SPELER_VELDEN, speler_gegevens, spelerbeoordeling_gegevens
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import (
    eis_open,
    valideer,
    vergrendel,
)
from ._wijzigen import bewaar_beoordeling, eis_organisatie_van, open_beoordeling, wijzig_partij


def _gegevens(speler: Speler) -> dict[str, Any]:
    return speler_gegevens(speler, speler.organisatie.uuid if speler.organisatie else None)


@in_transactie
def registreer_speler(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naam: str,
    soort: str,
    veld: str,
    rol_in_proces: str,
    organisatie: Organisatie | None = None,
    belang: str = "",
    belemmeringen: str = "",
    waarden: str = "",
    commitment: bool | None = None,
    symmetrie: bool | None = None,
    formeel_besluit_nodig: bool = True,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Speler:
    """Add a party to the register; it starts as 'nog te betrekken'."""
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    eis_organisatie_van(bestuursproces, organisatie)
    speler = Speler(
        bestuursproces=bestuursproces,
        naam=naam,
        soort=soort,
        organisatie=organisatie,
        veld=veld,
        rol_in_proces=rol_in_proces,
        belang=belang,
        belemmeringen=belemmeringen,
        waarden=waarden,
        commitment=commitment,
        formeel_besluit_nodig=formeel_besluit_nodig,
        symmetrie=symmetrie,
        betrokkenheid=Betrokkenheid.NOG_TE_BETREKKEN,
    )
    valideer(speler)
    speler.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="speler.geregistreerd",
        actor=actor,
        tijdstip=tijdstip,
        toelichting=toelichting,
        payload={"speler": _gegevens(speler)},
    )
    return speler


@in_transactie
def wijzig_speler(
    *,
    actor: Actor,
    speler: Speler,
    wijzigingen: dict[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Speler:
    """Change a speler's attributes. Standpunt, macht and the like are assessments, and
    betrokkenheid changes through its own actions; neither is edited here."""
    return wijzig_partij(
        actor=actor,
        partij=speler,
        wijzigingen=wijzigingen,
        toelichting=toelichting,
        toegestaan=set(SPELER_VELDEN.values()),
        gegevens=_gegevens,
        type="speler.gewijzigd",
        sleutel="speler",
        tijdstip=tijdstip,
    )


@in_transactie
def beoordeel_speler(
    *,
    actor: Actor,
    speler: Speler,
    standpunt: str,
    macht: str,
    invloed: int,
    vertrouwen: int,
    unieke_macht: bool = False,
    toelichting: str = "",
    zichtbaarheid: str = Zichtbaarheid.PROCES,
    tijdstip: dt.datetime | None = None,
) -> SpelerBeoordeling:
    """Record a dated assessment; it becomes the speler's current one for those who may see it."""
    kader = open_beoordeling(
        actor=actor, partij=speler, zichtbaarheid=zichtbaarheid, tijdstip=tijdstip
    )
    return bewaar_beoordeling(
        actor=actor,
        beoordeling=SpelerBeoordeling(
            speler=speler,
            standpunt=standpunt,
            macht=macht,
            unieke_macht=unieke_macht,
            invloed=invloed,
            vertrouwen=vertrouwen,
            **kader.velden(toelichting=toelichting, zichtbaarheid=zichtbaarheid),
        ),
        type="speler.beoordeeld",
        sleutel="speler",
        partij=speler,
        gegevens=spelerbeoordeling_gegevens,
    )
