"""/bestuursprocessen/{uuid}/spelers/{speler}/betrokkenheid: aansluiten, aanhaken,
afwachten and afhaken, each with a reason."""

from __future__ import annotations

import pytest

from cases.models import Betrokkenheidswijziging, Speler

from .helpers import (
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
)
from .register import (
    speler,
    tijd,
    url,
)


def test_betrokkenheid_wijzigen(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)

    response = regisseur_api.post(
        url(bestaand, "/betrokkenheid"),
        {"actie": "aansluiten", "reden": "Zit vanaf nu in het kernoverleg"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    wijziging = Betrokkenheidswijziging.objects.get(speler=bestaand)
    assert response.json() == {
        "uuid": str(wijziging.uuid),
        "actie": "aansluiten",
        "van": "nog_te_betrekken",
        "naar": "aangehaakt",
        "reden": "Zit vanaf nu in het kernoverleg",
        "tijdstip": tijd(wijziging.tijdstip),
        "door": "regisseur",
    }
    assert regisseur_api.get(url(bestaand)).json()["betrokkenheid"] == "aangehaakt"
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "speler.betrokkenheid_gewijzigd"
    assert gebeurtenis.toelichting == "Zit vanaf nu in het kernoverleg"
    assert gebeurtenis.payload == {
        "wijziging": {
            "uuid": str(wijziging.uuid),
            "partij": str(bestaand.uuid),
            "actie": "aansluiten",
            "van": "nog_te_betrekken",
            "naar": "aangehaakt",
            "reden": "Zit vanaf nu in het kernoverleg",
        }
    }


def test_betrokkenheid_door_de_tijd(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    ander = speler(bestuursproces, regisseur, "Ander")
    wijzigingen = url(bestaand, "/betrokkenheid")
    for actie in ("aansluiten", "afwachten", "aanhaken", "afhaken"):
        regisseur_api.post(wijzigingen, {"actie": actie, "reden": f"Reden {actie}"}, format="json")
    regisseur_api.post(
        url(ander, "/betrokkenheid"),
        {"actie": "afhaken", "reden": "Niet van deze speler"},
        format="json",
    )

    body = regisseur_api.get(wijzigingen).json()

    assert body["count"] == 4
    assert [(w["actie"], w["van"], w["naar"], w["reden"]) for w in body["results"]] == [
        ("aansluiten", "nog_te_betrekken", "aangehaakt", "Reden aansluiten"),
        ("afwachten", "aangehaakt", "afwachtend", "Reden afwachten"),
        ("aanhaken", "afwachtend", "aangehaakt", "Reden aanhaken"),
        ("afhaken", "aangehaakt", "afgehaakt", "Reden afhaken"),
    ]
    assert regisseur_api.get(url(bestaand)).json()["betrokkenheid"] == "afgehaakt"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"reden": "Zonder actie"}, {"actie": "required"}),
        ({"actie": "aansluiten"}, {"reden": "required"}),
        ({"actie": "aansluiten", "reden": "   "}, {"reden": "blank"}),
        ({"actie": "meedoen", "reden": "x"}, {"actie": "invalid_choice"}),
        ({"actie": "aansluiten", "reden": "x", "naar": "aangehaakt"}, {"naar": "unknown"}),
    ],
)
def test_betrokkenheid_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    bestaand = speler(bestuursproces, regisseur)
    wijzigingen = url(bestaand, "/betrokkenheid")
    regisseur_api.post(wijzigingen, {"actie": "aansluiten", "reden": "Eerst"}, format="json")
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(wijzigingen, payload, format="json")) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
    assert Speler.objects.get(pk=bestaand.pk).betrokkenheid == "aangehaakt"


@pytest.mark.parametrize("actie", ["aansluiten", "aanhaken"])
def test_actie_die_de_toestand_niet_toelaat_is_een_conflict(
    bestuursproces, regisseur, regisseur_api, actie
):
    # Already aangehaakt: aansluiten again, or aanhaken, is not possible from here.
    bestaand = speler(bestuursproces, regisseur)
    wijzigingen = url(bestaand, "/betrokkenheid")
    regisseur_api.post(wijzigingen, {"actie": "aansluiten", "reden": "Eerst"}, format="json")
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.post(wijzigingen, {"actie": actie, "reden": "Nog eens"}, format="json")

    body = assert_probleem(response, 409, "ongeldige-betrokkenheidsactie")
    assert [param["name"] for param in body["invalidParams"]] == ["actie"]
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
    assert Speler.objects.get(pk=bestaand.pk).betrokkenheid == "aangehaakt"


def test_tweemaal_aansluiten_legt_uit_waarom(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    wijzigingen = url(bestaand, "/betrokkenheid")
    regisseur_api.post(wijzigingen, {"actie": "aansluiten", "reden": "Eerst"}, format="json")

    body = assert_probleem(
        regisseur_api.post(
            wijzigingen, {"actie": "aansluiten", "reden": "Nog eens"}, format="json"
        ),
        409,
        "ongeldige-betrokkenheidsactie",
    )

    assert body["invalidParams"] == [
        {
            "name": "actie",
            "code": "ongeldige-betrokkenheidsactie",
            "reason": "Aansluiten kan alleen vanuit: nog te betrekken (nu: aangehaakt).",
        }
    ]
