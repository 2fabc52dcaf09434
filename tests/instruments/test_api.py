"""The read-only catalogue API: shapes, links, 401, 404 and 405 as problem+json."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from instruments.models import Instrument, VeldCode
from tests.cases.api.helpers import API, absoluut, assert_api_versie, assert_probleem

VELD_VELDEN = {
    "url",
    "code",
    "naam",
    "kernvraag",
    "uitleg",
    "lemniscaatkant",
    "subvragen",
    "themas",
    "competenties",
    "links",
}
INSTRUMENT_VELDEN = {
    "url",
    "uuid",
    "naam",
    "veld",
    "veldNaam",
    "subvraag",
    "thema",
    "verdiepingsvraag",
    "doel",
    "voorkeursinstrument",
    "bron",
    "omschrijving",
}
LIJSTEN = ["/velden", "/instrumenten", "/strategieen", "/krachten"]


def test_velden_in_volgorde_met_vragen_themas_en_competenties(catalogus, lezer_api):
    response = lezer_api.get(f"{API}/velden")
    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert body["count"] == 9
    assert [v["code"] for v in body["results"]] == VeldCode.values
    interventie = body["results"][3]
    assert set(interventie) == VELD_VELDEN
    assert interventie["url"] == absoluut(f"{API}/velden/interventie")
    assert interventie["naam"] == "Interventieveld"
    assert interventie["lemniscaatkant"] == "ik"
    assert interventie["subvragen"][1] == {
        "nummer": 2,
        "tekst": "Wat heeft het veld van mij nodig (strategisch, tactisch en operationeel)?",
    }
    assert interventie["themas"][:2] == [
        {"naam": "Competenties en vaardigheden", "subvraag": 1},
        {"naam": "Analyse", "subvraag": 2},
    ]
    assert interventie["competenties"] == [
        {
            "naam": "Durf",
            "omschrijving": "De mate waarin de persoon risico's onderkent en aangaat met als doel "
            "om een vooraf bepaald voordeel te behalen.",
            "gedragEnHouding": "",
        }
    ]
    assert interventie["links"] == {
        "instrumenten": absoluut(f"{API}/instrumenten?veld=interventie")
    }
    assert body["results"][0]["lemniscaatkant"] is None


def test_link_naar_instrumenten_van_het_veld_werkt(catalogus, lezer_api):
    veld = lezer_api.get(f"{API}/velden/verbindende").json()
    instrumenten = lezer_api.get(veld["links"]["instrumenten"]).json()
    assert instrumenten["count"] == 7
    assert {i["veld"] for i in instrumenten["results"]} == {"verbindende"}


def test_veld_detail(catalogus, lezer_api):
    response = lezer_api.get(f"{API}/velden/positionerende")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == VELD_VELDEN
    assert body["kernvraag"] == "Hoe positioneer ik mij?"
    assert len(body["subvragen"]) == 4
    assert body["themas"] == [{"naam": "Leiderschap", "subvraag": None}]
    assert body["uitleg"].startswith("In het positionerende veld gaat het om")


@pytest.mark.parametrize("code", ["onbekend", "Verbindende", "7"])
def test_onbekend_veld_is_404(catalogus, lezer_api, code):
    body = assert_probleem(lezer_api.get(f"{API}/velden/{code}"), 404, "not_found")
    assert body["detail"] == "Dit veld bestaat niet."


def test_instrument_detail(catalogus, lezer_api):
    instrument = Instrument.objects.get(naam="Dienend leiderschap")
    response = lezer_api.get(f"{API}/instrumenten/{instrument.uuid}")
    assert response.status_code == 200
    assert response.json() == {
        "url": absoluut(f"{API}/instrumenten/{instrument.uuid}"),
        "uuid": str(instrument.uuid),
        "naam": "Dienend leiderschap",
        "veld": "positionerende",
        "veldNaam": "Positionerende veld",
        "subvraag": None,
        "thema": "Leiderschap",
        "verdiepingsvraag": "Hoe en waarom doe ik aan dienend leiderschap?",
        "doel": None,
        "voorkeursinstrument": None,
        "bron": "Procesregie als vak, bijlage 1",
        "omschrijving": "",
    }


def test_instrument_met_subvraag_doel_en_voorkeur(catalogus, lezer_api):
    instrument = Instrument.objects.get(naam="Aansturen-sturen-faciliteren-observeren")
    Instrument.objects.filter(pk=instrument.pk).update(doel="toepassen", voorkeursinstrument=True)
    body = lezer_api.get(f"{API}/instrumenten/{instrument.uuid}").json()
    assert set(body) == INSTRUMENT_VELDEN
    assert body["subvraag"] == "Welke rollen zijn van mij nodig?"
    assert body["thema"] == "Leiderschap"
    assert (body["doel"], body["voorkeursinstrument"]) == ("toepassen", True)


def test_onbekend_instrument_is_404(catalogus, lezer_api):
    pad = f"{API}/instrumenten/00000000-0000-0000-0000-000000000000"
    body = assert_probleem(lezer_api.get(pad), 404, "not_found")
    assert body["detail"] == "Dit instrument bestaat niet."
    assert_probleem(lezer_api.get(f"{API}/instrumenten/geen-uuid"), 404)


def test_instrumenten_in_catalogusvolgorde(catalogus, lezer_api):
    body = lezer_api.get(f"{API}/instrumenten", {"pageSize": 100}).json()
    assert body["count"] == 56
    assert [i["naam"] for i in body["results"][:2]] == ["Netwerkregie", "Opgave gestuurd werken"]
    assert body["results"][-1]["naam"] == "Bereiken, betrekken, binden, boeien en bezielen"
    assert set(body["results"][0]) == INSTRUMENT_VELDEN


def test_instrumenten_gepagineerd(catalogus, lezer_api):
    response = lezer_api.get(f"{API}/instrumenten", {"page": 3})
    body = response.json()
    assert (body["count"], len(body["results"])) == (56, 16)
    assert 'rel="prev"' in response["Link"]
    assert_probleem(lezer_api.get(f"{API}/instrumenten", {"page": 4}), 404)


def test_strategieen_en_krachten(catalogus, lezer_api):
    strategieen = lezer_api.get(f"{API}/strategieen").json()
    assert strategieen["results"][0] == {
        "code": "motiveren",
        "naam": "Motiveren",
        "omschrijving": "",
    }
    assert [s["code"] for s in strategieen["results"]][-2:] == ["divergeren", "convergeren"]
    krachten = lezer_api.get(f"{API}/krachten").json()
    assert krachten["count"] == 5
    assert krachten["results"][2]["naam"] == "Denkkracht"
    assert set(krachten["results"][2]) == {"naam", "omschrijving"}


@pytest.mark.parametrize("pad", [*LIJSTEN, "/velden/idee", "/instrumenten/{uuid}"])
def test_anoniem_is_401(catalogus, pad):
    pad = pad.format(uuid=Instrument.objects.get(naam="RSPW").uuid)
    response = APIClient().get(f"{API}{pad}")
    assert_probleem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("pad", [*LIJSTEN, "/velden/idee", "/instrumenten/{uuid}"])
@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete", "options"])
def test_schrijven_kan_niet(catalogus, lezer_api, pad, methode):
    pad = pad.format(uuid=Instrument.objects.get(naam="RSPW").uuid)
    response = getattr(lezer_api, methode)(f"{API}{pad}", {"naam": "Nieuw"}, format="json")
    assert_probleem(response, 405, "method_not_allowed")
    assert Instrument.objects.count() == 56


@pytest.mark.parametrize("pad", ["/velden/", "/instrumenten/", "/velden/idee/"])
def test_geen_schuine_streep_aan_het_eind(catalogus, lezer_api, pad):
    assert_probleem(lezer_api.get(f"{API}{pad}"), 404)
