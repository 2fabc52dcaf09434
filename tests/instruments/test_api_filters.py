"""Searching and filtering instruments; strict query parameters (400 problem+json)."""

from __future__ import annotations

from typing import Any

import pytest

from instruments.models import Instrument
from tests.cases.api.helpers import API, fouten

LIJST = f"{API}/instrumenten"


def namen(client: Any, **params: Any) -> list[str]:
    response = client.get(LIJST, {"pageSize": 100, **params})
    assert response.status_code == 200, response.content
    return [i["naam"] for i in response.json()["results"]]


@pytest.mark.parametrize("zoek", ["tijdlijn", "TIJDLIJN", "TijdLijnMethode"])
def test_zoek_in_naam_ongeacht_hoofdletters(catalogus, lezer_api, zoek):
    assert namen(lezer_api, zoek=zoek) == ["Tijdlijnmethode"]


def test_zoek_in_verdiepingsvraag(catalogus, lezer_api):
    # Only in the verdiepingsvraag of Gezonde relaties; "vertrouwen" also names Covey's.
    assert namen(lezer_api, zoek="ZO OPTIMAAL") == ["Gezonde relaties"]
    assert set(namen(lezer_api, zoek="vertrouwen")) == {"Vertrouwen Covey", "Gezonde relaties"}


def test_zoek_in_omschrijving(catalogus, lezer_api):
    Instrument.objects.filter(naam="Waardenanalyse").update(
        omschrijving="Met kaartjes Kernwaarden."
    )
    assert namen(lezer_api, zoek="kaartjes") == ["Waardenanalyse"]


def test_zoek_zonder_treffers_is_een_lege_lijst(catalogus, lezer_api):
    assert namen(lezer_api, zoek="xyzzy") == []


def test_filter_op_veld(catalogus, lezer_api):
    assert namen(lezer_api, veld="uitvoerende") == [
        "Primaire (reguliere werk)processen",
        "RSPW",
        "Aansturen-sturen-faciliteren-observeren",
    ]


def test_filter_op_thema_naam_ongeacht_hoofdletters(catalogus, lezer_api):
    assert namen(lezer_api, thema="betrekken en benaderen") == [
        "Aansluiten, aanhaken, afhaken, afwachten van actoren",
        "Strategie van benaderen partijen",
    ]


def test_zelfde_themanaam_in_twee_velden_met_veld_te_onderscheiden(catalogus, lezer_api):
    assert namen(lezer_api, thema="Leiderschap") == [
        "Dienend leiderschap",
        "Aansturen-sturen-faciliteren-observeren",
    ]
    assert namen(lezer_api, thema="Leiderschap", veld="uitvoerende") == [
        "Aansturen-sturen-faciliteren-observeren"
    ]


def test_filter_op_doel(catalogus, lezer_api):
    assert namen(lezer_api, doel="begrijpen") == []
    Instrument.objects.filter(naam__in=["RSPW", "Theorie U"]).update(doel="begrijpen")
    Instrument.objects.filter(naam="Voorscheider").update(doel="toepassen")
    assert namen(lezer_api, doel="begrijpen") == ["Theorie U", "RSPW"]
    assert namen(lezer_api, doel="toepassen") == ["Voorscheider"]


def test_filter_op_voorkeursinstrument(catalogus, lezer_api):
    Instrument.objects.filter(naam="Tijdlijnmethode").update(voorkeursinstrument=True)
    Instrument.objects.filter(naam="RSPW").update(voorkeursinstrument=False)
    assert namen(lezer_api, voorkeursinstrument="true") == ["Tijdlijnmethode"]
    assert namen(lezer_api, voorkeursinstrument="false") == ["RSPW"]
    assert len(namen(lezer_api, voorkeursinstrument="onbekend")) == 54


def test_filters_combineren(catalogus, lezer_api):
    assert namen(lezer_api, veld="interventie", zoek="interventie") == [
        "Interventievormen",
        "Interventies vanuit aandacht en waarneming: (bestuurs-)proceskunde",
        "Interventies op systeem/bestuursproces, groep of individu",
        "Interventies bij strijd om macht",
        "Interventies op de inhoud, procedure, interactie en/of gevoel",
    ]


def test_onbekende_thema_naam_vindt_niets(catalogus, lezer_api):
    assert namen(lezer_api, thema="Bestaat niet") == []


@pytest.mark.parametrize(
    ("params", "verwacht"),
    [
        ({"kleur": "rood"}, {"kleur": "unknown"}),
        ({"veld": "achtste"}, {"veld": "invalid_choice"}),
        ({"veld": "Verbindende"}, {"veld": "invalid_choice"}),
        ({"doel": "snappen"}, {"doel": "invalid_choice"}),
        ({"voorkeursinstrument": "ja"}, {"voorkeursinstrument": "invalid_choice"}),
        ({"voorkeursinstrument": "1"}, {"voorkeursinstrument": "invalid_choice"}),
        ({"zoek": "x" * 201}, {"zoek": "max_length"}),
        ({"pageSize": "0"}, {"pageSize": "invalid"}),
        # Every wrong parameter at once.
        (
            {"veld": "x", "doel": "y", "Veld": "verbindende", "search": "z"},
            {
                "veld": "invalid_choice",
                "doel": "invalid_choice",
                "Veld": "unknown",
                "search": "unknown",
            },
        ),
    ],
)
def test_foute_parameters_zijn_400(catalogus, lezer_api, params, verwacht):
    assert fouten(lezer_api.get(LIJST, params)) == verwacht


def test_onbekende_parameter_meldt_in_het_nederlands(catalogus, lezer_api):
    body = lezer_api.get(LIJST, {"zoeken": "tijdlijn"}).json()
    assert body["invalidParams"] == [
        {"name": "zoeken", "code": "unknown", "reason": "Onbekende parameter."}
    ]


@pytest.mark.parametrize("pad", ["/velden", "/strategieen", "/krachten"])
def test_andere_lijsten_weigeren_onbekende_parameters(catalogus, lezer_api, pad):
    assert fouten(lezer_api.get(f"{API}{pad}", {"veld": "idee"})) == {"veld": "unknown"}
    assert lezer_api.get(f"{API}{pad}", {"page": 1, "pageSize": 5}).status_code == 200


def test_zonder_filterparameters_geen_filterset_en_dezelfde_lijst(
    catalogus, lezer_api, monkeypatch
):
    # A request with only the paginator's parameters (or none) is not filtered: the same list
    # as an empty filter gives, without building the filterset; any other parameter still
    # goes through it, so an unknown one is still a 400.
    from django_filters.rest_framework import DjangoFilterBackend

    gebouwd: list[str] = []
    echte = DjangoFilterBackend.get_filterset

    def tellend(self: Any, *args: Any, **kwargs: Any) -> Any:
        gebouwd.append("ja")
        return echte(self, *args, **kwargs)

    monkeypatch.setattr(DjangoFilterBackend, "get_filterset", tellend)
    alles = namen(lezer_api)
    assert gebouwd == []
    assert alles == namen(lezer_api, zoek="")
    assert gebouwd == ["ja"]
    assert namen(lezer_api, page=1) == alles
    response = lezer_api.get(LIJST, {"pageSize": 100, "kleur": "rood"})
    assert response.status_code == 400
    assert fouten(response) == {"kleur": "unknown"}
