"""Every URL of a speler: unknown spelers, trailing slashes, methods, and who may do what."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases.models import Bestuursproces, Speler
from tests.factories import open_proces

from .helpers import (
    assert_probleem,
    client_voor,
    gebeurtenissen_van,
    proces_url,
    verzoek,
)
from .register import (
    LEZERS,
    NUL_UUID,
    ROLLEN,
    SCHRIJVERS,
    opdrachtgever,
    speler,
    url,
)

NIEUW = {
    "naam": "Directeur Havenwonen",
    "soort": "persoon",
    "veld": "verbindende",
    "rolInProces": "sleutelpersoon",
}


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/spelers")


@pytest.mark.parametrize(
    ("methode", "suffix", "payload"),
    [
        ("get", "", None),
        ("patch", "", {"naam": "x"}),
        ("get", "/beoordelingen", None),
        ("post", "/beoordelingen", {"standpunt": "voorstander"}),
        ("get", "/betrokkenheid", None),
        ("post", "/betrokkenheid", {"actie": "aansluiten", "reden": "x"}),
    ],
)
def test_onbekende_speler_is_404(
    bestuursproces, regisseur, regisseur_api, methode, suffix, payload
):
    elders = speler(open_proces(regisseur, titel="Ander"), regisseur)
    # An opdrachtgever's uuid is no speler's either.
    geen_speler = opdrachtgever(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    for onbekend in (NUL_UUID, elders.uuid, geen_speler.uuid):
        doel = proces_url(bestuursproces, f"/spelers/{onbekend}{suffix}")
        body = assert_probleem(verzoek(regisseur_api, methode, doel, payload), 404, "not_found")
        assert body["detail"] == "Deze speler bestaat niet in dit bestuursproces."
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("suffix", ["", "/beoordelingen", "/betrokkenheid"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur, regisseur_api, suffix):
    bestaand = speler(bestuursproces, regisseur)

    assert_probleem(regisseur_api.get(url(bestaand, suffix) + "/"), 404, "not_found")
    assert_probleem(regisseur_api.post(url(bestaand, suffix) + "/", {}), 404, "not_found")
    assert_probleem(regisseur_api.get(lijst_url(bestuursproces) + "/"), 404, "not_found")


@pytest.mark.parametrize(
    ("methode", "suffix", "toegestaan"),
    [
        ("delete", "", {"GET", "PATCH", "HEAD", "OPTIONS"}),
        ("put", "", {"GET", "PATCH", "HEAD", "OPTIONS"}),
        ("delete", "/beoordelingen", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("patch", "/betrokkenheid", {"GET", "POST", "HEAD", "OPTIONS"}),
    ],
)
def test_methode_niet_toegestaan(
    bestuursproces, regisseur, regisseur_api, methode, suffix, toegestaan
):
    bestaand = speler(bestuursproces, regisseur)

    response = verzoek(regisseur_api, methode, url(bestaand, suffix), {})

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == toegestaan


# --- who may do what -----------------------------------------------------------------------


def schrijfverzoeken(
    bestuursproces: Bestuursproces, partij: Speler
) -> list[tuple[str, str, dict[str, Any], int]]:
    return [
        ("post", lijst_url(bestuursproces), NIEUW, 201),
        ("patch", url(partij), {"belang": "Meer woningen"}, 200),
        (
            "post",
            url(partij, "/beoordelingen"),
            {"standpunt": "voorstander", "macht": "geen", "invloed": 2, "vertrouwen": 4},
            201,
        ),
        (
            "post",
            url(partij, "/betrokkenheid"),
            {"actie": "afwachten", "reden": "x"},
            201,
        ),
    ]


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest(bestuursproces, leden, regisseur, rol):
    bestaand = speler(bestuursproces, regisseur)
    client = client_voor(leden[rol])

    for doel in (
        lijst_url(bestuursproces),
        url(bestaand),
        url(bestaand, "/beoordelingen"),
        url(bestaand, "/betrokkenheid"),
    ):
        response = client.get(doel)
        assert response.status_code == 200, (doel, response.content)


@pytest.mark.parametrize("rol", SCHRIJVERS)
def test_schrijvers_mogen_schrijven(bestuursproces, leden, regisseur, rol):
    bestaand = speler(bestuursproces, regisseur)
    client = client_voor(leden[rol])
    aantal = len(gebeurtenissen_van(bestuursproces))

    for methode, doel, payload, status in schrijfverzoeken(bestuursproces, bestaand):
        response = verzoek(client, methode, doel, payload)
        assert response.status_code == status, (doel, response.content)

    nieuw = gebeurtenissen_van(bestuursproces)[aantal:]
    assert [g.type for g in nieuw] == [
        "speler.geregistreerd",
        "speler.gewijzigd",
        "speler.beoordeeld",
        "speler.betrokkenheid_gewijzigd",
    ]
    assert {g.actor_gebruikersnaam for g in nieuw} == {leden[rol].username}


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_mogen_niet_schrijven(bestuursproces, leden, regisseur, rol):
    bestaand = speler(bestuursproces, regisseur)
    client = client_voor(leden[rol])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    for methode, doel, payload, _ in schrijfverzoeken(bestuursproces, bestaand):
        body = assert_probleem(verzoek(client, methode, doel, payload), 403, "permission_denied")
        assert body["detail"] == (
            "Alleen de procesregisseur en het kernteam kunnen dit dossier wijzigen."
        )
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


def test_buitenstaander_krijgt_overal_404(bestuursproces, leden, regisseur):
    bestaand = speler(bestuursproces, regisseur)
    client = client_voor(leden["buitenstaander"])
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]
    lezen = [
        ("get", doel, None, 200)
        for doel in (
            lijst_url(bestuursproces),
            url(bestaand),
            url(bestaand, "/beoordelingen"),
            url(bestaand, "/betrokkenheid"),
        )
    ]

    for methode, doel, payload, _ in lezen + schrijfverzoeken(bestuursproces, bestaand):
        bestaat = assert_probleem(verzoek(client, methode, doel, payload), 404, "not_found")
        anders = doel.replace(str(bestuursproces.uuid), str(uuid.uuid4()))
        bestaat_niet = assert_probleem(verzoek(client, methode, anders, payload), 404)
        assert bestaat["detail"] == bestaat_niet["detail"] == "Bestuursproces niet gevonden."
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor
