"""A case with content the evaluator cannot read yet, for the tests of releasing it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Interventie, Speler
from tests.factories import actor_voor, open_proces, voeg_leden_toe

# Strings that an evaluator may read only after they were released.
IN_STADIUM = "VRIJ-in-voorstelbaar-3f1a"
BUITEN_STADIUM = "GESLOTEN-zonder-stap-3f1a"
OORDEEL = "GESLOTEN-oordeel-3f1a"


@dataclass
class Vrijgavedossier:
    proces: Bestuursproces
    leden: dict[str, Any]
    in_stadium: list[Interventie]
    buiten_stadium: Interventie
    speler: Speler


def vrijgavedossier(regisseur: Any) -> Vrijgavedossier:
    """Three kernteam interventies of voorstelbaar (two in a step of it, one dated in it), a
    kernteam assessment and positionering; then the case moves to houdbaar, where the
    regisseur logs one of their own without a step."""
    begin = timezone.now() - dt.timedelta(days=20)
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, tijdstip=begin)
    leden = voeg_leden_toe(proces, regisseur)
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="Verkennen", tijdstip=begin + dt.timedelta(days=1)
    )

    def interventie(titel: str, dag: int, **velden: Any) -> Interventie:
        return services.log_interventie(
            actor=actor,
            bestuursproces=proces,
            titel=titel,
            datum=timezone.localdate(begin + dt.timedelta(days=dag)),
            velden=["verbindende"],
            niveau="groep",
            aangrijpingspunt="interactie",
            zwaarte="licht",
            beoogd_effect="Vertrouwen",
            status="uitgevoerd",
            wat_gedaan="Gesprekken gevoerd",
            tijdstip=begin + dt.timedelta(days=dag),
            **velden,
        )

    in_stadium = [
        interventie(
            f"{IN_STADIUM} een",
            2,
            wyberstap=stap,
            zichtbaarheid="kernteam",
            toelichting=f"{IN_STADIUM} waarom",
        ),
        interventie(f"{IN_STADIUM} twee", 3, wyberstap=stap, zichtbaarheid="kernteam"),
        # Without a step: of voorstelbaar by its date.
        interventie(f"{IN_STADIUM} drie", 5, zichtbaarheid="kernteam"),
    ]
    services.evalueer_interventie(
        actor=actor,
        interventie=in_stadium[0],
        waargenomen_effect=f"{IN_STADIUM} effect",
        uitgepakt="ja",
        tijdstip=begin + dt.timedelta(days=4),
    )
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        commitment=True,
        tijdstip=begin + dt.timedelta(days=6),
    )
    services.beoordeel_speler(
        actor=actor,
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=5,
        vertrouwen=2,
        toelichting=OORDEEL,
        zichtbaarheid="kernteam",
        tijdstip=begin + dt.timedelta(days=7),
    )
    services.kies_positionering(
        actor=actor,
        bestuursproces=proces,
        veld="verbindende",
        positie="faciliteren",
        sinds=timezone.localdate(begin + dt.timedelta(days=8)),
        tijdstip=begin + dt.timedelta(days=8),
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Verder",
        forceren=True,
        tijdstip=begin + dt.timedelta(days=10),
    )
    # Without a step, dated after the move: of houdbaar.
    buiten = interventie(
        BUITEN_STADIUM, 11, zichtbaarheid="regisseur", toelichting=f"{BUITEN_STADIUM} waarom"
    )
    return Vrijgavedossier(proces, leden, in_stadium, buiten, speler)
