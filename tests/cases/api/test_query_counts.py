"""Every list and detail endpoint of a case, its idee, stadia, events and members runs a
fixed number of queries, whatever the data size. (Parties, notes, wyber-stappen and the
tijdlijn: test_query_counts_partijen.)

How each endpoint is measured: _query_counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._query_counts import GROOTTES, Eindpunt, meet, pagina
from .helpers import LIJST, proces_url
from .register import speler


def opdracht(aantal_besluitmomenten: int) -> Opdracht:
    return Opdracht(
        kaders="Kaders",
        besluitmomenten=tuple(
            BesluitmomentInvoer(
                datum=dt.date(2026, 1, 1) + dt.timedelta(days=n), soort="besluit", gevraagd=f"{n}"
            )
            for n in range(aantal_besluitmomenten)
        ),
    )


def n_processen(regisseur: Any, n: int) -> str:
    """n cases, each with besluitmomenten (which the list prefetches) and an idee."""
    for nummer in range(n):
        open_proces(regisseur, titel=f"Proces {nummer}", opdracht=opdracht(2))
    return LIJST


def proces_met_ideeversies(regisseur: Any, n: int) -> Bestuursproces:
    """n idee versions; from version 2 on, each names two spelers as idee-eigenaren."""
    proces = open_proces(regisseur, opdracht=opdracht(n))  # idee version 1
    eigenaren = (speler(proces, regisseur, "Eigenaar A").uuid, speler(proces, regisseur, "B").uuid)
    for versie in range(2, n + 1):
        services.herzie_idee(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            inhoud=IdeeInhoud(
                wat=f"Versie {versie}", eigenaar_spelers=eigenaren[:: (-1) ** versie]
            ),
        )
    return proces


def proces_met_overgangen(regisseur: Any, n: int) -> Bestuursproces:
    """n stadium transitions, back and forth between voorstelbaar and houdbaar."""
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        services.wijzig_stadium(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            naar="houdbaar" if nummer % 2 == 0 else "voorstelbaar",
            toelichting=f"Overgang {nummer}",
            # Past the stadium gate: what is counted here is the reading, not the steps.
            forceren=nummer % 2 == 0,
        )
    return proces


def proces_met_leden(regisseur: Any, n: int) -> Bestuursproces:
    """n members: the regisseur and n - 1 kernteam members."""
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(1, n):
        lid: Any = GebruikerFactory(username=f"lid-{proces.pk}-{nummer}")
        services.voeg_lid_toe(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            gebruiker=lid,
            rol="kernteam",
        )
    return proces


def laatste_overgang_url(regisseur: Any, n: int) -> str:
    proces = proces_met_overgangen(regisseur, n)
    laatste = proces.stadiumovergangen.order_by("-tijdstip").first()
    assert laatste is not None
    return proces_url(proces, f"/stadiumovergangen/{laatste.uuid}")


def laatste_lid_url(regisseur: Any, n: int) -> str:
    proces = proces_met_leden(regisseur, n)
    laatste = proces.lidmaatschappen.order_by("-sinds", "-id").first()
    assert laatste is not None
    return proces_url(proces, f"/lidmaatschappen/{laatste.uuid}")


def controleer_detail(body: dict[str, Any], n: int) -> None:
    assert len(body["opdracht"]["besluitmomenten"]) == n
    assert body["huidigIdee"]["versie"] == n


def controleer_idee(body: dict[str, Any], n: int) -> None:
    assert body["versie"] == n


def controleer_gebeurtenis(body: dict[str, Any], n: int) -> None:
    assert body["volgnummer"] == 2 + n
    assert body["type"] == "stadium.gewijzigd"


def controleer_toelichting(body: dict[str, Any], n: int) -> None:
    assert body["toelichting"] == f"Overgang {n - 1}"


def controleer_lid(body: dict[str, Any], n: int) -> None:
    assert body["rol"] == ("procesregisseur" if n == 1 else "kernteam")


def controleer_momentopname(body: dict[str, Any], n: int) -> None:
    assert len(body["stadiumovergangen"]) == n
    assert body["volgnummer"] == 2 + n


def controleer_eigenaren(body: dict[str, Any], n: int) -> None:
    assert body["versie"] == n
    assert len(body["eigenaarSpelers"]) == (2 if n > 1 else 0)


EINDPUNTEN = {
    # 1 count of my cases, 2 the page of cases with mijnRol, 3 their besluitmomenten.
    "bestuursprocessen": Eindpunt(n_processen, 3, pagina(0)),
    # 1 the case with mijnRol, 2 its besluitmomenten, 3 the current idee with its author,
    # 4 the idee's eigenaar spelers.
    "bestuursproces": Eindpunt(
        lambda r, n: proces_url(proces_met_ideeversies(r, n)), 4, controleer_detail
    ),
    # 1 the case with mijnRol, 2 the current idee with its author, 3 its eigenaar spelers.
    "idee": Eindpunt(
        lambda r, n: proces_url(proces_met_ideeversies(r, n), "/idee"), 3, controleer_eigenaren
    ),
    # 1 the case with mijnRol, 2 count, 3 the page of versions with their authors, 4 the
    # eigenaar spelers of the whole page.
    "idee/versies": Eindpunt(
        lambda r, n: proces_url(proces_met_ideeversies(r, n), "/idee/versies"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 count, 3 the page of transitions with who made them.
    "stadiumovergangen": Eindpunt(
        lambda r, n: proces_url(proces_met_overgangen(r, n), "/stadiumovergangen"), 3, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the transition with who made it.
    "stadiumovergangen/{uuid}": Eindpunt(
        laatste_overgang_url, 2, lambda body, n: controleer_toelichting(body, n)
    ),
    # 1 the case with mijnRol, 2 count, 3 the page of memberships with their users.
    "lidmaatschappen": Eindpunt(
        lambda r, n: proces_url(proces_met_leden(r, n), "/lidmaatschappen"), 3, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the membership with its user.
    "lidmaatschappen/{uuid}": Eindpunt(laatste_lid_url, 2, lambda body, n: controleer_lid(body, n)),
    # 1 the case with mijnRol (its chain head is the count of the whole log), 2 the page of
    # events. Every case starts with 2 events (geopend, lidmaatschap.toegevoegd); each
    # transition adds one.
    "gebeurtenissen": Eindpunt(
        lambda r, n: proces_url(proces_met_overgangen(r, n), "/gebeurtenissen"), 2, pagina(2)
    ),
    # 1 the case with mijnRol, 2 the event.
    "gebeurtenissen/{volgnummer}": Eindpunt(
        lambda r, n: proces_url(proces_met_overgangen(r, n), f"/gebeurtenissen/{2 + n}"),
        2,
        controleer_gebeurtenis,
    ),
    # "Now" is read from the tables, at a cost that does not grow with the log: the case with
    # mijnRol, whether anything happened after now, the case row afresh, then one or two
    # queries per part of the
    # case (the past is folded from the log: see test_werkelijke_tijd).
    "momentopname": Eindpunt(
        lambda r, n: proces_url(proces_met_overgangen(r, n), "/momentopname"),
        20,
        controleer_momentopname,
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(regisseur, django_assert_num_queries, naam, n):
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)
