"""A case with content at every visibility level, and exports of it as a role sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import Exportopdracht, bereid_voor
from cases.models import Bestuursproces, Zichtbaarheid
from tests.factories import actor_voor, open_proces

# Strings that may only appear in an export made with the regisseur's visibility.
GEHEIM_NOTITIE = "GEHEIM-notitie-9c1e"
GEHEIM_INTERVENTIE = "GEHEIM-interventie-9c1e"
GEHEIM_TOELICHTING = "GEHEIM-toelichting-9c1e"
GEHEIMEN = (GEHEIM_NOTITIE, GEHEIM_INTERVENTIE, GEHEIM_TOELICHTING)
# Events above the evaluator's level in the dossier: the notitie, the positionering (kernteam),
# and the two events of the confidential interventie.
AFGESCHERMD_VOOR_EVALUATOR = 4


def opdracht_voor(bestuursproces: Bestuursproces, rol: str | None) -> Exportopdracht:
    """An export as ``rol`` sees the case (None: everything), of the case as it is now."""
    zichtbaar = Zichtbaarheid.voor_rol(rol) if rol else frozenset(Zichtbaarheid.values)
    actueel = Bestuursproces.objects.get(pk=bestuursproces.pk)
    return bereid_voor(actueel, exporteur=rol, rol=rol, kanaal="test", zichtbaar=zichtbaar)


def exporteer(bestuursproces: Bestuursproces, formaat: str, rol: str | None = None) -> bytes:
    return b"".join(FORMATEN[formaat].schrijver(opdracht_voor(bestuursproces, rol)))


@pytest.fixture
def dossier(regisseur: Any) -> Bestuursproces:
    """A case that went through a bit of everything, with confidential parts."""
    begin = timezone.now() - dt.timedelta(days=30)
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Herinrichting Havenkwartier", tijdstip=begin)
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        commitment=True,
        tijdstip=begin + dt.timedelta(days=1),
    )
    services.beoordeel_speler(
        actor=actor,
        speler=speler,
        standpunt="voorstander",
        macht="productiemacht",
        invloed=4,
        vertrouwen=4,
        toelichting="Trekt de kar",
        tijdstip=begin + dt.timedelta(days=2),
    )
    services.wijzig_betrokkenheid(
        actor=actor,
        partij=speler,
        actie="aansluiten",
        reden="Sluit aan bij de kerngroep",
        tijdstip=begin + dt.timedelta(days=3),
    )
    services.maak_notitie(
        actor=actor,
        bestuursproces=proces,
        tekst=GEHEIM_NOTITIE,
        zichtbaarheid="regisseur",
        speler=speler,
        tijdstip=begin + dt.timedelta(days=4),
    )
    services.kies_positionering(
        actor=actor,
        bestuursproces=proces,
        veld="verbindende",
        positie="faciliteren",
        sinds=timezone.localdate(begin + dt.timedelta(days=5)),
        tijdstip=begin + dt.timedelta(days=5),
    )
    open_interventie = services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel="Keukentafelgesprekken",
        datum=timezone.localdate(begin + dt.timedelta(days=6)),
        velden=["verbindende"],
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="Vertrouwen tussen de partijen",
        status="uitgevoerd",
        wat_gedaan="Drie gesprekken gevoerd",
        zichtbaarheid="proces",
        tijdstip=begin + dt.timedelta(days=6),
    )
    services.evalueer_interventie(
        actor=actor,
        interventie=open_interventie,
        waargenomen_effect="Partijen spreken elkaar weer",
        uitgepakt="ja",
        tijdstip=begin + dt.timedelta(days=7),
    )
    geheim = services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel=GEHEIM_INTERVENTIE,
        datum=timezone.localdate(begin + dt.timedelta(days=8)),
        velden=["opdrachtgevende"],
        niveau="individu",
        aangrijpingspunt="gevoel",
        zwaarte="zwaar",
        beoogd_effect="De wethouder over de streep",
        status="uitgevoerd",
        wat_gedaan="Een-op-een gesprek",
        zichtbaarheid="regisseur",
        toelichting=GEHEIM_TOELICHTING,
        tijdstip=begin + dt.timedelta(days=8),
    )
    services.evalueer_interventie(
        actor=actor,
        interventie=geheim,
        waargenomen_effect="Twijfel blijft",
        uitgepakt="deels",
        tijdstip=begin + dt.timedelta(days=9),
    )
    services.start_wyberstap(
        actor=actor,
        bestuursproces=proces,
        doel="Kiezen waar de kade komt",
        tijdstip=begin + dt.timedelta(days=10),
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Draagvlak bij de kerngroep",
        forceren=True,
        tijdstip=begin + dt.timedelta(days=12),
    )
    return proces
