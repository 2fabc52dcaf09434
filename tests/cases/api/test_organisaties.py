"""/bestuursprocessen/{uuid}/organisaties: the organisations behind spelers and opdrachtgevers."""

from __future__ import annotations

import uuid

import pytest

from cases.models import Bestuursproces, Organisatie
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
from .register import LEZERS, NUL_UUID, ROLLEN, SCHRIJVERS, organisatie, url

NIEUW = {"naam": "Gemeente Havenstad, afdeling Wonen", "soort": "gemeentelijk_onderdeel"}


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/organisaties")


def test_registreren(bestuursproces, regisseur_api):
    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {**NIEUW, "eigenGemeente": True},
        format="json",
        headers={"X-Audit-Toelichting": "Trekt het woondossier"},
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    nieuw = Organisatie.objects.get(bestuursproces=bestuursproces)
    assert body == {
        "url": url(nieuw),
        "uuid": str(nieuw.uuid),
        "naam": "Gemeente Havenstad, afdeling Wonen",
        "soort": "gemeentelijk_onderdeel",
        "eigenGemeente": True,
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(response["Location"]).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "organisatie.geregistreerd"
    assert gebeurtenis.toelichting == "Trekt het woondossier"
    assert gebeurtenis.actor_gebruikersnaam == "regisseur"
    assert gebeurtenis.payload == {
        "organisatie": {
            "uuid": body["uuid"],
            "naam": "Gemeente Havenstad, afdeling Wonen",
            "soort": "gemeentelijk_onderdeel",
            "eigenGemeente": True,
        }
    }


def test_eigen_gemeente_is_standaard_nee(bestuursproces, regisseur_api):
    body = regisseur_api.post(lijst_url(bestuursproces), NIEUW, format="json").json()

    assert body["eigenGemeente"] is False


def test_lijst_op_naam_alleen_van_dit_proces(bestuursproces, regisseur, regisseur_api):
    zuid = organisatie(bestuursproces, regisseur, "Zorginstelling Zuid")
    bewoners = organisatie(
        bestuursproces, regisseur, "Bewonersvereniging Kade", soort="bewonersgroep"
    )
    organisatie(open_proces(regisseur, titel="Ander"), regisseur, "Van een ander proces")

    response = regisseur_api.get(lijst_url(bestuursproces))

    assert response.status_code == 200
    assert_api_versie(response)
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "url": url(bewoners),
                "uuid": str(bewoners.uuid),
                "naam": "Bewonersvereniging Kade",
                "soort": "bewonersgroep",
                "eigenGemeente": False,
            },
            {
                "url": url(zuid),
                "uuid": str(zuid.uuid),
                "naam": "Zorginstelling Zuid",
                "soort": "instelling",
                "eigenGemeente": False,
            },
        ],
    }


def test_wijzigen(bestuursproces, regisseur, regisseur_api):
    bestaand = organisatie(bestuursproces, regisseur, "Havenwonen")

    response = regisseur_api.patch(
        url(bestaand),
        {"naam": "Havenwonen Groep", "eigenGemeente": False},
        format="json",
        headers={"X-Audit-Toelichting": "Fusie"},
    )

    assert response.status_code == 200, response.content
    assert response.json() == {
        "url": url(bestaand),
        "uuid": str(bestaand.uuid),
        "naam": "Havenwonen Groep",
        "soort": "instelling",
        "eigenGemeente": False,
    }
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "organisatie.gewijzigd"
    assert gebeurtenis.toelichting == "Fusie"
    assert gebeurtenis.payload == {
        "organisatie": str(bestaand.uuid),
        "wijzigingen": {"naam": "Havenwonen Groep"},
        "vorigeWaarden": {"naam": "Havenwonen"},
    }


