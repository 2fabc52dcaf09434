"""Helpers for the interventie tests: a small catalogue (velden, a strategie, instruments),
interventies logged through the services, their payload form, and the proof that a refused
call wrote nothing (the case tables and the interventie tables)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Model
from django.test import Client
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.models import (
    Bestuursproces,
    Interventie,
    InterventieOpdrachtgever,
    InterventieSpeler,
    InterventieVeld,
    Reflectie,
)
from instruments.models import Instrument, Strategie, Veld, VeldCode
from tests._mfa import log_in_met_tweede_factor
from tests.cases.admin_helpers import ADMIN_RECHTEN
from tests.cases.services._hulp import CASE_MODELLEN, utc
from tests.factories import open_proces

INTERVENTIE_MODELLEN: tuple[type[Model], ...] = (
    Interventie,
    InterventieVeld,
    InterventieSpeler,
    InterventieOpdrachtgever,
    Reflectie,
)


# The least an API client sends to log an interventie (dated in the past).
INVOER: dict[str, Any] = {
    "titel": "Keukentafelgesprek",
    "datum": "2024-02-01",
    "velden": ["verbindende"],
    "niveau": "individu",
    "aangrijpingspunt": "interactie",
    "zwaarte": "licht",
    "beoogdEffect": "Hij doet mee",
}


def veld(code: str = VeldCode.VERBINDENDE) -> Veld:
    volgorde = list(VeldCode.values).index(code)
    gevonden, _ = Veld.objects.get_or_create(
        code=code,
        defaults={
            "naam": str(VeldCode(code).label),
            "kernvraag": "Kernvraag?",
            "volgorde": volgorde,
        },
    )
    return gevonden


def strategie(code: str = "verbinden", naam: str | None = None) -> Strategie:
    gevonden, _ = Strategie.objects.get_or_create(code=code, defaults={"naam": naam or code})
    return gevonden


def instrument(naam: str = "Stakeholdersanalyse", code: str = VeldCode.VERBINDENDE) -> Instrument:
    gevonden, _ = Instrument.objects.get_or_create(
        naam=naam, defaults={"veld": veld(code), "verdiepingsvraag": "Wie doet er mee?"}
    )
    return gevonden


def open_een_maand_geleden(regisseur: Any, **velden: Any) -> Bestuursproces:
    """A case opened 30 days ago, so that interventies can lie in the past."""
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=30), **velden)


def gisteren(dagen: int = 1) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=dagen)


def log(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> Interventie:
    """A planned interventie with ordinary values, logged today unless told otherwise."""
    gegevens: dict[str, Any] = {
        "titel": "Keukentafelgesprek met de wethouder",
        "datum": timezone.localdate(),
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogd_effect": "De wethouder verbindt zich aan de verkenning",
    }
    gegevens.update(velden)
    return services.log_interventie(actor=actor, bestuursproces=bestuursproces, **gegevens)


def gegevens(interventie: Interventie, **anders: Any) -> dict[str, Any]:
    """The payload form of an interventie as logged by :func:`log` (override what differs)."""
    interventie.refresh_from_db()
    return {
        "uuid": str(interventie.uuid),
        "titel": interventie.titel,
        "datum": interventie.datum.isoformat(),
        "status": "gepland",
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "strategie": None,
        "instrument": None,
        "spelers": [],
        "opdrachtgevers": [],
        "wyberstap": None,
        "beoogdEffect": "De wethouder verbindt zich aan de verkenning",
        "waarom": "",
        "watGedaan": "",
        "uitgevoerdOp": None,
        "waargenomenEffect": "",
        "uitgepakt": "",
        "vervolg": "",
        "geevalueerdOp": None,
        "zichtbaarheid": "kernteam",
        "auteur": interventie.auteur.get_username(),
        "vastgelegdOp": utc(interventie.vastgelegd_op),
        **anders,
    }


def alle_rijen() -> dict[str, list[dict[str, Any]]]:
    return {
        model.__name__: list(model._default_manager.order_by("pk").values())
        for model in (*CASE_MODELLEN, *INTERVENTIE_MODELLEN)
    }


@contextlib.contextmanager
def schrijft_niets() -> Iterator[None]:
    """Assert that the block leaves every case and interventie table exactly as it was."""
    voor = alle_rijen()
    yield
    assert alle_rijen() == voor


# What members need for the interventie screens besides GEBRUIKERSRECHTEN (cases/demo).
INTERVENTIE_RECHTEN = [
    "view_interventie",
    "add_interventie",
    "change_interventie",
    "view_reflectie",
    "add_reflectie",
]


def als_staf(client: Client, gebruiker: Any) -> Client:
    """Log the user in to the admin as staff with the permissions members get, and those of
    the interventie screens."""
    gebruiker.is_staff = True
    gebruiker.save()
    gebruiker.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="cases",
            codename__in=[*ADMIN_RECHTEN, *INTERVENTIE_RECHTEN],
        )
    )
    return log_in_met_tweede_factor(client, gebruiker)
