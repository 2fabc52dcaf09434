"""GET/POST /bestuursprocessen/{uuid}/stadiumovergangen.

The wyber-stap gate is in force: forward moves here rest on a step consolidated through the
services (``consolideer_stap``); the gate itself is tested at the end of this file.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases import services
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    GebeurtenisType,
    Instemming,
    Stadium,
    Stadiumovergang,
)
from cases.services import stadium as stadium_service
from tests.factories import actor_voor, consolideer_stap

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)

OVERGANG_VELDEN = {
    "url",
    "uuid",
    "van",
    "naar",
    "richting",
    "toelichting",
    "geforceerd",
    "door",
    "tijdstip",
}
STADIA = [s.value for s in Stadium]


def ga_naar(bestuursproces: Bestuursproces, gebruiker: Any, *stadia: str) -> None:
    """Move through ``stadia``; each forward move rests on a step consolidated first."""
    for naar in stadia:
        bestuursproces.refresh_from_db()
        if STADIA.index(naar) > STADIA.index(bestuursproces.stadium):
            consolideer_stap(bestuursproces, gebruiker)
        services.wijzig_stadium(
            actor=actor_voor(gebruiker),
            bestuursproces=bestuursproces,
            naar=naar,
            toelichting=f"Naar {naar}",
        )


def post(client: Any, bestuursproces: Bestuursproces, payload: dict[str, Any]) -> Any:
    return client.post(proces_url(bestuursproces, "/stadiumovergangen"), payload, format="json")


def test_lege_lijst(bestuursproces, regisseur_api):
    url = proces_url(bestuursproces, "/stadiumovergangen")

    response = regisseur_api.get(url)

    assert response.status_code == 200
    assert_api_versie(response)
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert link_header(response) == {"first": absoluut(url), "last": absoluut(f"{url}?page=1")}


def test_vooruit(bestuursproces, regisseur, regisseur_api):
    consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Draagvlak"})

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == OVERGANG_VELDEN
    assert {
        k: body[k] for k in ("van", "naar", "richting", "toelichting", "geforceerd", "door")
    } == {
        "van": "voorstelbaar",
        "naar": "houdbaar",
        "richting": "vooruit",
        "toelichting": "Draagvlak",
        "geforceerd": False,
        "door": "regisseur",
    }
    assert body["uuid"] == str(Stadiumovergang.objects.get(bestuursproces=bestuursproces).uuid)
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"/stadiumovergangen/{body['uuid']}")
    assert regisseur_api.get(body["url"]).json() == body
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == "houdbaar"
    lijst = regisseur_api.get(proces_url(bestuursproces, "/stadiumovergangen")).json()
    assert lijst["results"] == [body]
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == GebeurtenisType.STADIUM_GEWIJZIGD
    assert gebeurtenis.toelichting == "Draagvlak"
    assert gebeurtenis.payload["overgang"]["uuid"] == body["uuid"]
    assert gebeurtenis.payload["bezwaren"] == []


@pytest.mark.parametrize(
    ("route", "naar", "richting"),
    [
        ([], "houdbaar", "vooruit"),
        (["houdbaar"], "maakbaar", "vooruit"),
        (["houdbaar", "maakbaar"], "uitvoerbaar", "vooruit"),
        (["houdbaar", "maakbaar", "uitvoerbaar"], "bruikbaar", "vooruit"),
        (["houdbaar"], "voorstelbaar", "terug"),
        (["houdbaar", "maakbaar", "uitvoerbaar", "bruikbaar"], "voorstelbaar", "terug"),
        (["houdbaar", "maakbaar", "uitvoerbaar"], "houdbaar", "terug"),
    ],
)
def test_toegestane_overgangen(bestuursproces, regisseur, regisseur_api, route, naar, richting):
    ga_naar(bestuursproces, regisseur, *route)
    van = route[-1] if route else "voorstelbaar"
    if richting == "vooruit":
        consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": naar, "toelichting": "Verder"})

    assert response.status_code == 201, response.content
    assert (response.json()["van"], response.json()["naar"], response.json()["richting"]) == (
        van,
        naar,
        richting,
    )
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == naar


@pytest.mark.parametrize(
    ("route", "naar"),
    [
        ([], "maakbaar"),
        ([], "uitvoerbaar"),
        ([], "bruikbaar"),
        (["houdbaar"], "uitvoerbaar"),
        (["houdbaar", "maakbaar"], "bruikbaar"),
    ],
)
def test_stadium_overslaan_mag_niet(bestuursproces, regisseur, regisseur_api, route, naar):
    ga_naar(bestuursproces, regisseur, *route)
    van = route[-1] if route else "voorstelbaar"
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": naar, "toelichting": "Snel door"})

    body = assert_probleem(response, 409, "stadium-overgeslagen")
    assert body["title"] == "Deze overgang is in de huidige toestand niet toegestaan."
    volgende = STADIA[STADIA.index(van) + 1]
    assert body["invalidParams"] == [
        {
            "name": "naar",
            "code": "stadium-overgeslagen",
            "reason": f"Vooruit gaat één stadium tegelijk: van {van} alleen naar {volgende}.",
        }
    ]
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == van
    assert Stadiumovergang.objects.filter(bestuursproces=bestuursproces).count() == len(route)
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("route", [[], ["houdbaar"], ["houdbaar", "maakbaar"]])
def test_zelfde_stadium_mag_niet(bestuursproces, regisseur, regisseur_api, route):
    ga_naar(bestuursproces, regisseur, *route)
    huidig = route[-1] if route else "voorstelbaar"

    response = post(regisseur_api, bestuursproces, {"naar": huidig, "toelichting": "Nog eens"})

    body = assert_probleem(response, 409, "zelfde-stadium")
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("naar", "zelfde-stadium")]
    assert Stadiumovergang.objects.filter(bestuursproces=bestuursproces).count() == len(route)


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"naar": "houdbaar"}, {"toelichting": "required"}),
        ({"naar": "houdbaar", "toelichting": ""}, {"toelichting": "blank"}),
        ({"naar": "houdbaar", "toelichting": "   "}, {"toelichting": "blank"}),
        ({"naar": "houdbaar", "toelichting": None}, {"toelichting": "null"}),
        ({"toelichting": "Waarom"}, {"naar": "required"}),
        ({}, {"naar": "required", "toelichting": "required"}),
        ({"naar": "hemel", "toelichting": "Waarom"}, {"naar": "invalid_choice"}),
        ({"naar": "Houdbaar", "toelichting": "Waarom"}, {"naar": "invalid_choice"}),
        (
            {"naar": "houdbaar", "toelichting": "W", "forceren": "misschien"},
            {"forceren": "invalid"},
        ),
        ({"naar": "houdbaar", "toelichting": "W", "van": "voorstelbaar"}, {"van": "unknown"}),
        ({"naar": "houdbaar", "toelichting": "W", "stadium": "houdbaar"}, {"stadium": "unknown"}),
        (
            {"naar": "hemel", "reden": "W"},
            {"naar": "invalid_choice", "toelichting": "required", "reden": "unknown"},
        ),
    ],
)
def test_ongeldige_invoer(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(post(regisseur_api, bestuursproces, payload)) == verwacht
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_lijst_oudste_eerst_heen_en_weer(bestuursproces, regisseur, leden, regisseur_api):
    ga_naar(bestuursproces, regisseur, "houdbaar", "maakbaar")
    ga_naar(bestuursproces, leden["kernteam"], "voorstelbaar", "houdbaar")

    body = regisseur_api.get(proces_url(bestuursproces, "/stadiumovergangen")).json()

    assert body["count"] == 4
    assert [(o["van"], o["naar"], o["richting"], o["door"]) for o in body["results"]] == [
        ("voorstelbaar", "houdbaar", "vooruit", "regisseur"),
        ("houdbaar", "maakbaar", "vooruit", "regisseur"),
        ("maakbaar", "voorstelbaar", "terug", leden["kernteam"].username),
        ("voorstelbaar", "houdbaar", "vooruit", leden["kernteam"].username),
    ]
    assert [o["toelichting"] for o in body["results"]] == [
        "Naar houdbaar",
        "Naar maakbaar",
        "Naar voorstelbaar",
        "Naar houdbaar",
    ]


def test_lijst_paginering(bestuursproces, regisseur, regisseur_api):
    ga_naar(bestuursproces, regisseur, *["houdbaar", "voorstelbaar"] * 3)
    url = proces_url(bestuursproces, "/stadiumovergangen")

    response = regisseur_api.get(url, {"pageSize": 4, "page": 2})

    body = response.json()
    assert body["count"] == 6
    assert [o["naar"] for o in body["results"]] == ["houdbaar", "voorstelbaar"]
    assert body["next"] is None
    assert set(link_header(response)) == {"first", "prev", "last"}
    assert link_header(response)["last"] == absoluut(f"{url}?page=2&pageSize=4")


@pytest.fixture
def poort(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A gate that objects to every forward move while its list of objections is not empty."""
    bezwaren = ["Er is geen geconsolideerde wyber-stap."]
    monkeypatch.setattr(stadium_service, "_POORTEN", [lambda proces, van, naar: list(bezwaren)])
    return bezwaren


