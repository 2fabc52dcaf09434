"""The Bijeenkomsten, Besluiten, Afspraken and Documenten pages run a fixed number of queries
whatever the size of the case: each measured at 1, 10 and 50 rows of everything (bijeenkomsten
with their deelnemers, besluiten, afspraken, documents with two versions, parties) with the
same ``django_assert_num_queries(K)``, as a procesregisseur (every form on the page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases import services
from cases.services import DeelnemerInvoer
from tests._bestanden import bestand
from werkruimte.dossier.bijeenkomstformulieren import verslagtitel

from ._dossier import Dossier, bouw_dossier, dag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documentopslag")]

GROOTTES = [1, 10, 50]


def _vul(regisseur: Any, n: int) -> Dossier:
    dossier = bouw_dossier(regisseur)
    actor = dossier.actor
    spelers = [
        services.registreer_speler(
            actor=actor,
            bestuursproces=dossier.zaak,
            naam=f"Speler {i}",
            soort="persoon",
            veld="verbindende",
            rol_in_proces="betrokkene",
        )
        for i in range(n)
    ]
    for i in range(n):
        bijeenkomst = dossier.bijeenkomst(
            f"Sessie {i}",
            datum=dag(0),
            deelnemers=[
                DeelnemerInvoer(speler=s, aanwezig=j % 2 == 0) for j, s in enumerate(spelers)
            ]
            + [DeelnemerInvoer(naam=f"Gast {i}", aanwezig=True)],
        )
        besluit = dossier.besluit(f"Besluit {i}", datum=dag(0), bijeenkomst=bijeenkomst)
        dossier.afspraak(
            f"Afspraak {i}",
            door=spelers[i],
            aan=dossier.opdrachtgever,
            datum=dag(0),
            uiterlijk=dag(-5),
            besluit=besluit,
            bijeenkomst=bijeenkomst,
        )
        document = dossier.document(f"Document {i}")
        services.voeg_versie_toe(actor=actor, document=document, bestand=bestand())
    return dossier


# Every page starts with: session; user; the case with my role.
PAGINAS = {
    # + count; the page of bijeenkomsten with soort and counts; the kinds for the filter.
    "bijeenkomsten/": 6,
    # + the bijeenkomsten with soort, wyber-stap and author; their deelnemers with parties;
    # interventies; besluiten; afspraken.
    "bijeenkomsten/aanwezigheid/": 8,
    # + the version; spelers; opdrachtgevers; the kinds; wyber-stappen (the form).
    "bijeenkomsten/nieuw/": 8,
    # + besluitmomenten; the besluiten behind them; the besluiten; the version; the form's
    # opdrachtgevers, organisaties, besluitmomenten, bijeenkomsten and open consents.
    "besluiten/": 12,
    # + the afspraken with every relation; the version (once for every form); the form's
    # spelers, opdrachtgevers, organisaties, bijeenkomsten, besluiten and wyber-stappen.
    "afspraken/": 11,
    # + the documents with author and links; their versions with authors; the version (once
    # for every form).
    "documenten/": 6,
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_vast_aantal_queries(
    client: Client, regisseur: Any, n: int, pagina: str, django_assert_num_queries: Any
) -> None:
    dossier = _vul(regisseur, n)
    client.force_login(regisseur)
    with django_assert_num_queries(PAGINAS[pagina]):
        antwoord = client.get(f"/processen/{dossier.zaak.uuid}/{pagina}")
    assert antwoord.status_code == 200


@pytest.mark.parametrize("n", GROOTTES)
def test_een_bijeenkomst(
    client: Client, regisseur: Any, n: int, django_assert_num_queries: Any
) -> None:
    dossier = _vul(regisseur, n)
    client.force_login(regisseur)
    bijeenkomst = dossier.zaak.bijeenkomsten.order_by("id").first()
    assert bijeenkomst is not None
    for _ in range(n):
        verslag = dossier.document(
            verslagtitel(bijeenkomst),
            bijeenkomst=bijeenkomst,
            zichtbaarheid=bijeenkomst.zichtbaarheid,
        )
        services.voeg_versie_toe(actor=dossier.actor, document=verslag, bestand=bestand())
    # session; user; the case with my role; the bijeenkomst with soort, wyber-stap and author;
    # its deelnemers with parties; interventies; besluiten; afspraken; its verslagen; their
    # versions; the version for the form.
    with django_assert_num_queries(11):
        antwoord = client.get(f"/processen/{dossier.zaak.uuid}/bijeenkomsten/{bijeenkomst.uuid}/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count("<tr class=") == n + 2  # header, speler rows, guest
    assert html.count("/inhoud") == 2 * n
