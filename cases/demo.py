"""Demo users and the demo case for `make run`; refused when DEBUG is off."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud

DEMO_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "demo_bestuursproces.json"
GROEP = "Procesregie-gebruikers"
# Model permissions that let members use the admin; per case, their role decides the rest.
GEBRUIKERSRECHTEN = [
    "view_bestuursproces",
    "add_bestuursproces",
    "change_bestuursproces",
    "view_ideeversie",
    "add_ideeversie",
    "view_lidmaatschap",
    "add_lidmaatschap",
    "change_lidmaatschap",
    "delete_lidmaatschap",
    "view_stadiumovergang",
    "add_stadiumovergang",
    "view_gebeurtenis",
]


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    voornaam: str
    achternaam: str
    omschrijving: str
    beheerder: bool = False


DEMO_GEBRUIKERS = (
    DemoGebruiker("regisseur", "Rosa", "de Regt", "procesregisseur van de democasus"),
    DemoGebruiker("kernteam", "Karim", "Terpstra", "kernteamlid"),
    DemoGebruiker("opdrachtgever", "Olga", "van Gent", "ambtelijk opdrachtgever (alleen lezen)"),
    DemoGebruiker("evaluator", "Evert", "Lammers", "evaluator (alleen lezen)"),
    DemoGebruiker("beheerder", "Bea", "Hendriks", "functioneel beheerder, lid van niets", True),
)


class DemoNietToegestaan(Exception):
    pass


def _eis_debug() -> None:
    if not settings.DEBUG:
        raise DemoNietToegestaan("Demogebruikers worden alleen aangemaakt als DEBUG aan staat.")


def _groep() -> Group:
    groep, _ = Group.objects.get_or_create(name=GROEP)
    rechten = Permission.objects.filter(
        content_type__app_label="cases",
        codename__in=GEBRUIKERSRECHTEN,
    )
    groep.permissions.set(rechten)
    return groep


@transaction.atomic
def maak_demo_gebruikers(wachtwoord: str) -> list[DemoGebruiker]:
    """Create or refresh the demo users; idempotent. Members of the demo case use the admin
    through the group's model permissions; what they may do per case follows their role."""
    _eis_debug()
    groep = _groep()
    model = get_user_model()
    for demo in DEMO_GEBRUIKERS:
        gebruiker, _ = model.objects.get_or_create(username=demo.gebruikersnaam)
        gebruiker.first_name = demo.voornaam
        gebruiker.last_name = demo.achternaam
        gebruiker.email = f"{demo.gebruikersnaam}@dijkveld.example"
        gebruiker.is_staff = True
        gebruiker.is_superuser = demo.beheerder
        gebruiker.set_password(wachtwoord)
        gebruiker.save()
        if not demo.beheerder:
            gebruiker.groups.add(groep)
    return list(DEMO_GEBRUIKERS)


def _tijd(tekst: str) -> Any:
    waarde = parse_datetime(tekst)
    if waarde is None:
        raise ValueError(f"Ongeldig tijdstip in demobestand: {tekst}")
    return waarde


def _idee(gegevens: dict[str, Any]) -> IdeeInhoud:
    return IdeeInhoud(**gegevens)


@transaction.atomic
def laad_demo_bestuursproces(bestand: Path = DEMO_BESTAND) -> tuple[Bestuursproces, bool]:
    """Load the demo case through the services (so it has its full event log), once."""
    _eis_debug()
    demo = json.loads(bestand.read_text(encoding="utf-8"))
    gegevens = demo["bestuursproces"]
    model = get_user_model()
    regisseur = model.objects.get(username="regisseur")
    bestaand = Bestuursproces.objects.filter(
        titel=gegevens["titel"], lidmaatschappen__gebruiker=regisseur
    ).first()
    if bestaand is not None:
        return bestaand, False
    actor = Actor.beheer("laad_demo", regisseur)
    opdracht = gegevens["opdracht"]
    bestuursproces = services.open_bestuursproces(
        actor=actor,
        titel=gegevens["titel"],
        omschrijving=gegevens["omschrijving"],
        rol_gemeente=gegevens["rol_gemeente"],
        procesrol=gegevens["procesrol"],
        aanpak=gegevens["aanpak"],
        archiefnominatie=gegevens["archiefnominatie"],
        opdracht=Opdracht(
            kaders=opdracht["kaders"],
            budget=Decimal(opdracht["budget"]),
            uren=opdracht["uren"],
            einddatum=parse_date(opdracht["einddatum"]),
            speelruimte=opdracht["speelruimte"],
            besluitmomenten=tuple(
                BesluitmomentInvoer(
                    datum=parse_date(b["datum"]),  # type: ignore[arg-type]
                    soort=b["soort"],
                    gevraagd=b["gevraagd"],
                )
                for b in opdracht["besluitmomenten"]
            ),
        ),
        idee=_idee(gegevens["idee"]),
        toelichting=demo["toelichting"],
        tijdstip=_tijd(demo["geopend"]),
    )
    for lid in demo["leden"]:
        services.voeg_lid_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            gebruiker=model.objects.get(username=lid["gebruiker"]),
            rol=lid["rol"],
            tijdstip=_tijd(lid["tijdstip"]),
        )
    for stap in demo["stappen"]:
        if stap["soort"] == "idee":
            services.herzie_idee(
                actor=actor,
                bestuursproces=bestuursproces,
                inhoud=_idee(stap["idee"]),
                toelichting=stap["toelichting"],
                tijdstip=_tijd(stap["tijdstip"]),
            )
        elif stap["soort"] == "stadium":
            services.wijzig_stadium(
                actor=actor,
                bestuursproces=bestuursproces,
                naar=stap["naar"],
                toelichting=stap["toelichting"],
                tijdstip=_tijd(stap["tijdstip"]),
            )
        else:
            raise ValueError(f"Onbekende stap in demobestand: {stap['soort']}")
    return bestuursproces, True
