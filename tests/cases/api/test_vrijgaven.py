"""POST /bestuursprocessen/{uuid}/vrijgaven: the regisseur widens visibility, never narrows."""

from __future__ import annotations

from typing import Any

import pytest

from cases.models import Gebeurtenis, Interventie, Rol
from tests.cases._vrijgeven import IN_STADIUM, Vrijgavedossier, vrijgavedossier

from .helpers import assert_probleem, client_voor, fouten, proces_url

REDEN = "Vrijgegeven voor de evaluatie"


@pytest.fixture
def zaak(regisseur: Any) -> Vrijgavedossier:
    return vrijgavedossier(regisseur)


def _post(zaak: Vrijgavedossier, rol: str, body: dict[str, Any], **headers: str) -> Any:
    return client_voor(zaak.leden[rol]).post(
        proces_url(zaak.proces, "/vrijgaven"), body, format="json", headers=headers
    )


def test_de_regisseur_geeft_de_interventies_van_een_stadium_vrij(zaak: Vrijgavedossier) -> None:
    response = _post(
        zaak,
        Rol.PROCESREGISSEUR,
        {"onderdeel": "interventies", "naar": "evaluatie", "stadium": "voorstelbaar"},
        **{"X-Audit-Toelichting": REDEN},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    laatste = Gebeurtenis.objects.filter(bestuursproces=zaak.proces).latest("volgnummer")
    assert body["volgnummer"] == laatste.volgnummer
    assert body["gebeurtenis"].endswith(f"/gebeurtenissen/{laatste.volgnummer}")
    assert (body["naar"], body["onderdeel"], body["selectie"], body["toelichting"]) == (
        "evaluatie",
        "interventies",
        {"stadium": "voorstelbaar"},
        REDEN,
    )
    assert sorted(item["uuid"] for item in body["items"]) == sorted(
        str(i.uuid) for i in zaak.in_stadium
    )
    assert laatste.toelichting == REDEN

    # The evaluator now reads them, in the API's lists and in the event log.
    evaluator = client_voor(zaak.leden[Rol.EVALUATOR])
    lijst = evaluator.get(proces_url(zaak.proces, "/interventies")).json()
    assert sorted(i["titel"] for i in lijst["results"]) == sorted(i.titel for i in zaak.in_stadium)
    log = evaluator.get(proces_url(zaak.proces, "/gebeurtenissen"), {"pageSize": 100}).json()
    titels = [
        g["payload"]["interventie"].get("titel", "")
        for g in log["results"]
        if g["type"] == "interventie.gelogd" and "interventie" in g["payload"]
    ]
    assert sum(IN_STADIUM in titel for titel in titels) == 3
    # ...and the opdrachtgever does not.
    opdrachtgever = client_voor(zaak.leden[Rol.OPDRACHTGEVER])
    assert opdrachtgever.get(proces_url(zaak.proces, "/interventies")).json()["count"] == 0


def test_vernauwen_is_409(zaak: Vrijgavedossier) -> None:
    een = zaak.in_stadium[0]
    _post(
        zaak,
        Rol.PROCESREGISSEUR,
        {
            "onderdeel": "interventies",
            "naar": "proces",
            "uuids": [str(een.uuid)],
            "toelichting": REDEN,
        },
    )
    voor = Gebeurtenis.objects.filter(bestuursproces=zaak.proces).count()

    response = _post(
        zaak,
        Rol.PROCESREGISSEUR,
        {
            "onderdeel": "interventies",
            "naar": "kernteam",
            "uuids": [str(een.uuid)],
            "toelichting": REDEN,
        },
    )

    assert_probleem(response, 409, "zichtbaarheid-vernauwd")
    assert Gebeurtenis.objects.filter(bestuursproces=zaak.proces).count() == voor
    assert Interventie.objects.get(pk=een.pk).zichtbaarheid == "proces"


def test_ongeldige_invoer_is_400_met_elk_veld(zaak: Vrijgavedossier) -> None:
    response = _post(
        zaak,
        Rol.PROCESREGISSEUR,
        {"onderdeel": "stadia", "naar": "regisseur", "uuids": ["x"], "onbekend": 1},
    )

    assert fouten(response) == {
        "onderdeel": "invalid_choice",
        "naar": "invalid_choice",
        "uuids.0": "invalid",
        "onbekend": "unknown",
    }


def test_zonder_reden_is_400(zaak: Vrijgavedossier) -> None:
    response = _post(
        zaak, Rol.PROCESREGISSEUR, {"onderdeel": "positioneringen", "naar": "evaluatie"}
    )

    assert fouten(response) == {"toelichting": "required"}


@pytest.mark.parametrize("rol", [Rol.KERNTEAM, Rol.OPDRACHTGEVER, Rol.EVALUATOR])
def test_alleen_de_regisseur_mag_vrijgeven(zaak: Vrijgavedossier, rol: str) -> None:
    response = _post(
        zaak, rol, {"onderdeel": "positioneringen", "naar": "evaluatie", "toelichting": REDEN}
    )

    assert_probleem(response, 403)
