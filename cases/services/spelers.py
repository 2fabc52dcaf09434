"""The register of spelers and their dated assessments (book ch. 11–12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.events import Actor, append_event
from cases.events.payloads import SPELER_VELDEN, speler_gegevens, spelerbeoordeling_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    GebeurtenisType,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Zichtbaarheid,
)

from ._common import (
    eis_open,
    eis_zichtbaar_voor_auteur,
    gebruiker_van,
    valideer,
    vergrendel,
)
from ._wijzigen import pas_velden_toe


def eis_organisatie_van(bestuursproces: Bestuursproces, organisatie: Organisatie | None) -> None:
    if organisatie is not None and organisatie.bestuursproces_id != bestuursproces.pk:
        raise OngeldigeInvoer(
            {"organisatie": [("does_not_exist", "Deze organisatie hoort niet bij dit proces.")]}
        )


def _gegevens(speler: Speler) -> dict[str, Any]:
    return speler_gegevens(speler, speler.organisatie.uuid if speler.organisatie else None)


@transaction.atomic
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
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Speler:
    """Add a party to the register; it starts as 'nog te betrekken'."""
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
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
        symmetrie=symmetrie,
        betrokkenheid=Betrokkenheid.NOG_TE_BETREKKEN,
    )
    valideer(speler)
    speler.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type=GebeurtenisType.SPELER_GEREGISTREERD,
        actor=actor,
        tijdstip=tijdstip,
        toelichting=toelichting,
        payload={"speler": _gegevens(speler)},
    )
    return speler


@transaction.atomic
def wijzig_speler(
    *, actor: Actor, speler: Speler, wijzigingen: dict[str, Any], toelichting: str = ""
) -> Speler:
    """Change a speler's attributes. Standpunt, macht and the like are assessments, and
    betrokkenheid changes through its own actions; neither is edited here."""
    bestuursproces = vergrendel(speler.bestuursproces_id)
    eis_open(bestuursproces)
    speler = Speler.objects.select_related("organisatie").get(pk=speler.pk)
    if "organisatie" in wijzigingen:
        eis_organisatie_van(bestuursproces, wijzigingen["organisatie"])
    gewijzigd, vorige = pas_velden_toe(
        speler,
        wijzigingen,
        toegestaan={*SPELER_VELDEN.values(), "organisatie"},
        gegevens=_gegevens,
    )
    if gewijzigd:
        append_event(
            bestuursproces=bestuursproces,
            type=GebeurtenisType.SPELER_GEWIJZIGD,
            actor=actor,
            toelichting=toelichting,
            payload={"speler": str(speler.uuid), "wijzigingen": gewijzigd, "vorigeWaarden": vorige},
        )
    return speler


@transaction.atomic
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
    bestuursproces = vergrendel(speler.bestuursproces_id)
    eis_open(bestuursproces)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    nu = tijdstip or timezone.now()
    beoordeling = SpelerBeoordeling(
        bestuursproces=bestuursproces,
        speler=speler,
        standpunt=standpunt,
        macht=macht,
        unieke_macht=unieke_macht,
        invloed=invloed,
        vertrouwen=vertrouwen,
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
        type=GebeurtenisType.SPELER_BEOORDEELD,
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        zichtbaarheid=zichtbaarheid,
        payload={
            "speler": str(speler.uuid),
            "beoordeling": spelerbeoordeling_gegevens(beoordeling),
        },
    )
    return beoordeling
