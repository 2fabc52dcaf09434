"""Test data for the register of parties, built through the services; and their URLs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases import services
from cases.models import (
    Bestuursproces,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)
from tests.factories import actor_voor

from .helpers import absoluut, proces_url

ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
SCHRIJVERS = ["procesregisseur", "kernteam"]
LEZERS = ["opdrachtgever", "evaluator"]
NIVEAUS = ["proces", "kernteam", "regisseur"]
# Which roles see which level (DESIGN §6; Zichtbaarheid.voor_rol).
ZIET = {
    "proces": set(ROLLEN),
    "kernteam": {"procesregisseur", "kernteam"},
    "regisseur": {"procesregisseur"},
}
NUL_UUID = "00000000-0000-0000-0000-000000000000"


def organisatie(
    proces: Bestuursproces, gebruiker: Any, naam: str = "Woningcorporatie Havenwonen", **velden: Any
) -> Organisatie:
    gegevens: dict[str, Any] = {"soort": "instelling"} | velden
    return services.registreer_organisatie(
        actor=actor_voor(gebruiker), bestuursproces=proces, naam=naam, **gegevens
    )


def speler(
    proces: Bestuursproces, gebruiker: Any, naam: str = "Wethouder Wonen", **velden: Any
) -> Speler:
    gegevens: dict[str, Any] = {
        "soort": "persoon",
        "veld": "verbindende",
        "rol_in_proces": "sleutelpersoon",
    } | velden
    return services.registreer_speler(
        actor=actor_voor(gebruiker), bestuursproces=proces, naam=naam, **gegevens
    )


def opdrachtgever(
    proces: Bestuursproces, gebruiker: Any, naam: str = "Wethouder Ruimte", **velden: Any
) -> Opdrachtgever:
    gegevens: dict[str, Any] = {"rol": "bestuurlijk_opdrachtgever"} | velden
    return services.registreer_opdrachtgever(
        actor=actor_voor(gebruiker), bestuursproces=proces, naam=naam, **gegevens
    )


def beoordeel_speler(partij: Speler, gebruiker: Any, **velden: Any) -> SpelerBeoordeling:
    gegevens: dict[str, Any] = {
        "standpunt": "voorstander",
        "macht": "productiemacht",
        "invloed": 3,
        "vertrouwen": 3,
    } | velden
    return services.beoordeel_speler(actor=actor_voor(gebruiker), speler=partij, **gegevens)


def beoordeel_opdrachtgever(
    partij: Opdrachtgever, gebruiker: Any, **velden: Any
) -> OpdrachtgeverBeoordeling:
    gegevens: dict[str, Any] = {"stevigheid": 4, "steun": "voorstander", "onderling_vertrouwen": 3}
    return services.beoordeel_opdrachtgever(
        actor=actor_voor(gebruiker), opdrachtgever=partij, **(gegevens | velden)
    )


def url(obj: Organisatie | Speler | Opdrachtgever, suffix: str = "") -> str:
    """The absolute URL of a party or organisatie of its case, as the API gives it out."""
    meervoud = {
        Organisatie: "organisaties",
        Speler: "spelers",
        Opdrachtgever: "opdrachtgevers",
    }[type(obj)]
    return absoluut(proces_url(obj.bestuursproces, f"/{meervoud}/{obj.uuid}{suffix}"))


def tijd(waarde: Any) -> str:
    """A datetime as the API shows it (ISO 8601 in Dutch time)."""
    return str(serializers.DateTimeField().to_representation(waarde))
