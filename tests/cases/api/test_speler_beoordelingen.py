"""/bestuursprocessen/{uuid}/spelers/{speler}/beoordelingen: dated assessments per visibility."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import SpelerBeoordeling
from tests.factories import actor_voor

from .helpers import (
    assert_api_versie,
    assert_probleem,
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)
from .register import NIVEAUS, ROLLEN, ZIET, beoordeel_speler, speler, tijd, url

VOLLEDIG = {
    "standpunt": "tegenstander",
    "macht": "blokkademacht",
    "uniekeMacht": True,
    "invloed": 5,
    "vertrouwen": 2,
    "toelichting": "Vreest voor de bedrijvigheid op de kade",
    "zichtbaarheid": "kernteam",
}
MINIMAAL = {"standpunt": "voorstander", "macht": "geen", "invloed": 1, "vertrouwen": 5}


def test_beoordelen(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)

    response = regisseur_api.post(url(bestaand, "/beoordelingen"), VOLLEDIG, format="json")

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    beoordeling = SpelerBeoordeling.objects.get(speler=bestaand)
    body = response.json()
    assert body == {
        "uuid": str(beoordeling.uuid),
        "tijdstip": tijd(beoordeling.tijdstip),
        "auteur": "regisseur",
        "stadium": "voorstelbaar",
        "toelichting": "Vreest voor de bedrijvigheid op de kade",
        "zichtbaarheid": "kernteam",
        "standpunt": "tegenstander",
        "macht": "blokkademacht",
        "uniekeMacht": True,
        "invloed": 5,
        "vertrouwen": 2,
    }
    assert "Location" not in response  # an assessment has no URL of its own
    assert regisseur_api.get(url(bestaand)).json()["huidigeBeoordeling"] == body
    assert regisseur_api.get(url(bestaand, "/beoordelingen")).json()["results"] == [body]
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "speler.beoordeeld"
    assert gebeurtenis.toelichting == "Vreest voor de bedrijvigheid op de kade"
    assert gebeurtenis.payload == {
        "speler": str(bestaand.uuid),
        "zichtbaarheid": "kernteam",
        "beoordeling": {
            "uuid": str(beoordeling.uuid),
            "tijdstip": beoordeling.tijdstip.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "auteur": "regisseur",
            "stadium": "voorstelbaar",
            "toelichting": "Vreest voor de bedrijvigheid op de kade",
            "zichtbaarheid": "kernteam",
            "standpunt": "tegenstander",
            "macht": "blokkademacht",
            "uniekeMacht": True,
            "invloed": 5,
            "vertrouwen": 2,
        },
    }


def test_standaarden_en_toelichting_uit_de_header(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)

    body = regisseur_api.post(
        url(bestaand, "/beoordelingen"),
        MINIMAAL,
        format="json",
        headers={"X-Audit-Toelichting": "Na het keukentafelgesprek"},
    ).json()

    assert (body["uniekeMacht"], body["zichtbaarheid"], body["toelichting"]) == (
        False,
        "proces",
        "Na het keukentafelgesprek",
    )
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert "zichtbaarheid" not in gebeurtenis.payload  # proces: every member reads the event
    assert gebeurtenis.toelichting == "Na het keukentafelgesprek"


def test_stadium_van_het_moment(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    regisseur_api.post(url(bestaand, "/beoordelingen"), MINIMAAL, format="json")
    services.wijzig_stadium(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="x",
        forceren=True,
    )
    regisseur_api.post(url(bestaand, "/beoordelingen"), VOLLEDIG, format="json")

    body = regisseur_api.get(url(bestaand, "/beoordelingen")).json()

    assert [b["stadium"] for b in body["results"]] == ["voorstelbaar", "houdbaar"]


def test_oudste_eerst_de_laatste_geldt(bestuursproces, regisseur, leden, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    anders = speler(bestuursproces, regisseur, "Ander")
    for n, standpunt in enumerate(["onbekend", "afwachtend", "voorstander"]):
        beoordeel_speler(bestaand, leden["kernteam"] if n == 1 else regisseur, standpunt=standpunt)
    beoordeel_speler(anders, regisseur, standpunt="tegenstander")

    body = regisseur_api.get(url(bestaand, "/beoordelingen")).json()

    assert [(b["standpunt"], b["auteur"]) for b in body["results"]] == [
        ("onbekend", "regisseur"),
        ("afwachtend", leden["kernteam"].username),
        ("voorstander", "regisseur"),
    ]
    assert regisseur_api.get(url(bestaand)).json()["huidigeBeoordeling"] == body["results"][-1]


def test_paginering(bestuursproces, regisseur, regisseur_api):
    bestaand = speler(bestuursproces, regisseur)
    for invloed in range(1, 6):
        beoordeel_speler(bestaand, regisseur, invloed=invloed)
    lijst = url(bestaand, "/beoordelingen")

    response = regisseur_api.get(lijst, {"pageSize": 2, "page": 2})

    body = response.json()
    assert body["count"] == 5
    assert [b["invloed"] for b in body["results"]] == [3, 4]
    assert link_header(response)["last"] == f"{lijst}?page=3&pageSize=2"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        (
            {},
            {
                "standpunt": "required",
                "macht": "required",
                "invloed": "required",
                "vertrouwen": "required",
            },
        ),
        ({**MINIMAAL, "standpunt": "voor"}, {"standpunt": "invalid_choice"}),
        ({**MINIMAAL, "macht": "veel"}, {"macht": "invalid_choice"}),
        ({**MINIMAAL, "invloed": 0}, {"invloed": "min_value"}),
        ({**MINIMAAL, "invloed": 6}, {"invloed": "max_value"}),
        ({**MINIMAAL, "vertrouwen": -1}, {"vertrouwen": "min_value"}),
        ({**MINIMAAL, "vertrouwen": 10}, {"vertrouwen": "max_value"}),
        ({**MINIMAAL, "invloed": 2.5}, {"invloed": "invalid"}),
        ({**MINIMAAL, "vertrouwen": "veel"}, {"vertrouwen": "invalid"}),
        ({**MINIMAAL, "zichtbaarheid": "geheim"}, {"zichtbaarheid": "invalid_choice"}),
        ({**MINIMAAL, "unieke_macht": True}, {"unieke_macht": "unknown"}),
        ({**MINIMAAL, "auteur": "iemand"}, {"auteur": "unknown"}),
        ({**MINIMAAL, "stadium": "houdbaar"}, {"stadium": "unknown"}),
        ({**MINIMAAL, "betrokkenheid": "aangehaakt"}, {"betrokkenheid": "unknown"}),
    ],
)
def test_beoordelen_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    bestaand = speler(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(url(bestaand, "/beoordelingen"), payload, format="json")) == (
        verwacht
    )
    assert not SpelerBeoordeling.objects.filter(speler=bestaand).exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("rol", "niveau", "status"),
    [
        ("kernteam", "proces", 201),
        ("kernteam", "kernteam", 201),
        ("kernteam", "regisseur", 400),
        ("procesregisseur", "regisseur", 201),
    ],
)
def test_niemand_schrijft_boven_zijn_eigen_niveau(
    bestuursproces, leden, regisseur, rol, niveau, status
):
    bestaand = speler(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = client_voor(leden[rol]).post(
        url(bestaand, "/beoordelingen"), {**MINIMAAL, "zichtbaarheid": niveau}, format="json"
    )

    if status == 400:
        assert fouten(response) == {"zichtbaarheid": "niet_toegestaan"}
        assert len(gebeurtenissen_van(bestuursproces)) == aantal
    else:
        assert response.status_code == status
        assert response.json()["auteur"] == leden[rol].username


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_beoordelen_niet(bestuursproces, leden, regisseur, rol):
    bestaand = speler(bestuursproces, regisseur)

    response = client_voor(leden[rol]).post(
        url(bestaand, "/beoordelingen"), MINIMAAL, format="json"
    )

    assert_probleem(response, 403, "permission_denied")
    assert not SpelerBeoordeling.objects.exists()


# --- visibility ----------------------------------------------------------------------------


def geheim(niveau: str) -> str:
    return f"kanarie-{niveau}-7f3a"


@pytest.fixture
def per_niveau(bestuursproces: Any, regisseur: Any, leden: Any) -> Any:
    """A speler assessed openly first (afwachtend), then at ``niveau`` (tegenstander)."""

    def bouw(niveau: str) -> Any:
        bestaand = speler(bestuursproces, regisseur, "Havenbedrijf")
        beoordeel_speler(bestaand, regisseur, standpunt="afwachtend", toelichting="Open")
        beoordeel_speler(
            bestaand,
            regisseur,
            standpunt="tegenstander",
            macht="blokkademacht",
            invloed=5,
            zichtbaarheid=niveau,
            toelichting=geheim(niveau),
        )
        return bestaand

    return bouw


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("niveau", NIVEAUS)
def test_beoordeling_alleen_voor_wie_haar_mag_zien(bestuursproces, leden, per_niveau, niveau, rol):
    bestaand = per_niveau(niveau)
    client = client_voor(leden[rol])
    mag = rol in ZIET[niveau]

    lijst = client.get(url(bestaand, "/beoordelingen")).json()
    detail = client.get(url(bestaand)).json()
    spelers = client.get(proces_url(bestuursproces, "/spelers")).json()
    krachtenveld = client.get(proces_url(bestuursproces, "/krachtenveld")).json()
    verschuivingen = client.get(proces_url(bestuursproces, "/krachtenveld/verschuivingen")).json()

    assert [b["toelichting"] for b in lijst["results"]] == (
        ["Open", geheim(niveau)] if mag else ["Open"]
    )
    huidig = detail["huidigeBeoordeling"]
    assert (huidig["standpunt"], huidig["toelichting"]) == (
        ("tegenstander", geheim(niveau)) if mag else ("afwachtend", "Open")
    )
    assert spelers["results"][0]["huidigeBeoordeling"] == huidig
    assert [(g["standpunt"], g["macht"]) for g in krachtenveld["groepen"]] == [
        ("tegenstander", "blokkademacht") if mag else ("afwachtend", "productiemacht")
    ]
    assert [(v["van"], v["naar"]) for v in verschuivingen["results"]] == (
        [(None, "afwachtend"), ("afwachtend", "tegenstander")] if mag else [(None, "afwachtend")]
    )
    # The canary (the assessment's toelichting) is found exactly where it may be; the
    # krachtenveld carries no toelichtingen, only the grouping asserted above.
    for body in (lijst, detail, spelers, verschuivingen):
        assert (geheim(niveau) in str(body)) is mag


@pytest.mark.parametrize("rol", ROLLEN)
def test_zonder_zichtbare_beoordeling_is_er_geen_huidige(bestuursproces, leden, regisseur, rol):
    bestaand = speler(bestuursproces, regisseur)
    beoordeel_speler(bestaand, regisseur, zichtbaarheid="regisseur")

    detail = client_voor(leden[rol]).get(url(bestaand)).json()
    krachtenveld = client_voor(leden[rol]).get(proces_url(bestuursproces, "/krachtenveld")).json()

    if rol == "procesregisseur":
        assert detail["huidigeBeoordeling"]["zichtbaarheid"] == "regisseur"
        assert krachtenveld["nietBeoordeeld"] == []
    else:
        assert detail["huidigeBeoordeling"] is None
        assert [p["naam"] for p in krachtenveld["nietBeoordeeld"]] == ["Wethouder Wonen"]
        assert krachtenveld["groepen"] == []
