"""Helpers: assert exactly which events a service appended, and that a refusal wrote nothing.

Also the opdracht the bestuursproces tests open and change cases with, and builders for the
parties (organisaties, spelers, opdrachtgevers) and their assessments, and for wyber-stappen
(options, consolidations, consents), all through the services.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.models import (
    Afspraak,
    Besluit,
    Besluitmoment,
    Bestuursproces,
    Betrokkenheidswijziging,
    Bijeenkomst,
    Consolidatie,
    Deelnemer,
    Document,
    DocumentVersie,
    Gebeurtenis,
    IdeeEigenaar,
    IdeeVersie,
    Instemming,
    Interventie,
    InterventieOpdrachtgever,
    InterventieSpeler,
    InterventieVeld,
    Lidmaatschap,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Optie,
    Organisatie,
    Positionering,
    ProcesontwerpVersie,
    Reflectie,
    Speler,
    SpelerBeoordeling,
    Stadiumovergang,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
    WyberStap,
)
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht

# The full name of the ``regisseur`` fixture (tests/conftest.py), as events snapshot it.
REGISSEUR_NAAM = "Rina Regisseur"

# The toelichting of the event that settles a step when its last party is rond.
AFGEROND_TOELICHTING = "Alle vereiste partijen hebben ingestemd en formeel besloten."

# A full opdracht, and the form it takes in event payloads.
OPDRACHT = Opdracht(
    kaders="Binnen de bestaande begroting",
    budget=Decimal("125000.5"),
    uren=400,
    einddatum=dt.date(2099, 12, 31),
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
    "einddatum": "2099-12-31",
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
    Besluit,
    Afspraak,
    Bijeenkomst,
    Deelnemer,
    Besluitmoment,
    Gebeurtenis,
    IdeeVersie,
    IdeeEigenaar,
    Lidmaatschap,
    Stadiumovergang,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Betrokkenheidswijziging,
    Notitie,
    WyberStap,
    Optie,
    Consolidatie,
    Instemming,
    Positionering,
    ProcesontwerpVersie,
    Interventie,
    InterventieVeld,
    InterventieSpeler,
    InterventieOpdrachtgever,
    Reflectie,
    Document,
    DocumentVersie,
    # The tijdlijn's read model is written in the same transaction as the event.
    Tijdlijnregel,
    Verschuivingsregel,
    Tijdlijngeheugen,
    Tijdlijnstand,
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
    """An expected :func:`samenvatting`; ``door`` is the acting user, ``naam`` its full name.

    ``door=None`` (with ``naam=""``) is a management command acting without a user.
    """
    return {
        "volgnummer": volgnummer,
        "type": type,
        "payload": payload,
        "toelichting": toelichting,
        "actor_id": door.pk if door is not None else None,
        "actor_gebruikersnaam": door.get_username() if door is not None else "",
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


# --- parties: spelers, opdrachtgevers, organisaties ------------------------------------------


def naam_van(gebruiker: Any) -> str:
    """The name an event snapshots for a user (its full name, else its username)."""
    return str(gebruiker.get_full_name() or gebruiker.get_username())


def maak_organisatie(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> Organisatie:
    gegevens: dict[str, Any] = {"naam": "Gemeente Havenstad", "soort": "gemeentelijk_onderdeel"}
    gegevens.update(velden)
    return services.registreer_organisatie(actor=actor, bestuursproces=bestuursproces, **gegevens)


def maak_speler(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> Speler:
    gegevens: dict[str, Any] = {
        "naam": "Wethouder Ruimte",
        "soort": "persoon",
        "veld": "verbindende",
        "rol_in_proces": "sleutelpersoon",
    }
    gegevens.update(velden)
    return services.registreer_speler(actor=actor, bestuursproces=bestuursproces, **gegevens)


def maak_opdrachtgever(
    actor: Actor, bestuursproces: Bestuursproces, **velden: Any
) -> Opdrachtgever:
    gegevens: dict[str, Any] = {"naam": "Wethouder Haven", "rol": "bestuurlijk_opdrachtgever"}
    gegevens.update(velden)
    return services.registreer_opdrachtgever(actor=actor, bestuursproces=bestuursproces, **gegevens)


def beoordeel(actor: Actor, speler: Speler, **velden: Any) -> SpelerBeoordeling:
    """A speler assessment with ordinary values, at proces level unless told otherwise."""
    gegevens: dict[str, Any] = {
        "standpunt": "voorstander",
        "macht": "productiemacht",
        "invloed": 3,
        "vertrouwen": 3,
    }
    gegevens.update(velden)
    return services.beoordeel_speler(actor=actor, speler=speler, **gegevens)


def beoordeel_og(actor: Actor, opdrachtgever: Opdrachtgever, **velden: Any) -> Any:
    """An opdrachtgever assessment with ordinary values (regisseur level unless told)."""
    gegevens: dict[str, Any] = {"stevigheid": 3, "steun": "voorstander", "onderling_vertrouwen": 3}
    gegevens.update(velden)
    return services.beoordeel_opdrachtgever(actor=actor, opdrachtgever=opdrachtgever, **gegevens)


def sluit_af(actor: Actor, bestuursproces: Bestuursproces) -> None:
    services.wijzig_status(
        actor=actor,
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
        bevestigd=True,  # closing is the point here, whatever steps are open
    )


# --- wyber-stappen ----------------------------------------------------------------------------

DOEL = "Vaststellen welke functies het havenkwartier krijgt"


def start_stap(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> WyberStap:
    gegevens: dict[str, Any] = {"doel": DOEL}
    gegevens.update(velden)
    return services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, **gegevens)


def breng_in(actor: Actor, stap: WyberStap, *titels: str) -> list[Optie]:
    return [services.breng_optie_in(actor=actor, stap=stap, titel=titel) for titel in titels]


def naar_consolideren(
    actor: Actor, bestuursproces: Bestuursproces, *titels: str, **velden: Any
) -> tuple[WyberStap, list[Optie]]:
    """A step brought to consolideren: the first option gekozen, the others verworpen."""
    stap = start_stap(actor, bestuursproces, **velden)
    opties = breng_in(actor, stap, *(titels or ("Wonen en werken",)))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=opties[0], status="gekozen")
    for optie in opties[1:]:
        services.besluit_over_optie(
            actor=actor, optie=optie, status="verworpen", reden="Past niet in de kaders"
        )
    stap = services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    return stap, [Optie.objects.get(pk=optie.pk) for optie in opties]


def instemmende_speler(
    actor: Actor, bestuursproces: Bestuursproces, naam: str, **velden: Any
) -> Speler:
    """An aangehaakte speler with commitment: one of the default instemmers."""
    gegevens: dict[str, Any] = {"commitment": True}
    gegevens.update(velden)
    speler = maak_speler(actor, bestuursproces, naam=naam, **gegevens)
    services.wijzig_betrokkenheid(actor=actor, partij=speler, actie="aansluiten", reden="Aan tafel")
    speler.refresh_from_db()
    return speler


def instemmende_opdrachtgever(
    actor: Actor, bestuursproces: Bestuursproces, naam: str, mandaat: str = "Mag tekenen"
) -> Opdrachtgever:
    """An aangehaakte opdrachtgever whose latest assessment records a mandaat."""
    opdrachtgever = maak_opdrachtgever(actor, bestuursproces, naam=naam)
    services.wijzig_betrokkenheid(
        actor=actor, partij=opdrachtgever, actie="aansluiten", reden="Aan tafel"
    )
    beoordeel_og(actor, opdrachtgever, mandaat=mandaat)
    opdrachtgever.refresh_from_db()
    return opdrachtgever


def consolideer(
    actor: Actor, stap: WyberStap, instemmers: list[Any] | None, **velden: Any
) -> Consolidatie:
    gegevens: dict[str, Any] = {
        "uitkomst": "consensus",
        "tekst": "Wonen en werken, in die volgorde",
    }
    gegevens.update(velden)
    return services.consolideer(actor=actor, stap=stap, instemmers=instemmers, **gegevens)


def instemming_van(stap: WyberStap, partij: Speler | Opdrachtgever) -> Instemming:
    if isinstance(partij, Speler):
        return Instemming.objects.get(stap=stap, speler=partij)
    return Instemming.objects.get(stap=stap, opdrachtgever=partij)


def stem_in(actor: Actor, stap: WyberStap, partij: Speler | Opdrachtgever, **velden: Any) -> Any:
    """The party consents and has formally decided: it is rond."""
    gegevens: dict[str, Any] = {
        "status": "ingestemd",
        "formeel_besloten": True,
        # A formal decision's date is the world time of the consent: today, in a case opened
        # today (an earlier day would lie before the opening).
        "besloten_op": timezone.localdate(),
        "besluitreferentie": "B&W 2026/12",
    }
    gegevens.update(velden)
    return services.leg_instemming_vast(
        actor=actor, instemming=instemming_van(stap, partij), **gegevens
    )


def instemming_zonder_reactie(
    instemming: Instemming, speler: Any = None, opdrachtgever: Any = None
) -> Any:
    """The payload form of a consent nobody has reacted to yet."""
    return {
        "uuid": str(instemming.uuid),
        "speler": str(speler.uuid) if speler else None,
        "opdrachtgever": str(opdrachtgever.uuid) if opdrachtgever else None,
        "status": "nog_geen_reactie",
        "voorbehoud": "",
        "formeelBesloten": False,
        "formeelBesluitNodig": True,
        "beslotenOp": None,
        "besluitreferentie": "",
    }


def _fase(stap: WyberStap) -> str:
    """The step's phase as stored now."""
    stap.refresh_from_db()
    return stap.fase


