"""Checks of the stored stands of the fold, shared by the property tests, and the case the
tests of stored stands (of the fold and of the tijdlijn's memory) start from."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from cases import services
from cases.events import standen
from cases.events.replay import vouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Foldstand, Speler, Zichtbaarheid
from tests.factories import actor_voor

AMS = ZoneInfo("Europe/Amsterdam")
BEGIN = dt.datetime(2019, 3, 4, 9, tzinfo=AMS)


def dag(n: int) -> dt.datetime:
    return BEGIN + dt.timedelta(days=n)


def dijkversterking(regisseur: Any) -> tuple[Bestuursproces, Speler]:
    """A case opened at BEGIN with one speler, registered on day 1."""
    actor = actor_voor(regisseur)
    proces = services.open_bestuursproces(
        actor=actor,
        titel="Dijkversterking",
        rol_gemeente="initierend",
        aanpak="cyclisch",
        tijdstip=BEGIN,
    )
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Waterschap",
        soort="groep",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        tijdstip=dag(1),
    )
    return proces, speler


# Every key a fold may store stands under: all events, and each role's levels.
ZICHTEN: tuple[frozenset[str] | None, ...] = (
    None,
    Zichtbaarheid.voor_rol("opdrachtgever"),
    Zichtbaarheid.voor_rol("kernteam"),
    Zichtbaarheid.voor_rol("procesregisseur"),
)


def _in_de_fold(
    proces: Bestuursproces, zichtbaar: frozenset[str] | None, posities: set[Any]
) -> dict[Any, tuple[int, str]]:
    """The count and encoded state of the whole fold at each of ``posities``."""
    gevonden: dict[Any, tuple[int, str]] = {}
    teller = 0

    def kijk(staat: Any, e: Any) -> None:
        nonlocal teller
        teller += 1
        if (e.tijdstip, e.volgnummer) in posities:
            gevonden[(e.tijdstip, e.volgnummer)] = (teller, standen.codeer(staat))

    vouw(geschiedenis(proces.pk), zichtbaar, na_elk=kijk)
    return gevonden


def elke_stand_klopt(proces: Bestuursproces) -> int:
    """Every stored stand equals the fold of the whole history at its position (and counts
    the events up to it); returns how many stands there are."""
    aantal = 0
    zichten = set(Foldstand.objects.filter(bestuursproces=proces).values_list("zicht", flat=True))
    for zicht in zichten:
        opgeslagen = {
            (tijdstip, volgnummer): (n, staat)
            for tijdstip, volgnummer, n, staat in Foldstand.objects.filter(
                bestuursproces=proces, zicht=zicht
            ).values_list("tijdstip", "volgnummer", "aantal", "staat")
        }
        zichtbaar = None if zicht == standen.ALLES else frozenset(zicht.split(","))
        assert _in_de_fold(proces, zichtbaar, set(opgeslagen)) == opgeslagen, zicht
        aantal += len(opgeslagen)
    return aantal


def terugkijken_klopt(proces: Bestuursproces, momenten: list[Any]) -> None:
    """At each moment and for each key, folding from the stands (twice: the first may store
    new ones, the second reads them) gives the fold of the whole history."""
    for moment in momenten:
        for zichtbaar in ZICHTEN:
            volledig = vouw(geschiedenis(proces.pk, tot=moment), zichtbaar)
            assert standen.vouw_tot(proces.pk, tot=moment, zichtbaar=zichtbaar) == volledig
            assert standen.vouw_tot(proces.pk, tot=moment, zichtbaar=zichtbaar) == volledig
    elke_stand_klopt(proces)
