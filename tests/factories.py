"""Test data, built through the services so that every case has its events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces, Instemming, Opdrachtgever, Rol, Speler, WyberStap
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud
from toegang.rechten import procesregisseurs

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

    @factory.post_generation
    def opent(self: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        """``opent=True``: in the group Procesregisseurs, with the right to open a case."""
        if create and extracted:
            self.groups.add(procesregisseurs())


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


# The party that consents to the steps consolidate_stap settles, unless a test names its own.
INSTEMMER = "Stuurgroep"


def _instemmer(
    actor: Actor, bestuursproces: Bestuursproces, tijdstip: dt.datetime | None
) -> Speler:
    bestaand = Speler.objects.filter(bestuursproces=bestuursproces, naam=INSTEMMER).first()
    if bestaand is not None:
        return bestaand
    return services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam=INSTEMMER,
        soort="groep",
        veld="interne",
        rol_in_proces="betrokkene",
        tijdstip=tijdstip,
    )


def consolideer_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    *,
    instemmers: Sequence[Speler | Opdrachtgever] | None = None,
    doel: str = "Overeenstemming over de volgende stap",
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """Run one wyber-stap in the case's current stadium through to geconsolideerd, through the
    services: start, one optie, convergeren, kies haar, consolideren, consolideer, and every
    instemmer ingestemd and formeel besloten. Without ``instemmers`` a speler named
    :data:`INSTEMMER` consents (registered on first use). ``tijdstip`` backdates every event."""
    actor = actor_voor(regisseur)
    partijen = (
        list(instemmers)
        if instemmers is not None
        else [_instemmer(actor, bestuursproces, tijdstip)]
    )
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel=doel, tijdstip=tijdstip
    )
    optie = services.breng_optie_in(
        actor=actor, stap=stap, titel="Doorgaan zoals besproken", tijdstip=tijdstip
    )
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=tijdstip)
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=tijdstip)
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=tijdstip)
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="Doorgaan zoals besproken.",
        instemmers=partijen,
        tijdstip=tijdstip,
    )
    besloten_op = timezone.localdate(tijdstip or timezone.now())
    for instemming in Instemming.objects.filter(stap=stap).order_by("id"):
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming,
            status="ingestemd",
            formeel_besloten=True,
            besloten_op=besloten_op,
            besluitreferentie="Besluit in de eigen organisatie",
            tijdstip=tijdstip,
        )
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd", stap.fase
    return stap
