"""/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}/beoordelingen: the regisseur's dated
reading of an opdrachtgever, regisseur-only unless opened up."""

from __future__ import annotations

import pytest

from cases.models import (
    Bestuursproces,
    OpdrachtgeverBeoordeling,
)

from .helpers import (
    client_voor,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)
from .register import (
    NIVEAUS,
    ROLLEN,
    ZIET,
    beoordeel_opdrachtgever,
    opdrachtgever,
    tijd,
    url,
)

BEOORDELING = {
    "mandaat": "Verkennen, niet besluiten",
    "stevigheid": 4,
    "steun": "afwachtend",
    "onderlingVertrouwen": 2,
    "openRekeningen": "Het stranden van het vorige havenplan",
    "implicieteOpdracht": "Geen gedoe met de raad voor de verkiezingen",
    "toelichting": "Na het eerste gesprek",
}
MINIMAAL = {"stevigheid": 3, "steun": "voorstander", "onderlingVertrouwen": 3}


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/opdrachtgevers")


def test_beoordelen_standaard_alleen_voor_de_regisseur(bestuursproces, regisseur, regisseur_api):
    bestaand = opdrachtgever(bestuursproces, regisseur)

    response = regisseur_api.post(url(bestaand, "/beoordelingen"), BEOORDELING, format="json")

    assert response.status_code == 201, response.content
    beoordeling = OpdrachtgeverBeoordeling.objects.get(opdrachtgever=bestaand)
    body = response.json()
    assert body == {
        "uuid": str(beoordeling.uuid),
        "tijdstip": tijd(beoordeling.tijdstip),
        "auteur": "regisseur",
        "stadium": "voorstelbaar",
        "toelichting": "Na het eerste gesprek",
        "zichtbaarheid": "regisseur",
        "mandaat": "Verkennen, niet besluiten",
        "stevigheid": 4,
        "steun": "afwachtend",
        "onderlingVertrouwen": 2,
        "openRekeningen": "Het stranden van het vorige havenplan",
        "implicieteOpdracht": "Geen gedoe met de raad voor de verkiezingen",
    }
    assert regisseur_api.get(url(bestaand)).json()["huidigeBeoordeling"] == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "opdrachtgever.beoordeeld"
    assert gebeurtenis.toelichting == "Na het eerste gesprek"
    assert gebeurtenis.payload == {
        "opdrachtgever": str(bestaand.uuid),
        "zichtbaarheid": "regisseur",
        "beoordeling": {
            **{k: v for k, v in body.items() if k != "tijdstip"},
            "tijdstip": beoordeling.tijdstip.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        },
    }


def test_kernteam_kiest_een_niveau_dat_het_zelf_mag_zien(bestuursproces, leden, regisseur):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    client = client_voor(leden["kernteam"])
    beoordelingen = url(bestaand, "/beoordelingen")

    standaard = client.post(beoordelingen, MINIMAAL, format="json")
    kernteam = client.post(beoordelingen, {**MINIMAAL, "zichtbaarheid": "kernteam"}, format="json")

    assert fouten(standaard) == {"zichtbaarheid": "niet_toegestaan"}
    assert kernteam.status_code == 201
    assert kernteam.json()["zichtbaarheid"] == "kernteam"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        (
            {},
            {"stevigheid": "required", "steun": "required", "onderlingVertrouwen": "required"},
        ),
        ({**MINIMAAL, "stevigheid": 0}, {"stevigheid": "min_value"}),
        ({**MINIMAAL, "stevigheid": 6}, {"stevigheid": "max_value"}),
        ({**MINIMAAL, "onderlingVertrouwen": 9}, {"onderlingVertrouwen": "max_value"}),
        ({**MINIMAAL, "steun": "groot"}, {"steun": "invalid_choice"}),
        ({**MINIMAAL, "zichtbaarheid": "iedereen"}, {"zichtbaarheid": "invalid_choice"}),
        ({**MINIMAAL, "onderling_vertrouwen": 3}, {"onderling_vertrouwen": "unknown"}),
    ],
)
def test_beoordelen_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.post(url(bestaand, "/beoordelingen"), payload, format="json")

    assert fouten(response) == verwacht
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("niveau", NIVEAUS)
def test_beoordeling_alleen_voor_wie_haar_mag_zien(bestuursproces, leden, regisseur, niveau, rol):
    bestaand = opdrachtgever(bestuursproces, regisseur)
    beoordeel_opdrachtgever(bestaand, regisseur, steun="voorstander", zichtbaarheid="proces")
    geheim = f"kanarie-opdrachtgever-{niveau}"
    beoordeel_opdrachtgever(
        bestaand, regisseur, steun="tegenstander", zichtbaarheid=niveau, impliciete_opdracht=geheim
    )
    client = client_voor(leden[rol])
    mag = rol in ZIET[niveau]

    lijst = client.get(url(bestaand, "/beoordelingen")).json()
    detail = client.get(url(bestaand)).json()
    opdrachtgevers = client.get(lijst_url(bestuursproces)).json()
    krachtenveld = client.get(proces_url(bestuursproces, "/krachtenveld")).json()

    assert [b["steun"] for b in lijst["results"]] == (
        ["voorstander", "tegenstander"] if mag else ["voorstander"]
    )
    assert detail["huidigeBeoordeling"]["steun"] == ("tegenstander" if mag else "voorstander")
    assert opdrachtgevers["results"][0]["huidigeBeoordeling"] == detail["huidigeBeoordeling"]
    assert [g["standpunt"] for g in krachtenveld["groepen"]] == [
        "tegenstander" if mag else "voorstander"
    ]
    for body in (lijst, detail, opdrachtgevers):
        assert (geheim in str(body)) is mag
