"""ETag and If-Match: every resource GET carries an ETag; a PUT or PATCH with a stale If-Match
is a 412 that changes nothing; without If-Match writes work as ever."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Gebeurtenis
from procesregie.api.etags import etag_van
from tests.cases._interventies import log
from tests.factories import GebruikerFactory, actor_voor, open_proces

from .helpers import API, absoluut, assert_probleem, fouten, proces_url
from .register import (
    consolideer,
    fase,
    opdrachtgever,
    optie,
    organisatie,
    speler,
    stap,
    stap_in_consolideren,
    url,
)


@dataclass(frozen=True)
class Schrijfbaar:
    """A resource with a write on its own URL: ``eerste`` and ``tweede`` each change it."""

    url: str
    methode: str
    eerste: dict[str, Any]
    tweede: dict[str, Any]


def _bestuursproces(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return Schrijfbaar(
        absoluut(proces_url(bp)), "patch", {"titel": "Havenkwartier"}, {"titel": "Haven"}
    )


def _idee(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return Schrijfbaar(
        absoluut(proces_url(bp, "/idee")), "put", {"wat": "Wonen aan het water"}, {"wat": "Werk"}
    )


def _lidmaatschap(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    gebruiker: Any = GebruikerFactory(username="lid")
    lid = services.voeg_lid_toe(
        actor=actor_voor(regisseur), bestuursproces=bp, gebruiker=gebruiker, rol="kernteam"
    )
    return Schrijfbaar(
        absoluut(proces_url(bp, f"/lidmaatschappen/{lid.uuid}")),
        "patch",
        {"rol": "evaluator"},
        {"rol": "opdrachtgever"},
    )


def _organisatie(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return Schrijfbaar(
        url(organisatie(bp, regisseur)), "patch", {"naam": "Havenwonen"}, {"naam": "Woonhaven"}
    )


def _speler(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return Schrijfbaar(
        url(speler(bp, regisseur)), "patch", {"belang": "Betaalbaar"}, {"belang": "Snel"}
    )


def _opdrachtgever(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return Schrijfbaar(
        url(opdrachtgever(bp, regisseur)), "patch", {"naam": "Wethouder"}, {"naam": "College"}
    )


def _optie(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    wyberstap = stap(bp, regisseur)
    oost = optie(wyberstap, regisseur, "Oostelijke route")
    optie(wyberstap, regisseur, "Westelijke route")
    fase(wyberstap, regisseur, "convergeren")
    return Schrijfbaar(
        absoluut(proces_url(bp, f"/wyberstappen/{wyberstap.uuid}/opties/{oost.uuid}")),
        "patch",
        {"status": "gekozen"},
        {"status": "verworpen", "reden": "Te duur"},
    )


def _instemming(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    wyberstap = stap_in_consolideren(bp, regisseur)
    partij = speler(bp, regisseur, "Havenwonen", commitment=True)
    [instemming] = consolideer(wyberstap, regisseur, [partij])
    return Schrijfbaar(
        absoluut(proces_url(bp, f"/wyberstappen/{wyberstap.uuid}/instemmingen/{instemming.uuid}")),
        "patch",
        {"status": "niet_ingestemd"},
        {"status": "ingestemd_onder_voorbehoud", "voorbehoud": "Als de raad meegaat"},
    )


def _procesontwerp(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    adres = absoluut(proces_url(bp, "/procesontwerp"))
    client = APIClient()
    client.force_authenticate(regisseur)
    eerste = client.put(adres, {"processtrategie": "Samen", "aanpak": "cyclisch"}, format="json")
    assert eerste.status_code == 201, eerste.content
    return Schrijfbaar(
        adres,
        "put",
        {"processtrategie": "Eerst de raad", "aanpak": "lineair"},
        {"processtrategie": "Eerst de buurt", "aanpak": "cyclisch"},
    )


def _interventie(bp: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    interventie = log(actor_voor(regisseur), bp)
    return Schrijfbaar(
        absoluut(proces_url(bp, f"/interventies/{interventie.uuid}")),
        "patch",
        {"titel": "Wandeling"},
        {"titel": "Fietstocht"},
    )


BOUWERS: dict[str, Callable[[Bestuursproces, Any], Schrijfbaar]] = {
    "bestuursproces": _bestuursproces,
    "idee": _idee,
    "lidmaatschap": _lidmaatschap,
    "organisatie": _organisatie,
    "speler": _speler,
    "opdrachtgever": _opdrachtgever,
    "optie": _optie,
    "instemming": _instemming,
    "procesontwerp": _procesontwerp,
    "interventie": _interventie,
}


@pytest.fixture(params=list(BOUWERS))
def bron(request: Any, bestuursproces: Bestuursproces, regisseur: Any) -> Schrijfbaar:
    return BOUWERS[request.param](bestuursproces, regisseur)


@pytest.fixture
def api(regisseur: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


def _schrijf(api: APIClient, bron: Schrijfbaar, body: dict[str, Any], **headers: str) -> Any:
    return getattr(api, bron.methode)(bron.url, body, format="json", headers=headers)


def _aantal_gebeurtenissen(bestuursproces: Bestuursproces) -> int:
    return Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count()


def test_get_geeft_een_etag_over_de_inhoud(api: APIClient, bron: Schrijfbaar) -> None:
    eerste, tweede = api.get(bron.url), api.get(bron.url)
    assert eerste.status_code == 200
    assert eerste["ETag"] == tweede["ETag"] == etag_van(eerste.json())
    assert eerste["ETag"].startswith('"')


def test_if_match_met_de_huidige_etag_schrijft(
    api: APIClient, bron: Schrijfbaar, bestuursproces: Bestuursproces
) -> None:
    etag = api.get(bron.url)["ETag"]
    voor = _aantal_gebeurtenissen(bestuursproces)

    antwoord = _schrijf(api, bron, bron.eerste, **{"If-Match": etag})

    assert antwoord.status_code == 200, antwoord.content
    assert _aantal_gebeurtenissen(bestuursproces) == voor + 1
    # The answer's ETag is that of the new version, as the next GET gives it.
    nu = api.get(bron.url)
    assert antwoord["ETag"] == nu["ETag"] != etag
    assert antwoord.json() == nu.json()


def test_verouderde_if_match_is_412_en_wijzigt_niets(
    api: APIClient, bron: Schrijfbaar, bestuursproces: Bestuursproces
) -> None:
    oud = api.get(bron.url)["ETag"]
    assert _schrijf(api, bron, bron.eerste).status_code == 200
    tussenstand = api.get(bron.url)
    voor = _aantal_gebeurtenissen(bestuursproces)

    antwoord = _schrijf(api, bron, bron.tweede, **{"If-Match": oud})

    body = assert_probleem(antwoord, 412, "versie_verouderd")
    assert "niets" in body["detail"]
    assert _aantal_gebeurtenissen(bestuursproces) == voor
    na = api.get(bron.url)
    assert (na.json(), na["ETag"]) == (tussenstand.json(), tussenstand["ETag"])


def test_zonder_if_match_zoals_altijd(api: APIClient, bron: Schrijfbaar) -> None:
    assert _schrijf(api, bron, bron.eerste).status_code == 200
    assert _schrijf(api, bron, bron.tweede).status_code == 200


@pytest.mark.parametrize(
    ("waarde", "status"),
    [
        ("*", 200),
        ('"onbekend", {huidig}', 200),
        ("W/{huidig}", 412),
        ('"onbekend"', 412),
    ],
)
def test_if_match_lijsten_ster_en_zwakke_etags(
    api: APIClient, bestuursproces: Bestuursproces, regisseur: Any, waarde: str, status: int
) -> None:
    """A list matches when one of its tags does; ``*`` matches any current version; a weak
    tag never matches (strong comparison, RFC 9110 §13.1.1)."""
    bron = _speler(bestuursproces, regisseur)
    huidig = api.get(bron.url)["ETag"]
    antwoord = _schrijf(api, bron, bron.eerste, **{"If-Match": waarde.format(huidig=huidig)})
    assert antwoord.status_code == status, antwoord.content


@pytest.mark.parametrize("waarde", ["abc", '"a" "b"', '"a",,"b"', ""])
def test_onleesbare_if_match_is_400(
    api: APIClient, bestuursproces: Bestuursproces, regisseur: Any, waarde: str
) -> None:
    bron = _speler(bestuursproces, regisseur)
    voor = _aantal_gebeurtenissen(bestuursproces)
    assert fouten(_schrijf(api, bron, bron.eerste, **{"If-Match": waarde})) == {
        "If-Match": "invalid"
    }
    assert _aantal_gebeurtenissen(bestuursproces) == voor


def test_if_match_op_wat_niet_bestaat_blijft_404(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    onbekend = proces_url(bestuursproces, "/spelers/00000000-0000-0000-0000-000000000000")
    assert_probleem(
        api.patch(onbekend, {"naam": "X"}, format="json", headers={"If-Match": "*"}), 404
    )


@pytest.mark.parametrize("waarde", ["*", '"iets"'])
def test_put_zonder_huidige_versie_met_if_match_is_412(
    api: APIClient, regisseur: Any, waarde: str
) -> None:
    """If-Match asks for a current version to replace; a first idee has none."""
    bestuursproces = open_proces(regisseur, met_idee=False)
    adres = proces_url(bestuursproces, "/idee")
    antwoord = api.put(adres, {"wat": "Iets"}, format="json", headers={"If-Match": waarde})
    assert_probleem(antwoord, 412, "versie_verouderd")
    assert api.get(adres).status_code == 404


def test_etag_is_per_lezer(
    bestuursproces: Bestuursproces, regisseur: Any, leden: dict[str, Any]
) -> None:
    """What a viewer may not see is not in their representation, nor in their ETag: a
    confidential assessment changes the regisseur's ETag of the speler, not the
    opdrachtgever's."""
    partij = speler(bestuursproces, regisseur)
    lezers = {}
    for rol in ("procesregisseur", "opdrachtgever"):
        lezers[rol] = APIClient()
        lezers[rol].force_authenticate(leden[rol])
    voor = {rol: client.get(url(partij))["ETag"] for rol, client in lezers.items()}
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=partij,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=4,
        vertrouwen=2,
        zichtbaarheid="regisseur",
    )
    na = {rol: client.get(url(partij))["ETag"] for rol, client in lezers.items()}
    assert na["procesregisseur"] != voor["procesregisseur"]
    assert na["opdrachtgever"] == voor["opdrachtgever"]


def test_elke_get_van_een_bron_heeft_een_etag(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    for adres in [
        proces_url(bestuursproces),
        proces_url(bestuursproces, "/gebeurtenissen/1"),
        proces_url(bestuursproces, "/momentopname"),
        proces_url(bestuursproces, "/krachtenveld"),
        proces_url(bestuursproces, "/spelers"),
        f"{API}/bestuursprocessen",
    ]:
        antwoord = api.get(adres)
        assert antwoord.status_code == 200, adres
        assert antwoord["ETag"] == etag_van(antwoord.json()), adres
    # Errors and writes that create something carry none.
    assert "ETag" not in api.get(proces_url(bestuursproces, "/gebeurtenissen/999"))
    nieuw = api.post(
        proces_url(bestuursproces, "/notities"),
        {"tekst": "Bellen", "zichtbaarheid": "proces"},
        format="json",
    )
    assert nieuw.status_code == 201
    assert "ETag" not in nieuw


def test_delete_met_if_match(
    api: APIClient, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    bron = _lidmaatschap(bestuursproces, regisseur)
    oud = api.get(bron.url)["ETag"]
    assert _schrijf(api, bron, bron.eerste).status_code == 200
    voor = _aantal_gebeurtenissen(bestuursproces)

    assert_probleem(api.delete(bron.url, headers={"If-Match": oud}), 412, "versie_verouderd")
    assert api.get(bron.url).status_code == 200
    assert _aantal_gebeurtenissen(bestuursproces) == voor

    huidig = api.get(bron.url)["ETag"]
    assert api.delete(bron.url, headers={"If-Match": huidig}).status_code == 204
    assert _aantal_gebeurtenissen(bestuursproces) == voor + 1
