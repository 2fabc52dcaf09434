"""/bestuursprocessen/{uuid}/besluiten and /besluitmomenten: the decision register of a case,
and a consent that rests on a besluit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Besluit, Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import actor_voor, open_proces, voeg_leden_toe

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    laatste_gebeurtenis,
    proces_url,
)
from .register import (
    consolideer,
    instemming_body,
    instemming_url,
    opdrachtgever,
    stap_in_consolideren,
    url,
)


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/besluiten")


def besluit_url(besluit: Besluit) -> str:
    return absoluut(proces_url(besluit.bestuursproces, f"/besluiten/{besluit.uuid}"))


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    vandaag = timezone.localdate()
    return open_proces(
        regisseur,
        tijdstip=timezone.now() - dt.timedelta(days=30),
        opdracht=Opdracht(
            besluitmomenten=(
                BesluitmomentInvoer(vandaag - dt.timedelta(days=10), "besluit", "Raadsbesluit"),
                BesluitmomentInvoer(vandaag - dt.timedelta(days=3), "mandaat", "Mandaat"),
                BesluitmomentInvoer(vandaag + dt.timedelta(days=20), "besluit", "Uitvoering"),
            )
        ),
    )


def _leg_vast(proces: Bestuursproces, gebruiker: Any, **velden: Any) -> Besluit:
    gegevens: dict[str, Any] = {
        "titel": "Raad stemt in",
        "orgaan": "raad",
        "datum": timezone.localdate() - dt.timedelta(days=2),
        "zichtbaarheid": "proces",
    } | velden
    return services.leg_besluit_vast(actor=actor_voor(gebruiker), bestuursproces=proces, **gegevens)


def test_raadsbesluit_vastleggen_dat_een_besluitmoment_vervult(proces, regisseur):
    moment = timezone.localdate() - dt.timedelta(days=10)
    datum = (timezone.localdate() - dt.timedelta(days=8)).isoformat()
    api = client_voor(regisseur)
    response = api.post(
        lijst_url(proces),
        {
            "titel": "Raad stelt de gebiedsvisie vast",
            "inhoud": "Met een amendement over groen.",
            "orgaan": "raad",
            "datum": datum,
            "kenmerk": "RB 2026/14",
            "besluitmoment": moment.isoformat(),
            "zichtbaarheid": "proces",
        },
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Uit de raadsvergadering",
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    besluit = Besluit.objects.get(bestuursproces=proces)
    assert response["Location"] == besluit_url(besluit)
    assert response.json() == {
        "url": besluit_url(besluit),
        "uuid": str(besluit.uuid),
        "titel": "Raad stelt de gebiedsvisie vast",
        "inhoud": "Met een amendement over groen.",
        "opdrachtgever": None,
        "organisatie": None,
        "orgaan": "raad",
        "orgaanNaam": "",
        "besluitnemer": "Gemeenteraad",
        "datum": datum,
        "kenmerk": "RB 2026/14",
        "besluitmoment": moment.isoformat(),
        "bijeenkomst": None,
        "documenten": [],
        "zichtbaarheid": "proces",
        "vastgelegdDoor": "regisseur",
    }
    gebeurtenis = laatste_gebeurtenis(proces)
    assert (gebeurtenis.type, gebeurtenis.toelichting, gebeurtenis.tijdstip) == (
        "besluit.vastgelegd",
        "Uit de raadsvergadering",
        timezone.make_aware(dt.datetime.combine(besluit.datum, dt.time.min)),
    )
    assert api.get(besluit_url(besluit)).json() == response.json()
    assert api.get(lijst_url(proces)).json()["results"] == [response.json()]

    tijdlijn = api.get(proces_url(proces, "/tijdlijn")).json()["results"]
    [item] = [i for i in tijdlijn if i["soort"] == "besluit.vastgelegd"]
    assert (item["omschrijving"], item["tijdstip"][:10], item["url"]) == (
        "Besluit 'Raad stelt de gebiedsvisie vast' genomen door gemeenteraad (RB 2026/14)",
        datum,
        besluit_url(besluit),
    )

    standen = api.get(proces_url(proces, "/besluitmomenten")).json()
    assert [(s["gevraagd"], s["status"], s["besluiten"]) for s in standen] == [
        ("Raadsbesluit", "genomen", [besluit_url(besluit)]),
        ("Mandaat", "verlopen", []),
        ("Uitvoering", "gepland", []),
    ]


def test_besluit_van_een_opdrachtgever(proces, regisseur):
    wethouder = opdrachtgever(proces, regisseur)
    response = client_voor(regisseur).post(
        lijst_url(proces),
        {
            "titel": "Mandaat verruimd",
            "opdrachtgever": url(wethouder),
            "datum": timezone.localdate().isoformat(),
            "zichtbaarheid": "kernteam",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["opdrachtgever"], body["orgaan"], body["besluitnemer"]) == (
        url(wethouder),
        None,
        wethouder.naam,
    )


@pytest.mark.parametrize(
    ("body", "verwacht"),
    [
        ({}, {"titel": "required", "datum": "required", "zichtbaarheid": "required"}),
        (
            {"titel": "B", "datum": "2999-01-01", "zichtbaarheid": "proces", "orgaan": "raad"},
            {"datum": "toekomst"},
        ),
        (
            {"titel": "B", "datum": "2020-01-01", "zichtbaarheid": "proces", "orgaan": "raad"},
            {"datum": "voor_opening"},
        ),
        ({"titel": "B", "datum": "gisteren", "zichtbaarheid": "proces"}, {"datum": "invalid"}),
        (
            {"titel": "B", "datum": "2026-01-01", "zichtbaarheid": "proces", "orgaan": "senaat"},
            {"orgaan": "invalid_choice"},
        ),
        (
            {"titel": "B", "zichtbaarheid": "proces", "orgaan": "raad", "onzin": 1},
            {"datum": "required", "onzin": "unknown"},
        ),
    ],
)
def test_ongeldige_invoer_is_een_probleem(proces, regisseur, body, verwacht):
    response = client_voor(regisseur).post(lijst_url(proces), body, format="json")
    assert fouten(response) == verwacht
    assert not Besluit.objects.exists()


def test_domeinfouten_zijn_problemen(proces, regisseur):
    api = client_voor(regisseur)
    basis = {"titel": "B", "datum": timezone.localdate().isoformat(), "zichtbaarheid": "proces"}
    assert fouten(api.post(lijst_url(proces), basis, format="json")) == {
        "orgaan": "een_besluitnemer"
    }
    assert fouten(
        api.post(
            lijst_url(proces),
            basis | {"orgaan": "raad", "besluitmoment": "2020-02-02"},
            format="json",
        )
    ) == {"besluitmoment": "does_not_exist"}
    assert not Besluit.objects.exists()


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("procesregisseur", {"proces", "kernteam", "regisseur"}),
        ("kernteam", {"proces", "kernteam"}),
        ("opdrachtgever", {"proces"}),
        ("evaluator", {"proces"}),
    ],
)
def test_ieder_ziet_alleen_de_besluiten_van_zijn_niveau(proces, regisseur, rol, ziet):
    leden = voeg_leden_toe(proces, regisseur)
    moment = timezone.localdate() - dt.timedelta(days=3)
    besluiten = {
        niveau: _leg_vast(proces, regisseur, titel=niveau, zichtbaarheid=niveau)
        for niveau in ("proces", "kernteam")
    }
    besluiten["regisseur"] = _leg_vast(
        proces, regisseur, titel="regisseur", zichtbaarheid="regisseur", besluitmoment=moment
    )
    api = client_voor(leden[rol])
    gezien = {b["titel"] for b in api.get(lijst_url(proces)).json()["results"]}
    assert gezien == ziet
    for niveau, besluit in besluiten.items():
        response = api.get(besluit_url(besluit))
        if niveau in ziet:
            assert response.status_code == 200
        else:
            assert_probleem(response, 404)
    mandaat = api.get(proces_url(proces, "/besluitmomenten")).json()[1]
    assert mandaat["status"] == ("genomen" if "regisseur" in ziet else "verlopen")


def test_lezers_mogen_geen_besluit_vastleggen(proces, regisseur):
    leden = voeg_leden_toe(proces, regisseur)
    response = client_voor(leden["opdrachtgever"]).post(
        lijst_url(proces),
        {"titel": "B", "orgaan": "raad", "datum": "2026-01-01", "zichtbaarheid": "proces"},
        format="json",
    )
    assert_probleem(response, 403)


def test_filters(proces, regisseur):
    wethouder = opdrachtgever(proces, regisseur)
    _leg_vast(proces, regisseur, titel="Raad")
    _leg_vast(
        proces,
        regisseur,
        titel="Wethouder",
        orgaan="",
        opdrachtgever=wethouder,
        datum=timezone.localdate(),  # the wethouder is known since now
    )
    api = client_voor(regisseur)

    def titels(query: str) -> list[str]:
        return [b["titel"] for b in api.get(f"{lijst_url(proces)}?{query}").json()["results"]]

    assert titels("orgaan=raad") == ["Raad"]
    assert titels(f"opdrachtgever={wethouder.uuid}") == ["Wethouder"]
    assert_probleem(api.get(f"{lijst_url(proces)}?orgaan=senaat"), 400)


def test_instemming_op_grond_van_een_besluit(regisseur):
    proces = open_proces(regisseur)
    wethouder = opdrachtgever(proces, regisseur)
    # A second party that has not consented keeps the step in consolideren.
    tweede = opdrachtgever(proces, regisseur, naam="Wethouder Groen")
    for partij in (wethouder, tweede):
        services.wijzig_betrokkenheid(
            actor=actor_voor(regisseur), partij=partij, actie="aansluiten", reden="Aan tafel"
        )
    stap = stap_in_consolideren(proces, regisseur)
    instemming, _ = consolideer(stap, regisseur, [wethouder, tweede])
    besluit = _leg_vast(proces, regisseur, datum=timezone.localdate(), kenmerk="RB 2026/15")
    api = client_voor(regisseur)

    response = api.patch(
        instemming_url(instemming),
        {"status": "ingestemd", "besluit": besluit_url(besluit)},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json() == instemming_body(
        instemming,
        formeelBesloten=True,
        beslotenOp=besluit.datum.isoformat(),
        besluitreferentie="RB 2026/15",
        besluit=besluit_url(besluit),
    )
    # Another change leaves the besluit in place; another formal decision replaces it.
    response = api.patch(instemming_url(instemming), {"voorbehoud": "Mits"}, format="json")
    assert response.json()["besluit"] == besluit_url(besluit)
    response = api.patch(
        instemming_url(instemming),
        {"formeelBesloten": True, "besluitreferentie": "Brief", "beslotenOp": None},
        format="json",
    )
    assert (response.json()["besluit"], response.json()["besluitreferentie"]) == (None, "Brief")


def test_besluit_van_een_ander_proces_kan_geen_instemming_dragen(regisseur):
    proces = open_proces(regisseur)
    ander = open_proces(regisseur, titel="Ander")
    wethouder = opdrachtgever(proces, regisseur)
    services.wijzig_betrokkenheid(
        actor=actor_voor(regisseur), partij=wethouder, actie="aansluiten", reden="Aan tafel"
    )
    stap = stap_in_consolideren(proces, regisseur)
    [instemming] = consolideer(stap, regisseur, [wethouder])
    vreemd = _leg_vast(ander, regisseur, datum=timezone.localdate())
    response = client_voor(regisseur).patch(
        instemming_url(instemming),
        {"status": "ingestemd", "besluit": besluit_url(vreemd)},
        format="json",
    )
    assert fouten(response) == {"besluit": "does_not_exist"}
