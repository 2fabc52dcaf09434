"""The status page shows how a closed case ended and what follows (issue 14, item 5)."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Bestuursproces
from tests.factories import GebruikerFactory, actor_voor

from ._html import sectie

ZAAK = "https://zaken.havenstad.example/projecten/havenkwartier"


def test_afgerond_proces_toont_soort_omschrijving_en_vervolg(
    bestuursproces: Bestuursproces, regisseur: Any, als: Any
) -> None:
    opdrachtgever: Any = GebruikerFactory(username="opdrachtgever")
    actor = actor_voor(regisseur)
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=opdrachtgever, rol="opdrachtgever"
    )
    url = f"/processen/{bestuursproces.uuid}/"
    assert 'id="kop-uitkomst"' not in als(opdrachtgever).get(url).content.decode()

    services.wijzig_status(
        actor=actor,
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Verder als project Havenkwartier",
        uitkomst_soort="project",
        vervolg_url=ZAAK,
    )
    html = als(opdrachtgever).get(url).content.decode()
    assert sectie(html, "kop-uitkomst") == (
        "Uitkomst Het proces is omgezet in een project Omschrijving Verder als project "
        f"Havenkwartier Vervolg {ZAAK}"
    )
    assert f'href="{ZAAK}"' in html


def test_oude_afronding_zonder_soort_toont_de_tekst(
    bestuursproces: Bestuursproces, regisseur: Any, als: Any
) -> None:
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )
    Bestuursproces.objects.filter(pk=bestuursproces.pk).update(uitkomst_soort="")
    html = als(regisseur).get(f"/processen/{bestuursproces.uuid}/").content.decode()
    assert sectie(html, "kop-uitkomst") == "Uitkomst Omschrijving Klaar"
