"""Processen vergelijken (/processen/vergelijking/): one row per case the evaluator may see,
with the figures of cases.selectors.kengetallen, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Zichtbaarheid
from cases.selectors.kengetallen import kengetallen
from cases.selectors.overzicht import ZichtbaarProces, zichtbare_processen
from cases.selectors.vergelijking import QUERIES, vergelijk
from tests.cases._evaluatiecasus import NU, Evaluatiecasus, bouw_evaluatiecasus
from tests.factories import GebruikerFactory, actor_voor, open_proces

URL = "/processen/vergelijking/"
KANARIE = "KANARIE-vergelijking-vreemd-8e41"


def _lid(bestuursproces: Any, regisseur: Any, gebruiker: Any, rol: str) -> None:
    services.voeg_lid_toe(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, gebruiker=gebruiker, rol=rol
    )


@pytest.fixture
def casus(regisseur: Any) -> Evaluatiecasus:
    return bouw_evaluatiecasus(regisseur)


@pytest.fixture
def evaluator(casus: Evaluatiecasus, regisseur: Any) -> Any:
    gebruiker: Any = GebruikerFactory(username="eva")
    _lid(casus.proces, regisseur, gebruiker, "evaluator")
    tweede = open_proces(regisseur, titel="Brede school Noord")
    _lid(tweede, regisseur, gebruiker, "evaluator")
    # A case the evaluator is no member of, and one where they only read (opdrachtgever).
    open_proces(regisseur, titel=f"Vreemd {KANARIE}")
    alleen_lezen = open_proces(regisseur, titel=f"Opdrachtgever {KANARIE}")
    _lid(alleen_lezen, regisseur, gebruiker, "opdrachtgever")
    return gebruiker


def test_elke_rij_heeft_de_kengetallen_van_haar_proces(
    casus: Evaluatiecasus, evaluator: Any, regisseur: Any
) -> None:
    # As the evaluator sees it, and with the regisseur's levels (more interventies).
    (als_evaluator,) = [
        p for p in zichtbare_processen(evaluator) if p.bestuursproces.pk == casus.proces.pk
    ]
    als_regisseur = ZichtbaarProces(
        als_evaluator.bestuursproces,
        "procesregisseur",
        Zichtbaarheid.voor_rol("procesregisseur"),
    )
    for proces in (als_evaluator, als_regisseur):
        (rij,) = vergelijk([proces], nu=NU)
        cijfers = kengetallen(casus.proces, proces.zichtbaar, nu=NU)
        assert rij.stadia == cijfers.stadia
        assert rij.stappen == cijfers.stappen
        assert rij.interventies == cijfers.interventies
        assert rij.interventies_afgeschermd == cijfers.afgeschermd.interventies
        assert rij.dagen == cijfers.dagen
    # The case's known history (tests/cases/_evaluatiecasus.py), as the evaluator sees it.
    (rij,) = [
        r
        for r in vergelijk(zichtbare_processen(evaluator), nu=NU)
        if r.proces.bestuursproces.pk == casus.proces.pk
    ]
    # voorstelbaar days 0–20 and 35–45, houdbaar 20–35 and 45–70, maakbaar 70–100.
    assert [s.dagen for s in rij.stadia][:3] == [30, 40, 30]
    assert (rij.aantal_stappen, rij.geconsolideerd) == (2, 2)
    assert (rij.interventies.totaal.ja, rij.interventies.totaal.deels) == (1, 0)
    assert rij.interventies_afgeschermd == 2


def test_de_pagina_toont_alleen_wat_de_evaluator_mag_zien(
    client: Client, casus: Evaluatiecasus, evaluator: Any
) -> None:
    client.force_login(evaluator)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert KANARIE not in html
    assert html.count('<th scope="row"') == 4  # two cases, two tables
    assert casus.proces.titel in html
    assert "Brede school Noord" in html
    assert f'href="/processen/{casus.proces.uuid}/"' in html
    assert "2 interventies" in html  # withheld from the evaluator: counted, not shown


def test_geen_evaluator_403_en_anoniem_naar_inloggen(
    client: Client, casus: Evaluatiecasus, regisseur: Any
) -> None:
    opdrachtgever: Any = GebruikerFactory(username="og")
    _lid(casus.proces, regisseur, opdrachtgever, "opdrachtgever")
    assert client.get(URL).status_code == 302
    client.force_login(opdrachtgever)
    assert client.get(URL).status_code == 403
    assert "Processen vergelijken" not in client.get("/processen/").content.decode()


def test_met_het_recht_alle_processen_als_evaluator(
    client: Client, casus: Evaluatiecasus, evaluator: Any
) -> None:
    beheerder: Any = GebruikerFactory(username="beheerder", is_staff=True)
    beheerder.user_permissions.add(
        Permission.objects.get(content_type__app_label="cases", codename="exporteer_alle_processen")
    )
    client.force_login(beheerder)

    html = client.get(URL).content.decode()

    assert html.count('<th scope="row"') == 8
    assert KANARIE in html  # every case, the foreign ones included
    assert "geen lid (recht op alle processen)" in html
    assert 'href="/processen/' not in html.split("<main", 1)[1].split("Terug naar", 1)[1]
    assert "Processen vergelijken" in client.get("/processen/").content.decode()


def _voeg_processen_toe(regisseur: Any, evaluator: Any, aantal: int) -> None:
    actor = actor_voor(regisseur)
    for n in range(aantal):
        proces = open_proces(regisseur, titel=f"Proces {n:03}")
        _lid(proces, regisseur, evaluator, "evaluator")
        services.log_interventie(
            actor=actor,
            bestuursproces=proces,
            titel=f"Gesprek {n}",
            datum=timezone.localdate(),
            velden=["verbindende"],
            niveau="groep",
            aangrijpingspunt="interactie",
            zwaarte="licht",
            beoogd_effect="Vertrouwen",
            zichtbaarheid="regisseur" if n % 2 else "proces",
        )
        services.start_wyberstap(actor=actor, bestuursproces=proces, doel=f"Stap {n}")


@pytest.mark.parametrize("aantal", [1, 10, 30])
def test_een_vast_aantal_queries(
    client: Client, regisseur: Any, aantal: int, django_assert_num_queries: Any
) -> None:
    evaluator: Any = GebruikerFactory(username="eva")
    _voeg_processen_toe(regisseur, evaluator, aantal)
    client.force_login(evaluator)
    # session; user; the right (the user's and the groups' permissions, an evaluator
    # membership); the count and the page of cases with my role; the figures (QUERIES).
    with django_assert_num_queries(7 + QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"') == 2 * min(aantal, 20)


def test_bladeren(client: Client, regisseur: Any) -> None:
    evaluator: Any = GebruikerFactory(username="eva")
    _voeg_processen_toe(regisseur, evaluator, 23)
    client.force_login(evaluator)

    eerste = client.get(URL).content.decode()
    tweede = client.get(URL, {"pagina": 2}).content.decode()

    assert "Pagina 1 van 2" in eerste
    assert eerste.count('<th scope="row"') == 40
    assert tweede.count('<th scope="row"') == 6
    titels = set(re.findall(r"Proces \d{3}", eerste)) | set(re.findall(r"Proces \d{3}", tweede))
    assert len(titels) == 23


def test_in_het_engels(client: Client, casus: Evaluatiecasus, evaluator: Any) -> None:
    client.force_login(evaluator)
    html = client.get(URL, headers={"accept-language": "en"}).content.decode()
    assert "Processen vergelijken" not in html
    assert "dagen" not in html


def test_een_proces_dat_vandaag_is_geopend(regisseur: Any) -> None:
    evaluator: Any = GebruikerFactory(username="eva")
    _voeg_processen_toe(regisseur, evaluator, 1)
    # Days are counted in Dutch dates: an hour later, but never past midnight in Amsterdam
    # (from 23:00 on, an hour later is tomorrow).
    nu = timezone.now()
    middernacht = timezone.make_aware(dt.datetime.combine(timezone.localdate(nu), dt.time.max))
    (rij,) = vergelijk(
        zichtbare_processen(evaluator), nu=min(nu + dt.timedelta(hours=1), middernacht)
    )
    assert rij.dagen == 0
    assert rij.interventies.totaal.niet_geevalueerd == 1
