"""A case with what a process leaves behind, built through the services, for the tests of the
Bijeenkomsten, Besluiten, Afspraken and Documenten tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cases import services
from cases.models import (
    Afspraak,
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    Bijeenkomstsoort,
    Opdrachtgever,
    Organisatie,
    Speler,
)
from cases.services import DeelnemerInvoer
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests._bestanden import bestand
from tests.factories import actor_voor, open_proces


def dag(dagen: int) -> dt.date:
    """``dagen`` days ago (negative: ahead), in Dutch time."""
    return timezone.localdate() - dt.timedelta(days=dagen)


def werksessie() -> Bijeenkomstsoort:
    # Seeded by a migration; a transactional test (the browser's) flushes it away.
    soort, _ = Bijeenkomstsoort.objects.get_or_create(
        code="werksessie", defaults={"naam": "Werksessie", "volgorde": 1}
    )
    return soort


@dataclass
class Dossier:
    zaak: Bestuursproces
    regisseur: Any
    speler: Speler
    opdrachtgever: Opdrachtgever
    organisatie: Organisatie

    @property
    def actor(self) -> Any:
        return actor_voor(self.regisseur)

    def bijeenkomst(self, titel: str = "Werksessie kade", **velden: Any) -> Bijeenkomst:
        gegevens: dict[str, Any] = {
            "soort": werksessie(),
            "datum": dag(5),
            "waar": "Havengebouw",
            "zichtbaarheid": "proces",
            "deelnemers": [
                DeelnemerInvoer(speler=self.speler, aanwezig=True),
                DeelnemerInvoer(opdrachtgever=self.opdrachtgever),
                DeelnemerInvoer(naam="Buurtbewoner Jansen", uitgenodigd=False, aanwezig=True),
            ],
        }
        gegevens.update(velden)
        return services.leg_bijeenkomst_vast(
            actor=self.actor, bestuursproces=self.zaak, titel=titel, **gegevens
        )

    def besluit(self, titel: str = "Raad stemt in met de gebiedsvisie", **velden: Any) -> Besluit:
        gegevens: dict[str, Any] = {
            "orgaan": "raad",
            "datum": dag(3),
            "kenmerk": "RB 2026/14",
            "zichtbaarheid": "proces",
        }
        gegevens.update(velden)
        return services.leg_besluit_vast(
            actor=self.actor, bestuursproces=self.zaak, titel=titel, **gegevens
        )

    def afspraak(self, wat: str = "Grondprijs doorrekenen", **velden: Any) -> Afspraak:
        gegevens: dict[str, Any] = {
            "door": self.organisatie,
            "uiterlijk": dag(-10),
            "datum": dag(8),
            "zichtbaarheid": "proces",
        }
        gegevens.update(velden)
        return services.maak_afspraak(
            actor=self.actor, bestuursproces=self.zaak, wat=wat, **gegevens
        )

    def document(self, titel: str = "Intentieovereenkomst", **velden: Any) -> Any:
        gegevens: dict[str, Any] = {"bestand": bestand(), "zichtbaarheid": "proces"}
        gegevens.update(velden)
        return services.voeg_document_toe(
            actor=self.actor, bestuursproces=self.zaak, titel=titel, **gegevens
        )


def bouw_dossier(regisseur: Any) -> Dossier:
    """Opened 60 days ago, a besluitmoment 10 days ago (overdue) and one in 20 days; a
    speler, an opdrachtgever and an organisatie."""
    vandaag = timezone.localdate()
    zaak = open_proces(
        regisseur,
        tijdstip=timezone.now() - dt.timedelta(days=60),
        opdracht=Opdracht(
            besluitmomenten=(
                BesluitmomentInvoer(vandaag - dt.timedelta(days=10), "besluit", "Raadsbesluit"),
                BesluitmomentInvoer(vandaag + dt.timedelta(days=20), "mandaat", "Nieuw mandaat"),
            )
        ),
    )
    actor = actor_voor(regisseur)
    tijdstip = timezone.now() - dt.timedelta(days=50)
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=zaak,
        naam="Bewonersvereniging Kade",
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
        tijdstip=tijdstip,
    )
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=zaak,
        naam="Wethouder Ruimte",
        rol="bestuurlijk_opdrachtgever",
        tijdstip=tijdstip,
    )
    organisatie = services.registreer_organisatie(
        actor=actor,
        bestuursproces=zaak,
        naam="Woningcorporatie Haven",
        soort="instelling",
        tijdstip=tijdstip,
    )
    return Dossier(zaak, regisseur, speler, opdrachtgever, organisatie)
