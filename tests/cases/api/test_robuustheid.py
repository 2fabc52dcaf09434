"""What a generic API client (or a fuzzer working from the OpenAPI document) runs into.

Each case here was found by running schemathesis against the served OpenAPI document: no
request may yield a 500, and what the document promises must hold.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from django.conf import settings

from .helpers import LIJST, PROCES_SUFFIXEN, assert_probleem, fouten, proces_url

GECOMMIT = settings.BASE_DIR / "openapi.yaml"


@pytest.mark.parametrize("suffix", PROCES_SUFFIXEN)
def test_options_is_405_en_nooit_een_serverfout(bestuursproces, regisseur_api, suffix):
    assert_probleem(regisseur_api.options(proces_url(bestuursproces, suffix)), 405)


@pytest.mark.parametrize("pad", ["/momentopname", "/krachtenveld"])
def test_leeg_tijdstip_is_ongeldig(bestuursproces, regisseur_api, pad):
    response = regisseur_api.get(proces_url(bestuursproces, pad), {"tijdstip": ""})
    assert fouten(response) == {"tijdstip": "invalid"}


def test_getal_voor_tekst_is_ongeldig(bestuursproces, regisseur_api):
    response = regisseur_api.post(
        proces_url(bestuursproces, "/notities"),
        {"tekst": 42, "zichtbaarheid": "proces"},
        format="json",
    )
    assert fouten(response) == {"tekst": "invalid"}


@pytest.fixture(scope="module")
def document() -> dict:
    return yaml.safe_load(GECOMMIT.read_text(encoding="utf-8"))


def test_invoerschemas_weigeren_onbekende_eigenschappen(document):
    schemas = document["components"]["schemas"]
    invoer = [naam for naam in schemas if naam.endswith("Request")]
    assert invoer
    for naam in invoer:
        assert schemas[naam].get("additionalProperties") is False, naam


def test_queryparameters_documenteren_400(document):
    for pad, operaties in document["paths"].items():
        for methode, operatie in operaties.items():
            if any(p.get("in") == "query" for p in operatie.get("parameters", [])):
                assert "400" in operatie["responses"], (pad, methode)


def test_paginering_heeft_grenzen_in_het_document(document):
    parameters = document["paths"]["/bestuursprocessen"]["get"]["parameters"]
    per_naam = {p["name"]: p["schema"] for p in parameters}
    assert per_naam["page"]["minimum"] == 1
    assert per_naam["pageSize"] == {"type": "integer", "minimum": 1, "maximum": 100}


def test_lege_archiefnominatie_past_in_het_antwoordschema(document, bestuursproces, regisseur_api):
    schema = document["components"]["schemas"]["BestuursprocesDetail"]["properties"]
    keuzes = str(schema["archiefnominatie"])
    assert "BlankEnum" in keuzes or "''" in keuzes
    assert regisseur_api.get(proces_url(bestuursproces)).json()["archiefnominatie"] == ""


# A client that checks formats, as openapi-core, schemathesis and typed clients do: a URI has
# a scheme ('' has none).
MET_FORMATEN = jsonschema.FormatChecker()


@MET_FORMATEN.checks("uri")
def _is_uri(waarde: object) -> bool:
    return not isinstance(waarde, str) or bool(urlsplit(waarde).scheme)


def test_lege_vervolg_url_past_in_het_antwoordschema(document, bestuursproces, regisseur_api):
    schemas = document["components"]["schemas"]
    antwoorden = {
        "BestuursprocesDetail": regisseur_api.get(proces_url(bestuursproces)).json(),
        "Bestuursproces": regisseur_api.get(LIJST).json()["results"][0],
    }
    for naam, antwoord in antwoorden.items():
        assert antwoord["vervolgUrl"] == ""  # open: nowhere to go on to yet
        eigenschap = schemas[naam]["properties"]["vervolgUrl"]
        jsonschema.validate("", eigenschap, format_checker=MET_FORMATEN)
        jsonschema.validate("https://zaken.example/123", eigenschap, format_checker=MET_FORMATEN)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate("geen url", eigenschap, format_checker=MET_FORMATEN)


def test_url_of_niets_is_anyof(document):
    """'' fits both a URI without format checks and the empty alternative: ``oneOf`` would
    refuse it, and a validator refuses the whole document for its default ''."""
    for naam, schema in document["components"]["schemas"].items():
        for veld, eigenschap in schema.get("properties", {}).items():
            keuzes = eigenschap.get("oneOf", [])
            assert not any(keuze.get("maxLength") == 0 for keuze in keuzes), (naam, veld)
            if eigenschap.get("default") == "" and "anyOf" in eigenschap:
                jsonschema.validate("", {"anyOf": eigenschap["anyOf"]})


@pytest.mark.parametrize("waarde", ["0.5", "0", "-1", "een"])
def test_vanaf_volgnummer_is_een_geheel_getal(bestuursproces, regisseur_api, waarde):
    response = regisseur_api.get(
        proces_url(bestuursproces, "/gebeurtenissen"), {"vanafVolgnummer": waarde}
    )
    assert set(fouten(response)) == {"vanafVolgnummer"}


@pytest.mark.parametrize("waarde", [0, 1, "true", None])
def test_waarheidswaarden_zijn_true_of_false(bestuursproces, leden, regisseur_api, waarde):
    spelers = proces_url(bestuursproces, "/spelers")
    speler = regisseur_api.post(
        spelers,
        {"naam": "Boer", "soort": "persoon", "veld": "verbindende", "rolInProces": "betrokkene"},
        format="json",
    ).json()
    response = regisseur_api.post(
        speler["links"]["beoordelingen"],
        {
            "standpunt": "voorstander",
            "macht": "geen",
            "invloed": 1,
            "vertrouwen": 1,
            "uniekeMacht": waarde,
        },
        format="json",
    )
    assert fouten(response) == {"uniekeMacht": "null" if waarde is None else "invalid"}


def test_voorbeelden_van_headers_zijn_geldige_headerwaarden(document):
    """A header value is visible ASCII (RFC 9110): a client that sends the document's example
    (schemathesis does) must be able to."""
    for pad, operaties in document["paths"].items():
        for methode, operatie in operaties.items():
            for parameter in operatie.get("parameters", []):
                voorbeeld = parameter.get("example")
                if parameter.get("in") == "header" and voorbeeld is not None:
                    tekst = str(voorbeeld)
                    assert tekst.isascii(), (pad, methode, tekst)
                    assert tekst.isprintable(), (pad, methode, tekst)
