"""The canary test: confidential content appears exactly where each role may see it.

A unique string is written at every visibility level, in every kind of content that carries
a level (speler and opdrachtgever assessments, their implicit opdracht and reasons, notes,
positioneringen, interventies through their whole cycle and a correction, reflecties). Then,
for every role, a crawler reads every URL of the case the API links to (following links,
relations and pages) plus the endpoints only reachable by query, and the canaries must be
found exactly for the levels that role may read, and nowhere else.

Numbers must not leak either: the attention balance, the instrument suggestions and the
current position per veld are checked against what the interventies and positioneringen that
role may see imply, computed from the fixture's plan (``tests/cases/_kanaries.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis

from ._kanaries import (
    GEZIEN_DOOR,
    INTERVENTIES,
    KANARIE_PATROON,
    NIVEAUS,
    POSITIONERINGEN,
    ROLLEN,
    SUGGESTIEVELDEN,
    Kanaries,
    basis_url,
    canary,
    catalogusinstrument,
    crawl,
    dagen_geleden,
    open_in_het_verleden,
    schrijf_kanaries,
)

# The sides of the creatielemniscaat as issue 5 gives them (book §2.3).
KANTEN = {
    "ik": ("interventie", "positionerende"),
    "wij": ("verbindende", "interne"),
    "het": ("idee", "ontwerpende", "uitvoerende"),
    "zij": ("opdrachtgevende",),
}
VERWAARLOOSD_NA = dt.timedelta(weeks=6)


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_in_het_verleden(regisseur)


@pytest.fixture
def kanaries(bestuursproces: Bestuursproces, leden: dict[str, Any], catalogus: Any) -> Kanaries:
    return schrijf_kanaries(bestuursproces, leden)


def client_voor(leden: dict[str, Any], rol: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(leden[rol])
    return client


def _gevonden(tekst: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, tekst))


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_kanarie_precies_waar_de_rol_hem_mag_zien(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    bodies = crawl(client_voor(leden, rol), kanaries, GEZIEN_DOOR[rol])

    assert _gevonden("\n".join(bodies.values())) == kanaries.verwacht(rol)
    # The crawl really went everywhere: lists, details, sub-resources, events one by one.
    uuid = "[0-9a-f-]{36}"
    for deel in (
        r"/gebeurtenissen/\d+$",
        r"/beoordelingen$",
        r"/betrokkenheid$",
        rf"/positioneringen/{uuid}$",
        r"/procesontwerp/versies$",
        rf"/interventies/{uuid}$",
        r"/reflecties$",
        r"/tijdlijn",
        r"/aandacht$",
        r"/instrument-suggesties\?",
        rf"/documenten/{uuid}/versies/2/inhoud$",
    ):
        assert any(re.search(deel, url) for url in bodies), deel


@pytest.mark.parametrize("rol", ROLLEN)
def test_een_wijziging_van_een_interventie_wordt_afgeschermd(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    """wijzigingen and vorigeWaarden of interventie.gewijzigd are redacted below its level."""
    client = client_voor(leden, rol)
    wijzigingen = Gebeurtenis.objects.filter(
        bestuursproces=kanaries.bestuursproces, type="interventie.gewijzigd"
    ).order_by("volgnummer")
    assert len(wijzigingen) == len(INTERVENTIES)
    niveau_van = {str(i.uuid): i.zichtbaarheid for i in kanaries.interventies}

    for gebeurtenis in wijzigingen:
        niveau = niveau_van[gebeurtenis.payload["interventie"]]
        body = client.get(
            f"{basis_url(kanaries.bestuursproces)}/gebeurtenissen/{gebeurtenis.volgnummer}"
        )
        assert body.status_code == 200
        data = body.json()
        if niveau in GEZIEN_DOOR[rol]:
            assert data["payload"]["wijzigingen"] == {"waarom": canary("waaromnieuw", niveau)}
            assert data["payload"]["vorigeWaarden"] == {"waarom": canary("waarom", niveau)}
            assert data["toelichting"] == canary("wijzigtoelichting", niveau)
        else:
            assert data["payload"] == {"afgeschermd": True, "zichtbaarheid": niveau}
            assert data["toelichting"] is None
            assert "KANARIE" not in body.content.decode()


@pytest.mark.parametrize("rol", ROLLEN)
def test_wat_de_rol_niet_mag_zien_bestaat_voor_haar_niet(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    """Details of hidden interventies and positioneringen answer 404, without content."""
    client = client_voor(leden, rol)
    basis = basis_url(kanaries.bestuursproces)
    verborgen = [
        *(
            url
            for i in kanaries.interventies
            if i.zichtbaarheid not in GEZIEN_DOOR[rol]
            for url in (
                f"{basis}/interventies/{i.uuid}",
                f"{basis}/interventies/{i.uuid}/reflecties",
            )
        ),
        *(
            f"{basis}/positioneringen/{p.uuid}"
            for p in kanaries.positioneringen
            if p.zichtbaarheid not in GEZIEN_DOOR[rol]
        ),
    ]
    assert bool(verborgen) == (rol != "procesregisseur")
    for url in verborgen:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "KANARIE" not in response.content.decode()


# --- numbers --------------------------------------------------------------------------------------


def verwachte_aandacht(rol: str) -> dict[str, Any]:
    """The attention balance (default period, up to today) of the interventies this role may
    see: done ones count per veld and side, planned ones apart."""
    vandaag = dagen_geleden(0)
    zichtbaar = [p for p in INTERVENTIES if p.niveau in GEZIEN_DOOR[rol]]
    gedaan = [p for p in zichtbaar if p.status != "gepland"]
    velden = {}
    for code in (veld for kant in KANTEN.values() for veld in kant):
        datums = [dagen_geleden(p.dagen) for p in gedaan if code in p.velden]
        laatste = max(datums, default=None)
        velden[code] = {
            "aantal": len(datums),
            "gepland": sum(1 for p in zichtbaar if p.status == "gepland" and code in p.velden),
            "laatste": laatste.isoformat() if laatste else None,
            "verwaarloosd": laatste is None or laatste <= vandaag - VERWAARLOOSD_NA,
        }
    kanten = {
        kant: sum(1 for p in gedaan if set(p.velden) & set(codes)) for kant, codes in KANTEN.items()
    }
    return {
        "totaal": len(gedaan),
        "velden": velden,
        "kanten": {
            kant: (aantal, round(aantal / len(gedaan), 3) if gedaan else 0.0)
            for kant, aantal in kanten.items()
        },
        "verwaarloosd": sorted(code for code, v in velden.items() if v["verwaarloosd"]),
    }


@pytest.mark.parametrize("rol", ROLLEN)
def test_de_aandachtsbalans_telt_alleen_wat_de_rol_mag_zien(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    body = client_voor(leden, rol).get(f"{basis_url(kanaries.bestuursproces)}/aandacht").json()

    verwacht = verwachte_aandacht(rol)
    assert body["totaal"] == verwacht["totaal"]
    assert {
        v["veld"]: {k: v[k] for k in ("aantal", "gepland", "laatste", "verwaarloosd")}
        for v in body["velden"]
    } == verwacht["velden"]
    assert {k["kant"]: (k["aantal"], k["aandeel"]) for k in body["kanten"]} == verwacht["kanten"]
    assert sorted(body["verwaarloosd"]) == verwacht["verwaarloosd"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_instrumentsuggesties_tellen_alleen_wat_de_rol_mag_zien(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    client = client_voor(leden, rol)
    zichtbaar = [p for p in INTERVENTIES if p.niveau in GEZIEN_DOOR[rol]]
    for veld in SUGGESTIEVELDEN:
        body = client.get(
            f"{basis_url(kanaries.bestuursproces)}/instrument-suggesties?veld={veld}&pageSize=100"
        ).json()
        assert body["next"] is None

        gebruik = {}
        for index in range(body["count"]):
            ingezet = [p for p in zichtbaar if p.instrument == (veld, index)]
            laatst = max((dagen_geleden(p.dagen) for p in ingezet), default=None)
            gebruik[str(catalogusinstrument(veld, index).uuid)] = (
                len(ingezet),
                laatst.isoformat() if laatst else None,
            )
        resultaten = body["results"]
        assert {r["uuid"]: (r["gebruikt"], r["laatstGebruikt"]) for r in resultaten} == gebruik
        # Not yet used first: nothing hidden moves an instrument to the back either.
        gebruikt = [r["gebruikt"] > 0 for r in resultaten]
        assert gebruikt == sorted(gebruikt)


def verwachte_posities(kanaries: Kanaries, rol: str) -> dict[str, str | None]:
    """Per veld the uuid of the latest positionering (by sinds, then by when it was recorded)
    this role may see, or None."""
    huidig: dict[str, tuple[dt.date, int]] = {}
    for index, positie in enumerate(POSITIONERINGEN):
        if positie.niveau not in GEZIEN_DOOR[rol]:
            continue
        sleutel = (dagen_geleden(positie.dagen), index)
        if positie.veld not in huidig or sleutel > huidig[positie.veld]:
            huidig[positie.veld] = sleutel
    return {
        veld: str(kanaries.positioneringen[huidig[veld][1]].uuid) if veld in huidig else None
        for veld in ("opdrachtgevende", "verbindende", "uitvoerende", "interne")
    }


@pytest.mark.parametrize("rol", ROLLEN)
def test_de_huidige_positie_is_de_laatste_die_de_rol_mag_zien(
    kanaries: Kanaries, leden: dict[str, Any], rol: str
) -> None:
    client = client_voor(leden, rol)
    basis = basis_url(kanaries.bestuursproces)
    verwacht = verwachte_posities(kanaries, rol)

    huidig = client.get(f"{basis}/positioneringen/huidig").json()
    assert {
        rij["veld"]: rij["positionering"]["uuid"] if rij["positionering"] else None
        for rij in huidig
    } == verwacht

    # The momentopname lists each veld's history oldest first: its last one is current.
    momentopname = client.get(f"{basis}/momentopname").json()
    laatste: dict[str, str | None] = dict.fromkeys(verwacht)
    for positionering in momentopname["positioneringen"]:
        laatste[positionering["veld"]] = positionering["uuid"]
    assert laatste == verwacht
    zichtbaar = {
        str(p.uuid) for p in kanaries.positioneringen if p.zichtbaarheid in GEZIEN_DOOR[rol]
    }
    assert {p["uuid"] for p in momentopname["positioneringen"]} == zichtbaar


# --- outsiders and the chain ------------------------------------------------------------------


def test_buitenstaander_vindt_niets(kanaries: Kanaries, leden: dict[str, Any]) -> None:
    client = client_voor(leden, "buitenstaander")
    lijst = client.get("/api/v1/bestuursprocessen").json()
    assert lijst["count"] == 0
    basis = basis_url(kanaries.bestuursproces)
    for pad in ("spelers", "interventies", "positioneringen/huidig", "aandacht", "tijdlijn"):
        response = client.get(f"{basis}/{pad}")
        assert response.status_code == 404, pad
        assert "KANARIE" not in response.content.decode()


def test_de_regisseur_kan_de_keten_controleren_en_anderen_zien_de_hashes(
    kanaries: Kanaries, leden: dict[str, Any]
) -> None:
    """Withheld events keep volgnummer, hash and vorigeHash for every viewer."""
    hashes: dict[str, list[tuple[Any, ...]]] = {}
    for rol in ROLLEN:
        client = client_voor(leden, rol)
        url: str | None = f"{basis_url(kanaries.bestuursproces)}/gebeurtenissen?pageSize=100"
        hashes[rol] = []
        while url is not None:  # every page: the canary case has more than one
            body = client.get(url).json()
            hashes[rol] += [(e["volgnummer"], e["vorigeHash"], e["hash"]) for e in body["results"]]
            url = body["next"]
    assert len({tuple(v) for v in hashes.values()}) == 1
    assert len(hashes["evaluator"]) == kanaries.bestuursproces.gebeurtenissen.count()


def test_de_kanaries_dekken_elke_soort_op_elk_toegestaan_niveau(kanaries: Kanaries) -> None:
    """The fixture itself: every levelled kind at every level, reflecties at every level their
    interventie allows, and the procesontwerp (which has no level) for everyone."""
    op_elk_niveau = {
        *("speleroordeel", "impliciet", "rekening", "opdrachtgeveroordeel"),
        *("notitie", "procesnotitie"),
        *("documenttitel", "documentinhoud", "documenttoelichting", "versieinhoud"),
        *("besluittitel", "besluitinhoud", "besluitorgaan", "kenmerk"),
        *("afspraak", "afspraakaan", "afspraakreden"),
        *("bijeenkomst", "waar", "agenda", "gast", "verslag", "annuleringsreden"),
    }
    # Interventies and positioneringen follow their plans (whose counts other tests read):
    # every level but evaluatie, which tests/cases/exports/test_vrijgeven.py and
    # tests/cases/services/test_zichtbaarheid.py cover for them.
    interventieniveaus = [n for n in NIVEAUS if n in {p.niveau for p in INTERVENTIES}]
    positieniveaus = {p.niveau for p in POSITIONERINGEN}
    volgens_plan = {
        *(
            (soort, niveau)
            for soort in ("positieomschrijving", "positietoelichting")
            for niveau in positieniveaus
        ),
        *(
            (soort, niveau)
            for soort in (
                "titel",
                "beoogd",
                "waarom",
                "waaromnieuw",
                "logtoelichting",
                "wijzigtoelichting",
                "gedaan",
                "waargenomen",
                "vervolg",
            )
            for niveau in interventieniveaus
        ),
    }
    reflecties = {
        (f"reflectieonder{interventie}", reflectie)
        for interventie in interventieniveaus
        for reflectie in NIVEAUS[NIVEAUS.index(interventie) :]
    }
    assert kanaries.geschreven == {
        *((soort, niveau) for soort in op_elk_niveau for niveau in NIVEAUS),
        *volgens_plan,
        *reflecties,
        ("procesontwerp", "proces"),
    }
