"""/bestuursprocessen/{uuid}/notities: free-text notes, each at a visibility level."""

from __future__ import annotations

import uuid

import pytest

from cases import services
from cases.models import Bestuursproces, Notitie
from tests.factories import actor_voor, open_proces

from .helpers import (
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)
from .register import LEZERS, NIVEAUS, ROLLEN, SCHRIJVERS, ZIET, opdrachtgever, speler, tijd, url


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/notities")


def utc(notitie: Notitie) -> str:
    return notitie.tijdstip.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_notitie_over_het_proces(bestuursproces, regisseur_api):
    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {"tekst": "Eerste ronde gesprekken afgerond", "zichtbaarheid": "proces"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    notitie = Notitie.objects.get(bestuursproces=bestuursproces)
    assert response.json() == {
        "uuid": str(notitie.uuid),
        "tekst": "Eerste ronde gesprekken afgerond",
        "zichtbaarheid": "proces",
        "speler": None,
        "opdrachtgever": None,
        "auteur": "regisseur",
        "tijdstip": tijd(notitie.tijdstip),
    }
    assert regisseur_api.get(lijst_url(bestuursproces)).json()["results"] == [response.json()]
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "notitie.gemaakt"
    assert gebeurtenis.payload == {
        "notitie": {
            "uuid": str(notitie.uuid),
            "speler": None,
            "opdrachtgever": None,
            "tekst": "Eerste ronde gesprekken afgerond",
            "zichtbaarheid": "proces",
            "tijdstip": utc(notitie),
            "auteur": "regisseur",
        }
    }


@pytest.mark.parametrize("soort", ["speler", "opdrachtgever"])
def test_notitie_over_een_partij(bestuursproces, regisseur, leden, soort):
    partij = (speler if soort == "speler" else opdrachtgever)(bestuursproces, regisseur)
    client = client_voor(leden["kernteam"])

    response = client.post(
        lijst_url(bestuursproces),
        {"tekst": "Lijkt te twijfelen", "zichtbaarheid": "kernteam", soort: url(partij)},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    notitie = Notitie.objects.get(bestuursproces=bestuursproces)
    assert body == {
        "uuid": str(notitie.uuid),
        "tekst": "Lijkt te twijfelen",
        "zichtbaarheid": "kernteam",
        "speler": url(partij) if soort == "speler" else None,
        "opdrachtgever": url(partij) if soort == "opdrachtgever" else None,
        "auteur": leden["kernteam"].username,
        "tijdstip": tijd(notitie.tijdstip),
    }
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.actor_gebruikersnaam == leden["kernteam"].username
    assert gebeurtenis.payload == {
        "zichtbaarheid": "kernteam",
        "notitie": {
            "uuid": str(notitie.uuid),
            "speler": str(partij.uuid) if soort == "speler" else None,
            "opdrachtgever": str(partij.uuid) if soort == "opdrachtgever" else None,
            "tekst": "Lijkt te twijfelen",
            "zichtbaarheid": "kernteam",
            "tijdstip": utc(notitie),
            "auteur": leden["kernteam"].username,
        },
    }


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"tekst": "required", "zichtbaarheid": "required"}),
        ({"tekst": "Zonder niveau"}, {"zichtbaarheid": "required"}),
        ({"tekst": "", "zichtbaarheid": "proces"}, {"tekst": "blank"}),
        ({"tekst": "x", "zichtbaarheid": "openbaar"}, {"zichtbaarheid": "invalid_choice"}),
        (
            {"tekst": "x", "zichtbaarheid": "proces", "speler": "ander-proces"},
            {"speler": "does_not_exist"},
        ),
        (
            {"tekst": "x", "zichtbaarheid": "proces", "speler": "opdrachtgever-url"},
            {"speler": "invalid"},
        ),
        (
            {"tekst": "x", "zichtbaarheid": "proces", "opdrachtgever": "speler-url"},
            {"opdrachtgever": "invalid"},
        ),
        ({"tekst": "x", "zichtbaarheid": "proces", "speler": "speler-uuid"}, {"speler": "invalid"}),
        (
            {
                "tekst": "x",
                "zichtbaarheid": "proces",
                "speler": "speler-url",
                "opdrachtgever": "opdrachtgever-url",
            },
            {"opdrachtgever": "invalid"},
        ),
        ({"tekst": "x", "zichtbaarheid": "proces", "auteur": "iemand"}, {"auteur": "unknown"}),
    ],
)
def test_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    eigen = speler(bestuursproces, regisseur)
    baas = opdrachtgever(bestuursproces, regisseur)
    elders = speler(open_proces(regisseur, titel="Ander"), regisseur)
    vervangen = {
        "ander-proces": url(elders),
        "speler-url": url(eigen),
        "speler-uuid": str(eigen.uuid),
        "opdrachtgever-url": url(baas),
    }
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {k: vervangen.get(v, v) for k, v in payload.items()},
        format="json",
    )

    assert fouten(response) == verwacht
    assert not Notitie.objects.exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_kernteam_schrijft_niet_voor_alleen_de_regisseur(bestuursproces, leden):
    response = client_voor(leden["kernteam"]).post(
        lijst_url(bestuursproces), {"tekst": "Geheim", "zichtbaarheid": "regisseur"}, format="json"
    )

    assert fouten(response) == {"zichtbaarheid": "niet_toegestaan"}
    assert not Notitie.objects.exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_ieder_ziet_alleen_zijn_niveaus(bestuursproces, regisseur, leden, rol):
    for niveau in NIVEAUS:
        services.maak_notitie(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            tekst=f"kanarie-notitie-{niveau}",
            zichtbaarheid=niveau,
        )

    response = client_voor(leden[rol]).get(lijst_url(bestuursproces))

    zichtbaar = [niveau for niveau in NIVEAUS if rol in ZIET[niveau]]
    body = response.json()
    assert body["count"] == len(zichtbaar)
    assert [n["tekst"] for n in body["results"]] == [f"kanarie-notitie-{n}" for n in zichtbaar]
    for niveau in set(NIVEAUS) - set(zichtbaar):
        assert f"kanarie-notitie-{niveau}" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "teksten"),
    [
        ({}, ["Proces", "Over de speler", "Over de opdrachtgever"]),
        ({"speler": "speler-url"}, ["Over de speler"]),
        ({"speler": "speler-uuid"}, ["Over de speler"]),
        ({"opdrachtgever": "opdrachtgever-url"}, ["Over de opdrachtgever"]),
        ({"opdrachtgever": "opdrachtgever-uuid"}, ["Over de opdrachtgever"]),
        ({"speler": "opdrachtgever-uuid"}, []),
    ],
)
def test_filter_op_partij(bestuursproces, regisseur, regisseur_api, query, teksten):
    eigen = speler(bestuursproces, regisseur)
    baas = opdrachtgever(bestuursproces, regisseur)
    actor = actor_voor(regisseur)
    for tekst, partij in (
        ("Proces", {}),
        ("Over de speler", {"speler": eigen}),
        ("Over de opdrachtgever", {"opdrachtgever": baas}),
    ):
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            tekst=tekst,
            zichtbaarheid="proces",
            **partij,
        )
    vervangen = {
        "speler-url": url(eigen),
        "speler-uuid": str(eigen.uuid),
        "opdrachtgever-url": url(baas),
        "opdrachtgever-uuid": str(baas.uuid),
    }

    body = regisseur_api.get(
        lijst_url(bestuursproces), {k: vervangen[v] for k, v in query.items()}
    ).json()

    assert [n["tekst"] for n in body["results"]] == teksten


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"speler": "geen-url"}, {"speler": "invalid"}),
        (
            {"opdrachtgever": "http://testserver/api/v1/bestuursprocessen"},
            {"opdrachtgever": "invalid"},
        ),
        ({"speler": "ander-proces"}, {"speler": "does_not_exist"}),
    ],
)
def test_ongeldig_filter(bestuursproces, regisseur, regisseur_api, query, verwacht):
    elders = speler(open_proces(regisseur, titel="Ander"), regisseur)
    query = {k: url(elders) if v == "ander-proces" else v for k, v in query.items()}

    assert fouten(regisseur_api.get(lijst_url(bestuursproces), query)) == verwacht


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_schrijvers_maken_notities(bestuursproces, leden, rol):
    response = client_voor(leden[rol]).post(
        lijst_url(bestuursproces), {"tekst": "Van mij", "zichtbaarheid": "proces"}, format="json"
    )

    assert response.status_code == 201
    assert laatste_gebeurtenis(bestuursproces).actor_gebruikersnaam == leden[rol].username


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_lezen_maar_schrijven_niet(bestuursproces, leden, rol):
    client = client_voor(leden[rol])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    assert client.get(lijst_url(bestuursproces)).status_code == 200
    response = client.post(
        lijst_url(bestuursproces), {"tekst": "Van mij", "zichtbaarheid": "proces"}, format="json"
    )

    assert_probleem(response, 403, "permission_denied")
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_buitenstaander_krijgt_404(bestuursproces, leden):
    client = client_voor(leden["buitenstaander"])
    payload = {"tekst": "Van buiten", "zichtbaarheid": "proces"}

    for doel in (lijst_url(bestuursproces), proces_url(str(uuid.uuid4()), "/notities")):
        assert_probleem(client.get(doel), 404, "not_found")
        assert_probleem(client.post(doel, payload, format="json"), 404, "not_found")
    assert not Notitie.objects.exists()


def test_schuine_streep_en_methoden(bestuursproces, regisseur_api):
    assert_probleem(regisseur_api.get(lijst_url(bestuursproces) + "/"), 404, "not_found")
    response = regisseur_api.delete(lijst_url(bestuursproces))
    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}
    assert_probleem(regisseur_api.get(proces_url(bestuursproces, f"/notities/{uuid.uuid4()}")), 404)
