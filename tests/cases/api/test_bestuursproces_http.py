"""/bestuursprocessen: methods not allowed, trailing slashes and authentication."""

from __future__ import annotations

import pytest

from cases.models import Bestuursproces

from .helpers import LIJST, MINIMAAL, assert_probleem, proces_url

# --- methoden, paden, authenticatie ---------------------------------------------------------


@pytest.mark.parametrize("methode", ["delete", "put", "post"])
def test_detail_methode_niet_toegestaan(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(proces_url(bestuursproces), {}, format="json")

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH", "HEAD", "OPTIONS"}
    assert regisseur_api.get(proces_url(bestuursproces)).status_code == 200


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
def test_lijst_methode_niet_toegestaan(db, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(LIJST, {}, format="json")

    assert_probleem(response, 405, "method_not_allowed")


@pytest.mark.parametrize("methode", ["get", "post", "patch", "delete"])
@pytest.mark.parametrize("detail", [False, True])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, methode, detail):
    pad = (proces_url(bestuursproces) if detail else LIJST) + "/"

    response = getattr(regisseur_api, methode)(pad, {}, format="json")

    body = assert_probleem(response, 404, "not_found")
    assert "schuine streep" in body["detail"]
    assert "Location" not in response


@pytest.mark.parametrize(
    ("methode", "detail"),
    [("get", False), ("post", False), ("get", True), ("patch", True), ("delete", True)],
)
def test_zonder_authenticatie_401(bestuursproces, api, methode, detail):
    url = proces_url(bestuursproces) if detail else LIJST

    response = getattr(api, methode)(url, MINIMAAL, format="json")

    assert_probleem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"
    assert Bestuursproces.objects.count() == 1