def test_wijzigen_zonder_verschil_schrijft_niets(bestuursproces, regisseur, regisseur_api):
    bestaand = organisatie(bestuursproces, regisseur, "Havenwonen")
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.patch(url(bestaand), {"naam": "Havenwonen"}, format="json")

    assert response.status_code == 200
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"naam": "required", "soort": "required"}),
        ({"soort": "instelling"}, {"naam": "required"}),
        ({**NIEUW, "soort": "vereniging"}, {"soort": "invalid_choice"}),
        ({**NIEUW, "naam": ""}, {"naam": "blank"}),
        ({**NIEUW, "naam": "x" * 201}, {"naam": "max_length"}),
        ({**NIEUW, "eigenGemeente": "misschien"}, {"eigenGemeente": "invalid"}),
        ({**NIEUW, "eigen_gemeente": True}, {"eigen_gemeente": "unknown"}),
        ({**NIEUW, "uuid": NUL_UUID}, {"uuid": "unknown"}),
        ({**NIEUW, "naam": "Havenwonen"}, {"naam": "unique"}),
        ({**NIEUW, "naam": "HAVENWONEN"}, {"naam": "unique"}),
    ],
)
def test_registreren_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    organisatie(bestuursproces, regisseur, "Havenwonen")
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(lijst_url(bestuursproces), payload, format="json")) == verwacht
    assert Organisatie.objects.filter(bestuursproces=bestuursproces).count() == 1
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"soort": "vereniging"}, {"soort": "invalid_choice"}),
        ({"naam": None}, {"naam": "null"}),
        ({"naam": "Zorginstelling Zuid"}, {"naam": "unique"}),
        ({"url": "http://elders"}, {"url": "unknown"}),
    ],
)
def test_wijzigen_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    bestaand = organisatie(bestuursproces, regisseur, "Havenwonen")
    organisatie(bestuursproces, regisseur, "Zorginstelling Zuid")
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.patch(url(bestaand), payload, format="json")) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("methode", ["get", "patch"])
def test_onbekende_organisatie_is_404(bestuursproces, regisseur, regisseur_api, methode):
    van_ander_proces = organisatie(open_proces(regisseur, titel="Ander"), regisseur)

    for onbekend in (NUL_UUID, str(van_ander_proces.uuid)):
        response = verzoek(
            regisseur_api,
            methode,
            proces_url(bestuursproces, f"/organisaties/{onbekend}"),
            {"naam": "x"} if methode == "patch" else None,
        )
        body = assert_probleem(response, 404, "not_found")
        assert body["detail"] == "Deze organisatie bestaat niet in dit bestuursproces."


def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur, regisseur_api):
    bestaand = organisatie(bestuursproces, regisseur)

    assert_probleem(regisseur_api.get(lijst_url(bestuursproces) + "/"), 404, "not_found")
    assert_probleem(regisseur_api.post(lijst_url(bestuursproces) + "/", NIEUW), 404, "not_found")
    assert_probleem(regisseur_api.get(url(bestaand) + "/"), 404, "not_found")
    assert Organisatie.objects.filter(bestuursproces=bestuursproces).count() == 1


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest(bestuursproces, leden, regisseur, rol):
    bestaand = organisatie(bestuursproces, regisseur)
    client = client_voor(leden[rol])

    lijst = client.get(lijst_url(bestuursproces))
    detail = client.get(url(bestaand))

    assert lijst.status_code == detail.status_code == 200
    assert lijst.json()["results"] == [detail.json()]


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_schrijvers_registreren_en_wijzigen(bestuursproces, leden, rol):
    client = client_voor(leden[rol])

    nieuw = client.post(lijst_url(bestuursproces), NIEUW, format="json")
    gewijzigd = client.patch(nieuw.json()["url"], {"soort": "andere_overheid"}, format="json")

    assert (nieuw.status_code, gewijzigd.status_code) == (201, 200)
    assert [g.actor_gebruikersnaam for g in gebeurtenissen_van(bestuursproces)[-2:]] == [
        leden[rol].username
    ] * 2


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_mogen_niet_schrijven(bestuursproces, leden, regisseur, rol):
    bestaand = organisatie(bestuursproces, regisseur)
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    client = client_voor(leden[rol])

    for response in (
        client.post(lijst_url(bestuursproces), NIEUW, format="json"),
        client.patch(url(bestaand), {"naam": "Anders"}, format="json"),
    ):
        assert_probleem(response, 403, "permission_denied")
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_buitenstaander_krijgt_overal_404(bestuursproces, leden, regisseur):
    bestaand = organisatie(bestuursproces, regisseur)
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    client = client_voor(leden["buitenstaander"])
    onbekend_proces = proces_url(str(uuid.uuid4()), f"/organisaties/{bestaand.uuid}")

    for methode, doel, payload in [
        ("get", lijst_url(bestuursproces), None),
        ("post", lijst_url(bestuursproces), NIEUW),
        ("get", url(bestaand), None),
        ("patch", url(bestaand), {"naam": "Overgenomen"}),
        ("get", onbekend_proces, None),
    ]:
        body = assert_probleem(verzoek(client, methode, doel, payload), 404, "not_found")
        assert body["detail"] == "Bestuursproces niet gevonden."
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_anoniem_krijgt_401(bestuursproces, api, regisseur):
    bestaand = organisatie(bestuursproces, regisseur)

    assert_probleem(api.get(lijst_url(bestuursproces)), 401, "not_authenticated")
    assert_probleem(api.patch(url(bestaand), {"naam": "x"}, format="json"), 401)


def test_afgerond_proces_neemt_geen_organisaties(bestuursproces, regisseur, regisseur_api):
    regisseur_api.patch(
        proces_url(bestuursproces), {"status": "afgerond", "uitkomst": "Klaar"}, format="json"
    )

    response = regisseur_api.post(lijst_url(bestuursproces), NIEUW, format="json")

    assert_probleem(response, 409, "proces-afgerond")
