"""GET /bestuursprocessen: the list, its filters and its pagination."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.urls import include, path

from cases import services
from cases.models import Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import GebruikerFactory, actor_voor, open_proces

from .helpers import (
    LIJST,
    absoluut,
    assert_api_versie,
    assert_probleem,
    assert_proces_body,
    fouten,
    link_header,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

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
    # The same instant, whatever the zone it is written in (Dutch time in the API).
    assert dt.datetime.fromisoformat(item["geopendOp"]) == proces.geopend_op
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
    services.wijzig_stadium(
        actor=actor, bestuursproces=b, naar="houdbaar", toelichting="Rijp", forceren=True
    )
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


def test_paginering_voorbij_het_einde_is_404(vijf_processen, regisseur_api):
    assert_probleem(regisseur_api.get(LIJST, {"page": "99"}), 404, "not_found")


@pytest.mark.parametrize("parameter", ["page", "pageSize"])
@pytest.mark.parametrize("waarde", ["nul", "0", "-3", "1.5", "", "null"])
def test_paginering_ongeldige_parameters_zijn_400(vijf_processen, regisseur_api, parameter, waarde):
    body = assert_probleem(regisseur_api.get(LIJST, {parameter: waarde}), 400, "invalid")
    assert [p["name"] for p in body["invalidParams"]] == [parameter]


def test_paginering_pagesize_heeft_een_maximum(regisseur, regisseur_api, monkeypatch):
    from procesregie.api.pagination import Paginering

    monkeypatch.setattr(Paginering, "max_page_size", 3)
    for n in range(4):
        open_proces(regisseur, titel=f"Proces {n}", met_idee=False)

    body = regisseur_api.get(LIJST, {"pageSize": 3}).json()
    assert body["count"] == 4
    assert len(body["results"]) == 3
    # Above the maximum is refused, as the OpenAPI document says, rather than quietly cut.
    te_veel = assert_probleem(regisseur_api.get(LIJST, {"pageSize": 4}), 400, "invalid")
    assert te_veel["invalidParams"] == [
        {"name": "pageSize", "code": "max_value", "reason": "Hoogstens 3 per pagina."}
    ]


def test_lijst_lost_elke_route_een_keer_per_proces_op(regisseur, regisseur_api, monkeypatch):
    # The links are formatted from one reversed path per route, not resolved per case or per
    # request: the number of reverse() calls does not grow with the page or the requests.
    from cases.api.serializers import basis

    aanroepen: list[str] = []
    echte_reverse = basis.django_reverse

    def tellende_reverse(naam: str, *args: Any, **kwargs: Any) -> str:
        aanroepen.append(naam)
        return echte_reverse(naam, *args, **kwargs)

    monkeypatch.setattr(basis, "django_reverse", tellende_reverse)
    monkeypatch.setattr(basis, "_PADSJABLONEN", {})
    open_proces(regisseur, titel="Een")
    regisseur_api.get(LIJST)
    assert aanroepen, "de eerste vraag lost elke route op"
    assert len(set(aanroepen)) == len(aanroepen)
    for titel in ("Twee", "Drie", "Vier"):
        open_proces(regisseur, titel=titel)
    aanroepen.clear()

    response = regisseur_api.get(LIJST)

    assert response.status_code == 200
    assert len(response.json()["results"]) == 4
    assert aanroepen == []
    for item in response.json()["results"]:
        assert_proces_body(item, item["uuid"], detail=False)


def test_links_volgen_het_adres_van_het_verzoek(regisseur, regisseur_api):
    # The templates keep paths; each request puts its own scheme and host in front, as
    # DRF's reverse() with the request does.
    from rest_framework.reverse import reverse

    proces = open_proces(regisseur, titel="Een")
    for begin, extra in (
        ("http://testserver/", {}),
        ("https://localhost:8443/", {"HTTP_HOST": "localhost:8443", "secure": True}),
    ):
        response = regisseur_api.get(LIJST, **extra)
        item = response.json()["results"][0]
        verwacht = reverse(
            "api:bestuursproces-detail", kwargs={"uuid": proces.uuid}, request=response.wsgi_request
        )
        assert item["url"] == verwacht
        assert verwacht.startswith(begin)
        assert item["links"]["tijdlijn"] == reverse(
            "api:tijdlijn", kwargs={"uuid": proces.uuid}, request=response.wsgi_request
        )


def test_een_item_is_wat_drf_veld_voor_veld_ervan_maakt(regisseur, regisseur_api):
    # The serializer writes each case out by hand for speed; DRF's field-by-field path of the
    # same serializer is the reference, for plain, dated, and closed cases.
    from rest_framework import serializers as drf

    from cases.api.serializers import BestuursprocesDetailSerializer, BestuursprocesSerializer
    from cases.selectors import bestuursprocessen_voor

    actor = actor_voor(regisseur)
    open_proces(regisseur, titel="Kaal", opdracht=Opdracht())
    rijk = open_proces(
        regisseur,
        titel="Rijk",
        omschrijving='Met "aanhalingstekens" en ë',
        archiefnominatie="vernietigen",
        archiefactiedatum=dt.date(2040, 1, 1),
        opdracht=Opdracht(
            kaders="Kaders",
            budget=Decimal("1234.5"),
            uren=12,
            einddatum=dt.date(2099, 6, 30),
            speelruimte="Ruim",
            besluitmomenten=(
                BesluitmomentInvoer(datum=dt.date(2030, 1, 2), soort="mandaat", gevraagd="Ja"),
                BesluitmomentInvoer(datum=dt.date(2030, 3, 4), soort="besluit", gevraagd="Nee"),
            ),
        ),
    )
    services.wijzig_status(
        actor=actor,
        bestuursproces=rijk,
        status="afgerond",
        uitkomst="Klaar",
        uitkomst_soort="project",
        vervolg_url="https://zaken.example.nl/1",
        bevestigd=True,
    )
    context = {"request": regisseur_api.get(LIJST).wsgi_request}
    processen = list(bestuursprocessen_voor(regisseur).prefetch_related("besluitmomenten"))
    for klasse in (BestuursprocesSerializer, BestuursprocesDetailSerializer):
        for proces in processen:
            snel = klasse(proces, context=context).data
            referentie = drf.ModelSerializer.to_representation(klasse(context=context), proces)
            assert dict(snel) == dict(referentie), proces.titel


# The product's URLs under a prefix, for the test below (this module as a URLconf).
urlpatterns = [path("anders/", include("procesregie.urls"))]


def test_links_volgen_de_urlconf(regisseur, regisseur_api):
    # The templates are kept per URLconf: a request under another one gets its own links.
    open_proces(regisseur, titel="Een")
    eerst = regisseur_api.get(LIJST).json()["results"][0]["links"]
    with override_settings(ROOT_URLCONF=__name__):
        anders = regisseur_api.get(f"/anders{LIJST}").json()["results"][0]["links"]
    assert anders == {
        naam: url.replace("testserver/", "testserver/anders/", 1) for naam, url in eerst.items()
    }
    assert regisseur_api.get(LIJST).json()["results"][0]["links"] == eerst
