"""formeelBesluitNodig on spelers and opdrachtgevers, and its effect on rond (issue 14)."""

from __future__ import annotations

from rest_framework.test import APIClient

from cases.models import Bestuursproces

from .helpers import proces_url


def test_registreren_wijzigen_en_rond_met_alleen_instemming(
    bestuursproces: Bestuursproces, regisseur_api: APIClient
) -> None:
    speler = regisseur_api.post(
        proces_url(bestuursproces, "/spelers"),
        {
            "naam": "Bewonersplatform",
            "soort": "groep",
            "veld": "verbindende",
            "rolInProces": "betrokkene",
            "formeelBesluitNodig": False,
        },
        format="json",
    ).json()
    assert speler["formeelBesluitNodig"] is False
    og = regisseur_api.post(
        proces_url(bestuursproces, "/opdrachtgevers"),
        {"naam": "Raad", "rol": "bestuurlijk_opdrachtgever"},
        format="json",
    ).json()
    assert og["formeelBesluitNodig"] is True
    gewijzigd = regisseur_api.patch(og["url"], {"formeelBesluitNodig": False}, format="json")
    assert gewijzigd.status_code == 200, gewijzigd.content
    assert gewijzigd.json()["formeelBesluitNodig"] is False

    stap = regisseur_api.post(
        proces_url(bestuursproces, "/wyberstappen"), {"doel": "Waar?"}, format="json"
    ).json()
    regisseur_api.post(stap["url"] + "/opties", {"titel": "Oost"}, format="json")
    regisseur_api.post(stap["url"] + "/faseovergangen", {"naar": "convergeren"}, format="json")
    [optie] = regisseur_api.get(stap["url"] + "/opties").json()["results"]
    regisseur_api.patch(optie["url"], {"status": "gekozen"}, format="json")
    regisseur_api.post(stap["url"] + "/faseovergangen", {"naar": "consolideren"}, format="json")
    consolidatie = regisseur_api.post(
        stap["url"] + "/consolidatie",
        {"uitkomst": "consensus", "tekst": "Oost", "instemmers": [speler["url"]]},
        format="json",
    ).json()
    [instemming] = consolidatie["instemmingen"]
    assert instemming["formeelBesluitNodig"] is False
    antwoord = regisseur_api.patch(instemming["url"], {"status": "ingestemd"}, format="json")
    assert antwoord.json()["rond"] is True
    assert regisseur_api.get(stap["url"]).json()["fase"] == "geconsolideerd"
