"""The canary test: confidential content appears exactly where each role may see it.

A unique string is written at every visibility level, in every kind of content that carries
a level (speler and opdrachtgever assessments, their implicit opdracht and reasons, notes).
Then, for every role, a crawler reads every URL of the case the API links to (following
links, relations and pages) plus the endpoints only reachable by query, and the canaries
must be found exactly for the levels that role may read, and nowhere else.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Zichtbaarheid
from tests.factories import actor_voor

NIVEAUS = [z.value for z in Zichtbaarheid]
ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
GEZIEN_DOOR = {
    "procesregisseur": {"proces", "kernteam", "regisseur"},
    "kernteam": {"proces", "kernteam"},
    "opdrachtgever": {"proces"},
    "evaluator": {"proces"},
}


def canary(soort: str, niveau: str) -> str:
    return f"KANARIE-{soort}-{niveau}-7f3a"


@pytest.fixture
def vertrouwelijk_proces(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> Bestuursproces:
    regisseur = actor_voor(leden["procesregisseur"])
    speler = services.registreer_speler(
        actor=regisseur,
        bestuursproces=bestuursproces,
        naam="Grondeigenaar",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )
    opdrachtgever = services.registreer_opdrachtgever(
        actor=regisseur,
        bestuursproces=bestuursproces,
        naam="Wethouder",
        rol="bestuurlijk_opdrachtgever",
    )
    services.wijzig_betrokkenheid(
        actor=regisseur, partij=speler, actie="aansluiten", reden="Aan tafel"
    )
    for niveau in NIVEAUS:
        services.beoordeel_speler(
            actor=regisseur,
            speler=speler,
            standpunt="tegenstander" if niveau == "regisseur" else "voorstander",
            macht="blokkademacht",
            invloed=4,
            vertrouwen=2,
            toelichting=canary("speleroordeel", niveau),
            zichtbaarheid=niveau,
        )
        services.beoordeel_opdrachtgever(
            actor=regisseur,
            opdrachtgever=opdrachtgever,
            stevigheid=3,
            steun="afwachtend",
            onderling_vertrouwen=3,
            impliciete_opdracht=canary("impliciet", niveau),
            open_rekeningen=canary("rekening", niveau),
            toelichting=canary("opdrachtgeveroordeel", niveau),
            zichtbaarheid=niveau,
        )
        services.maak_notitie(
            actor=regisseur,
            bestuursproces=bestuursproces,
            tekst=canary("notitie", niveau),
            zichtbaarheid=niveau,
            speler=speler,
        )
        services.maak_notitie(
            actor=regisseur,
            bestuursproces=bestuursproces,
            tekst=canary("procesnotitie", niveau),
            zichtbaarheid=niveau,
        )
    return bestuursproces


def _urls(waarde: Any, prefix: str) -> set[str]:
    if isinstance(waarde, dict):
        return set().union(*(_urls(v, prefix) for v in waarde.values())) if waarde else set()
    if isinstance(waarde, list):
        return set().union(*(_urls(v, prefix) for v in waarde)) if waarde else set()
    if isinstance(waarde, str) and waarde.startswith(prefix):
        return {waarde}
    return set()


def crawl(client: APIClient, bestuursproces: Bestuursproces) -> tuple[str, set[str]]:
    """Every response body reachable from the case, concatenated; and the URLs visited."""
    basis = f"http://testserver/api/v1/bestuursprocessen/{bestuursproces.uuid}"
    te_doen = [
        basis,
        f"{basis}/gebeurtenissen?pageSize=100",
        f"{basis}/momentopname",
        f"{basis}/krachtenveld",
        f"{basis}/krachtenveld/verschuivingen",
        f"{basis}/notities",
        f"{basis}/lidmaatschappen",
        f"{basis}/organisaties",
        f"{basis}/spelers",
        f"{basis}/opdrachtgevers",
    ]
    bezocht: set[str] = set()
    teksten: list[str] = []
    while te_doen:
        url = te_doen.pop()
        if url in bezocht:
            continue
        bezocht.add(url)
        assert len(bezocht) < 600, "the crawl does not end"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        tekst = response.content.decode()
        teksten.append(tekst)
        te_doen.extend(_urls(json.loads(tekst), basis) - bezocht)
    return "\n".join(teksten), bezocht


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_kanarie_precies_waar_de_rol_hem_mag_zien(
    vertrouwelijk_proces: Bestuursproces, leden: dict[str, Any], rol: str
) -> None:
    client = APIClient()
    client.force_authenticate(leden[rol])

    alles, bezocht = crawl(client, vertrouwelijk_proces)

    gevonden = set(re.findall(r"KANARIE-([a-z]+)-([a-z]+)-7f3a", alles))
    soorten = {
        "speleroordeel",
        "impliciet",
        "rekening",
        "opdrachtgeveroordeel",
        "notitie",
        "procesnotitie",
    }
    verwacht = {(soort, niveau) for soort in soorten for niveau in GEZIEN_DOOR[rol]}
    assert gevonden == verwacht
    # The crawl really went everywhere: lists, details, sub-resources, events one by one.
    assert any("/gebeurtenissen/" in url for url in bezocht)
    assert any("/beoordelingen" in url for url in bezocht)
    assert any("/betrokkenheid" in url for url in bezocht)


def test_buitenstaander_vindt_niets(
    vertrouwelijk_proces: Bestuursproces, leden: dict[str, Any]
) -> None:
    client = APIClient()
    client.force_authenticate(leden["buitenstaander"])
    lijst = client.get("/api/v1/bestuursprocessen").json()
    assert lijst["count"] == 0
    detail = client.get(f"/api/v1/bestuursprocessen/{vertrouwelijk_proces.uuid}/spelers")
    assert detail.status_code == 404
    assert "KANARIE" not in detail.content.decode()


def test_de_regisseur_kan_de_keten_controleren_en_anderen_zien_de_hashes(
    vertrouwelijk_proces: Bestuursproces, leden: dict[str, Any]
) -> None:
    """Withheld events keep volgnummer, hash and vorigeHash for every viewer."""
    hashes = {}
    for rol in ROLLEN:
        client = APIClient()
        client.force_authenticate(leden[rol])
        body = client.get(
            f"/api/v1/bestuursprocessen/{vertrouwelijk_proces.uuid}/gebeurtenissen?pageSize=100"
        ).json()
        hashes[rol] = [(e["volgnummer"], e["vorigeHash"], e["hash"]) for e in body["results"]]
    assert len({tuple(v) for v in hashes.values()}) == 1
