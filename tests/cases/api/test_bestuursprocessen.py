"""GET/POST /bestuursprocessen and GET/PATCH /bestuursprocessen/{uuid}."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, GebeurtenisType
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import GebruikerFactory, actor_voor, open_proces

from .helpers import (
    LIJST,
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)

LIJST_VELDEN = {
    "url",
    "uuid",
    "titel",
    "omschrijving",
    "rolGemeente",
    "procesrol",
    "aanpak",
    "stadium",
    "status",
    "uitkomst",
    "opdracht",
    "archiefnominatie",
    "archiefactiedatum",
    "geopendOp",
    "mijnRol",
    "links",
}
DETAIL_VELDEN = LIJST_VELDEN | {"huidigIdee"}
OPDRACHT_VELDEN = {"kaders", "budget", "uren", "einddatum", "speelruimte", "besluitmomenten"}
LINKS = {
    "idee": "/idee",
    "ideeVersies": "/idee/versies",
    "stadiumovergangen": "/stadiumovergangen",
    "gebeurtenissen": "/gebeurtenissen",
    "momentopname": "/momentopname",
}

VOLLEDIG: dict[str, Any] = {
    "titel": "Warmtenet Oost",
    "omschrijving": "Een wijk van het gas af",
    "rolGemeente": "participerend",
    "procesrol": "procesmanager",
    "aanpak": "flipperkast",
    "archiefnominatie": "blijvend_bewaren",
    "archiefactiedatum": "2040-01-01",
    "opdracht": {
        "kaders": "Binnen het klimaatakkoord",
        "budget": "12500.50",
        "uren": 800,
        "einddatum": "2027-06-30",
        "speelruimte": "Ruim",
        "besluitmomenten": [
            {"datum": "2026-09-01", "soort": "mandaat", "gevraagd": "Mandaat voor verkenning"},
            {"datum": "2027-03-01", "soort": "besluit", "gevraagd": "Raadsbesluit"},
        ],
    },
    "idee": {
        "wat": "Een collectief warmtenet",
        "context": "Aardgasvrije wijken",
        "stipOpDeHorizon": "Klimaatneutraal in 2040",
        "toelichting": "Eerste versie",
    },
}
MINIMAAL = {"titel": "Verkenning", "rolGemeente": "faciliterend", "aanpak": "lineair"}


def assert_proces_body(body: dict[str, Any], bestuursproces_uuid: str, *, detail: bool) -> None:
    assert set(body) == (DETAIL_VELDEN if detail else LIJST_VELDEN)
    assert body["uuid"] == bestuursproces_uuid
    assert body["url"] == absoluut(proces_url(bestuursproces_uuid))
    assert set(body["opdracht"]) == OPDRACHT_VELDEN
    assert body["links"] == {
        naam: absoluut(proces_url(bestuursproces_uuid, suffix)) for naam, suffix in LINKS.items()
    }


# --- lijst ----------------------------------------------------------------------------------


def test_lijst_toont_alleen_eigen_processen_nieuwste_eerst(regisseur, regisseur_api):
    oud = open_proces(regisseur, titel="Oud")
    nieuw = open_proces(regisseur, titel="Nieuw")
    open_proces(GebruikerFactory(), titel="Van een ander")

    response = regisseur_api.get(LIJST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_api_versie(response)
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert body["next"] is None
    assert body["previous"] is None
    assert [item["titel"] for item in body["results"]] == ["Nieuw", "Oud"]
    for item, proces in zip(body["results"], [nieuw, oud], strict=True):
        assert_proces_body(item, str(proces.uuid), detail=False)
        assert item["mijnRol"] == "procesregisseur"


def test_lijst_item_heeft_de_waarden_van_het_proces(regisseur, regisseur_api):
    opdracht = Opdracht(
        kaders="Kaders",
        budget=None,
        uren=12,
        besluitmomenten=(
            BesluitmomentInvoer(datum=dt.date(2026, 10, 1), soort="besluit", gevraagd="Go"),
        ),
    )
    proces = open_proces(regisseur, opdracht=opdracht, omschrijving="Omschrijving")

    item = regisseur_api.get(LIJST).json()["results"][0]

    assert item["titel"] == "Herinrichting Havenkwartier"
    assert item["omschrijving"] == "Omschrijving"
    assert item["rolGemeente"] == "initierend"
    assert item["procesrol"] == "procesregisseur"
    assert item["aanpak"] == "cyclisch"
    assert item["stadium"] == "voorstelbaar"
    assert item["status"] == "actief"
    assert item["geopendOp"].startswith(proces.geopend_op.date().isoformat())
    assert item["opdracht"] == {
        "kaders": "Kaders",
        "budget": None,
        "uren": 12,
        "einddatum": None,
        "speelruimte": "",
        "besluitmomenten": [{"datum": "2026-10-01", "soort": "besluit", "gevraagd": "Go"}],
    }


@pytest.fixture
def gevarieerde_processen(regisseur: Any) -> dict[str, Bestuursproces]:
    actor = actor_voor(regisseur)
    a = open_proces(regisseur, titel="Havenkwartier", rol_gemeente="initierend", aanpak="lineair")
    b = open_proces(regisseur, titel="Warmtenet", rol_gemeente="participerend", aanpak="cyclisch")
    c = open_proces(regisseur, titel="Haven Noord", rol_gemeente="faciliterend", aanpak="cyclisch")
    services.wijzig_stadium(actor=actor, bestuursproces=b, naar="houdbaar", toelichting="Rijp")
    services.wijzig_status(actor=actor, bestuursproces=c, status="gepauzeerd")
    return {"a": a, "b": b, "c": c}


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({}, {"Havenkwartier", "Warmtenet", "Haven Noord"}),
        ({"stadium": "houdbaar"}, {"Warmtenet"}),
        ({"stadium": "voorstelbaar"}, {"Havenkwartier", "Haven Noord"}),
        ({"status": "gepauzeerd"}, {"Haven Noord"}),
        ({"status": "actief"}, {"Havenkwartier", "Warmtenet"}),
        ({"rolGemeente": "participerend"}, {"Warmtenet"}),
        ({"aanpak": "cyclisch"}, {"Warmtenet", "Haven Noord"}),
        ({"titel": "haven"}, {"Havenkwartier", "Haven Noord"}),
        ({"titel": "haven", "aanpak": "lineair"}, {"Havenkwartier"}),
        ({"status": "afgerond"}, set()),
    ],
)
def test_lijst_filters(gevarieerde_processen, regisseur_api, query, verwacht):
    response = regisseur_api.get(LIJST, query)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(verwacht)
    assert {item["titel"] for item in body["results"]} == verwacht


@pytest.mark.parametrize(
    ("query", "naam"),
    [
        ({"rolGemeente": "dictatoriaal"}, "rolGemeente"),
        ({"stadium": "onmogelijk"}, "stadium"),
        ({"status": "weg"}, "status"),
        ({"aanpak": "chaos"}, "aanpak"),
    ],
)
def test_lijst_ongeldig_filter(bestuursproces, regisseur_api, query, naam):
    assert fouten(regisseur_api.get(LIJST, query)) == {naam: "invalid_choice"}


# --- paginering -----------------------------------------------------------------------------


@pytest.fixture
def vijf_processen(regisseur: Any) -> list[Bestuursproces]:
    return [open_proces(regisseur, titel=f"Proces {n}") for n in range(5)]


@pytest.mark.parametrize(
    ("pagina", "aantal", "rels", "vorige", "volgende"),
    [
        (None, 2, {"first", "next", "last"}, None, 2),
        (1, 2, {"first", "next", "last"}, None, 2),
        (2, 2, {"first", "prev", "next", "last"}, 1, 3),
        (3, 1, {"first", "prev", "last"}, 2, None),
    ],
)
def test_paginering(vijf_processen, regisseur_api, pagina, aantal, rels, vorige, volgende):
    query: dict[str, Any] = {"pageSize": 2}
    if pagina is not None:
        query["page"] = pagina

    response = regisseur_api.get(LIJST, query)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert len(body["results"]) == aantal
    links = link_header(response)
    assert set(links) == rels
    assert links["first"] == absoluut(f"{LIJST}?pageSize=2")
    assert links["last"] == absoluut(f"{LIJST}?page=3&pageSize=2")

    def pagina_url(nummer: int | None) -> str | None:
        if nummer is None:
            return None
        if nummer == 1:
            return absoluut(f"{LIJST}?pageSize=2")
        return absoluut(f"{LIJST}?page={nummer}&pageSize=2")

    assert body["previous"] == pagina_url(vorige)
    assert body["next"] == pagina_url(volgende)
    assert links.get("prev") == pagina_url(vorige)
    assert links.get("next") == pagina_url(volgende)


def test_paginering_standaard_20_en_alle_titels_een_keer(regisseur, regisseur_api):
    for n in range(21):
        open_proces(regisseur, titel=f"Proces {n:02}", met_idee=False)

    eerste = regisseur_api.get(LIJST).json()
    tweede = regisseur_api.get(LIJST, {"page": 2}).json()

    assert len(eerste["results"]) == 20
    assert len(tweede["results"]) == 1
    titels = [item["titel"] for item in eerste["results"] + tweede["results"]]
    assert sorted(titels) == [f"Proces {n:02}" for n in range(21)]


def test_paginering_lege_lijst_heeft_first_en_last(db, regisseur_api):
    response = regisseur_api.get(LIJST)

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert link_header(response) == {"first": absoluut(LIJST), "last": absoluut(f"{LIJST}?page=1")}


@pytest.mark.parametrize("pagina", ["99", "nul"])
def test_paginering_ongeldige_pagina(vijf_processen, regisseur_api, pagina):
    assert_probleem(regisseur_api.get(LIJST, {"page": pagina}), 404, "not_found")


def test_paginering_pagesize_heeft_een_maximum(regisseur, regisseur_api, monkeypatch):
    from procesregie.api.pagination import Paginering

    monkeypatch.setattr(Paginering, "max_page_size", 3)
    for n in range(4):
        open_proces(regisseur, titel=f"Proces {n}", met_idee=False)

    body = regisseur_api.get(LIJST, {"pageSize": 1000}).json()

    assert body["count"] == 4
    assert len(body["results"]) == 3


# --- openen ---------------------------------------------------------------------------------


def test_openen_volledig(regisseur, regisseur_api):
    response = regisseur_api.post(
        LIJST, VOLLEDIG, format="json", headers={"X-Audit-Toelichting": "Op verzoek van B&W"}
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert response["Location"] == body["url"]
    assert_proces_body(body, body["uuid"], detail=True)
    assert body["titel"] == "Warmtenet Oost"
    assert body["omschrijving"] == "Een wijk van het gas af"
    assert body["rolGemeente"] == "participerend"
    assert body["procesrol"] == "procesmanager"
    assert body["aanpak"] == "flipperkast"
    assert body["stadium"] == "voorstelbaar"
    assert body["status"] == "actief"
    assert body["uitkomst"] == ""
    assert body["archiefnominatie"] == "blijvend_bewaren"
    assert body["archiefactiedatum"] == "2040-01-01"
    assert body["mijnRol"] == "procesregisseur"
    assert body["opdracht"] == {**VOLLEDIG["opdracht"], "budget": "12500.50"}
    idee = body["huidigIdee"]
    assert idee["versie"] == 1
    assert idee["wat"] == "Een collectief warmtenet"
    assert idee["context"] == "Aardgasvrije wijken"
    assert idee["stipOpDeHorizon"] == "Klimaatneutraal in 2040"
    assert idee["auteur"] == "regisseur"

    # The Location answers with the same representation.
    assert regisseur_api.get(response["Location"]).json() == body

    proces = Bestuursproces.objects.get(uuid=body["uuid"])
    gebeurtenissen = gebeurtenissen_van(proces)
    assert [g.type for g in gebeurtenissen] == [
        GebeurtenisType.BESTUURSPROCES_GEOPEND,
        GebeurtenisType.LIDMAATSCHAP_TOEGEVOEGD,
        GebeurtenisType.IDEE_HERZIEN,
    ]
    assert gebeurtenissen[0].toelichting == "Op verzoek van B&W"
    assert gebeurtenissen[0].actor_gebruikersnaam == "regisseur"
    assert gebeurtenissen[0].payload["bestuursproces"]["titel"] == "Warmtenet Oost"
    assert gebeurtenissen[1].payload["lidmaatschap"]["rol"] == "procesregisseur"


def test_openen_minimaal_vult_standaarden(regisseur, regisseur_api):
    response = regisseur_api.post(LIJST, MINIMAAL, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == absoluut(proces_url(body["uuid"]))
    assert body["procesrol"] == "procesregisseur"
    assert body["huidigIdee"] is None
    assert body["archiefnominatie"] == ""
    assert body["archiefactiedatum"] is None
    assert body["opdracht"] == {
        "kaders": "",
        "budget": None,
        "uren": None,
        "einddatum": None,
        "speelruimte": "",
        "besluitmomenten": [],
    }
    assert regisseur_api.get(LIJST).json()["count"] == 1


def test_openen_zonder_verplichte_velden_noemt_ze_allemaal(regisseur_api, db):
    response = regisseur_api.post(LIJST, {}, format="json")

    assert fouten(response) == {
        "titel": "required",
        "rolGemeente": "required",
        "aanpak": "required",
    }
    assert not Bestuursproces.objects.exists()


def test_openen_noemt_elke_veldfout_ook_onbekende_en_geneste(regisseur_api, db):
    payload = {
        "titel": "",
        "rolGemeente": "dictatoriaal",
        "aanpak": "lineair",
        "kleur": "rood",
        "opdracht": {"uren": -1, "valuta": "EUR", "besluitmomenten": [{"soort": "gok"}]},
        "idee": {"wat": ""},
    }

    assert fouten(regisseur_api.post(LIJST, payload, format="json")) == {
        "titel": "blank",
        "rolGemeente": "invalid_choice",
        "kleur": "unknown",
        "opdracht.uren": "min_value",
        "opdracht.valuta": "unknown",
        "opdracht.besluitmomenten.0.datum": "required",
        "opdracht.besluitmomenten.0.soort": "invalid_choice",
        "opdracht.besluitmomenten.0.gevraagd": "required",
        "idee.wat": "blank",
    }
    assert not Bestuursproces.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "naam", "code"),
    [
        ({"rolGemeente": "dictatoriaal"}, "rolGemeente", "invalid_choice"),
        ({"aanpak": "chaos"}, "aanpak", "invalid_choice"),
        ({"procesrol": "dirigent"}, "procesrol", "invalid_choice"),
        ({"archiefnominatie": "verbranden"}, "archiefnominatie", "invalid_choice"),
        ({"archiefactiedatum": "morgen"}, "archiefactiedatum", "invalid"),
        ({"titel": "x" * 201}, "titel", "max_length"),
        ({"titel": None}, "titel", "null"),
        ({"opdracht": {"budget": "-1"}}, "opdracht.budget", "min_value"),
        ({"opdracht": {"budget": "veel"}}, "opdracht.budget", "invalid"),
        ({"opdracht": {"uren": "veel"}}, "opdracht.uren", "invalid"),
        ({"opdracht": {"einddatum": "31-12-2026"}}, "opdracht.einddatum", "invalid"),
        ({"opdracht": "geen object"}, "opdracht.nonFieldErrors", "invalid"),
        (
            {
                "opdracht": {
                    "besluitmomenten": [{"datum": "2026-01-01", "soort": "x", "gevraagd": "y"}]
                }
            },
            "opdracht.besluitmomenten.0.soort",
            "invalid_choice",
        ),
        ({"idee": {"context": "Zonder wat"}}, "idee.wat", "required"),
        ({"idee": {"wat": "Idee", "kleur": "rood"}}, "idee.kleur", "unknown"),
        ({"kleur": "rood"}, "kleur", "unknown"),
        ({"stadium": "houdbaar"}, "stadium", "unknown"),
        ({"status": "afgerond"}, "status", "unknown"),
        ({"uuid": str(uuid.uuid4())}, "uuid", "unknown"),
    ],
)
def test_openen_ongeldige_invoer(regisseur_api, db, wijziging, naam, code):
    response = regisseur_api.post(LIJST, {**MINIMAAL, **wijziging}, format="json")

    assert fouten(response) == {naam: code}
    assert not Bestuursproces.objects.exists()


def test_openen_met_stadium_legt_uit_waarom_niet(regisseur_api, db):
    body = assert_probleem(
        regisseur_api.post(LIJST, {**MINIMAAL, "stadium": "maakbaar"}, format="json"), 400
    )

    assert body["invalidParams"] == [
        {
            "name": "stadium",
            "code": "unknown",
            "reason": "Een nieuw bestuursproces begint voorstelbaar.",
        }
    ]


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ('{"titel": ', "application/json", 400, "parse_error"),
        ("titel=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('["titel"]', "application/json", 400, "invalid"),
    ],
)
def test_openen_onleesbare_invoer(regisseur_api, db, data, content_type, status, code):
    response = regisseur_api.generic("POST", LIJST, data, content_type=content_type)

    assert_probleem(response, status, code)
    assert not Bestuursproces.objects.exists()


# --- detail ---------------------------------------------------------------------------------


def test_detail(bestuursproces, regisseur_api):
    response = regisseur_api.get(proces_url(bestuursproces))

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert_proces_body(body, str(bestuursproces.uuid), detail=True)
    assert body["titel"] == "Herinrichting Havenkwartier"
    assert body["opdracht"]["kaders"] == "Binnen de bestaande begroting"
    assert body["opdracht"]["uren"] == 400
    assert body["huidigIdee"]["wat"] == "Een levendig havenkwartier met woningen en werk"
    assert body["huidigIdee"]["versie"] == 1


def test_detail_toont_het_laatste_idee(bestuursproces, regisseur, regisseur_api):
    services.herzie_idee(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Tweede")
    )

    idee = regisseur_api.get(proces_url(bestuursproces)).json()["huidigIdee"]

    assert (idee["versie"], idee["wat"]) == (2, "Tweede")


@pytest.mark.parametrize("methode", ["get", "patch"])
def test_detail_onbekend_uuid(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(proces_url(str(uuid.uuid4())), {}, format="json")

    assert_probleem(response, 404, "not_found")


def test_detail_geen_uuid_in_pad(bestuursproces, regisseur_api):
    assert_probleem(regisseur_api.get(f"{LIJST}/123"), 404, "not_found")


# --- wijzigen -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wijziging", "verwacht", "payload_wijzigingen"),
    [
        ({"titel": "Nieuwe titel"}, {"titel": "Nieuwe titel"}, {"titel": "Nieuwe titel"}),
        ({"omschrijving": "Meer"}, {"omschrijving": "Meer"}, {"omschrijving": "Meer"}),
        (
            {"rolGemeente": "faciliterend"},
            {"rolGemeente": "faciliterend"},
            {"rolGemeente": "faciliterend"},
        ),
        (
            {"procesrol": "procesbegeleider"},
            {"procesrol": "procesbegeleider"},
            {"procesrol": "procesbegeleider"},
        ),
        ({"aanpak": "lineair"}, {"aanpak": "lineair"}, {"aanpak": "lineair"}),
        (
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
        ),
    ],
)
def test_wijzigen(bestuursproces, regisseur_api, wijziging, verwacht, payload_wijzigingen):
    url = proces_url(bestuursproces)
    voor = regisseur_api.get(url).json()

    response = regisseur_api.patch(
        url, wijziging, format="json", headers={"X-Audit-Toelichting": "Na overleg"}
    )

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert_proces_body(body, str(bestuursproces.uuid), detail=True)
    assert body == {**voor, **verwacht}
    assert regisseur_api.get(url).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == GebeurtenisType.BESTUURSPROCES_GEWIJZIGD
    assert gebeurtenis.toelichting == "Na overleg"
    assert gebeurtenis.payload["wijzigingen"] == payload_wijzigingen
    assert set(gebeurtenis.payload["vorigeWaarden"]) == set(payload_wijzigingen)


def test_wijzigen_vervangt_de_hele_opdracht(bestuursproces, regisseur_api):
    opdracht = {
        "budget": "100",
        "besluitmomenten": [{"datum": "2026-12-01", "soort": "besluit", "gevraagd": "Akkoord"}],
    }

    response = regisseur_api.patch(
        proces_url(bestuursproces), {"opdracht": opdracht}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["opdracht"] == {
        "kaders": "",
        "budget": "100.00",
        "uren": None,
        "einddatum": None,
        "speelruimte": "",
        "besluitmomenten": [{"datum": "2026-12-01", "soort": "besluit", "gevraagd": "Akkoord"}],
    }
    payload = laatste_gebeurtenis(bestuursproces).payload
    assert payload["vorigeWaarden"]["opdracht"]["kaders"] == "Binnen de bestaande begroting"
    assert payload["wijzigingen"]["opdracht"]["budget"] == "100.00"


def test_wijzigen_zonder_wijziging_schrijft_geen_gebeurtenis(bestuursproces, regisseur_api):
    aantal = len(gebeurtenissen_van(bestuursproces))

    for payload in ({}, {"titel": bestuursproces.titel}):
        response = regisseur_api.patch(proces_url(bestuursproces), payload, format="json")
        assert response.status_code == 200

    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        ({"titel": ""}, {"titel": "blank"}),
        ({"rolGemeente": "dictatoriaal"}, {"rolGemeente": "invalid_choice"}),
        ({"status": "gesloten"}, {"status": "invalid_choice"}),
        ({"kleur": "rood"}, {"kleur": "unknown"}),
        ({"stadium": "houdbaar"}, {"stadium": "unknown"}),
        ({"geopendOp": "2020-01-01T00:00:00Z"}, {"geopendOp": "unknown"}),
        (
            {"opdracht": {"besluitmomenten": [{}]}},
            {
                "opdracht.besluitmomenten.0.datum": "required",
                "opdracht.besluitmomenten.0.soort": "required",
                "opdracht.besluitmomenten.0.gevraagd": "required",
            },
        ),
        (
            {"titel": "", "aanpak": "chaos", "kleur": "rood"},
            {
                "titel": "blank",
                "aanpak": "invalid_choice",
                "kleur": "unknown",
            },
        ),
    ],
)
def test_wijzigen_ongeldig_wijzigt_niets(bestuursproces, regisseur_api, wijziging, verwacht):
    url = proces_url(bestuursproces)
    voor = regisseur_api.get(url).json()
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.patch(url, wijziging, format="json")) == verwacht
    assert regisseur_api.get(url).json() == voor
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_wijzigen_stadium_verwijst_naar_stadiumovergangen(bestuursproces, regisseur_api):
    body = assert_probleem(
        regisseur_api.patch(proces_url(bestuursproces), {"stadium": "houdbaar"}, format="json"),
        400,
    )

    assert body["invalidParams"][0]["name"] == "stadium"
    assert "stadiumovergangen" in body["invalidParams"][0]["reason"]


# --- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["gepauzeerd", "actief"])
def test_status_pauzeren_en_hervatten(bestuursproces, regisseur_api, status):
    url = proces_url(bestuursproces)
    regisseur_api.patch(url, {"status": "gepauzeerd"}, format="json")

    response = regisseur_api.patch(url, {"status": status}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == status


def test_afronden_zonder_uitkomst(bestuursproces, regisseur_api):
    url = proces_url(bestuursproces)
    aantal = len(gebeurtenissen_van(bestuursproces))

    body = assert_probleem(regisseur_api.patch(url, {"status": "afgerond"}, format="json"), 400)

    assert body["invalidParams"] == [
        {
            "name": "uitkomst",
            "code": "required",
            "reason": "Vul de uitkomst in om het proces af te ronden.",
        }
    ]
    assert regisseur_api.get(url).json()["status"] == "actief"
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("uitkomst", ["", "   "])
def test_afronden_met_lege_uitkomst(bestuursproces, regisseur_api, uitkomst):
    response = regisseur_api.patch(
        proces_url(bestuursproces), {"status": "afgerond", "uitkomst": uitkomst}, format="json"
    )

    assert fouten(response) == {"uitkomst": "required"}


def test_afronden_met_uitkomst_en_titel(bestuursproces, regisseur_api):
    response = regisseur_api.patch(
        proces_url(bestuursproces),
        {"status": "afgerond", "uitkomst": "Raad stemde in", "titel": "Havenkwartier (klaar)"},
        format="json",
        headers={"X-Audit-Toelichting": "Besluit genomen"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["uitkomst"], body["titel"]) == (
        "afgerond",
        "Raad stemde in",
        "Havenkwartier (klaar)",
    )
    laatste = gebeurtenissen_van(bestuursproces)[-2:]
    assert [g.type for g in laatste] == [
        GebeurtenisType.BESTUURSPROCES_GEWIJZIGD,
        GebeurtenisType.STATUS_GEWIJZIGD,
    ]
    assert laatste[1].payload == {"van": "actief", "naar": "afgerond", "uitkomst": "Raad stemde in"}
    assert {g.toelichting for g in laatste} == {"Besluit genomen"}


@pytest.fixture
def afgerond(bestuursproces: Bestuursproces, regisseur: Any) -> Bestuursproces:
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )
    return bestuursproces


@pytest.mark.parametrize(
    ("methode", "suffix", "payload"),
    [
        ("patch", "", {"titel": "Nog even"}),
        ("patch", "", {"opdracht": {"kaders": "Nieuw"}}),
        ("patch", "", {"status": "afgerond", "uitkomst": "Andere uitkomst"}),
        ("put", "/idee", {"wat": "Nieuw idee"}),
        ("post", "/stadiumovergangen", {"naar": "houdbaar", "toelichting": "Toch door"}),
    ],
)
def test_schrijven_op_afgerond_proces_is_een_conflict(
    afgerond, regisseur_api, methode, suffix, payload
):
    aantal = len(gebeurtenissen_van(afgerond))

    response = getattr(regisseur_api, methode)(proces_url(afgerond, suffix), payload, format="json")

    body = assert_probleem(response, 409, "proces-afgerond")
    assert body["title"] == "Het bestuursproces is afgerond."
    assert len(gebeurtenissen_van(afgerond)) == aantal


def test_heropenen_maakt_schrijven_weer_mogelijk(afgerond, regisseur_api):
    url = proces_url(afgerond)

    heropend = regisseur_api.patch(url, {"status": "actief", "titel": "Doorstart"}, format="json")

    assert heropend.status_code == 200, heropend.content
    assert (heropend.json()["status"], heropend.json()["titel"]) == ("actief", "Doorstart")
    assert [g.type for g in gebeurtenissen_van(afgerond)[-2:]] == [
        GebeurtenisType.STATUS_GEWIJZIGD,
        GebeurtenisType.BESTUURSPROCES_GEWIJZIGD,
    ]


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
