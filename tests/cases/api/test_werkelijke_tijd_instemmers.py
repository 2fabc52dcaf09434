"""A required instemmer that did not exist yet at the fact's moment (an integrator's report).

An opdrachtgever registered today was accepted through ``POST .../instemmingen`` as a
required instemmer of a wyber-stap dated March 2020, and a consent of theirs dated 2020 too,
while a beoordeling of the same party on that date was refused; the stage gate later called
the party "een onbekende partij". Now all three answer 409 geschiedenisconflict naming the
party, in Dutch and in English, and write nothing; a party that did exist then is accepted.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Gebeurtenis

from .helpers import assert_probleem, post

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/bestuursprocessen"

WETHOUDER = "Wethouder (vandaag geregistreerd)"
NL = (
    "Op 7 maart 2020 00:00 kan dit niet: het verwijst naar iets dat toen nog niet bestond "
    f"(opdrachtgever '{WETHOUDER}')."
)
EN = (
    "This is not possible at 7 March 2020 00:00: it refers to something that did not exist "
    f"yet at that moment (commissioning party '{WETHOUDER}')."
)


@pytest.fixture
def client(regisseur: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


@pytest.fixture
def dossier(client: APIClient) -> dict[str, Any]:
    """The reproduction's case: a step consolidated on 6 March 2020 with Piet as instemmer,
    and an opdrachtgever registered today (no tijdstip)."""
    proces = post(
        client,
        BASIS,
        {
            "titel": "Instemmer",
            "rolGemeente": "initierend",
            "aanpak": "cyclisch",
            "geopendOp": "2020-01-06T09:00:00+01:00",
        },
    )
    p = f"{BASIS}/{proces['uuid']}"
    nu = post(
        client, f"{p}/opdrachtgevers", {"naam": WETHOUDER, "rol": "bestuurlijk_opdrachtgever"}
    )
    piet = post(
        client,
        f"{p}/spelers",
        {
            "naam": "Piet",
            "soort": "persoon",
            "veld": "verbindende",
            "rolInProces": "betrokkene",
            "tijdstip": "2020-02-01",
        },
    )
    stap = post(client, f"{p}/wyberstappen", {"doel": "x", "tijdstip": "2020-03-01"})
    w = f"{p}/wyberstappen/{stap['uuid']}"
    optie = post(client, f"{w}/opties", {"titel": "A", "tijdstip": "2020-03-02"})
    post(client, f"{w}/faseovergangen", {"naar": "convergeren", "tijdstip": "2020-03-03"})
    antwoord = client.patch(
        f"{w}/opties/{optie['uuid']}",
        {"status": "gekozen", "tijdstip": "2020-03-04"},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.content
    post(client, f"{w}/faseovergangen", {"naar": "consolideren", "tijdstip": "2020-03-05"})
    post(
        client,
        f"{w}/consolidatie",
        {
            "uitkomst": "consensus",
            "tekst": "eens",
            "instemmers": [piet["url"]],
            "tijdstip": "2020-03-06",
        },
    )
    return {"proces": proces, "pad": p, "stap": w, "nu": nu, "piet": piet}


def _instemmingen(client: APIClient, dossier: dict[str, Any]) -> list[dict[str, Any]]:
    antwoord = client.get(f"{dossier['stap']}/instemmingen")
    assert antwoord.status_code == 200, antwoord.content
    resultaten: list[dict[str, Any]] = antwoord.json()["results"]
    return resultaten


def _aantal(dossier: dict[str, Any]) -> int:
    return Gebeurtenis.objects.filter(bestuursproces__uuid=dossier["proces"]["uuid"]).count()


@pytest.mark.parametrize(("taal", "melding"), [("nl", NL), ("en", EN)])
def test_een_instemmer_van_vandaag_in_2020_is_een_geschiedenisconflict(
    client: APIClient, dossier: dict[str, Any], taal: str, melding: str
) -> None:
    voor = _aantal(dossier)

    antwoord = client.post(
        f"{dossier['stap']}/instemmingen",
        {"toevoegen": [dossier["nu"]["url"]], "reden": "x", "tijdstip": "2020-03-07"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=taal,
    )

    body = assert_probleem(antwoord, 409, "geschiedenisconflict")
    assert body["detail"] == melding
    assert _aantal(dossier) == voor


def test_een_beoordeling_van_dezelfde_partij_zegt_hetzelfde(
    client: APIClient, dossier: dict[str, Any]
) -> None:
    antwoord = client.post(
        f"{dossier['pad']}/opdrachtgevers/{dossier['nu']['uuid']}/beoordelingen",
        {
            "stevigheid": 3,
            "steun": "voorstander",
            "onderlingVertrouwen": 3,
            "tijdstip": "2020-03-07",
        },
        format="json",
    )

    assert assert_probleem(antwoord, 409, "geschiedenisconflict")["detail"] == NL


def test_een_instemming_van_die_partij_in_2020_is_een_geschiedenisconflict(
    client: APIClient, dossier: dict[str, Any]
) -> None:
    # Required since today (accepted: the party exists now) ...
    post(
        client,
        f"{dossier['stap']}/instemmingen",
        {"toevoegen": [dossier["nu"]["url"]], "reden": "Alsnog gevraagd"},
        status=200,
    )
    [instemming] = [
        i for i in _instemmingen(client, dossier) if i["partij"] == dossier["nu"]["url"]
    ]
    voor = _aantal(dossier)

    # ... but it cannot have consented in 2020.
    antwoord = client.patch(
        instemming["url"],
        {"status": "ingestemd", "tijdstip": "2020-03-07"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert assert_probleem(antwoord, 409, "geschiedenisconflict")["detail"] == EN
    assert _aantal(dossier) == voor


def test_een_instemmer_die_toen_bestond_wordt_aanvaard(
    client: APIClient, dossier: dict[str, Any]
) -> None:
    raad = post(
        client,
        f"{dossier['pad']}/opdrachtgevers",
        {"naam": "Raad", "rol": "gemeenteraad", "tijdstip": "2020-02-15"},
    )

    post(
        client,
        f"{dossier['stap']}/instemmingen",
        {"toevoegen": [raad["url"]], "reden": "x", "tijdstip": "2020-03-07"},
        status=200,
    )

    assert {i["partij"] for i in _instemmingen(client, dossier)} == {
        dossier["piet"]["url"],
        raad["url"],
    }
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces__uuid=dossier["proces"]["uuid"]).latest(
        "volgnummer"
    )
    assert gebeurtenis.type == "instemmers.gewijzigd"
    assert gebeurtenis.payload["toegevoegd"][0]["opdrachtgever"] == raad["uuid"]
