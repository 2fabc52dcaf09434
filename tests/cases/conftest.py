"""Parties of a case, and a staff browser for the admin, for the admin tests of the register."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases import services
from cases.models import Bestuursproces, Opdrachtgever, Organisatie, Speler
from tests.factories import actor_voor

from .admin_helpers import als_staf


@pytest.fixture
def browser(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


@pytest.fixture
def organisatie(bestuursproces: Bestuursproces, regisseur: Any) -> Organisatie:
    return services.registreer_organisatie(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Woningcorporatie Havenstad",
        soort="instelling",
    )


@pytest.fixture
def speler(bestuursproces: Bestuursproces, regisseur: Any, organisatie: Organisatie) -> Speler:
    return services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        organisatie=organisatie,
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )


@pytest.fixture
def opdrachtgever(bestuursproces: Bestuursproces, regisseur: Any) -> Opdrachtgever:
    return services.registreer_opdrachtgever(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
    )
