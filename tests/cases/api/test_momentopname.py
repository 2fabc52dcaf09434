"""GET /bestuursprocessen/{uuid}/momentopname?tijdstip=..."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from cases import selectors, services
from tests.factories import actor_voor, voeg_leden_toe

from .helpers import T, assert_api_versie, assert_probleem, fouten, proces_url

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

SECONDE = dt.timedelta(seconds=1)
MOMENTOPNAME_VELDEN = {
    "tijdstip",
    "volgnummer",
    "bestuursproces",
    "idee",
    "lidmaatschappen",
    "stadiumovergangen",
    "organisaties",
    "spelers",
    "opdrachtgevers",
    "notities",
    "wyberstappen",
    "positioneringen",
    "procesontwerp",
    "interventies",
    "documenten",
    "besluiten",
    "afspraken",
    "bijeenkomsten",
}


def momentopname(client: Any, proces: Any, tijdstip: dt.datetime | str | None = None) -> Any:
    query = {}
    if tijdstip is not None:
        query["tijdstip"] = tijdstip if isinstance(tijdstip, str) else tijdstip.isoformat()
    return client.get(proces_url(proces, "/momentopname"), query)


@pytest.mark.parametrize(
    ("tijdstip", "volgnummer", "idee", "stadium", "overgangen"),
    [
        (T[0], 3, "Idee 1", "voorstelbaar", []),
        (T[1] - SECONDE, 3, "Idee 1", "voorstelbaar", []),
        (T[1], 4, "Idee 2", "voorstelbaar", []),
        (T[2] - SECONDE, 4, "Idee 2", "voorstelbaar", []),
        (T[2], 5, "Idee 2", "houdbaar", ["houdbaar"]),
        (T[3] - SECONDE, 5, "Idee 2", "houdbaar", ["houdbaar"]),
        (T[3], 6, "Idee 3", "houdbaar", ["houdbaar"]),
        (T[4], 7, "Idee 3", "voorstelbaar", ["houdbaar", "voorstelbaar"]),
        (T[4] + dt.timedelta(days=365), 7, "Idee 3", "voorstelbaar", ["houdbaar", "voorstelbaar"]),
    ],
)
def test_toestand_op_een_moment(
    tijdlijn, regisseur_api, tijdstip, volgnummer, idee, stadium, overgangen
):
    response = momentopname(regisseur_api, tijdlijn, tijdstip)

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == MOMENTOPNAME_VELDEN
    assert dt.datetime.fromisoformat(body["tijdstip"]) == tijdstip
    assert body["volgnummer"] == volgnummer
    assert body["idee"]["wat"] == idee
    assert body["bestuursproces"]["stadium"] == stadium
    assert body["bestuursproces"]["uuid"] == str(tijdlijn.uuid)
    assert body["bestuursproces"]["titel"] == "Tijdlijn"
    assert [o["naar"] for o in body["stadiumovergangen"]] == overgangen
    assert [lid["gebruiker"] for lid in body["lidmaatschappen"]] == ["regisseur"]


def test_tussen_twee_ideeversies_geldt_de_oude(tijdlijn, regisseur_api):
    tussen = T[1] + (T[3] - T[1]) / 2

    body = momentopname(regisseur_api, tijdlijn, tussen).json()

    assert (body["idee"]["versie"], body["idee"]["wat"]) == (2, "Idee 2")
    assert regisseur_api.get(proces_url(tijdlijn, "/idee")).json()["wat"] == "Idee 3"


def test_zonder_tijdstip_is_het_nu_en_gelijk_aan_de_tabellen(tijdlijn, regisseur, regisseur_api):
    voeg_leden_toe(tijdlijn, regisseur)
    services.wijzig_bestuursproces(
        actor=actor_voor(regisseur),
        bestuursproces=tijdlijn,
        wijzigingen={"titel": "Tijdlijn, herzien", "aanpak": "lineair"},
    )
    voor = dt.datetime.now(dt.UTC)

    response = momentopname(regisseur_api, tijdlijn)

    assert response.status_code == 200
    body = response.json()
    assert dt.datetime.fromisoformat(body["tijdstip"]) >= voor - SECONDE
    del body["tijdstip"]
    assert body == selectors.huidige_toestand(
        selectors.bestuursproces_voor(regisseur, tijdlijn.uuid)
    )
    assert body["bestuursproces"]["titel"] == "Tijdlijn, herzien"


def test_leden_van_later_ontbreken_in_een_oude_momentopname(tijdlijn, regisseur, regisseur_api):
    voeg_leden_toe(tijdlijn, regisseur)  # now, long after T[4]

    oud = momentopname(regisseur_api, tijdlijn, T[4]).json()
    nu = momentopname(regisseur_api, tijdlijn).json()

    assert [lid["gebruiker"] for lid in oud["lidmaatschappen"]] == ["regisseur"]
    assert {lid["rol"] for lid in nu["lidmaatschappen"]} == {
        "procesregisseur",
        "kernteam",
        "opdrachtgever",
        "evaluator",
    }


def test_tijdstip_zonder_tijdzone_is_nederlandse_tijd(tijdlijn, regisseur_api):
    # T[1] is 09:00 UTC = 10:00 in Amsterdam. 09:30 without a zone is Amsterdam time, so before.
    body = momentopname(regisseur_api, tijdlijn, "2025-03-02T09:30:00").json()

    assert body["idee"]["wat"] == "Idee 1"
    assert dt.datetime.fromisoformat(body["tijdstip"]) == dt.datetime(
        2025, 3, 2, 8, 30, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("tijdstip", [T[0] - SECONDE, dt.datetime(1990, 1, 1, tzinfo=dt.UTC)])
def test_voor_de_opening_bestond_het_niet(tijdlijn, regisseur_api, tijdstip):
    body = assert_probleem(momentopname(regisseur_api, tijdlijn, tijdstip), 404, "not_found")

    assert body["detail"] == "Het bestuursproces bestond op dat tijdstip nog niet."


@pytest.mark.parametrize(
    "tijdstip",
    [
        "gisteren",
        "2025-13-01T00:00:00Z",
        "2025-02-30T12:00:00+01:00",
        "2025-03-01T25:00:00Z",
        "1741770000",
        "2025-03-01T12:00:00 01:00",  # an unencoded + in the query string becomes a space
    ],
)
def test_ongeldig_tijdstip(tijdlijn, regisseur_api, tijdstip):
    assert fouten(momentopname(regisseur_api, tijdlijn, tijdstip)) == {"tijdstip": "invalid"}


def test_onbekend_proces(tijdlijn, regisseur_api):
    assert_probleem(momentopname(regisseur_api, str(uuid.uuid4()), T[4]), 404, "not_found")


@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete"])
def test_methode_niet_toegestaan(tijdlijn, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(tijdlijn, "/momentopname"), {}, format="json"
    )

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_schuine_streep_aan_het_eind_is_404(tijdlijn, regisseur_api):
    assert_probleem(regisseur_api.get(proces_url(tijdlijn, "/momentopname/")), 404, "not_found")


def test_zonder_authenticatie_401(tijdlijn, api):
    assert_probleem(api.get(proces_url(tijdlijn, "/momentopname")), 401, "not_authenticated")
