"""The case of the status page tests, built through the services: a history with dates, so
that the page has something to show in every section and the point-in-time switch has an
earlier state to go back to.

Timeline (days before today): 60 opened in voorstelbaar with a besluitmoment 30 days ago and
two ahead; 50 step 1 consolidated; 45 to houdbaar; 40 idee revised (stip op de horizon); 20
an intervention in the verbindende veld; 10 step 2 started; today step 2 consolidating,
waiting for the Woningcorporatie.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Speler
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, consolideer_stap

GEOPEND = 60
WAT = "Een levendig havenkwartier met woningen en werk"
STIP = "In 2035 wonen en werken 5.000 mensen aan het water"
GEVRAAGD_VOORBIJ = "Mandaat voor de verkenning"
GEVRAAGD_KOMEND = "Besluit over het voorkeursscenario door het college"
GEVRAAGD_LATER = "Krediet voor de uitvoering door de raad"
DOEL_STAP_2 = "Kiezen waar de kade komt"
WACHTENDE = "Woningcorporatie Havenstad"
INTERVENTIE = "Keukentafelgesprek met de corporatie"


def dagen_geleden(dagen: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=dagen)


def datum(dagen: int) -> dt.date:
    """A date ``dagen`` days from today (negative: in the past)."""
    return timezone.localdate() + dt.timedelta(days=dagen)


@dataclass
class Statusproces:
    bestuursproces: Bestuursproces
    corporatie: Speler


def bouw_statusproces(regisseur: Any) -> Statusproces:
    actor = actor_voor(regisseur)
    bestuursproces = services.open_bestuursproces(
        actor=actor,
        titel="Herinrichting Havenkwartier",
        rol_gemeente="initierend",
        aanpak="cyclisch",
        opdracht=Opdracht(
            kaders="Binnen de bestaande begroting",
            besluitmomenten=(
                BesluitmomentInvoer(datum(-30), "mandaat", GEVRAAGD_VOORBIJ),
                BesluitmomentInvoer(datum(40), "besluit", GEVRAAGD_KOMEND),
                BesluitmomentInvoer(datum(120), "besluit", GEVRAAGD_LATER),
            ),
        ),
        idee=IdeeInhoud(wat=WAT),
        tijdstip=dagen_geleden(GEOPEND),
    )
    consolideer_stap(bestuursproces, regisseur, tijdstip=dagen_geleden(50))
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Het idee is voorstelbaar voor alle partijen",
        tijdstip=dagen_geleden(45),
    )
    services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat=WAT, stip_op_de_horizon=STIP),
        tijdstip=dagen_geleden(40),
    )
    corporatie = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam=WACHTENDE,
        soort="groep",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        commitment=True,
        tijdstip=dagen_geleden(40),
    )
    services.wijzig_betrokkenheid(
        actor=actor,
        partij=corporatie,
        actie="aansluiten",
        reden="Aan tafel",
        tijdstip=dagen_geleden(40),
    )
    services.beoordeel_speler(
        actor=actor,
        speler=corporatie,
        standpunt="voorstander",
        macht="productiemacht",
        invloed=4,
        vertrouwen=3,
        tijdstip=dagen_geleden(39),
    )
    interventie = services.log_interventie(
        actor=actor,
        bestuursproces=bestuursproces,
        titel=INTERVENTIE,
        datum=datum(-20),
        velden=("verbindende",),
        niveau="individu",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="De corporatie haakt aan",
        zichtbaarheid="proces",
        tijdstip=dagen_geleden(20),
    )
    services.voer_interventie_uit(
        actor=actor,
        interventie=interventie,
        wat_gedaan="Gesprek gevoerd",
        uitgevoerd_op=datum(-20),
        tijdstip=dagen_geleden(20),
    )
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel=DOEL_STAP_2, tijdstip=dagen_geleden(10)
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Kade aan de noordzijde")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="De kade komt aan de noordzijde",
        instemmers=[corporatie],
    )
    return Statusproces(bestuursproces, corporatie)
