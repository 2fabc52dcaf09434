"""Opening a case is a right: only the group Procesregisseurs (or whoever holds its
permission) may, through the API and in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis
from tests.cases.admin_helpers import als_staf
from tests.factories import GebruikerFactory
from toegang.rechten import BESTUURSPROCES_OPENEN, PROCESREGISSEURS

from .helpers import LIJST, assert_probleem

NIEUW = {"titel": "Eigen initiatief", "rolGemeente": "initierend", "aanpak": "lineair"}
ADMIN_NIEUW = "/admin/cases/bestuursproces/add/"


def _client(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def test_de_migratie_maakt_de_groep_met_het_recht(db: None) -> None:
    groep = Group.objects.get(name=PROCESREGISSEURS)

    assert [f"{p.content_type.app_label}.{p.codename}" for p in groep.permissions.all()] == [
        BESTUURSPROCES_OPENEN
    ]


def test_zonder_het_recht_geen_nieuw_bestuursproces(leden: dict[str, Any]) -> None:
    aantal = Bestuursproces.objects.count(), Gebeurtenis.objects.count()

    for rol in ("buitenstaander", "kernteam", "opdrachtgever", "evaluator"):
        response = _client(leden[rol]).post(LIJST, NIEUW, format="json")

        body = assert_probleem(response, 403, "openen-niet-toegestaan")
        assert "Procesregisseurs" in body["detail"]
    assert (Bestuursproces.objects.count(), Gebeurtenis.objects.count()) == aantal


def test_de_reden_in_de_taal_van_het_verzoek(leden: dict[str, Any]) -> None:
    response = _client(leden["buitenstaander"]).post(
        LIJST, NIEUW, format="json", headers={"Accept-Language": "en"}
    )

    body = assert_probleem(response, 403, "openen-niet-toegestaan")
    assert body["title"] == "Permission denied."
    assert "Procesregisseurs" in body["detail"]
    assert "may not open" in body["detail"]


def test_met_de_groep_wel(db: None) -> None:
    nieuw = GebruikerFactory(opent=True)

    response = _client(nieuw).post(LIJST, NIEUW, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["mijnRol"] == "procesregisseur"


def test_het_recht_zelf_volstaat_ook(db: None) -> None:
    nieuw: Any = GebruikerFactory()
    nieuw.user_permissions.add(Permission.objects.get(codename="bestuursproces_openen"))

    assert _client(nieuw).post(LIJST, NIEUW, format="json").status_code == 201


def test_ongeldige_invoer_zonder_recht_is_ook_403(db: None) -> None:
    # The right is checked first: someone without it learns nothing about the input rules.
    response = _client(GebruikerFactory()).post(LIJST, {}, format="json")

    assert_probleem(response, 403, "openen-niet-toegestaan")


@pytest.mark.parametrize(("opent", "verwacht"), [(False, 403), (True, 200)])
def test_nieuw_in_het_beheer_alleen_met_het_recht(
    db: None, client: Client, opent: bool, verwacht: int
) -> None:
    als_staf(client, GebruikerFactory(opent=opent))

    assert client.get(ADMIN_NIEUW).status_code == verwacht


def test_het_beheer_toont_de_knop_alleen_met_het_recht(db: None, client: Client) -> None:
    als_staf(client, GebruikerFactory())

    pagina = client.get("/admin/cases/bestuursproces/").content.decode()

    assert ADMIN_NIEUW not in pagina
