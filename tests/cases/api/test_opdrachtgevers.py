"""/bestuursprocessen/{uuid}/opdrachtgevers, their beoordelingen and betrokkenheid."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases.models import (
    Bestuursproces,
    Betrokkenheidswijziging,
    Opdrachtgever,
)
from tests.factories import open_proces

from .helpers import (
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
    verzoek,
)
from .register import (
    LEZERS,
    NUL_UUID,
    ROLLEN,
    SCHRIJVERS,
    opdrachtgever,
    organisatie,
    speler,
    tijd,
    url,
)

NIEUW = {"naam": "Wethouder Ruimtelijke Ordening", "rol": "bestuurlijk_opdrachtgever"}
MINIMAAL = {"stevigheid": 3, "steun": "voorstander", "onderlingVertrouwen": 3}


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/opdrachtgevers")


def test_registreren(bestuursproces, regisseur, regisseur_api):
    gemeente = organisatie(bestuursproces, regisseur, "Gemeente", soort="gemeentelijk_onderdeel")

    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {**NIEUW, "organisatie": url(gemeente), "expliciteOpdracht": "Een plan voor de kade"},
        format="json",
        headers={"X-Audit-Toelichting": "Portefeuillehouder"},
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    nieuw = Opdrachtgever.objects.get(bestuursproces=bestuursproces)
    body = response.json()
    assert body == {
        "url": url(nieuw),
        "uuid": str(nieuw.uuid),
        "naam": "Wethouder Ruimtelijke Ordening",
        "rol": "bestuurlijk_opdrachtgever",
        "organisatie": url(gemeente),
        "expliciteOpdracht": "Een plan voor de kade",
        "formeelBesluitNodig": True,
        "betrokkenheid": "nog_te_betrekken",
        "huidigeBeoordeling": None,
        "links": {
            "beoordelingen": url(nieuw, "/beoordelingen"),
            "betrokkenheid": url(nieuw, "/betrokkenheid"),
        },
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(response["Location"]).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "opdrachtgever.geregistreerd"
    assert gebeurtenis.toelichting == "Portefeuillehouder"
    assert gebeurtenis.payload == {
        "opdrachtgever": {
            "uuid": str(nieuw.uuid),
            "naam": "Wethouder Ruimtelijke Ordening",
            "rol": "bestuurlijk_opdrachtgever",
            "expliciteOpdracht": "Een plan voor de kade",
            "formeelBesluitNodig": True,
            "organisatie": str(gemeente.uuid),
            "betrokkenheid": "nog_te_betrekken",
        }
    }


@pytest.mark.parametrize(
    ("query", "namen"),
    [
        ({}, ["Directie Havenbedrijf", "Gemeenteraad", "Wethouder"]),
        ({"rol": "gemeenteraad"}, ["Gemeenteraad"]),
        ({"betrokkenheid": "afwachtend"}, ["Wethouder"]),
        ({"organisatie": "havenbedrijf"}, ["Directie Havenbedrijf"]),
    ],
)
def test_lijst_op_naam_met_filters(bestuursproces, regisseur, regisseur_api, query, namen):
    haven = organisatie(bestuursproces, regisseur, "Havenbedrijf", soort="bedrijf")
    wethouder = opdrachtgever(bestuursproces, regisseur, "Wethouder")
    opdrachtgever(bestuursproces, regisseur, "Gemeenteraad", rol="gemeenteraad")
    opdrachtgever(
        bestuursproces,
        regisseur,
        "Directie Havenbedrijf",
        rol="directie_externe_partij",
        organisatie=haven,
    )
    regisseur_api.post(
        url(wethouder, "/betrokkenheid"),
        {"actie": "afwachten", "reden": "Wacht de begroting af"},
        format="json",
    )
    query = {k: url(haven) if v == "havenbedrijf" else v for k, v in query.items()}

    body = regisseur_api.get(lijst_url(bestuursproces), query).json()

    assert [o["naam"] for o in body["results"]] == namen
    for item in body["results"]:
        assert regisseur_api.get(item["url"]).json() == item


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"rol": "burgemeester"}, {"rol": "invalid_choice"}),
        ({"organisatie": "geen-url"}, {"organisatie": "invalid"}),
    ],
)
def test_ongeldig_filter(bestuursproces, regisseur_api, query, verwacht):
    assert fouten(regisseur_api.get(lijst_url(bestuursproces), query)) == verwacht


def test_wijzigen(bestuursproces, regisseur, regisseur_api):
    bestaand = opdrachtgever(bestuursproces, regisseur, "Wethouder")

    response = regisseur_api.patch(
        url(bestaand),
        {"rol": "lid_opdrachtgeverscollectief", "expliciteOpdracht": "Samen met de provincie"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rol"], body["expliciteOpdracht"]) == (
        "lid_opdrachtgeverscollectief",
        "Samen met de provincie",
    )
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "opdrachtgever.gewijzigd"
    assert gebeurtenis.payload == {
        "opdrachtgever": str(bestaand.uuid),
        "wijzigingen": {
            "rol": "lid_opdrachtgeverscollectief",
            "expliciteOpdracht": "Samen met de provincie",
        },
        "vorigeWaarden": {"rol": "bestuurlijk_opdrachtgever", "expliciteOpdracht": ""},
    }


@pytest.mark.parametrize(
    ("methode", "payload", "verwacht"),
    [
        ("post", {}, {"naam": "required", "rol": "required"}),
        ("post", {**NIEUW, "rol": "burgemeester"}, {"rol": "invalid_choice"}),
        ("post", {**NIEUW, "organisatie": "ander-proces"}, {"organisatie": "does_not_exist"}),
        ("post", {**NIEUW, "steun": "voorstander"}, {"steun": "unknown"}),
        ("patch", {"betrokkenheid": "aangehaakt"}, {"betrokkenheid": "unknown"}),
        ("patch", {"implicieteOpdracht": "x"}, {"implicieteOpdracht": "unknown"}),
        (
            "patch",
            {"mandaat": "x", "stevigheid": 5},
            {"mandaat": "unknown", "stevigheid": "unknown"},
        ),
    ],
)
def test_register_ongeldig(bestuursproces, regisseur, regisseur_api, methode, payload, verwacht):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    elders = organisatie(open_proces(regisseur, titel="Ander"), regisseur)
    payload = {k: url(elders) if v == "ander-proces" else v for k, v in payload.items()}
    doel = lijst_url(bestuursproces) if methode == "post" else url(bestaand)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = verzoek(regisseur_api, methode, doel, payload)

    assert fouten(response) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_wijzigen_legt_uit_waar_beoordelingen_horen(bestuursproces, regisseur, regisseur_api):
    bestaand = opdrachtgever(bestuursproces, regisseur)

    body = assert_probleem(
        regisseur_api.patch(
            url(bestaand), {"betrokkenheid": "aangehaakt", "steun": "voorstander"}, format="json"
        ),
        400,
    )

    redenen = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert "/betrokkenheid" in redenen["betrokkenheid"]
    assert "/beoordelingen" in redenen["steun"]


# --- betrokkenheid -------------------------------------------------------------------------


def test_betrokkenheid_wijzigen(bestuursproces, regisseur, regisseur_api):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    wijzigingen = url(bestaand, "/betrokkenheid")

    response = regisseur_api.post(
        wijzigingen, {"actie": "afhaken", "reden": "Andere prioriteiten"}, format="json"
    )

    assert response.status_code == 201, response.content
    wijziging = Betrokkenheidswijziging.objects.get(opdrachtgever=bestaand)
    assert response.json() == {
        "uuid": str(wijziging.uuid),
        "actie": "afhaken",
        "van": "nog_te_betrekken",
        "naar": "afgehaakt",
        "reden": "Andere prioriteiten",
        "tijdstip": tijd(wijziging.tijdstip),
        "door": "regisseur",
    }
    assert regisseur_api.get(wijzigingen).json()["results"] == [response.json()]
    assert regisseur_api.get(url(bestaand)).json()["betrokkenheid"] == "afgehaakt"
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "opdrachtgever.betrokkenheid_gewijzigd"
    assert gebeurtenis.toelichting == "Andere prioriteiten"
    assert gebeurtenis.payload == {
        "wijziging": {
            "uuid": str(wijziging.uuid),
            "partij": str(bestaand.uuid),
            "actie": "afhaken",
            "van": "nog_te_betrekken",
            "naar": "afgehaakt",
            "reden": "Andere prioriteiten",
        }
    }

    tweede = regisseur_api.post(
        wijzigingen, {"actie": "afhaken", "reden": "Nog eens"}, format="json"
    )
    assert_probleem(tweede, 409, "ongeldige-betrokkenheidsactie")


# --- not found and who may do what --------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "/beoordelingen", "/betrokkenheid"])
def test_onbekende_opdrachtgever_is_404(bestuursproces, regisseur, regisseur_api, suffix):
    geen_opdrachtgever = speler(bestuursproces, regisseur)
    elders = opdrachtgever(open_proces(regisseur, titel="Ander"), regisseur)

    for onbekend in (NUL_UUID, geen_opdrachtgever.uuid, elders.uuid):
        doel = proces_url(bestuursproces, f"/opdrachtgevers/{onbekend}{suffix}")
        body = assert_probleem(regisseur_api.get(doel), 404, "not_found")
        assert body["detail"] == "Deze opdrachtgever bestaat niet in dit bestuursproces."
    bestaand = opdrachtgever(bestuursproces, regisseur)
    assert_probleem(regisseur_api.get(url(bestaand, suffix) + "/"), 404, "not_found")


def schrijfverzoeken(
    proces: Bestuursproces, partij: Opdrachtgever
) -> list[tuple[str, str, Any, int]]:
    return [
        ("post", lijst_url(proces), NIEUW, 201),
        ("patch", url(partij), {"naam": "Wethouder Wonen"}, 200),
        ("post", url(partij, "/beoordelingen"), {**MINIMAAL, "zichtbaarheid": "proces"}, 201),
        (
            "post",
            url(partij, "/betrokkenheid"),
            {"actie": "aansluiten", "reden": "x"},
            201,
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest(bestuursproces, leden, regisseur, rol):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    client = client_voor(leden[rol])

    for suffix in ("", "/beoordelingen", "/betrokkenheid"):
        assert client.get(url(bestaand, suffix)).status_code == 200
    assert client.get(lijst_url(bestuursproces)).json()["count"] == 1


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_schrijvers_mogen_schrijven(bestuursproces, leden, regisseur, rol):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    client = client_voor(leden[rol])
    aantal = len(gebeurtenissen_van(bestuursproces))

    for methode, doel, payload, status in schrijfverzoeken(bestuursproces, bestaand):
        assert verzoek(client, methode, doel, payload).status_code == status, doel

    nieuw = gebeurtenissen_van(bestuursproces)[aantal:]
    assert [g.type for g in nieuw] == [
        "opdrachtgever.geregistreerd",
        "opdrachtgever.gewijzigd",
        "opdrachtgever.beoordeeld",
        "opdrachtgever.betrokkenheid_gewijzigd",
    ]
    assert {g.actor_gebruikersnaam for g in nieuw} == {leden[rol].username}


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_mogen_niet_schrijven(bestuursproces, leden, regisseur, rol):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    client = client_voor(leden[rol])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    for methode, doel, payload, _ in schrijfverzoeken(bestuursproces, bestaand):
        assert_probleem(verzoek(client, methode, doel, payload), 403, "permission_denied")
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_buitenstaander_krijgt_overal_404(bestuursproces, leden, regisseur):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    client = client_voor(leden["buitenstaander"])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    lezen = [
        ("get", doel, None, 200)
        for doel in (
            lijst_url(bestuursproces),
            url(bestaand),
            url(bestaand, "/beoordelingen"),
            url(bestaand, "/betrokkenheid"),
        )
    ]

    for methode, doel, payload, _ in lezen + schrijfverzoeken(bestuursproces, bestaand):
        bestaat = assert_probleem(verzoek(client, methode, doel, payload), 404, "not_found")
        anders = doel.replace(str(bestuursproces.uuid), str(uuid.uuid4()))
        assert (
            assert_probleem(verzoek(client, methode, anders, payload), 404)["detail"]
            == (bestaat["detail"])
        )
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor
