"""/bestuursprocessen/{uuid}/afspraken: commitments, the overdue ones, and their outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from cases import services
from cases.models import Afspraak, Bestuursproces
from tests.factories import actor_voor, open_proces, voeg_leden_toe

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    proces_url,
)
from .register import opdrachtgever, organisatie, speler, stap, url


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/afspraken")


def afspraak_url(afspraak: Afspraak) -> str:
    return absoluut(proces_url(afspraak.bestuursproces, f"/afspraken/{afspraak.uuid}"))


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=30))


def _maak(proces: Bestuursproces, gebruiker: Any, door: Any, **velden: Any) -> Afspraak:
    gegevens: dict[str, Any] = {"wat": "Iets", "zichtbaarheid": "proces"} | velden
    return services.maak_afspraak(
        actor=actor_voor(gebruiker), bestuursproces=proces, door=door, **gegevens
    )


def test_afspraak_maken_en_nakomen(proces, regisseur):
    corporatie = speler(proces, regisseur)
    wethouder = opdrachtgever(proces, regisseur)
    wyberstap = stap(proces, regisseur)
    api = client_voor(regisseur)
    response = api.post(
        lijst_url(proces),
        {
            "wat": "Grondprijsberekening aanleveren",
            "door": url(corporatie),
            "aan": url(wethouder),
            "uiterlijk": _dag(14).isoformat(),
            "wyberstap": absoluut(proces_url(proces, f"/wyberstappen/{wyberstap.uuid}")),
            "zichtbaarheid": "proces",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    afspraak = Afspraak.objects.get(bestuursproces=proces)
    verwacht = {
        "url": afspraak_url(afspraak),
        "uuid": str(afspraak.uuid),
        "wat": "Grondprijsberekening aanleveren",
        "door": url(corporatie),
        "doorNaam": corporatie.naam,
        "aan": url(wethouder),
        "aanNaam": "",
        "datum": _dag(0).isoformat(),
        "uiterlijk": _dag(14).isoformat(),
        "status": "open",
        "verlopen": False,
        "afgehandeldOp": None,
        "reden": "",
        "wyberstap": absoluut(proces_url(proces, f"/wyberstappen/{wyberstap.uuid}")),
        "besluit": None,
        "bijeenkomst": None,
        "zichtbaarheid": "proces",
        "vastgelegdDoor": "regisseur",
    }
    assert response.json() == verwacht
    assert response["Location"] == afspraak_url(afspraak)

    response = api.patch(
        afspraak_url(afspraak),
        {"status": "nagekomen"},
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Per mail ontvangen",
    )
    assert response.status_code == 200, response.content
    assert response.json() == verwacht | {
        "status": "nagekomen",
        "afgehandeldOp": _dag(0).isoformat(),
    }
    laatste = gebeurtenissen_van(proces)[-1]
    assert (laatste.type, laatste.toelichting) == ("afspraak.nagekomen", "Per mail ontvangen")
    # Once handled, it stays so.
    assert_probleem(
        api.patch(afspraak_url(afspraak), {"status": "vervallen", "reden": "x"}, format="json"),
        409,
    )
    tijdlijn = api.get(proces_url(proces, "/tijdlijn")).json()["results"]
    assert [i["omschrijving"] for i in tijdlijn if i["soort"].startswith("afspraak.")] == [
        f"Afspraak: {corporatie.naam} zorgt voor Grondprijsberekening aanleveren, uiterlijk "
        f"{date_format(_dag(14))}",
        "Afspraak nagekomen: Grondprijsberekening aanleveren",
    ]


def test_verlopen_filter(proces, regisseur):
    corporatie = organisatie(proces, regisseur, tijdstip=timezone.now() - dt.timedelta(days=20))
    _maak(proces, regisseur, corporatie, wat="Te laat", datum=_dag(-10), uiterlijk=_dag(-1))
    _maak(proces, regisseur, corporatie, wat="Op tijd", datum=_dag(-10), uiterlijk=_dag(5))
    _maak(proces, regisseur, corporatie, wat="Zonder datum")
    klaar = _maak(proces, regisseur, corporatie, wat="Klaar", datum=_dag(-10), uiterlijk=_dag(-2))
    services.handel_afspraak_af(actor=actor_voor(regisseur), afspraak=klaar, status="nagekomen")
    api = client_voor(regisseur)

    def wat(query: str) -> list[str]:
        return [a["wat"] for a in api.get(f"{lijst_url(proces)}?{query}").json()["results"]]

    assert wat("verlopen=true") == ["Te laat"]
    assert wat("verlopen=false") == ["Op tijd", "Klaar", "Zonder datum"]
    assert wat("status=nagekomen") == ["Klaar"]
    assert api.get(lijst_url(proces)).json()["results"][0]["verlopen"] is True
    assert_probleem(api.get(f"{lijst_url(proces)}?verlopen=misschien"), 400)


def test_ongeldige_invoer(proces, regisseur):
    corporatie = speler(proces, regisseur)
    api = client_voor(regisseur)
    assert fouten(api.post(lijst_url(proces), {}, format="json")) == {
        "wat": "required",
        "door": "required",
        "zichtbaarheid": "required",
    }
    assert fouten(
        api.post(
            lijst_url(proces),
            {"wat": "x", "door": proces_url(proces), "zichtbaarheid": "proces"},
            format="json",
        )
    ) == {"door": "invalid"}
    afspraak = _maak(proces, regisseur, corporatie)
    assert fouten(api.patch(afspraak_url(afspraak), {"status": "vervallen"}, format="json")) == {
        "reden": "required"
    }
    assert fouten(
        api.patch(afspraak_url(afspraak), {"status": "open", "wat": "y"}, format="json")
    ) == {"status": "invalid_choice", "wat": "unknown"}


def test_door_van_een_ander_proces(proces, regisseur):
    ander = open_proces(regisseur, titel="Ander")
    vreemde = speler(ander, regisseur)
    response = client_voor(regisseur).post(
        lijst_url(proces),
        {"wat": "x", "door": url(vreemde), "zichtbaarheid": "proces"},
        format="json",
    )
    assert fouten(response) == {"door": "does_not_exist"}


def test_een_kernteamafspraak_bestaat_niet_voor_de_opdrachtgever(proces, regisseur):
    leden = voeg_leden_toe(proces, regisseur)
    corporatie = speler(proces, regisseur)
    geheim = _maak(proces, regisseur, corporatie, zichtbaarheid="kernteam")
    openbaar = _maak(proces, regisseur, corporatie)
    api = client_voor(leden["opdrachtgever"])
    assert [a["uuid"] for a in api.get(lijst_url(proces)).json()["results"]] == [str(openbaar.uuid)]
    assert_probleem(api.get(afspraak_url(geheim)), 404)
    assert client_voor(leden["kernteam"]).get(afspraak_url(geheim)).status_code == 200


def test_if_match_op_afhandelen(proces, regisseur):
    corporatie = speler(proces, regisseur)
    afspraak = _maak(proces, regisseur, corporatie)
    api = client_voor(regisseur)
    etag = api.get(afspraak_url(afspraak))["ETag"]
    assert_probleem(
        api.patch(
            afspraak_url(afspraak), {"status": "nagekomen"}, format="json", HTTP_IF_MATCH='"oud"'
        ),
        412,
    )
    response = api.patch(
        afspraak_url(afspraak), {"status": "nagekomen"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200
