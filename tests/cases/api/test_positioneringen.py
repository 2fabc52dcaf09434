"""GET/POST .../positioneringen, GET .../positioneringen/{uuid} and .../positioneringen/huidig."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Positionering, WyberStap
from tests.factories import actor_voor, open_proces

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)
from .register import LEZERS, NIVEAUS, ROLLEN, ZIET

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

VELDEN = {
    "url",
    "uuid",
    "veld",
    "veldNaam",
    "positie",
    "positieNaam",
    "omschrijving",
    "sinds",
    "wyberstap",
    "toelichting",
    "zichtbaarheid",
    "auteur",
    "vastgelegdOp",
}
OPENING = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/positioneringen")


def detail_url(proces: Bestuursproces, positionering: Positionering | str) -> str:
    sleutel = positionering if isinstance(positionering, str) else positionering.uuid
    return proces_url(proces, f"/positioneringen/{sleutel}")


def stap_url(stap: WyberStap) -> str:
    return absoluut(proces_url(stap.bestuursproces, f"/wyberstappen/{stap.uuid}"))


def kies(proces: Bestuursproces, regisseur: Any, **velden: Any) -> Positionering:
    gegevens: dict[str, Any] = {"veld": "opdrachtgevende", "positie": "adviserende_rol"} | velden
    return services.kies_positionering(
        actor=actor_voor(regisseur), bestuursproces=proces, **gegevens
    )


@pytest.fixture
def stap(bestuursproces: Bestuursproces, regisseur: Any) -> WyberStap:
    return services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, doel="Kiezen waar de kade komt"
    )


# --- choosing -----------------------------------------------------------------------------------


def test_regisseur_kiest_een_positionering(bestuursproces, regisseur_api, stap):
    vandaag = timezone.localdate().isoformat()
    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {
            "veld": "opdrachtgevende",
            "positie": "adviserende_rol",
            "omschrijving": "Richting geven aan de stuurgroep",
            "sinds": vandaag,
            "wyberstap": stap_url(stap),
            "toelichting": "De stuurgroep is zwak",
            "zichtbaarheid": "proces",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == VELDEN
    positionering = Positionering.objects.get(bestuursproces=bestuursproces)
    assert (
        response["Location"] == body["url"] == absoluut(detail_url(bestuursproces, positionering))
    )
    assert body == {
        "url": body["url"],
        "uuid": str(positionering.uuid),
        "veld": "opdrachtgevende",
        "veldNaam": "Opdrachtgevende veld",
        "positie": "adviserende_rol",
        "positieNaam": "Adviserende rol",
        "omschrijving": "Richting geven aan de stuurgroep",
        "sinds": vandaag,
        "wyberstap": stap_url(stap),
        "toelichting": "De stuurgroep is zwak",
        "zichtbaarheid": "proces",
        "auteur": "regisseur",
        "vastgelegdOp": body["vastgelegdOp"],
    }
    assert regisseur_api.get(response["Location"]).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "positionering.gekozen"
    assert gebeurtenis.toelichting == "De stuurgroep is zwak"
    assert gebeurtenis.payload["positionering"]["wyberstap"] == str(stap.uuid)


def test_standaard_vandaag_op_kernteamniveau_met_toelichting_uit_de_header(
    bestuursproces, regisseur_api
):
    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {"veld": "verbindende", "positie": "faciliteren"},
        format="json",
        headers={"X-Audit-Toelichting": "Even loslaten"},
    )

    body = response.json()
    assert response.status_code == 201, body
    assert (body["sinds"], body["zichtbaarheid"], body["wyberstap"], body["toelichting"]) == (
        timezone.localdate().isoformat(),
        "kernteam",
        None,
        "Even loslaten",
    )
    assert laatste_gebeurtenis(bestuursproces).toelichting == "Even loslaten"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"veld": "required", "positie": "required"}),
        ({"veld": "ontwerpende", "positie": "sturen"}, {"veld": "invalid_choice"}),
        ({"veld": "opdrachtgevende", "positie": "sturen"}, {"positie": "invalid_choice"}),
        ({"veld": "interne", "positie": "sturen"}, {"omschrijving": "required"}),
        ({"veld": "verbindende", "positie": "sturen", "sinds": "morgen"}, {"sinds": "invalid"}),
        ({"veld": "verbindende", "positie": "sturen", "kleur": "rood"}, {"kleur": "unknown"}),
        (
            {"veld": "verbindende", "positie": "sturen", "omschrijving": 5},
            {"omschrijving": "invalid"},
        ),
        (
            {"veld": "verbindende", "positie": "sturen", "zichtbaarheid": "geheim"},
            {"zichtbaarheid": "invalid_choice"},
        ),
        ({"veld": "verbindende", "positie": "sturen", "auteur": "kees"}, {"auteur": "unknown"}),
        (
            {"veld": "verbindende", "positie": "sturen", "wyberstap": "stap"},
            {"wyberstap": "invalid"},
        ),
    ],
)
def test_ongeldige_keuze(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(lijst_url(bestuursproces), payload, format="json")) == verwacht
    assert not Positionering.objects.exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_de_melding_noemt_de_keuzes_van_het_veld(bestuursproces, regisseur_api):
    response = regisseur_api.post(
        lijst_url(bestuursproces), {"veld": "opdrachtgevende", "positie": "sturen"}, format="json"
    )

    [param] = assert_probleem(response, 400)["invalidParams"]
    assert param == {
        "name": "positie",
        "code": "invalid_choice",
        "reason": "In het opdrachtgevende veld kies je uit: secretarisrol, adviserende rol, "
        "beslissende rol.",
    }


def test_sinds_in_de_toekomst_is_400(bestuursproces, regisseur_api):
    morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {"veld": "verbindende", "positie": "sturen", "sinds": morgen},
        format="json",
    )
    assert fouten(response) == {"sinds": "invalid"}


def test_wyberstap_van_een_ander_proces(bestuursproces, regisseur, regisseur_api):
    ander = open_proces(regisseur, titel="Ander")
    elders = services.start_wyberstap(actor=actor_voor(regisseur), bestuursproces=ander, doel="X")

    response = regisseur_api.post(
        lijst_url(bestuursproces),
        {"veld": "verbindende", "positie": "sturen", "wyberstap": stap_url(elders)},
        format="json",
    )

    assert fouten(response) == {"wyberstap": "does_not_exist"}
    assert not Positionering.objects.exists()


@pytest.mark.parametrize("rol", ["kernteam", *LEZERS])
def test_alleen_de_regisseur_kiest(bestuursproces, leden, rol):
    response = client_voor(leden[rol]).post(
        lijst_url(bestuursproces), {"veld": "verbindende", "positie": "sturen"}, format="json"
    )

    body = assert_probleem(response, 403, "permission_denied")
    assert body["detail"] == (
        "Alleen de procesregisseur kiest een positionering: het is zijn of haar eigen positie."
    )
    assert not Positionering.objects.exists()


def test_afgerond_proces_is_409(bestuursproces, regisseur, regisseur_api):
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )
    response = regisseur_api.post(
        lijst_url(bestuursproces), {"veld": "verbindende", "positie": "sturen"}, format="json"
    )
    assert_probleem(response, 409, "proces-afgerond")


@pytest.mark.parametrize(
    ("methode", "suffix"),
    [
        ("get", ""),
        ("post", ""),
        ("get", "/huidig"),
        ("get", "/00000000-0000-4000-8000-000000000000"),
    ],
)
def test_buitenstaander_krijgt_404(bestuursproces, leden, methode, suffix):
    client = client_voor(leden["buitenstaander"])
    response = getattr(client, methode)(
        lijst_url(bestuursproces) + suffix,
        {"veld": "verbindende", "positie": "sturen"},
        format="json",
    )
    assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize("suffix", ["", "/huidig"])
def test_zonder_authenticatie_401(bestuursproces, api, suffix):
    assert_probleem(api.get(lijst_url(bestuursproces) + suffix), 401, "not_authenticated")


# --- reading ------------------------------------------------------------------------------------


@pytest.fixture
def op_elk_niveau(bestuursproces, regisseur) -> dict[str, Positionering]:
    """One positionering per visibility level, in the verbindende veld, oldest first."""
    return {
        niveau: kies(
            bestuursproces, regisseur, veld="verbindende", positie=positie, zichtbaarheid=niveau
        )
        for niveau, positie in zip(NIVEAUS, ["faciliteren", "sturen", "observeren"], strict=True)
    }


@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_ziet_wat_zijn_rol_mag_zien(bestuursproces, leden, op_elk_niveau, rol):
    client = client_voor(leden[rol])

    body = client.get(lijst_url(bestuursproces)).json()

    zichtbaar = [niveau for niveau in NIVEAUS if rol in ZIET[niveau]]
    assert body["count"] == len(zichtbaar)
    assert [p["zichtbaarheid"] for p in body["results"]] == zichtbaar
    assert all(set(p) == VELDEN for p in body["results"])
    for niveau, positionering in op_elk_niveau.items():
        response = client.get(detail_url(bestuursproces, positionering))
        if rol in ZIET[niveau]:
            assert response.status_code == 200
            assert response.json()["uuid"] == str(positionering.uuid)
        else:
            assert_probleem(response, 404, "not_found")
    huidig = {
        r["veld"]: r["positionering"]
        for r in client.get(lijst_url(bestuursproces) + "/huidig").json()
    }
    assert huidig["verbindende"]["zichtbaarheid"] == zichtbaar[-1]


def test_onbekende_positionering_is_404(bestuursproces, regisseur_api):
    body = assert_probleem(regisseur_api.get(detail_url(bestuursproces, str(uuid.uuid4()))), 404)
    assert body["detail"] == "Deze positionering bestaat niet in dit bestuursproces."


def test_filters(regisseur, regisseur_api):
    proces = open_proces(regisseur, tijdstip=OPENING)
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(actor=actor, bestuursproces=proces, doel="Kade")
    kies(proces, regisseur, positie="secretarisrol", sinds=dt.date(2025, 3, 1), wyberstap=stap)
    kies(proces, regisseur, veld="uitvoerende", positie="stand_by", sinds=dt.date(2025, 4, 1))
    kies(proces, regisseur, positie="beslissende_rol", sinds=dt.date(2025, 5, 1))

    def posities(**query: str) -> list[str]:
        response = regisseur_api.get(lijst_url(proces), query)
        assert response.status_code == 200, response.content
        return [p["positie"] for p in response.json()["results"]]

    assert posities() == ["secretarisrol", "stand_by", "beslissende_rol"]
    assert posities(veld="opdrachtgevende") == ["secretarisrol", "beslissende_rol"]
    assert posities(positie="stand_by") == ["stand_by"]
    assert posities(wyberstap=stap_url(stap)) == ["secretarisrol"]
    assert posities(wyberstap=str(stap.uuid)) == ["secretarisrol"]
    assert posities(van="2025-04-01") == ["stand_by", "beslissende_rol"]
    assert posities(tot="2025-04-01") == ["secretarisrol", "stand_by"]
    assert posities(van="2025-03-02", tot="2025-04-30") == ["stand_by"]


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"veld": "ontwerpende"}, {"veld": "invalid_choice"}),
        ({"van": "gisteren"}, {"van": "invalid"}),
        ({"wyberstap": "stap-1"}, {"wyberstap": "invalid"}),
    ],
)
def test_ongeldige_filters(bestuursproces, regisseur_api, query, verwacht):
    assert fouten(regisseur_api.get(lijst_url(bestuursproces), query)) == verwacht


def test_wyberstap_filter_van_een_ander_proces(bestuursproces, regisseur, regisseur_api):
    ander = open_proces(regisseur, titel="Ander")
    elders = services.start_wyberstap(actor=actor_voor(regisseur), bestuursproces=ander, doel="X")
    response = regisseur_api.get(lijst_url(bestuursproces), {"wyberstap": stap_url(elders)})
    assert fouten(response) == {"wyberstap": "does_not_exist"}


# --- huidig ---------------------------------------------------------------------------------


def test_huidige_positionering_per_veld(regisseur, regisseur_api):
    proces = open_proces(regisseur, tijdstip=OPENING)
    moment = [OPENING + dt.timedelta(days=dag) for dag in range(1, 4)]
    eerste = kies(proces, regisseur, positie="secretarisrol", tijdstip=moment[0])
    kies(
        proces,
        regisseur,
        veld="interne",
        positie="sturen",
        omschrijving="Intern",
        tijdstip=moment[1],
    )
    tweede = kies(proces, regisseur, positie="beslissende_rol", tijdstip=moment[2])
    url = lijst_url(proces) + "/huidig"

    response = regisseur_api.get(url)

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert [(r["veld"], r["veldNaam"]) for r in body] == [
        ("opdrachtgevende", "Opdrachtgevende veld"),
        ("verbindende", "Verbindende veld"),
        ("uitvoerende", "Uitvoerende veld"),
        ("interne", "Interne veld"),
    ]
    assert body[0]["positionering"] == regisseur_api.get(detail_url(proces, tweede)).json()
    assert (body[1]["positionering"], body[2]["positionering"]) == (None, None)
    assert body[3]["positionering"]["positie"] == "sturen"
    # At a past moment: what the file said then.
    toen = regisseur_api.get(url, {"tijdstip": (moment[0] + dt.timedelta(hours=1)).isoformat()})
    assert toen.status_code == 200, toen.content
    assert toen.json()[0]["positionering"]["uuid"] == str(eerste.uuid)
    assert toen.json()[3]["positionering"] is None
    # Without a zone it is Dutch time: 10:00 in Amsterdam is 09:00 UTC, the first choice.
    assert regisseur_api.get(url, {"tijdstip": "2025-03-02T10:00:00"}).json()[0]["positionering"][
        "uuid"
    ] == str(eerste.uuid)
    assert all(
        r["positionering"] is None
        for r in regisseur_api.get(url, {"tijdstip": "2025-03-01T11:00:00+01:00"}).json()
    )


def test_huidig_met_ongeldig_tijdstip(bestuursproces, regisseur_api):
    response = regisseur_api.get(lijst_url(bestuursproces) + "/huidig", {"tijdstip": "gisteren"})
    assert fouten(response) == {"tijdstip": "invalid"}


@pytest.mark.parametrize(
    ("methode", "suffix", "toegestaan"),
    [
        ("put", "", {"GET", "POST", "HEAD", "OPTIONS"}),
        ("post", "/huidig", {"GET", "HEAD", "OPTIONS"}),
        ("patch", "/{uuid}", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/{uuid}", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_methode_niet_toegestaan(
    bestuursproces, regisseur, regisseur_api, methode, suffix, toegestaan
):
    positionering = kies(bestuursproces, regisseur)
    url = lijst_url(bestuursproces) + suffix.replace("{uuid}", str(positionering.uuid))

    response = getattr(regisseur_api, methode)(url, {"positie": "sturen"}, format="json")

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == toegestaan
    assert Positionering.objects.get().positie == "adviserende_rol"
