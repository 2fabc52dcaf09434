"""GET/PUT /bestuursprocessen/{uuid}/procesontwerp and GET .../procesontwerp/versies."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, ProcesontwerpVersie
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests.factories import actor_voor, open_proces

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)
from .register import LEZERS, ROLLEN, SCHRIJVERS

VELDEN = {
    "versie",
    "uuid",
    "processtrategie",
    "aanpak",
    "spelregels",
    "exitregels",
    "communicatie",
    "geplandeStappen",
    "toelichting",
    "auteur",
    "aangemaaktOp",
}
VOLLEDIG = {
    "processtrategie": "Eerst verbinden, dan versnellen.",
    "aanpak": "lineair",
    "spelregels": "Niets staat vast totdat alles vaststaat.",
    "exitregels": "Wie uitstapt, meldt dat in de stuurgroep.",
    "communicatie": "Na elke stuurgroep een nieuwsbrief.",
    "geplandeStappen": [
        {"titel": "Verkenning", "gepland": "2026-05-01", "omschrijving": "Gesprekken"},
        {"titel": "Besluit", "gepland": None, "omschrijving": ""},
    ],
}


def url(proces: Bestuursproces | str, suffix: str = "") -> str:
    return proces_url(proces, "/procesontwerp" + suffix)


def herzie(proces: Bestuursproces, gebruiker: Any, strategie: str) -> ProcesontwerpVersie:
    return services.herzie_procesontwerp(
        actor=actor_voor(gebruiker),
        bestuursproces=proces,
        inhoud=ProcesontwerpInhoud(processtrategie=strategie, aanpak="cyclisch"),
    )


def test_nog_geen_procesontwerp(bestuursproces, regisseur_api):
    body = assert_probleem(regisseur_api.get(url(bestuursproces)), 404, "not_found")
    assert body["detail"] == "Dit bestuursproces heeft nog geen procesontwerp."


def test_eerste_herziening_is_201_daarna_200(bestuursproces, regisseur_api):
    response = regisseur_api.put(
        url(bestuursproces), {**VOLLEDIG, "toelichting": "Na de verkenning"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == VELDEN
    assert {k: body[k] for k in VOLLEDIG} == VOLLEDIG
    assert (body["versie"], body["toelichting"], body["auteur"]) == (
        1,
        "Na de verkenning",
        "regisseur",
    )
    assert regisseur_api.get(url(bestuursproces)).json() == body
    # The aanpak of the procesontwerp is now the case's.
    assert regisseur_api.get(proces_url(bestuursproces)).json()["aanpak"] == "lineair"
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "procesontwerp.herzien"
    assert gebeurtenis.toelichting == "Na de verkenning"
    assert gebeurtenis.payload["procesontwerp"]["uuid"] == body["uuid"]
    assert gebeurtenis.payload["vorigeAanpak"] == "cyclisch"

    tweede = regisseur_api.put(
        url(bestuursproces),
        {"processtrategie": "Vertragen tot na de verkiezingen.", "aanpak": "cyclisch"},
        format="json",
        headers={"X-Audit-Toelichting": "Nieuwe wethouder"},
    )

    assert tweede.status_code == 200, tweede.content
    body = tweede.json()
    assert (body["versie"], body["toelichting"]) == (2, "Nieuwe wethouder")
    assert (body["spelregels"], body["geplandeStappen"]) == ("", [])
    assert regisseur_api.get(proces_url(bestuursproces)).json()["aanpak"] == "cyclisch"


def test_dezelfde_inhoud_is_geen_nieuwe_versie(bestuursproces, regisseur_api):
    eerste = regisseur_api.put(url(bestuursproces), VOLLEDIG, format="json").json()
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.put(url(bestuursproces), VOLLEDIG, format="json")

    assert response.status_code == 200
    assert response.json() == eerste
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_regisseur_en_kernteam_herzien(bestuursproces, leden, rol):
    response = client_voor(leden[rol]).put(url(bestuursproces), VOLLEDIG, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["auteur"] == leden[rol].username


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_herzien_niet(bestuursproces, leden, rol):
    response = client_voor(leden[rol]).put(url(bestuursproces), VOLLEDIG, format="json")
    assert_probleem(response, 403, "permission_denied")
    assert not ProcesontwerpVersie.objects.exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest_het_procesontwerp(bestuursproces, leden, regisseur, rol):
    herzie(bestuursproces, regisseur, "Verbinden")
    client = client_voor(leden[rol])
    assert client.get(url(bestuursproces)).json()["processtrategie"] == "Verbinden"
    assert client.get(url(bestuursproces, "/versies")).json()["count"] == 1


TE_VEEL = [{"titel": f"Stap {n}"} for n in range(51)]


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"processtrategie": "required", "aanpak": "required"}),
        ({**VOLLEDIG, "processtrategie": ""}, {"processtrategie": "blank"}),
        ({**VOLLEDIG, "processtrategie": "x" * 1001}, {"processtrategie": "max_length"}),
        ({**VOLLEDIG, "aanpak": "waterval"}, {"aanpak": "invalid_choice"}),
        ({**VOLLEDIG, "versie": 3}, {"versie": "unknown"}),
        ({**VOLLEDIG, "geplande_stappen": []}, {"geplande_stappen": "unknown"}),
        (
            {**VOLLEDIG, "geplandeStappen": "Verkenning"},
            {"geplandeStappen": "not_a_list"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": TE_VEEL},
            {"geplandeStappen": "max_length"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": [{"titel": "Stap", "kleur": "rood"}]},
            {"geplandeStappen.0.kleur": "unknown"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": [{"titel": "A"}, {"gepland": "2026-05-01"}]},
            {"geplandeStappen.1.titel": "required"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": [{"titel": "x" * 201}]},
            {"geplandeStappen.0.titel": "max_length"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": [{"titel": "A", "gepland": "1 mei"}]},
            {"geplandeStappen.0.gepland": "invalid"},
        ),
        (
            {**VOLLEDIG, "geplandeStappen": [{"titel": "A", "omschrijving": 3}]},
            {"geplandeStappen.0.omschrijving": "invalid"},
        ),
    ],
)
def test_ongeldige_herziening(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.put(url(bestuursproces), payload, format="json")) == verwacht
    assert not ProcesontwerpVersie.objects.exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_de_melding_bij_een_te_lange_processtrategie(bestuursproces, regisseur_api):
    response = regisseur_api.put(
        url(bestuursproces), {**VOLLEDIG, "processtrategie": "x" * 1001}, format="json"
    )
    [param] = assert_probleem(response, 400)["invalidParams"]
    assert param["reason"] == (
        "Vat de processtrategie samen in een paar eenvoudige zinnen die iedereen begrijpt: "
        "hoogstens 1000 tekens."
    )


def test_afgerond_proces_is_409(bestuursproces, regisseur, regisseur_api):
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )
    assert_probleem(regisseur_api.put(url(bestuursproces), VOLLEDIG, format="json"), 409)


def test_versies_nieuwste_eerst_en_gepagineerd(bestuursproces, regisseur, leden, regisseur_api):
    for n in range(1, 6):
        herzie(bestuursproces, leden["kernteam"] if n == 2 else regisseur, f"Strategie {n}")
    lijst = url(bestuursproces, "/versies")

    alles = regisseur_api.get(lijst).json()
    response = regisseur_api.get(lijst, {"pageSize": 2, "page": 2})

    assert [v["versie"] for v in alles["results"]] == [5, 4, 3, 2, 1]
    assert alles["results"][3]["auteur"] == leden["kernteam"].username
    assert all(set(v) == VELDEN for v in alles["results"])
    body = response.json()
    assert (body["count"], [v["versie"] for v in body["results"]]) == (5, [3, 2])
    assert link_header(response)["next"] == absoluut(f"{lijst}?page=3&pageSize=2")


def test_versies_van_een_ander_proces_tellen_niet_mee(bestuursproces, regisseur, regisseur_api):
    herzie(open_proces(regisseur, titel="Ander"), regisseur, "Elders")
    body = regisseur_api.get(url(bestuursproces, "/versies")).json()
    assert (body["count"], body["results"]) == (0, [])


@pytest.mark.parametrize(("methode", "suffix"), [("get", ""), ("put", ""), ("get", "/versies")])
def test_onbekend_proces_en_buitenstaander(bestuursproces, leden, methode, suffix):
    for client, proces in (
        (client_voor(leden["procesregisseur"]), str(uuid.uuid4())),
        (client_voor(leden["buitenstaander"]), bestuursproces),
    ):
        response = getattr(client, methode)(url(proces, suffix), VOLLEDIG, format="json")
        assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize(
    ("methode", "suffix", "toegestaan"),
    [
        ("post", "", {"GET", "PUT", "HEAD", "OPTIONS"}),
        ("patch", "", {"GET", "PUT", "HEAD", "OPTIONS"}),
        ("post", "/versies", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_methode_niet_toegestaan(bestuursproces, regisseur_api, methode, suffix, toegestaan):
    response = getattr(regisseur_api, methode)(url(bestuursproces, suffix), VOLLEDIG, format="json")
    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == toegestaan


@pytest.mark.parametrize("suffix", ["/", "/versies/"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, suffix):
    assert_probleem(regisseur_api.get(url(bestuursproces, suffix)), 404, "not_found")
