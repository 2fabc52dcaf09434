"""The interventies endpoints: log, read, change, carry out and evaluate, through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Bestuursproces, Interventie
from tests.cases._interventies import instrument, log, open_een_maand_geleden, strategie
from tests.cases.services._hulp import maak_opdrachtgever, maak_speler, start_stap
from tests.factories import actor_voor, open_proces

from .helpers import (
    absoluut,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

VELDEN = {
    "url",
    "uuid",
    "titel",
    "datum",
    "status",
    "statusNaam",
    "velden",
    "niveau",
    "aangrijpingspunt",
    "zwaarte",
    "strategie",
    "instrument",
    "instrumentNaam",
    "spelers",
    "opdrachtgevers",
    "wyberstap",
    "beoogdEffect",
    "waarom",
    "watGedaan",
    "uitgevoerdOp",
    "waargenomenEffect",
    "uitgepakt",
    "vervolg",
    "geevalueerdOp",
    "zichtbaarheid",
    "auteur",
    "vastgelegdOp",
    "links",
}


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


def dag(terug: int = 0) -> str:
    return (timezone.localdate() - dt.timedelta(days=terug)).isoformat()


def nieuw(**anders: Any) -> dict[str, Any]:
    return {
        "titel": "Keukentafelgesprek",
        "datum": dag(7),
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogdEffect": "Hij doet mee",
        **anders,
    }


def url(bestuursproces: Bestuursproces, interventie: Any = None, suffix: str = "") -> str:
    if interventie is None:
        return proces_url(bestuursproces, "/interventies")
    uuid = interventie if isinstance(interventie, str) else interventie.uuid
    return proces_url(bestuursproces, f"/interventies/{uuid}{suffix}")


def test_loggen_en_de_hele_cyclus(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> None:
    client = client_voor(leden["procesregisseur"])
    speler = maak_speler(actor_voor(leden["procesregisseur"]), bestuursproces)
    speler_url = absoluut(proces_url(bestuursproces, f"/spelers/{speler.uuid}"))
    strategie("verbinden")

    # kiezen: planned for a week ago
    response = client.post(
        url(bestuursproces),
        nieuw(spelers=[speler_url], strategie="verbinden", velden=["verbindende", "idee"]),
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Na de stuurgroep",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    interventie = Interventie.objects.get(uuid=body["uuid"])
    assert response["Location"] == body["url"] == absoluut(url(bestuursproces, interventie))
    assert set(body) == VELDEN
    assert body | {"vastgelegdOp": None} == {
        "url": body["url"],
        "uuid": str(interventie.uuid),
        "titel": "Keukentafelgesprek",
        "datum": dag(7),
        "status": "gepland",
        "statusNaam": "Gepland",
        "velden": ["idee", "verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "strategie": "verbinden",
        "instrument": None,
        "instrumentNaam": None,
        "spelers": [speler_url],
        "opdrachtgevers": [],
        "wyberstap": None,
        "beoogdEffect": "Hij doet mee",
        "waarom": "",
        "watGedaan": "",
        "uitgevoerdOp": None,
        "waargenomenEffect": "",
        "uitgepakt": "",
        "vervolg": "",
        "geevalueerdOp": None,
        "zichtbaarheid": "kernteam",
        "auteur": "regisseur",
        "vastgelegdOp": None,
        "links": {"reflecties": absoluut(url(bestuursproces, interventie, "/reflecties"))},
    }
    assert laatste_gebeurtenis(bestuursproces).toelichting == "Na de stuurgroep"

    # doen: carried out a week after its date
    response = client.patch(
        url(bestuursproces, interventie),
        {"status": "uitgevoerd", "watGedaan": "Koffie bij hem thuis"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["uitgevoerdOp"]) == ("uitgevoerd", dag())

    # leren en beter
    response = client.patch(
        url(bestuursproces, interventie),
        {
            "status": "geevalueerd",
            "waargenomenEffect": "Hij twijfelt nog",
            "uitgepakt": "deels",
            "vervolg": "Samen op werkbezoek",
            "toelichting": "Terugblik",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["statusNaam"], body["uitgepakt"], body["geevalueerdOp"]) == (
        "geevalueerd",
        "Geëvalueerd",
        "deels",
        dag(),
    )
    assert [g.type for g in gebeurtenissen_van(bestuursproces)][-3:] == [
        "interventie.gelogd",
        "interventie.uitgevoerd",
        "interventie.geevalueerd",
    ]
    assert laatste_gebeurtenis(bestuursproces).toelichting == "Terugblik"
    assert client.get(url(bestuursproces, interventie)).json() == body


def test_loggen_met_stap_opdrachtgever_en_instrument(
    bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    actor = actor_voor(leden["procesregisseur"])
    stap = start_stap(actor, bestuursproces)
    haven = maak_opdrachtgever(actor, bestuursproces)
    gereedschap = instrument()
    stap_url = absoluut(proces_url(bestuursproces, f"/wyberstappen/{stap.uuid}"))
    haven_url = absoluut(proces_url(bestuursproces, f"/opdrachtgevers/{haven.uuid}"))
    response = client_voor(leden["kernteam"]).post(
        url(bestuursproces),
        nieuw(wyberstap=stap_url, opdrachtgevers=[haven_url], instrument=str(gereedschap.uuid)),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["wyberstap"], body["opdrachtgevers"], body["auteur"]) == (
        stap_url,
        [haven_url],
        leden["kernteam"].username,
    )
    assert body["instrument"] == absoluut(f"/api/v1/instrumenten/{gereedschap.uuid}")
    assert body["instrumentNaam"] == "Stakeholdersanalyse"
    # The URL the API gave out is taken as input too.
    response = client_voor(leden["kernteam"]).post(
        url(bestuursproces), nieuw(instrument=body["instrument"]), format="json"
    )
    assert response.status_code == 201, response.content


def test_al_uitgevoerd_loggen(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> None:
    response = client_voor(leden["procesregisseur"]).post(
        url(bestuursproces),
        nieuw(status="uitgevoerd", watGedaan="Gebeld", zichtbaarheid="proces"),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["status"], response.json()["uitgevoerdOp"]) == ("uitgevoerd", dag(7))


@pytest.mark.parametrize(
    ("anders", "verwacht"),
    [
        ({"kleur": "rood"}, {"kleur": "unknown"}),
        ({"uitgepakt": "ja"}, {"uitgepakt": "unknown"}),
        ({"velden": []}, {"velden": "required"}),
        ({"velden": ["algemeen"]}, {"velden.0": "invalid_choice"}),
        ({"strategie": "toveren"}, {"strategie": "does_not_exist"}),
        ({"instrument": "gereedschap"}, {"instrument": "invalid"}),
        ({"instrument": "00000000-0000-0000-0000-000000000000"}, {"instrument": "does_not_exist"}),
        ({"spelers": ["http://testserver/elders"]}, {"spelers.0": "invalid"}),
        ({"status": "geevalueerd"}, {"status": "invalid_choice"}),
        ({"status": "uitgevoerd"}, {"watGedaan": "required"}),
        ({"datum": "2000-01-01"}, {"datum": "invalid"}),
        ({"watGedaan": "Al gedaan"}, {"watGedaan": "invalid"}),
        ({"titel": 7, "zichtbaarheid": "regisseur"}, {"titel": "invalid"}),
    ],
)
def test_ongeldige_invoer_schrijft_niets(
    bestuursproces: Bestuursproces, leden: dict[str, Any], anders: dict[str, Any], verwacht: Any
) -> None:
    voor = len(gebeurtenissen_van(bestuursproces))
    response = client_voor(leden["kernteam"]).post(
        url(bestuursproces), nieuw(**anders), format="json"
    )
    assert fouten(response) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == voor


def test_speler_van_een_ander_proces(
    bestuursproces: Bestuursproces, regisseur: Any, leden: dict[str, Any]
) -> None:
    elders = open_proces(regisseur, titel="Elders")
    vreemde = maak_speler(actor_voor(regisseur), elders)
    response = client_voor(regisseur).post(
        url(bestuursproces),
        nieuw(spelers=[absoluut(proces_url(elders, f"/spelers/{vreemde.uuid}"))]),
        format="json",
    )
    assert fouten(response) == {"spelers.0": "does_not_exist"}


def test_kernteam_kan_niet_op_regisseursniveau_loggen(
    bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    response = client_voor(leden["kernteam"]).post(
        url(bestuursproces), nieuw(zichtbaarheid="regisseur"), format="json"
    )
    assert fouten(response) == {"zichtbaarheid": "niet_toegestaan"}


# --- PATCH ----------------------------------------------------------------------------------


@pytest.fixture
def interventie(bestuursproces: Bestuursproces, regisseur: Any) -> Interventie:
    return log(actor_voor(regisseur), bestuursproces, datum=timezone.localdate() - dt.timedelta(7))


def test_wijzigen_zonder_status(
    bestuursproces: Bestuursproces, regisseur: Any, interventie: Interventie
) -> None:
    response = client_voor(regisseur).patch(
        url(bestuursproces, interventie),
        {"titel": "Wandeling", "velden": ["interne"], "zwaarte": "middel"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["titel"], response.json()["velden"]) == ("Wandeling", ["interne"])
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "interventie.gewijzigd"
    assert set(gebeurtenis.payload["wijzigingen"]) == {"titel", "velden", "zwaarte"}


def test_lege_patch_schrijft_niets(
    bestuursproces: Bestuursproces, regisseur: Any, interventie: Interventie
) -> None:
    voor = len(gebeurtenissen_van(bestuursproces))
    response = client_voor(regisseur).patch(url(bestuursproces, interventie), {}, format="json")
    assert response.status_code == 200
    assert len(gebeurtenissen_van(bestuursproces)) == voor


@pytest.mark.parametrize(
    ("body", "verwacht"),
    [
        ({"status": "uitgevoerd", "watGedaan": "X", "titel": "Y"}, {"titel": "niet_samen"}),
        (
            {"status": "geevalueerd", "watGedaan": "X", "uitgepakt": "ja"},
            {"watGedaan": "niet_samen"},
        ),
        ({"zichtbaarheid": "proces"}, {"zichtbaarheid": "read_only"}),
        ({"uitgepakt": "ja"}, {"uitgepakt": "invalid"}),
        ({"status": "uitgevoerd"}, {"watGedaan": "required"}),
        ({"velden": [], "kleur": "rood"}, {"kleur": "unknown"}),
        ({"velden": []}, {"velden": "required"}),
    ],
)
def test_ongeldige_patch_schrijft_niets(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    interventie: Interventie,
    body: dict[str, Any],
    verwacht: dict[str, str],
) -> None:
    voor = len(gebeurtenissen_van(bestuursproces))
    response = client_voor(regisseur).patch(url(bestuursproces, interventie), body, format="json")
    assert fouten(response) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == voor


@pytest.mark.parametrize(
    ("stappen", "body"),
    [
        (["uitgevoerd"], {"status": "gepland"}),
        (["uitgevoerd"], {"status": "uitgevoerd", "watGedaan": "Nog eens"}),
        ([], {"status": "geevalueerd", "waargenomenEffect": "Goed", "uitgepakt": "ja"}),
        (["uitgevoerd", "geevalueerd"], {"status": "uitgevoerd", "watGedaan": "Terug"}),
        (
            ["uitgevoerd", "geevalueerd"],
            {"status": "geevalueerd", "waargenomenEffect": "Anders", "uitgepakt": "nee"},
        ),
    ],
)
def test_terug_of_nog_eens_is_409(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    interventie: Interventie,
    stappen: list[str],
    body: dict[str, Any],
) -> None:
    client = client_voor(regisseur)
    for status in stappen:
        velden = (
            {"watGedaan": "Gedaan"}
            if status == "uitgevoerd"
            else {"waargenomenEffect": "Goed", "uitgepakt": "ja"}
        )
        antwoord = client.patch(
            url(bestuursproces, interventie), {"status": status, **velden}, format="json"
        )
        assert antwoord.status_code == 200, antwoord.content
    voor = len(gebeurtenissen_van(bestuursproces))
    response = client.patch(url(bestuursproces, interventie), body, format="json")
    assert_probleem(response, 409, "ongeldige-statusovergang")
    assert len(gebeurtenissen_van(bestuursproces)) == voor


def test_gepland_blijft_gepland_bij_een_wijziging(
    bestuursproces: Bestuursproces, regisseur: Any, interventie: Interventie
) -> None:
    response = client_voor(regisseur).patch(
        url(bestuursproces, interventie), {"status": "gepland", "titel": "Later"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["titel"] == "Later"


def test_een_interventie_is_wat_drf_veld_voor_veld_ervan_maakt(
    bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    # The serializer writes each interventie out by hand for speed; DRF's field-by-field path
    # of the same serializer is the reference: bare, with every relation, and evaluated.
    from rest_framework import serializers as drf

    from cases.api.serializers import InterventieSerializer
    from cases.selectors.interventies import interventies

    regisseur = leden["procesregisseur"]
    client = client_voor(regisseur)
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, bestuursproces)
    haven = maak_opdrachtgever(actor, bestuursproces)
    stap = start_stap(actor, bestuursproces)
    strategie("verbinden")
    client.post(url(bestuursproces), nieuw(titel='Kaal "met" ë'), format="json")
    rijk = client.post(
        url(bestuursproces),
        nieuw(
            titel="Rijk",
            velden=["verbindende", "idee"],
            spelers=[absoluut(proces_url(bestuursproces, f"/spelers/{speler.uuid}"))],
            opdrachtgevers=[absoluut(proces_url(bestuursproces, f"/opdrachtgevers/{haven.uuid}"))],
            wyberstap=absoluut(proces_url(bestuursproces, f"/wyberstappen/{stap.uuid}")),
            strategie="verbinden",
            instrument=str(instrument().uuid),
            status="uitgevoerd",
            watGedaan="Gebeld",
            zichtbaarheid="proces",
        ),
        format="json",
    ).json()
    assert all(rijk[veld] for veld in ("spelers", "opdrachtgevers", "wyberstap", "instrument"))
    response = client.patch(
        rijk["url"],
        {"status": "geevalueerd", "waargenomenEffect": "Hij deed mee", "uitgepakt": "ja"},
        format="json",
    )
    assert response.status_code == 200, response.content

    context: dict[str, Any] = {
        "request": client.get(url(bestuursproces)).wsgi_request,
        "bestuursproces": bestuursproces,
    }
    gevonden = list(interventies(bestuursproces, frozenset({"proces", "kernteam", "regisseur"})))
    assert len(gevonden) == 2
    for interventie in gevonden:
        snel = InterventieSerializer(interventie, context=context).data
        referentie = drf.ModelSerializer.to_representation(
            InterventieSerializer(context=context), interventie
        )
        assert dict(snel) == dict(referentie), interventie.titel
