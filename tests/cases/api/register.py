"""Test data for the register of parties, built through the services; and their URLs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases import services
from cases.models import (
    Bestuursproces,
    Instemming,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Optie,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    WyberStap,
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


# --- wyberen -----------------------------------------------------------------------------


def stap(proces: Bestuursproces, gebruiker: Any, doel: str = "Waar komt de brug?") -> WyberStap:
    return services.start_wyberstap(actor=actor_voor(gebruiker), bestuursproces=proces, doel=doel)


def optie(
    wyberstap: WyberStap, gebruiker: Any, titel: str = "Oostelijke route", **velden: Any
) -> Optie:
    return services.breng_optie_in(
        actor=actor_voor(gebruiker), stap=wyberstap, titel=titel, **velden
    )


def fase(wyberstap: WyberStap, gebruiker: Any, naar: str) -> WyberStap:
    return services.wijzig_fase(actor=actor_voor(gebruiker), stap=wyberstap, naar=naar)


def besluit(keuze: Optie, gebruiker: Any, status: str = "gekozen", **velden: Any) -> Optie:
    return services.besluit_over_optie(
        actor=actor_voor(gebruiker), optie=keuze, status=status, **velden
    )


def stap_in_consolideren(
    proces: Bestuursproces, gebruiker: Any, doel: str = "Waar komt de brug?"
) -> WyberStap:
    """A step with one gekozen and one verworpen optie, moved on to consolideren."""
    wyberstap = stap(proces, gebruiker, doel)
    gekozen = optie(wyberstap, gebruiker, "Oostelijke route")
    verworpen = optie(wyberstap, gebruiker, "Westelijke route")
    fase(wyberstap, gebruiker, "convergeren")
    besluit(gekozen, gebruiker)
    besluit(verworpen, gebruiker, "verworpen", reden="Te duur")
    return fase(wyberstap, gebruiker, "consolideren")


def consolideer(
    wyberstap: WyberStap, gebruiker: Any, instemmers: list[Speler | Opdrachtgever]
) -> list[Instemming]:
    services.consolideer(
        actor=actor_voor(gebruiker),
        stap=wyberstap,
        uitkomst="consensus",
        tekst="De brug komt aan de oostkant.",
        instemmers=instemmers,
    )
    return list(Instemming.objects.filter(stap=wyberstap).order_by("id"))


def stem_in(instemming: Instemming, gebruiker: Any, **velden: Any) -> Instemming:
    gegevens: dict[str, Any] = {"status": "ingestemd", "formeel_besloten": True} | velden
    return services.leg_instemming_vast(
        actor=actor_voor(gebruiker), instemming=instemming, **gegevens
    )


def stap_url(wyberstap: WyberStap, suffix: str = "") -> str:
    """The absolute URL of a wyber-stap (or of what is below it)."""
    return absoluut(proces_url(wyberstap.bestuursproces, f"/wyberstappen/{wyberstap.uuid}{suffix}"))


def optie_url(keuze: Optie) -> str:
    return stap_url(keuze.stap, f"/opties/{keuze.uuid}")


def instemming_url(instemming: Instemming) -> str:
    return stap_url(instemming.stap, f"/instemmingen/{instemming.uuid}")


def instemming_body(instemming: Instemming, **anders: Any) -> dict[str, Any]:
    """A consent as the API shows it, from the database; ``anders`` overrides fields."""
    instemming.refresh_from_db()
    partij = instemming.speler or instemming.opdrachtgever
    assert partij is not None
    return {
        "url": instemming_url(instemming),
        "uuid": str(instemming.uuid),
        "partij": url(partij),
        "naam": partij.naam,
        "status": instemming.status,
        "voorbehoud": instemming.voorbehoud,
        "formeelBesloten": instemming.formeel_besloten,
        "formeelBesluitNodig": instemming.formeel_besluit_nodig,
        "beslotenOp": instemming.besloten_op.isoformat() if instemming.besloten_op else None,
        "besluitreferentie": instemming.besluitreferentie,
        "besluit": (
            absoluut(proces_url(instemming.bestuursproces, f"/besluiten/{instemming.besluit.uuid}"))
            if instemming.besluit
            else None
        ),
        "rond": instemming.rond,
    } | anders