def test_poort_gesloten_is_een_conflict(bestuursproces, regisseur_api, poort):
    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["invalidParams"][0]["name"] == "naar"
    assert "geconsolideerde wyber-stap" in body["detail"]
    assert "forceren" in body["detail"]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


def test_poort_forceren_legt_bezwaren_vast(bestuursproces, regisseur_api, poort):
    response = post(
        regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Toch", "forceren": True}
    )

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is True
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == poort


def test_poort_geldt_niet_voor_terug(bestuursproces, regisseur, regisseur_api, poort):
    services.wijzig_stadium(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Doorgezet",
        forceren=True,
    )

    response = post(regisseur_api, bestuursproces, {"naar": "voorstelbaar", "toelichting": "Terug"})

    assert response.status_code == 201, response.content
    assert (response.json()["richting"], response.json()["geforceerd"]) == ("terug", False)
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


def test_afgerond_proces_is_een_conflict(bestuursproces, regisseur, regisseur_api):
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    assert_probleem(response, 409, "proces-afgerond")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


@pytest.mark.parametrize("methode", ["get", "post"])
def test_onbekend_proces(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(str(uuid.uuid4()), "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
def test_methode_niet_toegestaan(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("methode", ["get", "post"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen/"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 404, "not_found")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


@pytest.mark.parametrize("methode", ["get", "post"])
def test_zonder_authenticatie_401(bestuursproces, api, methode):
    response = getattr(api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 401, "not_authenticated")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


# --- the wyber-stap gate (issue #4), as registered at start-up --------------------------------

GEEN_STAP = "Er is sinds het bereiken van stadium {} geen wyber-stap geconsolideerd."


def _niets_geschreven(bestuursproces: Bestuursproces, aantal: int, stadium: str) -> None:
    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == stadium
    assert Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count() == aantal


def test_echte_poort_zonder_stap_is_een_conflict_dat_zegt_wat_ontbreekt(
    bestuursproces, regisseur_api
):
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["title"] == "De overgang voldoet niet aan de voorwaarden van de poort."
    assert body["detail"] == (
        GEEN_STAP.format("voorstelbaar") + " Gebruik 'forceren' om toch door te gaan."
    )
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("naar", "poort-gesloten")]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")


def _stap_in_consolideren(bestuursproces: Bestuursproces, regisseur: Any) -> Any:
    """A step in consolideren that waits on two parties: one consented without a formal
    decision, one that has not reacted."""
    actor = actor_voor(regisseur)
    anouk = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )
    bakker = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
    )
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel="Welke functies krijgt de haven"
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen en werken")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="Wonen en werken",
        instemmers=[anouk, bakker],
    )
    services.leg_instemming_vast(
        actor=actor,
        instemming=Instemming.objects.get(stap=stap, speler=anouk),
        status="ingestemd",
    )
    return stap


def test_echte_poort_noemt_wie_nog_moet_instemmen_of_besluiten(
    bestuursproces, regisseur, regisseur_api
):
    stap = _stap_in_consolideren(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["detail"] == (
        f"Stap {stap.volgnummer} (Welke functies krijgt de haven) is nog niet geconsolideerd; "
        "wacht op: Anouk de Wit (nog niet formeel besloten), "
        "Wethouder Bakker (Bestuurlijk opdrachtgever) (nog geen reactie). "
        "Gebruik 'forceren' om toch door te gaan."
    )
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")


def test_echte_poort_laat_door_na_consolidatie(bestuursproces, regisseur, regisseur_api):
    consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is False
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


def test_echte_poort_kernteam_mag_door_een_open_poort(bestuursproces, regisseur, leden, als):
    consolideer_stap(bestuursproces, regisseur)

    response = post(
        als(leden["kernteam"]), bestuursproces, {"naar": "houdbaar", "toelichting": "Door"}
    )

    assert response.status_code == 201, response.content
    assert response.json()["door"] == leden["kernteam"].username


def test_echte_poort_stap_van_voor_het_opnieuw_bereiken_telt_niet(
    bestuursproces, regisseur, regisseur_api
):
    ga_naar(bestuursproces, regisseur, "houdbaar")
    consolideer_stap(bestuursproces, regisseur)  # in houdbaar
    ga_naar(bestuursproces, regisseur, "maakbaar", "houdbaar")  # forward on it, then back
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "maakbaar", "toelichting": "Weer door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["detail"].startswith(GEEN_STAP.format("houdbaar"))
    _niets_geschreven(bestuursproces, aantal, "houdbaar")
    # A step consolidated after coming back does count.
    consolideer_stap(bestuursproces, regisseur)
    response = post(regisseur_api, bestuursproces, {"naar": "maakbaar", "toelichting": "Weer door"})
    assert response.status_code == 201, response.content


def test_echte_poort_geldt_niet_voor_terug(bestuursproces, regisseur, regisseur_api):
    ga_naar(bestuursproces, regisseur, "houdbaar", "maakbaar")  # no step in maakbaar

    response = post(regisseur_api, bestuursproces, {"naar": "voorstelbaar", "toelichting": "Terug"})

    assert response.status_code == 201, response.content
    assert (response.json()["richting"], response.json()["geforceerd"]) == ("terug", False)
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


def test_echte_poort_forceren_door_regisseur_legt_de_bezwaren_vast(
    bestuursproces, regisseur, regisseur_api
):
    stap = _stap_in_consolideren(bestuursproces, regisseur)

    response = post(
        regisseur_api,
        bestuursproces,
        {"naar": "houdbaar", "toelichting": "Bestuurlijk afgesproken", "forceren": True},
    )

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is True
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == GebeurtenisType.STADIUM_GEWIJZIGD
    assert gebeurtenis.payload["overgang"]["geforceerd"] is True
    assert gebeurtenis.payload["bezwaren"] == [
        f"Stap {stap.volgnummer} (Welke functies krijgt de haven) is nog niet geconsolideerd; "
        "wacht op: Anouk de Wit (nog niet formeel besloten), "
        "Wethouder Bakker (Bestuurlijk opdrachtgever) (nog geen reactie)."
    ]
    assert Stadiumovergang.objects.get(bestuursproces=bestuursproces).geforceerd is True


@pytest.mark.parametrize("geconsolideerd", [False, True])
def test_echte_poort_forceren_door_kernteam_is_verboden(
    bestuursproces, regisseur, leden, als, geconsolideerd
):
    if geconsolideerd:
        consolideer_stap(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(
        als(leden["kernteam"]),
        bestuursproces,
        {"naar": "houdbaar", "toelichting": "Toch", "forceren": True},
    )

    body = assert_probleem(response, 403, "forceren-niet-toegestaan")
    assert "Alleen de procesregisseur" in body["detail"]
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [
        ("forceren", "forceren-niet-toegestaan")
    ]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")
