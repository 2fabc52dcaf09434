"""The demo users for `make run`; refused when DEBUG is off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from toegang.rechten import procesregisseurs

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
    # The register of parties; what a member may do with it per case follows from their role.
    *(
        f"{recht}_{model}"
        for model in ("organisatie", "speler", "opdrachtgever")
        for recht in ("view", "add", "change")
    ),
    *(
        f"{recht}_{model}"
        for model in (
            "spelerbeoordeling",
            "opdrachtgeverbeoordeling",
            "betrokkenheidswijziging",
            "notitie",
        )
        for recht in ("view", "add")
    ),
    # Wyber-stappen; options, consolidation and consents are changed through the step.
    "view_wyberstap",
    "add_wyberstap",
    "change_wyberstap",
    "view_optie",
    "view_consolidatie",
    "view_instemming",
    # The regisseur's own work: positioneringen, procesontwerp, interventies and reflecties.
    "view_positionering",
    "add_positionering",
    "view_procesontwerpversie",
    "add_procesontwerpversie",
    "view_interventie",
    "add_interventie",
    "change_interventie",
    "view_reflectie",
    "add_reflectie",
    # The catalogue is read by everyone and edited by the beheerder.
    *(f"view_{model}" for model in ("veld", "instrument", "strategie", "kracht")),
]


@dataclass(frozen=True)
class DemoGebruiker:
    gebruikersnaam: str
    voornaam: str
    achternaam: str
    omschrijving: str
    beheerder: bool = False
    opent: bool = False  # may open new cases: in the group Procesregisseurs


DEMO_GEBRUIKERS = (
    DemoGebruiker("regisseur", "Rosa", "de Regt", "procesregisseur van de democasus", opent=True),
    DemoGebruiker("kernteam", "Karim", "Terpstra", "kernteamlid"),
    DemoGebruiker("opdrachtgever", "Olga", "van Gent", "ambtelijk opdrachtgever (alleen lezen)"),
    DemoGebruiker("evaluator", "Evert", "Lammers", "evaluator (alleen lezen)"),
    DemoGebruiker("beheerder", "Bea", "Hendriks", "functioneel beheerder, lid van niets", True),
)


class DemoNietToegestaan(Exception):
    pass


def eis_debug() -> None:
    # Their password is public: only on a machine that serves nobody but itself.
    if not settings.DEBUG or settings.SERVEERADRES not in settings.LOOPBACK:
        raise DemoNietToegestaan(
            "Demogebruikers worden alleen aangemaakt als DEBUG aan staat en de server alleen "
            "op deze machine luistert (HOST=127.0.0.1 of localhost)."
        )


def _groep() -> Group:
    groep, _ = Group.objects.get_or_create(name=GROEP)
    rechten = Permission.objects.filter(
        content_type__app_label__in=("cases", "instruments"),
        codename__in=GEBRUIKERSRECHTEN,
    )
    groep.permissions.set(rechten)
    return groep


@transaction.atomic
def maak_demo_gebruikers(wachtwoord: str) -> list[DemoGebruiker]:
    """Create or refresh the demo users; idempotent. Members of the demo case use the admin
    through the group's model permissions; what they may do per case follows their role."""
    eis_debug()
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
        if demo.opent:
            gebruiker.groups.add(procesregisseurs())
    return list(DEMO_GEBRUIKERS)
