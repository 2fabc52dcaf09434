"""The status pages run a fixed number of queries, whatever the size of the data: measured at
1, 10 and 50 rows with the same ``django_assert_num_queries(K)``. The client logs in with a
session, so every page starts with the session and the user."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Bijeenkomstsoort
from cases.services import DeelnemerInvoer
from tests.factories import actor_voor, open_proces, voeg_leden_toe

from ._proces import datum

GROOTTES = [1, 10, 50]


def _vul(bestuursproces: Bestuursproces, regisseur: Any, n: int) -> None:
    """n of every kind of row the page reads: assessed spelers and opdrachtgevers, notes,
    interventions done and planned, a wyber-stap with n options, besluiten, afspraken and
    bijeenkomsten; every other one at the kernteam's level, so that a reading role also meets
    what is withheld from it."""
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="Kiezen")
    for i in range(n):
        niveau = "kernteam" if i % 2 else "proces"
        speler = services.registreer_speler(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=f"Speler {i}",
            soort="persoon",
            veld="verbindende",
            rol_in_proces="betrokkene",
        )
        services.wijzig_betrokkenheid(actor=actor, partij=speler, actie="aansluiten", reden="Ja")
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt="voorstander",
            macht="geen",
            invloed=2,
            vertrouwen=2,
        )
        opdrachtgever = services.registreer_opdrachtgever(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=f"Opdrachtgever {i}",
            rol="gemeenteraad",
        )
        services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            stevigheid=3,
            steun="afwachtend",
            onderling_vertrouwen=3,
            zichtbaarheid=niveau,
        )
        services.maak_notitie(
            actor=actor, bestuursproces=bestuursproces, tekst=f"Notitie {i}", zichtbaarheid=niveau
        )
        services.log_interventie(
            actor=actor,
            bestuursproces=bestuursproces,
            titel=f"Interventie {i}",
            datum=datum(0),
            velden=("verbindende", "interne"),
            niveau="groep",
            aangrijpingspunt="interactie",
            zwaarte="licht",
            beoogd_effect="Effect",
            spelers=[speler],
            status="uitgevoerd" if i % 2 else "gepland",
            wat_gedaan="Gedaan" if i % 2 else "",
            zichtbaarheid=niveau,
        )
        services.breng_optie_in(actor=actor, stap=stap, titel=f"Optie {i}")
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=bestuursproces,
            titel=f"Besluit {i}",
            opdrachtgever=opdrachtgever,
            datum=datum(0),
            zichtbaarheid=niveau,
        )
        services.leg_bijeenkomst_vast(
            actor=actor,
            bestuursproces=bestuursproces,
            titel=f"Bijeenkomst {i}",
            soort=Bijeenkomstsoort.objects.get(code="werksessie"),
            datum=datum(0),
            deelnemers=[DeelnemerInvoer(speler=speler, aanwezig=True)],
            zichtbaarheid=niveau,
        )
        services.maak_afspraak(
            actor=actor,
            bestuursproces=bestuursproces,
            wat=f"Afspraak {i}",
            door=speler,
            aan=opdrachtgever,
            uiterlijk=datum(0),
            zichtbaarheid=niveau,
        )


@pytest.mark.parametrize("n", GROOTTES)
def test_lijst(client: Client, regisseur: Any, n: int, django_assert_num_queries: Any) -> None:
    for i in range(n):
        open_proces(regisseur, titel=f"Proces {i}")
    client.force_login(regisseur)
    # Queries: session; user; the cases with my role; the right to open a case (the user's
    # and the groups' permissions); then per signal of "what needs doing", over all active
    # cases at once (werkruimte/mijn_processen.py): consents, besluitmomenten, overdue
    # interventies, attention per veld, speler and opdrachtgever assessments, overdue
    # afspraken; whether I am an evaluator anywhere (the link to the comparison across cases).
    with django_assert_num_queries(13):
        response = client.get("/processen/")
    assert response.content.decode().count('class="kaart"') == n


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("rol", ["procesregisseur", "opdrachtgever"])
@pytest.mark.parametrize("op", [False, True], ids=["nu", "verleden"])
def test_proces(
    client: Client, regisseur: Any, n: int, rol: str, op: bool, django_assert_num_queries: Any
) -> None:
    # Opened two days ago, so that yesterday is a day of the case; the log grows with n.
    bestuursproces = open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=2))
    lid = voeg_leden_toe(bestuursproces, regisseur)[rol]
    _vul(bestuursproces, regisseur, n)
    client.force_login(lid)
    url = f"/processen/{bestuursproces.uuid}/" + (f"?op={datum(-1)}" if op else "")
    # Queries now (statuspagina/nu.py): session; user; the case with my role; the case's small
    # parts as subqueries of one row (the latest idee, besluitmomenten, the latest wyber-stap
    # and its consents, organisaties, when each stadium was last reached, per veld the latest
    # intervention done, the last volgnummer, and for a role that does not read every level
    # what is withheld from it); the spelers and the opdrachtgevers, each with its current
    # assessment joined from the read model; besluiten; afspraken; bijeenkomsten with their
    # attendance counted; the attention window's rows; the tijdlijn's items (its read model).
    # For a past day: session; user; the case; one fold of the log after checking that
    # something happened later (the nearest stored stand of the fold and the end of the log
    # in one query, then the events after the stand); the stadiumovergangen up to the moment;
    # the names of the kinds of bijeenkomst; the tijdlijn's items; and for a role that does
    # not read every level what is withheld from it and the hidden interventies of the
    # attention window (one query).
    verleden = 10 if rol == "procesregisseur" else 11
    with django_assert_num_queries(verleden if op else 11):
        response = client.get(url)
    assert response.status_code == 200
    # Now every speler stands on the page; yesterday the case was still empty.
    assert ("Speler 0" in response.content.decode()) is not op
