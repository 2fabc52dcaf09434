"""Parties of a case, and a staff browser for the admin, for the admin tests of the register;
and the parties, steps and staff browser of the wyber-stap admin tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases import services
from cases.models import Bestuursproces, Fase, Opdrachtgever, Organisatie, Speler, WyberStap
from tests.factories import actor_voor
from tests.instruments.fixtures import catalogus  # noqa: F401  (the catalogue from the book)

from .admin_helpers import _fase, _opties, als_staf


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


# --- wyber-stappen in the admin --------------------------------------------------------------


@pytest.fixture
def staf(browser: Any) -> Any:
    """The staff browser under the name the wyber-stap admin tests use; the permissions members
    get (cases.demo.GEBRUIKERSRECHTEN) include the steps."""
    return browser


@pytest.fixture
def partijen(bestuursproces: Bestuursproces, regisseur: Any) -> tuple[Speler, Opdrachtgever]:
    """An aangehaakte speler with commitment and an opdrachtgever with mandaat: the default
    parties that must consent."""
    actor = actor_voor(regisseur)
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        commitment=True,
    )
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
    )
    for partij in (speler, opdrachtgever):
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie="aansluiten", reden="Ja")
    services.beoordeel_opdrachtgever(
        actor=actor,
        opdrachtgever=opdrachtgever,
        stevigheid=4,
        steun="voorstander",
        onderling_vertrouwen=4,
        mandaat="Mag namens het college instemmen",
    )
    # A party that is not asked by default.
    services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Zeilvereniging",
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    return speler, opdrachtgever


@pytest.fixture
def stap(bestuursproces: Bestuursproces, regisseur: Any) -> WyberStap:
    return services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, doel="Kiezen waar de kade komt"
    )


@pytest.fixture
def consoliderende_stap(stap: WyberStap, regisseur: Any, partijen: Any) -> WyberStap:
    """A step with a consolidation that the speler and the opdrachtgever must consent to."""
    actor = actor_voor(regisseur)
    [gekozen] = _opties(stap, regisseur, "Kade aan de noordzijde")
    _fase(stap, regisseur, Fase.CONVERGEREN)
    services.besluit_over_optie(actor=actor, optie=gekozen, status="gekozen")
    _fase(stap, regisseur, Fase.CONSOLIDEREN)
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="De kade komt noord",
        instemmers=list(partijen),
    )
    return stap
