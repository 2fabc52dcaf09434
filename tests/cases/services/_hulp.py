"""Helpers: assert exactly which events a service appended, and that a refusal wrote nothing.

Also the opdracht the bestuursproces tests open and change cases with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Model

from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Gebeurtenis,
    IdeeVersie,
    Lidmaatschap,
    Stadiumovergang,
)
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht

# The full name of the ``regisseur`` fixture (tests/conftest.py), as events snapshot it.
REGISSEUR_NAAM = "Rina Regisseur"

# A full opdracht, and the form it takes in event payloads.
OPDRACHT = Opdracht(
    kaders="Binnen de bestaande begroting",
    budget=Decimal("125000.5"),
    uren=400,
    einddatum=dt.date(2026, 12, 31),
    speelruimte="Vrij in de keuze van partners",
    besluitmomenten=(
        BesluitmomentInvoer(dt.date(2026, 6, 1), "mandaat", "Mandaat voor verkenning"),
        BesluitmomentInvoer(dt.date(2026, 11, 15), "besluit", "Raadsbesluit over het plan"),
    ),
)
OPDRACHT_GEGEVENS = {
    "kaders": "Binnen de bestaande begroting",
    "budget": "125000.50",
    "uren": 400,
    "einddatum": "2026-12-31",
    "speelruimte": "Vrij in de keuze van partners",
    "besluitmomenten": [
        {"datum": "2026-06-01", "soort": "mandaat", "gevraagd": "Mandaat voor verkenning"},
        {"datum": "2026-11-15", "soort": "besluit", "gevraagd": "Raadsbesluit over het plan"},
    ],
}
STANDAARD_OPDRACHT: dict[str, Any] = {
    # what tests.factories.open_proces gives a case
    "kaders": "Binnen de bestaande begroting",
    "budget": None,
    "uren": 400,
    "einddatum": None,
    "speelruimte": "",
    "besluitmomenten": [],
}

CASE_MODELLEN: tuple[type[Model], ...] = (
    Bestuursproces,
    Besluitmoment,
    Gebeurtenis,
    IdeeVersie,
    Lidmaatschap,
    Stadiumovergang,
)


def laatste_volgnummer(bestuursproces: Bestuursproces) -> int:
    laatste = (
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
        .order_by("-volgnummer")
        .values_list("volgnummer", flat=True)
        .first()
    )
    return laatste or 0


def gebeurtenissen_na(bestuursproces: Bestuursproces, volgnummer: int) -> list[Gebeurtenis]:
    """The events of the case with a volgnummer above ``volgnummer``, in order."""
    return list(
        Gebeurtenis.objects.filter(
            bestuursproces=bestuursproces, volgnummer__gt=volgnummer
        ).order_by("volgnummer")
    )


def samenvatting(gebeurtenis: Gebeurtenis) -> dict[str, Any]:
    """The fields of an event a service decides (not the hashes or the clock)."""
    return {
        "volgnummer": gebeurtenis.volgnummer,
        "type": gebeurtenis.type,
        "payload": gebeurtenis.payload,
        "toelichting": gebeurtenis.toelichting,
        "actor_id": gebeurtenis.actor_id,
        "actor_gebruikersnaam": gebeurtenis.actor_gebruikersnaam,
        "actor_naam": gebeurtenis.actor_naam,
        "herkomst": gebeurtenis.herkomst,
    }


def verwacht(
    volgnummer: int,
    type: str,
    payload: dict[str, Any],
    *,
    door: Any,
    naam: str,
    toelichting: str = "",
    herkomst: str = "test",
) -> dict[str, Any]:
    """An expected :func:`samenvatting`; ``door`` is the acting user, ``naam`` its full name."""
    return {
        "volgnummer": volgnummer,
        "type": type,
        "payload": payload,
        "toelichting": toelichting,
        "actor_id": door.pk,
        "actor_gebruikersnaam": door.get_username(),
        "actor_naam": naam,
        "herkomst": herkomst,
    }


def utc(waarde: dt.datetime) -> str:
    """The canonical text form of a timestamp as it appears in payloads."""
    return waarde.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def alle_rijen() -> dict[str, list[dict[str, Any]]]:
    """Every row of every case table, to prove that a refused call wrote nothing."""
    return {
        model.__name__: list(model._default_manager.order_by("pk").values())
        for model in CASE_MODELLEN
    }


@contextlib.contextmanager
def schrijft_niets() -> Iterator[None]:
    """Assert that the block leaves every case table exactly as it was."""
    voor = alle_rijen()
    yield
    assert alle_rijen() == voor
