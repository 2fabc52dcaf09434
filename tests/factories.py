"""Test data, built through the services so that every case has its events."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces, Rol
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud

User = get_user_model()


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@gemeente.example")
    password = factory.django.Password("geheim-wachtwoord")

    class Params:
        beheerder = factory.Trait(is_staff=True, is_superuser=True)


def actor_voor(gebruiker: Any) -> Actor:
    return Actor(gebruiker=gebruiker, herkomst="test")


def open_proces(regisseur: Any, *, met_idee: bool = True, **velden: Any) -> Bestuursproces:
    gegevens: dict[str, Any] = {
        "titel": "Herinrichting Havenkwartier",
        "rol_gemeente": "initierend",
        "aanpak": "cyclisch",
        "opdracht": Opdracht(kaders="Binnen de bestaande begroting", uren=400),
    }
    gegevens.update(velden)
    if met_idee and "idee" not in gegevens:
        gegevens["idee"] = IdeeInhoud(wat="Een levendig havenkwartier met woningen en werk")
    return services.open_bestuursproces(actor=actor_voor(regisseur), **gegevens)


def voeg_leden_toe(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """One user per role (the regisseur is already a member); returns role → user."""
    leden = {Rol.PROCESREGISSEUR.value: regisseur}
    for rol in (Rol.KERNTEAM, Rol.OPDRACHTGEVER, Rol.EVALUATOR):
        gebruiker: Any = GebruikerFactory(username=f"{rol.value}-{bestuursproces.pk}")
        services.voeg_lid_toe(
            actor=actor_voor(regisseur), bestuursproces=bestuursproces, gebruiker=gebruiker, rol=rol
        )
        leden[rol.value] = gebruiker
    return leden
