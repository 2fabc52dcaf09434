"""Who may do what with a case: the role-by-endpoint permission matrix (DESIGN §6).

procesregisseur and kernteam read and write; opdrachtgever and evaluator only read (a write is
403); a non-member gets 404 on every URL of the case, as if it did not exist.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Lidmaatschap, Rol
from tests.factories import GebruikerFactory, actor_voor, consolideer_stap, open_proces

from .helpers import (
    LIJST,
    PROCES_SUFFIXEN,
    assert_api_versie,
    assert_probleem,
    gebeurtenissen_van,
    proces_url,
)

SCHRIJVERS = ["procesregisseur", "kernteam"]
LEZERS = ["opdrachtgever", "evaluator"]
ROLLEN = SCHRIJVERS + LEZERS

# (method, suffix, payload, status for a member who may do it)
Verzoek = tuple[str, str, dict[str, Any] | None, int]
LEZEN: list[Verzoek] = [("get", suffix, None, 200) for suffix in PROCES_SUFFIXEN]
SCHRIJVEN: list[Verzoek] = [
    ("patch", "", {"omschrijving": "Aangevuld"}, 200),
    ("patch", "", {"status": "gepauzeerd"}, 200),
    ("put", "/idee", {"wat": "Herzien idee"}, 200),
    ("post", "/stadiumovergangen", {"naar": "houdbaar", "toelichting": "Draagvlak"}, 201),
]
# Methods no URL of a case supports; for a writer they are 405.
NIET_ONDERSTEUND: list[Verzoek] = [
    ("delete", "", None, 405),
    ("put", "", {"titel": "Vervangen"}, 405),
    ("delete", "/idee", None, 405),
    ("post", "/gebeurtenissen", {"type": "idee.herzien"}, 405),
    ("delete", "/gebeurtenissen/1", None, 405),
    ("post", "/momentopname", {}, 405),
]


def client_voor(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def verzoek(client: APIClient, methode: str, url: str, payload: dict[str, Any] | None) -> Any:
    if payload is None:
        return getattr(client, methode)(url)
    return getattr(client, methode)(url, payload, format="json")


def id_van(waarde: Any) -> str:
    if isinstance(waarde, dict):
        return ",".join(waarde)
    return str(waarde)


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize(("methode", "suffix", "payload", "status"), LEZEN, ids=id_van)
def test_elk_lid_mag_lezen(bestuursproces, leden, rol, methode, suffix, payload, status):
    response = verzoek(
        client_voor(leden[rol]), methode, proces_url(bestuursproces, suffix), payload
    )

    assert response.status_code == status, response.content
    assert_api_versie(response)


@pytest.mark.parametrize("rol", ROLLEN)
def test_mijn_rol_staat_in_het_proces(bestuursproces, leden, rol):
    body = client_voor(leden[rol]).get(proces_url(bestuursproces)).json()

    assert body["mijnRol"] == rol


@pytest.mark.parametrize("rol", SCHRIJVERS)
@pytest.mark.parametrize(("methode", "suffix", "payload", "status"), SCHRIJVEN, ids=id_van)
def test_schrijvers_mogen_schrijven(bestuursproces, leden, rol, methode, suffix, payload, status):
    if suffix == "/stadiumovergangen":
        consolideer_stap(bestuursproces, leden["procesregisseur"])  # the stadium gate is open
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = verzoek(
        client_voor(leden[rol]), methode, proces_url(bestuursproces, suffix), payload
    )

    assert response.status_code == status, response.content
    nieuw = gebeurtenissen_van(bestuursproces)[aantal:]
    assert len(nieuw) == 1
    assert nieuw[0].actor_gebruikersnaam == leden[rol].username


@pytest.mark.parametrize("rol", LEZERS)
@pytest.mark.parametrize(
    ("methode", "suffix", "payload", "status"), SCHRIJVEN + NIET_ONDERSTEUND, ids=id_van
)
def test_lezers_mogen_niet_schrijven(bestuursproces, leden, rol, methode, suffix, payload, status):
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    response = verzoek(
        client_voor(leden[rol]), methode, proces_url(bestuursproces, suffix), payload
    )

    body = assert_probleem(response, 403, "permission_denied")
    assert (
        body["detail"] == "Alleen de procesregisseur en het kernteam kunnen dit dossier wijzigen."
    )
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


@pytest.mark.parametrize("rol", SCHRIJVERS)
@pytest.mark.parametrize(("methode", "suffix", "payload", "status"), NIET_ONDERSTEUND, ids=id_van)
def test_schrijvers_krijgen_405_op_wat_niet_bestaat(
    bestuursproces, leden, rol, methode, suffix, payload, status
):
    response = verzoek(
        client_voor(leden[rol]), methode, proces_url(bestuursproces, suffix), payload
    )

    assert_probleem(response, status, "method_not_allowed")


@pytest.mark.parametrize(
    ("methode", "suffix", "payload", "status"), LEZEN + SCHRIJVEN + NIET_ONDERSTEUND, ids=id_van
)
def test_buitenstaander_krijgt_overal_404(bestuursproces, leden, methode, suffix, payload, status):
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    client = client_voor(leden["buitenstaander"])

    bestaand = verzoek(client, methode, proces_url(bestuursproces, suffix), payload)
    onbekend = verzoek(client, methode, proces_url(str(uuid.uuid4()), suffix), payload)

    body = assert_probleem(bestaand, 404, "not_found")
    # Indistinguishable from a case that does not exist: nothing gives the case away.
    anders = assert_probleem(onbekend, 404, "not_found")
    assert {k: v for k, v in body.items() if k != "instance"} == {
        k: v for k, v in anders.items() if k != "instance"
    }
    assert bestaand.get("Allow") == onbekend.get("Allow")
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


@pytest.mark.parametrize(
    ("methode", "suffix", "payload", "status"), LEZEN + SCHRIJVEN + NIET_ONDERSTEUND, ids=id_van
)
def test_anoniem_krijgt_overal_401(bestuursproces, api, methode, suffix, payload, status):
    response = verzoek(api, methode, proces_url(bestuursproces, suffix), payload)

    assert_probleem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("rol", [*ROLLEN, "buitenstaander"])
def test_lijst_toont_alleen_eigen_processen(bestuursproces, leden, rol):
    # A second case of another regisseur, of which none of the role users is a member.
    open_proces(GebruikerFactory(username="andere-regisseur"), titel="Niet van jou")

    body = client_voor(leden[rol]).get(LIJST).json()

    if rol == "buitenstaander":
        assert body["count"] == 0
        assert body["results"] == []
    else:
        assert body["count"] == 1
        assert [(p["uuid"], p["mijnRol"]) for p in body["results"]] == [
            (str(bestuursproces.uuid), rol)
        ]


def test_lijst_toont_per_proces_de_eigen_rol(bestuursproces, leden, regisseur):
    kernteamlid = leden["kernteam"]
    eigen = open_proces(kernteamlid, titel="Eigen proces")

    body = client_voor(kernteamlid).get(LIJST).json()

    assert {p["uuid"]: p["mijnRol"] for p in body["results"]} == {
        str(bestuursproces.uuid): "kernteam",
        str(eigen.uuid): "procesregisseur",
    }


def test_na_beeindigd_lidmaatschap_is_het_proces_weg(bestuursproces, leden, regisseur):
    lid = leden["kernteam"]
    client = client_voor(lid)
    assert client.get(proces_url(bestuursproces)).status_code == 200

    services.beeindig_lidmaatschap(
        actor=actor_voor(regisseur),
        lidmaatschap=Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=lid),
    )

    for suffix in PROCES_SUFFIXEN:
        assert_probleem(client.get(proces_url(bestuursproces, suffix)), 404, "not_found")
    assert client.get(LIJST).json()["count"] == 0


def test_rolwijziging_geldt_meteen(bestuursproces, leden, regisseur):
    lid = leden["kernteam"]
    client = client_voor(lid)
    payload = {"wat": "Van het kernteam"}
    assert (
        client.put(proces_url(bestuursproces, "/idee"), payload, format="json").status_code == 200
    )

    services.wijzig_lidmaatschap(
        actor=actor_voor(regisseur),
        lidmaatschap=Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=lid),
        rol=Rol.EVALUATOR,
    )

    assert_probleem(
        client.put(proces_url(bestuursproces, "/idee"), payload, format="json"),
        403,
        "permission_denied",
    )
    assert client.get(proces_url(bestuursproces)).json()["mijnRol"] == "evaluator"
