"""Appending to a case's event log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Gebeurtenis, GebeurtenisType, Zichtbaarheid

from .canonical import GENESIS_HASH, bereken_hash, normaliseer
from .handtekening import onderteken

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    """Who does something, and from where; every service takes one."""

    gebruiker: User | None
    herkomst: str = ""

    @classmethod
    def uit_request(cls, request: HttpRequest) -> Actor:
        ip = request.META.get("REMOTE_ADDR", "")
        # DRF stores the authenticator on its own Request; plain Django requests use sessions.
        authenticator = getattr(request, "successful_authenticator", None)
        kanaal = "api-token" if type(authenticator).__name__ == "TokenAuthentication" else "web"
        gebruiker = getattr(request, "user", None)
        if gebruiker is not None and not gebruiker.is_authenticated:
            gebruiker = None
        return cls(gebruiker=gebruiker, herkomst=f"{kanaal}@{ip}")

    @classmethod
    def beheer(cls, commando: str, gebruiker: User | None = None) -> Actor:
        return cls(gebruiker=gebruiker, herkomst=f"beheer:{commando}")

    @property
    def gebruikersnaam(self) -> str:
        return self.gebruiker.get_username() if self.gebruiker is not None else ""

    @property
    def naam(self) -> str:
        if self.gebruiker is None:
            return ""
        volledig = getattr(self.gebruiker, "get_full_name", lambda: "")()
        return str(volledig or self.gebruiker.get_username())


def append_event(
    *,
    bestuursproces: Bestuursproces,
    type: GebeurtenisType | str,
    actor: Actor,
    payload: dict[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
    zichtbaarheid: str = Zichtbaarheid.PROCES,
) -> Gebeurtenis:
    """Append one event to the case's chain.

    Call inside the service's transaction after locking the case row
    (``select_for_update``): the lock is what keeps volgnummers gapless and the chain linear
    when several writers work on one case.

    Sensitive events name their ``zichtbaarheid``; it is stored in the payload (so the hash
    covers it) and viewers below that level see the event with its payload and toelichting
    withheld. Absent means ``proces``: every member may read it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("append_event hoort binnen de transactie van een service.")
    gebeurtenis_type = GebeurtenisType(type)  # unknown types raise ValueError
    laatste = (
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
        .order_by("-volgnummer")
        .values_list("volgnummer", "hash", "tijdstip")
        .first()
    )
    volgnummer, vorige_hash = (laatste[0] + 1, laatste[1]) if laatste else (1, GENESIS_HASH)
    geregistreerd = timezone.now()
    # A point-in-time view folds events in volgnummer order up to a tijdstip, so tijdstip
    # must never run backwards along the chain, nor lie in the future.
    if tijdstip is not None and timezone.is_naive(tijdstip):
        raise ValueError("Tijdstippen in gebeurtenissen moeten een tijdzone hebben.")
    if tijdstip is not None and (
        tijdstip > geregistreerd or (laatste is not None and tijdstip < laatste[2])
    ):
        raise OngeldigeInvoer(
            {
                "tijdstip": [
                    (
                        "invalid",
                        "Het tijdstip ligt in de toekomst of vóór de laatste gebeurtenis "
                        "van dit bestuursproces.",
                    )
                ]
            }
        )
    gebeurtenis = Gebeurtenis(
        bestuursproces=bestuursproces,
        volgnummer=volgnummer,
        type=gebeurtenis_type.value,
        actor=actor.gebruiker,
        actor_gebruikersnaam=actor.gebruikersnaam,
        actor_naam=actor.naam,
        herkomst=actor.herkomst[:200],
        tijdstip=tijdstip or geregistreerd,
        geregistreerd=geregistreerd,
        toelichting=toelichting,
        payload=normaliseer(
            payload
            if zichtbaarheid == Zichtbaarheid.PROCES
            else {**payload, "zichtbaarheid": Zichtbaarheid(zichtbaarheid).value}
        ),
        vorige_hash=vorige_hash,
    )
    gebeurtenis.hash = bereken_hash(gebeurtenis, bestuursproces.uuid)
    onderteken(gebeurtenis)  # issue 12 §7: HMAC under a key outside the database
    gebeurtenis.save(force_insert=True)
    return gebeurtenis
