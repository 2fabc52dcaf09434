"""The admin's messages about a bestuursproces read as Dutch: "het bestuursproces", not Django's
"de bestuursproces"; and in English as Django says it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Bestuursproces

from ..factories import GebruikerFactory
from .admin_helpers import formulierdata


def _meldingen(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("taal", "knop", "verwacht"),
    [
        ("nl", {}, "Het bestuursproces “{titel}” is gewijzigd."),
        (
            "nl",
            {"_continue": "1"},
            "Het bestuursproces “{titel}” is gewijzigd. U kunt het hieronder verder wijzigen.",
        ),
        ("en", {}, "The governance process “{titel}” was changed successfully."),
    ],
)
def test_wijzigen_zegt_het_bestuursproces(
    browser: Any, leden: dict[str, Any], taal: str, knop: dict[str, str], verwacht: str
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    client = browser(regisseur)
    url = reverse("admin:cases_bestuursproces_change", args=[bestuursproces.pk])
    data = {**formulierdata(client.get(url)), "titel": "Havenkwartier", **knop}

    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=taal)

    assert response.status_code == 302
    [melding] = _meldingen(response)
    link = f'<a href="{url}">Havenkwartier</a>'
    assert melding == verwacht.format(titel=link)
    assert "De bestuursproces" not in melding


def test_openen_zegt_het_bestuursproces(browser: Any, db: None) -> None:
    client = browser(GebruikerFactory(username="opener", opent=True))

    response = client.post(
        reverse("admin:cases_bestuursproces_add"),
        {
            "titel": "Gezondheidsakkoord",
            "rol_gemeente": "participerend",
            "procesrol": "procesregisseur",
            "aanpak": "flipperkast",
            "status": "actief",
        },
    )

    assert response.status_code == 302
    [melding] = _meldingen(response)
    assert melding.startswith("Het bestuursproces “<a href=")
    assert melding.endswith(">Gezondheidsakkoord</a>” is toegevoegd.")
