"""Access to the workspace: members read every task, only procesregisseur and kernteam get
forms and may write; non-members get 404 and learn nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases.models import Bestuursproces, Gebeurtenis

from ._html import LEZEND, WERKEND, formulieren

pytestmark = pytest.mark.django_db


def _pagina(zaak: Bestuursproces, taak: str = "") -> str:
    return f"/processen/{zaak.uuid}/{taak}"


@pytest.mark.parametrize("taak", ["", "stadium/"])
def test_een_buitenstaander_krijgt_404(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, taak: str
) -> None:
    client = web(zaakleden["buitenstaander"])
    assert client.get(_pagina(zaak, taak)).status_code == 404
    if taak:
        aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()
        antwoord = client.post(_pagina(zaak, taak), {"naar": "houdbaar", "toelichting": "x"})
        assert antwoord.status_code == 404
        assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal


def test_zonder_inloggen_naar_de_inlogpagina(zaak: Bestuursproces, client: Client) -> None:
    antwoord = client.get(_pagina(zaak, "stadium/"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_de_taak_zonder_formulier_en_mag_niet_schrijven(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    antwoord = client.get(_pagina(zaak, "stadium/"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert formulieren(html) == []
    assert "U kunt dit dossier lezen" in html

    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()
    antwoord = client.post(
        _pagina(zaak, "stadium/"),
        {"naar": "houdbaar", "toelichting": "Toch maar", "forceren": "on"},
    )
    assert antwoord.status_code == 403
    assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal
    zaak.refresh_from_db()
    assert zaak.stadium == "voorstelbaar"


@pytest.mark.parametrize("rol", WERKEND)
def test_regisseur_en_kernteam_krijgen_het_formulier(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    html = web(zaakleden[rol]).get(_pagina(zaak, "stadium/")).content.decode()
    assert formulieren(html) == ["stadiumformulier"]
    assert "U kunt dit dossier lezen" not in html
    # Forcing is the procesregisseur's alone, so only the regisseur is offered it.
    assert ('name="forceren"' in html) == (rol == "procesregisseur")


@pytest.mark.parametrize("rol", LEZEND + WERKEND)
def test_de_navigatie_noemt_de_taken_en_de_huidige(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    overzicht = client.get(_pagina(zaak)).content.decode()
    stadium = client.get(_pagina(zaak, "stadium/")).content.decode()
    for html in (overzicht, stadium):
        assert 'aria-label="Taken in dit proces"' in html
        assert f'href="/processen/{zaak.uuid}/"' in html
        assert f'href="/processen/{zaak.uuid}/stadium/"' in html
    assert f'href="/processen/{zaak.uuid}/" aria-current="page"' in overzicht
    assert f'href="/processen/{zaak.uuid}/stadium/" aria-current="page"' in stadium


def test_de_weigering_van_een_lezer_zegt_waarom(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["opdrachtgever"]).post(
        _pagina(zaak, "stadium/"), {"naar": "houdbaar", "toelichting": "Graag"}
    )
    assert antwoord.status_code == 403
    assert "Uw rol in dit bestuursproces is opdrachtgever" in antwoord.content.decode()
