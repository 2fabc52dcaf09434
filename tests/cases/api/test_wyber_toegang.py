"""Every URL of the wyber-stappen and the tijdlijn: who may read, who may write."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases.models import Bestuursproces
from tests.factories import consolideer_stap

from .helpers import absoluut, assert_probleem, client_voor, gebeurtenissen_van, proces_url, verzoek
from .register import (
    LEZERS,
    ROLLEN,
    SCHRIJVERS,
    consolideer,
    fase,
    instemming_url,
    optie,
    optie_url,
    speler,
    stap,
    stap_in_consolideren,
    stap_url,
    url,
)


@pytest.fixture
def stappen(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """A step in divergeren with an option, one in convergeren with an option, one in
    consolideren with its consolidatie, one ready to consolidate, and a settled one."""
    jan = speler(bestuursproces, regisseur, "Jan van Houten")
    corporatie = speler(bestuursproces, regisseur, "Havenwonen")
    divergeren = stap(bestuursproces, regisseur, "Divergeren")
    convergeren = stap(bestuursproces, regisseur, "Convergeren")
    te_kiezen = optie(convergeren, regisseur, "Te kiezen")
    fase(convergeren, regisseur, "convergeren")
    consolideren = stap_in_consolideren(bestuursproces, regisseur, "Consolideren")
    [instemming] = consolideer(consolideren, regisseur, [jan])
    klaar = stap_in_consolideren(bestuursproces, regisseur, "Klaar om te consolideren")
    afgerond = consolideer_stap(bestuursproces, regisseur, doel="Afgerond")
    return {
        "jan": jan,
        "corporatie": corporatie,
        "divergeren": divergeren,
        "convergeren": convergeren,
        "te_kiezen": te_kiezen,
        "consolideren": consolideren,
        "instemming": instemming,
        "klaar": klaar,
        "afgerond": afgerond,
    }


def leesverzoeken(bestuursproces: Bestuursproces, s: dict[str, Any]) -> list[str]:
    return [
        absoluut(proces_url(bestuursproces, "/wyberstappen")),
        absoluut(proces_url(bestuursproces, "/tijdlijn")),
        stap_url(s["consolideren"]),
        stap_url(s["consolideren"], "/opties"),
        optie_url(s["te_kiezen"]),
        stap_url(s["consolideren"], "/consolidatie"),
        stap_url(s["consolideren"], "/instemmingen"),
        instemming_url(s["instemming"]),
    ]


def schrijfverzoeken(
    bestuursproces: Bestuursproces, s: dict[str, Any]
) -> list[tuple[str, str, dict[str, Any], int]]:
    return [
        ("post", absoluut(proces_url(bestuursproces, "/wyberstappen")), {"doel": "Nieuw"}, 201),
        ("post", stap_url(s["divergeren"], "/opties"), {"titel": "Optie"}, 201),
        ("post", stap_url(s["divergeren"], "/faseovergangen"), {"naar": "convergeren"}, 201),
        ("patch", optie_url(s["te_kiezen"]), {"status": "gekozen"}, 200),
        (
            "post",
            stap_url(s["klaar"], "/consolidatie"),
            {"uitkomst": "consensus", "tekst": "x", "instemmers": [url(s["jan"])]},
            201,
        ),
        ("patch", instemming_url(s["instemming"]), {"status": "niet_ingestemd"}, 200),
        (
            "post",
            stap_url(s["klaar"], "/instemmingen"),
            {"toevoegen": [url(s["corporatie"])], "reden": "Betaalt mee"},
            200,
        ),
        ("post", stap_url(s["afgerond"], "/heropeningen"), {"reden": "Opnieuw"}, 201),
    ]


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest(bestuursproces, leden, stappen, rol):
    client = client_voor(leden[rol])

    for doel in leesverzoeken(bestuursproces, stappen):
        response = client.get(doel)
        assert response.status_code == 200, (doel, response.content)


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_schrijvers_mogen_schrijven(bestuursproces, leden, stappen, rol):
    client = client_voor(leden[rol])
    aantal = len(gebeurtenissen_van(bestuursproces))

    for methode, doel, payload, status in schrijfverzoeken(bestuursproces, stappen):
        response = verzoek(client, methode, doel, payload)
        assert response.status_code == status, (doel, response.content)

    nieuw = gebeurtenissen_van(bestuursproces)[aantal:]
    assert [g.type for g in nieuw] == [
        "wyberstap.gestart",
        "optie.ingebracht",
        "wyberstap.fase_gewijzigd",
        "optie.besloten",
        "consolidatie.vastgelegd",
        "instemming.vastgelegd",
        "instemmers.gewijzigd",
        "wyberstap.gestart",
    ]
    assert {g.actor_gebruikersnaam for g in nieuw} == {leden[rol].username}


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_mogen_niet_schrijven(bestuursproces, leden, stappen, rol):
    client = client_voor(leden[rol])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    for methode, doel, payload, _ in schrijfverzoeken(bestuursproces, stappen):
        body = assert_probleem(verzoek(client, methode, doel, payload), 403, "permission_denied")
        assert body["detail"] == (
            "Alleen de procesregisseur en het kernteam kunnen dit dossier wijzigen."
        )
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_buitenstaander_krijgt_overal_404(bestuursproces, leden, stappen):
    client = client_voor(leden["buitenstaander"])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    lezen = [("get", doel, None, 200) for doel in leesverzoeken(bestuursproces, stappen)]

    for methode, doel, payload, _ in lezen + schrijfverzoeken(bestuursproces, stappen):
        bestaat = assert_probleem(verzoek(client, methode, doel, payload), 404, "not_found")
        anders = doel.replace(str(bestuursproces.uuid), str(uuid.uuid4()))
        bestaat_niet = assert_probleem(verzoek(client, methode, anders, payload), 404)
        assert bestaat["detail"] == bestaat_niet["detail"] == "Bestuursproces niet gevonden."
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


@pytest.mark.parametrize(
    ("methode", "suffix", "toegestaan"),
    [
        ("delete", "", {"GET", "HEAD", "OPTIONS"}),
        ("put", "/opties", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("get", "/faseovergangen", {"POST", "OPTIONS"}),
        ("delete", "/consolidatie", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("get", "/heropeningen", {"POST", "OPTIONS"}),
    ],
)
def test_methode_niet_toegestaan(
    bestuursproces, regisseur, regisseur_api, methode, suffix, toegestaan
):
    wyberstap = stap(bestuursproces, regisseur)

    response = verzoek(regisseur_api, methode, stap_url(wyberstap, suffix), {})

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == toegestaan


@pytest.mark.parametrize("suffix", ["", "/opties", "/consolidatie", "/instemmingen"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur, regisseur_api, suffix):
    wyberstap = stap(bestuursproces, regisseur)

    assert_probleem(regisseur_api.get(stap_url(wyberstap, suffix) + "/"), 404, "not_found")
