"""The interventie endpoints run a fixed number of queries, whatever the data size: at 1, 10
and 50 interventies, each with several velden, spelers, opdrachtgevers and reflecties.

How each endpoint is measured: _query_counts.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Interventie
from tests.cases._interventies import instrument, log, strategie
from tests.cases.services._hulp import maak_opdrachtgever, maak_speler, start_stap
from tests.factories import actor_voor, open_proces

from ._query_counts import GROOTTES, PAGINA, Eindpunt, meet, pagina
from .helpers import client_voor, proces_url


def proces_met_interventies(regisseur: Any, n: int) -> tuple[Bestuursproces, Interventie]:
    """n interventies, each on three velden with two spelers, an opdrachtgever, a strategie,
    an instrument, a wyber-stap and a reflectie at each level; returns the case and the last."""
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, met_idee=False)
    spelers = [maak_speler(actor, proces, naam=naam) for naam in ("Anna", "Bart")]
    haven = maak_opdrachtgever(actor, proces)
    stap = start_stap(actor, proces)
    interventie: Interventie | None = None
    for nummer in range(n):
        interventie = log(
            actor,
            proces,
            titel=f"Interventie {nummer}",
            velden=["idee", "verbindende", "interne"],
            spelers=spelers,
            opdrachtgevers=[haven],
            strategie=strategie(),
            instrument=instrument(),
            wyberstap=stap,
            zichtbaarheid="proces",
        )
        for niveau in ("proces", "kernteam", "regisseur"):
            services.leg_reflectie_vast(
                actor=actor, interventie=interventie, tekst=niveau, zichtbaarheid=niveau
            )
    assert interventie is not None
    return proces, interventie


def laatste_interventie_url(regisseur: Any, n: int) -> str:
    proces, laatste = proces_met_interventies(regisseur, n)
    return proces_url(proces, f"/interventies/{laatste.uuid}")


def interventie_met_reflecties(regisseur: Any, n: int) -> str:
    """One interventie with n reflecties (the last one each time at regisseur level)."""
    proces, interventie = proces_met_interventies(regisseur, 1)
    for nummer in range(n - 1):
        services.leg_reflectie_vast(
            actor=actor_voor(regisseur), interventie=interventie, tekst=f"Reflectie {nummer}"
        )
    return proces_url(proces, f"/interventies/{interventie.uuid}/reflecties")


def controleer_interventie(body: dict[str, Any], n: int) -> None:
    assert len(body["velden"]) == 3
    assert len(body["spelers"]) == 2
    assert body["instrumentNaam"] == "Stakeholdersanalyse"


def controleer_reflecties(body: dict[str, Any], n: int) -> None:
    assert body["count"] == n + 2
    assert len(body["results"]) == min(n + 2, PAGINA)


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page with strategie, instrument, wyber-stap and
    # auteur, 4 the velden of the page, 5 their spelers, 6 their opdrachtgevers, 7 their
    # reflecties I may see with their authors.
    "interventies": Eindpunt(
        lambda r, n: proces_url(proces_met_interventies(r, n)[0], "/interventies"), 7, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the interventie with strategie, instrument, wyber-stap and
    # auteur, 3 its velden, 4 spelers, 5 opdrachtgevers, 6 reflecties I may see with authors.
    "interventies/{uuid}": Eindpunt(laatste_interventie_url, 6, controleer_interventie),
    # 1 the case with mijnRol, 2 the interventie, 3 count, 4 the page with authors.
    "interventies/{uuid}/reflecties": Eindpunt(
        interventie_met_reflecties, 4, controleer_reflecties
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(
    regisseur: Any, django_assert_num_queries: Any, naam: str, n: int
) -> None:
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)


@pytest.mark.parametrize("n", GROOTTES)
def test_loggen_kost_een_vast_aantal_queries(
    regisseur: Any, django_assert_num_queries: Any, n: int
) -> None:
    proces, _ = proces_met_interventies(regisseur, n)
    client = client_voor(regisseur)
    body = {
        "titel": "Keukentafelgesprek",
        "datum": timezone.localdate().isoformat(),
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogdEffect": "Hij doet mee",
    }

    # In the request's transaction (a savepoint in the test's): the case with my role, locked
    # (procesregie/transacties.py: the service takes that row and runs in this transaction);
    # the interventie, its veld, the chain head (and the latest moment of the history) moved
    # on the case row, the event, the tijdlijn's read model (the item, the memory it changed,
    # the count of items); release. Nothing is read back for the answer (the service's
    # interventie holds its relations), no relation of the new row is deleted first, no row
    # the service holds is read again to validate it, the chain head comes from the locked
    # row rather than the log, whether anything happened later is the locked row's latest
    # moment rather than a query of the log, and the read model's memory is not asked about
    # the interventie it cannot know yet. On PostgreSQL the interventie, its veld, the chain
    # head, the event and the tijdlijn's read model are one statement (data-modifying CTEs,
    # cases/events/voorbereid.py): 4 round trips instead of 10.
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 10):
        antwoord = client.post(proces_url(proces, "/interventies"), body, format="json")

    assert antwoord.status_code == 201, antwoord.content


def test_het_antwoord_op_loggen_is_wat_een_get_daarna_geeft(regisseur: Any) -> None:
    # The answer is built from the service's interventie without reading it back: it must be
    # the same document as a GET of the new interventie, relations and their order included.
    proces, _ = proces_met_interventies(regisseur, 1)
    actor = actor_voor(regisseur)
    spelers = [maak_speler(actor, proces, naam=naam) for naam in ("Carla", "Dirk", "Eva")]
    opdrachtgevers = [maak_opdrachtgever(actor, proces, naam=f"Wethouder {i}") for i in range(2)]
    client = client_voor(regisseur)
    body = {
        "titel": "Keukentafelgesprek",
        "datum": timezone.localdate().isoformat(),
        "velden": ["verbindende", "idee", "interne"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogdEffect": "Zij doen mee",
        "status": "uitgevoerd",
        "watGedaan": "Gesproken",
        "strategie": strategie().code,
        "instrument": str(instrument().uuid),
        "spelers": [
            client.get(proces_url(proces, f"/spelers/{s.uuid}")).json()["url"] for s in spelers
        ],
        "opdrachtgevers": [
            client.get(proces_url(proces, f"/opdrachtgevers/{o.uuid}")).json()["url"]
            for o in opdrachtgevers
        ],
    }

    antwoord = client.post(proces_url(proces, "/interventies"), body, format="json")

    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json() == client.get(antwoord["Location"]).json()
    assert len(antwoord.json()["spelers"]) == 3
