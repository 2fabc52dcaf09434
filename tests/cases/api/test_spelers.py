"""/bestuursprocessen/{uuid}/spelers: the register of spelers, its filters and changes."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, Speler
from tests.factories import actor_voor, open_proces

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)
from .register import (
    NUL_UUID,
    beoordeel_speler,
    organisatie,
    speler,
    url,
)

NIEUW = {
    "naam": "Directeur Havenwonen",
    "soort": "persoon",
    "veld": "verbindende",
    "rolInProces": "sleutelpersoon",
}


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/spelers")


def links(partij: Speler) -> dict[str, str]:
    return {
        "beoordelingen": url(partij, "/beoordelingen"),
        "betrokkenheid": url(partij, "/betrokkenheid"),
    }


def test_registreren(bestuursproces, regisseur, regisseur_api):
    corporatie = organisatie(bestuursproces, regisseur)

    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {
            **NIEUW,
            "organisatie": url(corporatie),
            "belang": "Betaalbare huur",
            "belemmeringen": "Weinig investeringsruimte",
            "waarden": "Zekerheid voor huurders",
            "commitment": True,
            "symmetrie": False,
        },
        format="json",
        headers={"X-Audit-Toelichting": "Uit de stakeholderanalyse"},
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    nieuw = Speler.objects.get(bestuursproces=bestuursproces)
    body = response.json()
    assert body == {
        "url": url(nieuw),
        "uuid": str(nieuw.uuid),
        "naam": "Directeur Havenwonen",
        "soort": "persoon",
        "organisatie": url(corporatie),
        "veld": "verbindende",
        "rolInProces": "sleutelpersoon",
        "belang": "Betaalbare huur",
        "belemmeringen": "Weinig investeringsruimte",
        "waarden": "Zekerheid voor huurders",
        "commitment": True,
        "symmetrie": False,
        "formeelBesluitNodig": True,
        "betrokkenheid": "nog_te_betrekken",
        "huidigeBeoordeling": None,
        "links": links(nieuw),
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(response["Location"]).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "speler.geregistreerd"
    assert gebeurtenis.toelichting == "Uit de stakeholderanalyse"
    assert gebeurtenis.payload == {
        "speler": {
            "uuid": str(nieuw.uuid),
            "naam": "Directeur Havenwonen",
            "soort": "persoon",
            "organisatie": str(corporatie.uuid),
            "veld": "verbindende",
            "rolInProces": "sleutelpersoon",
            "belang": "Betaalbare huur",
            "belemmeringen": "Weinig investeringsruimte",
            "waarden": "Zekerheid voor huurders",
            "commitment": True,
            "symmetrie": False,
            "formeelBesluitNodig": True,
            "betrokkenheid": "nog_te_betrekken",
        }
    }


def test_registreren_minimaal(bestuursproces, regisseur_api):
    body = regisseur_api.post(lijst_url(bestuursproces), NIEUW, format="json").json()

    assert {k: body[k] for k in ("organisatie", "belang", "commitment", "symmetrie")} == {
        "organisatie": None,
        "belang": "",
        "commitment": None,
        "symmetrie": None,
    }


@pytest.fixture
def register(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """Three spelers in different velden, roles, betrokkenheid and organisaties."""
    corporatie = organisatie(bestuursproces, regisseur, "Havenwonen")
    gemeente = organisatie(bestuursproces, regisseur, "Gemeente", soort="gemeentelijk_onderdeel")
    wethouder = speler(bestuursproces, regisseur, "Wethouder", organisatie=gemeente)
    directeur = speler(
        bestuursproces,
        regisseur,
        "Directeur",
        organisatie=corporatie,
        rol_in_proces="idee_eigenaar",
    )
    buurt = speler(bestuursproces, regisseur, "Buurtteam", soort="groep", veld="uitvoerende")
    services.wijzig_betrokkenheid(
        actor=actor_voor(regisseur), partij=directeur, actie="aansluiten", reden="Doet mee"
    )
    return {
        "corporatie": corporatie,
        "gemeente": gemeente,
        "wethouder": wethouder,
        "directeur": directeur,
        "buurt": buurt,
    }


@pytest.mark.parametrize(
    ("query", "namen"),
    [
        ({}, ["Buurtteam", "Directeur", "Wethouder"]),
        ({"veld": "verbindende"}, ["Directeur", "Wethouder"]),
        ({"veld": "uitvoerende"}, ["Buurtteam"]),
        ({"veld": "interne"}, []),
        ({"rolInProces": "idee_eigenaar"}, ["Directeur"]),
        ({"betrokkenheid": "aangehaakt"}, ["Directeur"]),
        ({"betrokkenheid": "nog_te_betrekken"}, ["Buurtteam", "Wethouder"]),
        ({"organisatie": "corporatie-url"}, ["Directeur"]),
        ({"organisatie": "corporatie-uuid"}, ["Directeur"]),
        ({"organisatie": NUL_UUID}, []),
        ({"veld": "verbindende", "organisatie": "gemeente-url"}, ["Wethouder"]),
    ],
)
def test_lijst_op_naam_met_filters(bestuursproces, register, regisseur_api, query, namen):
    vervangen = {
        "corporatie-url": url(register["corporatie"]),
        "corporatie-uuid": str(register["corporatie"].uuid),
        "gemeente-url": url(register["gemeente"]),
    }
    query = {k: vervangen.get(v, v) for k, v in query.items()}

    body = regisseur_api.get(lijst_url(bestuursproces), query).json()

    assert [s["naam"] for s in body["results"]] == namen
    assert body["count"] == len(namen)


def test_lijst_toont_de_speler_zoals_het_detail(bestuursproces, register, regisseur_api):
    lijst = regisseur_api.get(lijst_url(bestuursproces)).json()["results"]

    for item in lijst:
        assert regisseur_api.get(item["url"]).json() == item
    assert lijst[1]["organisatie"] == url(register["corporatie"])
    assert lijst[1]["betrokkenheid"] == "aangehaakt"


def test_lijst_alleen_van_dit_proces(bestuursproces, regisseur, regisseur_api):
    speler(open_proces(regisseur, titel="Ander"), regisseur, "Elders")

    assert regisseur_api.get(lijst_url(bestuursproces)).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"veld": "opdrachtgevende"}, {"veld": "invalid_choice"}),
        ({"rolInProces": "wethouder"}, {"rolInProces": "invalid_choice"}),
        ({"betrokkenheid": "enthousiast"}, {"betrokkenheid": "invalid_choice"}),
        ({"organisatie": "Havenwonen"}, {"organisatie": "invalid"}),
        ({"organisatie": "ander-proces"}, {"organisatie": "does_not_exist"}),
        ({"organisatie": "speler-url"}, {"organisatie": "invalid"}),
    ],
)
def test_ongeldig_filter(bestuursproces, register, regisseur, regisseur_api, query, verwacht):
    elders = organisatie(open_proces(regisseur, titel="Ander"), regisseur)
    vervangen = {"ander-proces": url(elders), "speler-url": url(register["directeur"])}

    response = regisseur_api.get(
        lijst_url(bestuursproces), {k: vervangen.get(v, v) for k, v in query.items()}
    )

    assert fouten(response) == verwacht


@pytest.mark.parametrize(
    ("verwijzing", "code"),
    [
        ("ander-proces", "does_not_exist"),
        ("onbekend", "does_not_exist"),
        ("uuid", "invalid"),
        ("pad", "invalid"),
        ("schuine-streep", "invalid"),
        ("andere-server", "invalid"),
        ("lijst", "invalid"),
        ("speler", "invalid"),
        ("met-query", "invalid"),
        (12, "invalid"),
        ("", "invalid"),
    ],
)
def test_organisatie_moet_een_url_van_dit_proces_zijn(
    bestuursproces, regisseur, regisseur_api, verwijzing, code
):
    eigen = organisatie(bestuursproces, regisseur)
    elders = organisatie(open_proces(regisseur, titel="Ander"), regisseur)
    al_een_speler = speler(bestuursproces, regisseur)
    waarden = {
        "ander-proces": url(elders),
        "onbekend": absoluut(proces_url(bestuursproces, f"/organisaties/{NUL_UUID}")),
        "uuid": str(eigen.uuid),
        "pad": proces_url(bestuursproces, f"/organisaties/{eigen.uuid}"),
        "schuine-streep": url(eigen) + "/",
        "andere-server": url(eigen).replace("testserver", "elders.example"),
        "lijst": absoluut(proces_url(bestuursproces, "/organisaties")),
        "speler": url(al_een_speler),
        "met-query": url(eigen) + "?x=1",
    }
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {**NIEUW, "organisatie": waarden.get(verwijzing, verwijzing)},
        format="json",
    )

    assert fouten(response) == {"organisatie": code}
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        (
            {},
            {
                "naam": "required",
                "soort": "required",
                "veld": "required",
                "rolInProces": "required",
            },
        ),
        ({**NIEUW, "soort": "organisatie"}, {"soort": "invalid_choice"}),
        ({**NIEUW, "veld": "opdrachtgevende"}, {"veld": "invalid_choice"}),
        ({**NIEUW, "rolInProces": "baas"}, {"rolInProces": "invalid_choice"}),
        ({**NIEUW, "commitment": "vast"}, {"commitment": "invalid"}),
        ({**NIEUW, "rol_in_proces": "sleutelpersoon"}, {"rol_in_proces": "unknown"}),
        ({**NIEUW, "betrokkenheid": "aangehaakt"}, {"betrokkenheid": "unknown"}),
        ({**NIEUW, "standpunt": "voorstander"}, {"standpunt": "unknown"}),
    ],
)
def test_registreren_ongeldig(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(lijst_url(bestuursproces), payload, format="json")) == verwacht
    assert not Speler.objects.filter(bestuursproces=bestuursproces).exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_wijzigen(bestuursproces, regisseur, regisseur_api):
    corporatie = organisatie(bestuursproces, regisseur)
    bestaand = speler(bestuursproces, regisseur, "Directeur", organisatie=corporatie)
    beoordeel_speler(bestaand, regisseur)

    response = regisseur_api.patch(
        url(bestaand),
        {"naam": "Directeur-bestuurder", "organisatie": None, "commitment": True},
        format="json",
        headers={"X-Audit-Toelichting": "Nieuwe functie"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["naam"], body["organisatie"], body["commitment"]) == (
        "Directeur-bestuurder",
        None,
        True,
    )
    assert body["huidigeBeoordeling"]["standpunt"] == "voorstander"
    assert regisseur_api.get(url(bestaand)).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "speler.gewijzigd"
    assert gebeurtenis.toelichting == "Nieuwe functie"
    assert gebeurtenis.payload == {
        "speler": str(bestaand.uuid),
        "wijzigingen": {"naam": "Directeur-bestuurder", "organisatie": None, "commitment": True},
        "vorigeWaarden": {
            "naam": "Directeur",
            "organisatie": str(corporatie.uuid),
            "commitment": None,
        },
    }


def test_wijzigen_naar_organisatie(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    corporatie = organisatie(bestuursproces, regisseur)

    body = regisseur_api.patch(
        url(bestaand), {"organisatie": url(corporatie)}, format="json"
    ).json()

    assert body["organisatie"] == url(corporatie)
    assert laatste_gebeurtenis(bestuursproces).payload["wijzigingen"] == {
        "organisatie": str(corporatie.uuid)
    }


@pytest.mark.parametrize(
    ("veld", "waarde", "verwijst_naar"),
    [
        ("betrokkenheid", "aangehaakt", "/betrokkenheid"),
        ("standpunt", "tegenstander", "/beoordelingen"),
        ("macht", "blokkademacht", "/beoordelingen"),
        ("invloed", 5, "/beoordelingen"),
        ("vertrouwen", 1, "/beoordelingen"),
        ("uniekeMacht", True, "/beoordelingen"),
    ],
)
def test_wijzigen_wijst_de_weg_naar_acties_en_beoordelingen(
    bestuursproces, regisseur, regisseur_api, veld, waarde, verwijst_naar
):
    bestaand = speler(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.patch(url(bestaand), {"naam": "Ander", veld: waarde}, format="json")

    body = assert_probleem(response, 400, "invalid")
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [(veld, "unknown")]
    assert verwijst_naar in body["invalidParams"][0]["reason"]
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
    assert Speler.objects.get(pk=bestaand.pk).naam == "Wethouder Wonen"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"veld": "overal"}, {"veld": "invalid_choice"}),
        ({"naam": ""}, {"naam": "blank"}),
        ({"organisatie": "ander-proces"}, {"organisatie": "does_not_exist"}),
        ({"huidigeBeoordeling": None}, {"huidigeBeoordeling": "unknown"}),
    ],
)
def test_wijzigen_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    bestaand = speler(bestuursproces, regisseur)
    elders = organisatie(open_proces(regisseur, titel="Ander"), regisseur)
    payload = {k: url(elders) if v == "ander-proces" else v for k, v in payload.items()}

    assert fouten(regisseur_api.patch(url(bestaand), payload, format="json")) == verwacht
