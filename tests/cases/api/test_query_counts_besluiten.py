"""Query counts of the besluiten endpoints at 1, 10 and 50 rows (see _query_counts.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Afspraak, Besluit, Bestuursproces, Bijeenkomst, Bijeenkomstsoort
from cases.services import DeelnemerInvoer
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.cases._interventies import log
from tests.factories import actor_voor, open_proces

from ._query_counts import GROOTTES, Eindpunt, meet, pagina
from .helpers import proces_url
from .register import NIVEAUS, opdrachtgever, organisatie, speler, stap


def proces_met_besluiten(regisseur: Any, n: int) -> Bestuursproces:
    """n besluiten at every level, in turn by an opdrachtgever, an organisatie and the raad,
    each fulfilling one of n besluitmomenten."""
    vandaag = timezone.localdate()
    momenten = [vandaag - dt.timedelta(days=nummer) for nummer in range(n)]
    proces = open_proces(
        regisseur,
        met_idee=False,
        tijdstip=timezone.now() - dt.timedelta(days=n + 1),
        opdracht=Opdracht(
            besluitmomenten=tuple(BesluitmomentInvoer(d, "besluit", "Besluit") for d in momenten)
        ),
    )
    door: list[dict[str, Any]] = [
        {"opdrachtgever": opdrachtgever(proces, regisseur)},
        {"organisatie": organisatie(proces, regisseur)},
        {"orgaan": "raad"},
    ]
    for nummer in range(n):
        services.leg_besluit_vast(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            titel=f"Besluit {nummer}",
            datum=timezone.localdate(),
            zichtbaarheid=NIVEAUS[nummer % 3],
            besluitmoment=momenten[nummer],
            **door[nummer % 3],
        )
    return proces


def laatste_besluit_url(regisseur: Any, n: int) -> str:
    proces = proces_met_besluiten(regisseur, n)
    besluit = Besluit.objects.filter(bestuursproces=proces).latest("id")
    return proces_url(proces, f"/besluiten/{besluit.uuid}")


def controleer_besluit(body: dict[str, Any], n: int) -> None:
    assert body["titel"] == f"Besluit {n - 1}"


def controleer_momenten(body: Any, n: int) -> None:
    # A list, not a page.
    assert [stand["status"] for stand in body] == ["genomen"] * n


def proces_met_afspraken(regisseur: Any, n: int) -> Bestuursproces:
    """n afspraken at every level, by each kind of party in turn, to another party, from a
    besluit and a wyber-stap; every other one nagekomen."""
    proces = open_proces(regisseur, met_idee=False)
    actor = actor_voor(regisseur)
    partijen: list[Any] = [
        speler(proces, regisseur),
        opdrachtgever(proces, regisseur),
        organisatie(proces, regisseur),
    ]
    wyberstap = stap(proces, regisseur)
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Besluit",
        orgaan="raad",
        datum=timezone.localdate(),
        zichtbaarheid="proces",
    )
    for nummer in range(n):
        afspraak = services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat=f"Afspraak {nummer}",
            door=partijen[nummer % 3],
            aan=partijen[(nummer + 1) % 3],
            uiterlijk=timezone.localdate(),
            wyberstap=wyberstap,
            besluit=besluit,
            zichtbaarheid=NIVEAUS[nummer % 3],
        )
        if nummer % 2:
            services.handel_afspraak_af(actor=actor, afspraak=afspraak, status="nagekomen")
    return proces


def laatste_afspraak_url(regisseur: Any, n: int) -> str:
    proces = proces_met_afspraken(regisseur, n)
    afspraak = Afspraak.objects.filter(bestuursproces=proces).latest("id")
    return proces_url(proces, f"/afspraken/{afspraak.uuid}")


def controleer_afspraak(body: dict[str, Any], n: int) -> None:
    assert body["wat"] == f"Afspraak {n - 1}"


def proces_met_bijeenkomsten(regisseur: Any, n: int) -> Bestuursproces:
    """n bijeenkomsten at every level, each with a speler, an opdrachtgever and a name, an
    interventie, and a besluit and an afspraak that came out of it."""
    proces = open_proces(regisseur, met_idee=False)
    actor = actor_voor(regisseur)
    anna, wethouder = speler(proces, regisseur), opdrachtgever(proces, regisseur)
    soort = Bijeenkomstsoort.objects.get(code="werksessie")
    interventie = log(actor, proces, zichtbaarheid="proces")
    for nummer in range(n):
        niveau = NIVEAUS[nummer % 3]
        bijeenkomst = services.leg_bijeenkomst_vast(
            actor=actor,
            bestuursproces=proces,
            titel=f"Bijeenkomst {nummer}",
            soort=soort,
            datum=timezone.localdate(),
            interventies=[interventie],
            deelnemers=[
                DeelnemerInvoer(speler=anna, aanwezig=True),
                DeelnemerInvoer(opdrachtgever=wethouder),
                DeelnemerInvoer(naam=f"Gast {nummer}", aanwezig=True),
            ],
            zichtbaarheid=niveau,
        )
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=proces,
            titel="Besluit",
            orgaan="raad",
            datum=timezone.localdate(),
            bijeenkomst=bijeenkomst,
            zichtbaarheid=niveau,
        )
        services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat="Afspraak",
            door=anna,
            bijeenkomst=bijeenkomst,
            zichtbaarheid=niveau,
        )
    return proces


def laatste_bijeenkomst_url(regisseur: Any, n: int) -> str:
    proces = proces_met_bijeenkomsten(regisseur, n)
    bijeenkomst = Bijeenkomst.objects.filter(bestuursproces=proces).latest("id")
    return proces_url(proces, f"/bijeenkomsten/{bijeenkomst.uuid}")


def controleer_bijeenkomst(body: dict[str, Any], n: int) -> None:
    assert (body["titel"], body["uitgenodigd"], body["aanwezig"]) == (f"Bijeenkomst {n - 1}", 3, 2)
    assert (len(body["besluiten"]), len(body["afspraken"])) == (1, 1)


def controleer_aanwezigheid(body: Any, n: int) -> None:
    # Anna, the wethouder and one guest per bijeenkomst.
    assert sorted(regel["uitgenodigd"] for regel in body) == [1] * n + [n, n]


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page with soort, wyber-stap and author, 4 their
    # deelnemers with parties, 5 interventies, 6 visible besluiten, 7 visible afspraken,
    # 8 visible documenten.
    "bijeenkomsten": Eindpunt(
        lambda r, n: proces_url(proces_met_bijeenkomsten(r, n), "/bijeenkomsten"), 8, pagina(0)
    ),
    # As the list, without the count.
    "bijeenkomsten/{uuid}": Eindpunt(laatste_bijeenkomst_url, 7, controleer_bijeenkomst),
    # As the list, without the count and the documenten (the whole list is read).
    "bijeenkomsten/aanwezigheid": Eindpunt(
        lambda r, n: proces_url(proces_met_bijeenkomsten(r, n), "/bijeenkomsten/aanwezigheid"),
        6,
        controleer_aanwezigheid,
    ),
    # 1 the case with mijnRol, 2 count, 3 the page with its parties, wyber-stap, besluit and
    # who recorded them.
    "afspraken": Eindpunt(
        lambda r, n: proces_url(proces_met_afspraken(r, n), "/afspraken"), 3, pagina(0)
    ),
    # The same with the filter: still one count and one page.
    "afspraken?verlopen=false": Eindpunt(
        lambda r, n: proces_url(proces_met_afspraken(r, n), "/afspraken?verlopen=false"),
        3,
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 the afspraak with its relations.
    "afspraken/{uuid}": Eindpunt(laatste_afspraak_url, 2, controleer_afspraak),
    # 1 the case with mijnRol, 2 count, 3 the page with who decided and who recorded, 4 their
    # visible documenten.
    "besluiten": Eindpunt(
        lambda r, n: proces_url(proces_met_besluiten(r, n), "/besluiten"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the besluit with who decided and who recorded, 3 its visible
    # documenten.
    "besluiten/{uuid}": Eindpunt(laatste_besluit_url, 3, controleer_besluit),
    # 1 the case with mijnRol, 2 the besluitmomenten, 3 the besluiten that fulfil them.
    "besluitmomenten": Eindpunt(
        lambda r, n: proces_url(proces_met_besluiten(r, n), "/besluitmomenten"),
        3,
        controleer_momenten,
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(regisseur, django_assert_num_queries, naam, n):
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)