FASEN = ["divergeren", "convergeren", "consolideren", "geconsolideerd"]


def stap_in(actor: Actor, bestuursproces: Bestuursproces, fase: str) -> WyberStap:
    """A step in ``fase``, reached through the services; its first option is 'Wonen'."""
    if fase == "divergeren":
        stap = start_stap(actor, bestuursproces)
        breng_in(actor, stap, "Wonen")
        return stap
    if fase == "convergeren":
        stap = start_stap(actor, bestuursproces)
        breng_in(actor, stap, "Wonen", "Werken")
        return services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    stap, _ = naar_consolideren(actor, bestuursproces, "Wonen", "Werken")
    if fase == "geconsolideerd":
        anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
        consolideer(actor, stap, [anna])
        stem_in(actor, stap, anna)
        stap.refresh_from_db()
    assert stap.fase == fase
    return stap


def stap_gegevens(stap: WyberStap, **anders: Any) -> dict[str, Any]:
    """The payload form of a step as it was started."""
    return {
        "uuid": str(stap.uuid),
        "volgnummer": stap.volgnummer,
        "doel": stap.doel,
        "stadium": stap.stadium,
        "fase": "divergeren",
        "gestartOp": utc(stap.gestart_op),
        "heropent": None,
        "heropeningsreden": "",
        **anders,
    }


# Moments of a history entered late, in Dutch time.
AMS = ZoneInfo("Europe/Amsterdam")


def op(jaar: int, maand: int, dag: int, uur: int = 10) -> dt.datetime:
    return dt.datetime(jaar, maand, dag, uur, tzinfo=AMS)
