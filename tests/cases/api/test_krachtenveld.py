"""GET .../krachtenveld?tijdstip= and GET .../krachtenveld/verschuivingen?van=&tot=."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces
from tests.factories import GebruikerFactory, actor_voor, open_proces, voeg_leden_toe

from .helpers import T, assert_api_versie, assert_probleem, client_voor, fouten, proces_url
from .register import (
    ROLLEN,
    beoordeel_opdrachtgever,
    beoordeel_speler,
    opdrachtgever,
    speler,
    tijd,
    url,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

SECONDE = dt.timedelta(seconds=1)


@pytest.fixture
def veld(regisseur: Any) -> dict[str, Any]:
    """A case whose krachtenveld shifts over T[1]..T[3]; its members join afterwards.

    T[0] opened, with spelers Havenbedrijf and Bewoners Kade and opdrachtgever Wethouder.
    T[1] first assessments: Havenbedrijf afwachtend, Bewoners voorstander, Wethouder voorstander.
    T[2] Havenbedrijf tegenstander; Bewoners sluiten aan.
    T[3] Havenbedrijf voorstander (productiemacht); Bewoners haken af; and, for the regisseur
         only, Wethouder tegenstander.
    """
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur, titel="Krachtenveld", tijdstip=T[0])
    haven = speler(proces, regisseur, "Havenbedrijf", soort="groep", tijdstip=T[0])
    bewoners = speler(
        proces, regisseur, "Bewoners Kade", soort="groep", veld="uitvoerende", tijdstip=T[0]
    )
    wethouder = opdrachtgever(proces, regisseur, "Wethouder", tijdstip=T[0])
    beoordeel_speler(
        haven, regisseur, standpunt="afwachtend", macht="blokkademacht", invloed=4,
        unieke_macht=True, toelichting="Wacht af", tijdstip=T[1],
    )  # fmt: skip
    beoordeel_speler(
        bewoners, regisseur, standpunt="voorstander", macht="diffuse_macht", invloed=2,
        toelichting="Willen groen", tijdstip=T[1],
    )  # fmt: skip
    beoordeel_opdrachtgever(wethouder, regisseur, zichtbaarheid="proces", tijdstip=T[1])
    beoordeel_speler(
        haven, regisseur, standpunt="tegenstander", macht="blokkademacht", invloed=5,
        unieke_macht=True, toelichting="Vreest voor de kades", tijdstip=T[2],
    )  # fmt: skip
    services.wijzig_betrokkenheid(
        actor=actor, partij=bewoners, actie="aansluiten", reden="Doen mee in de werkgroep",
        tijdstip=T[2],
    )  # fmt: skip
    beoordeel_speler(
        haven, regisseur, standpunt="voorstander", macht="productiemacht", invloed=5,
        toelichting="Na de compensatieregeling", tijdstip=T[3],
    )  # fmt: skip
    services.wijzig_betrokkenheid(
        actor=actor, partij=bewoners, actie="afhaken", reden="Voelen zich niet gehoord",
        tijdstip=T[3],
    )  # fmt: skip
    beoordeel_opdrachtgever(
        wethouder, regisseur, steun="tegenstander", stevigheid=2, zichtbaarheid="regisseur",
        toelichting="kanarie-regisseur", tijdstip=T[3],
    )  # fmt: skip
    leden = voeg_leden_toe(proces, regisseur)
    return {
        "proces": proces,
        "haven": haven,
        "bewoners": bewoners,
        "wethouder": wethouder,
        "leden": leden,
    }


def krachtenveld(
    client: Any, proces: Bestuursproces, tijdstip: dt.datetime | str | None = None
) -> Any:
    query = {}
    if tijdstip is not None:
        query["tijdstip"] = tijdstip if isinstance(tijdstip, str) else tijdstip.isoformat()
    return client.get(proces_url(proces, "/krachtenveld"), query)


def partij(obj: Any, **velden: Any) -> dict[str, Any]:
    is_speler = hasattr(obj, "veld")
    gegevens = {
        "soort": "speler" if is_speler else "opdrachtgever",
        "uuid": str(obj.uuid),
        "url": url(obj),
        "naam": obj.naam,
        "veld": obj.veld if is_speler else "opdrachtgevende",
        "betrokkenheid": "nog_te_betrekken",
        "invloed": None,
        "uniekeMacht": None,
        "beoordeeldOp": None,
    }
    return gegevens | velden


def test_krachtenveld_nu(veld, regisseur_api):
    voor = dt.datetime.now(dt.UTC)

    response = krachtenveld(regisseur_api, veld["proces"])

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert dt.datetime.fromisoformat(body.pop("tijdstip")) >= voor - SECONDE
    assert body == {
        # 6 at T[0] (opened, regisseur, idee, 3 registered), 3 at T[1], 2 at T[2], 3 at T[3],
        # then 3 members.
        "volgnummer": 17,
        "groepen": [
            {
                "standpunt": "voorstander",
                "macht": "productiemacht",
                "partijen": [
                    partij(veld["haven"], invloed=5, uniekeMacht=False, beoordeeldOp=tijd(T[3]))
                ],
            },
            {
                "standpunt": "voorstander",
                "macht": "diffuse_macht",
                "partijen": [
                    partij(
                        veld["bewoners"],
                        betrokkenheid="afgehaakt",
                        invloed=2,
                        uniekeMacht=False,
                        beoordeeldOp=tijd(T[1]),
                    )
                ],
            },
            {
                "standpunt": "tegenstander",
                "macht": "doorzettingsmacht",
                "partijen": [partij(veld["wethouder"], invloed=2, beoordeeldOp=tijd(T[3]))],
            },
        ],
        "nietBeoordeeld": [],
    }


@pytest.mark.parametrize(
    ("moment", "haven", "bewoners"),
    [
        (T[0], None, "nog_te_betrekken"),
        (T[1] - SECONDE, None, "nog_te_betrekken"),
        (T[1], ("afwachtend", "blokkademacht", 4, T[1]), "nog_te_betrekken"),
        (T[2] - SECONDE, ("afwachtend", "blokkademacht", 4, T[1]), "nog_te_betrekken"),
        (T[2], ("tegenstander", "blokkademacht", 5, T[2]), "aangehaakt"),
        (T[3] - SECONDE, ("tegenstander", "blokkademacht", 5, T[2]), "aangehaakt"),
        (T[3], ("voorstander", "productiemacht", 5, T[3]), "afgehaakt"),
    ],
)
def test_krachtenveld_op_een_eerder_moment(veld, regisseur_api, moment, haven, bewoners):
    body = krachtenveld(regisseur_api, veld["proces"], moment).json()

    assert dt.datetime.fromisoformat(body["tijdstip"]) == moment
    plaatsen = {
        p["naam"]: (g["standpunt"], g["macht"], p["invloed"], p["beoordeeldOp"], p["betrokkenheid"])
        for g in body["groepen"]
        for p in g["partijen"]
    }
    niet = {p["naam"]: p["betrokkenheid"] for p in body["nietBeoordeeld"]}
    if haven is None:
        assert plaatsen == {}
        assert niet == {
            "Havenbedrijf": "nog_te_betrekken",
            "Bewoners Kade": bewoners,
            "Wethouder": "nog_te_betrekken",
        }
    else:
        standpunt, macht, invloed, op = haven
        assert plaatsen["Havenbedrijf"] == (standpunt, macht, invloed, tijd(op), "nog_te_betrekken")
        assert plaatsen["Bewoners Kade"][-1] == bewoners
        assert niet == {}


@pytest.mark.parametrize("rol", ROLLEN)
def test_krachtenveld_per_rol(veld, rol):
    client = client_voor(veld["leden"][rol])

    body = krachtenveld(client, veld["proces"]).json()

    wethouder = [
        (g["standpunt"], p["invloed"])
        for g in body["groepen"]
        for p in g["partijen"]
        if p["naam"] == "Wethouder"
    ]
    assert wethouder == (
        [("tegenstander", 2)] if rol == "procesregisseur" else [("voorstander", 4)]
    )


@pytest.mark.parametrize("moment", [T[0] - SECONDE, dt.datetime(1990, 1, 1, tzinfo=dt.UTC)])
def test_voor_de_opening_bestond_het_niet(veld, regisseur_api, moment):
    body = assert_probleem(krachtenveld(regisseur_api, veld["proces"], moment), 404, "not_found")

    assert body["detail"] == "Het bestuursproces bestond op dat tijdstip nog niet."


@pytest.mark.parametrize(
    "moment", ["gisteren", "2025-13-01T00:00:00Z", "2025-03-01T12:00:00 01:00"]
)
def test_ongeldig_tijdstip(veld, regisseur_api, moment):
    assert fouten(krachtenveld(regisseur_api, veld["proces"], moment)) == {"tijdstip": "invalid"}


# --- verschuivingen ------------------------------------------------------------------------


def verschuivingen(client: Any, proces: Bestuursproces, **query: Any) -> Any:
    return client.get(
        proces_url(proces, "/krachtenveld/verschuivingen"),
        {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in query.items()},
    )


def verschuiving(
    volgnummer: int,
    moment: dt.datetime,
    obj: Any,
    aspect: str,
    van: str | None,
    naar: str,
    toelichting: str,
) -> dict[str, Any]:
    return {
        "volgnummer": volgnummer,
        "tijdstip": tijd(moment),
        "partij": {
            "uuid": str(obj.uuid),
            "url": url(obj),
            "naam": obj.naam,
            "soort": "speler" if hasattr(obj, "veld") else "opdrachtgever",
        },
        "aspect": aspect,
        "van": van,
        "naar": naar,
        "toelichting": toelichting,
        "door": "regisseur",
        "doorNaam": "Rina Regisseur",
    }


def alle_verschuivingen(veld: dict[str, Any]) -> list[dict[str, Any]]:
    haven, bewoners, wethouder = veld["haven"], veld["bewoners"], veld["wethouder"]
    return [
        verschuiving(7, T[1], haven, "standpunt", None, "afwachtend", "Wacht af"),
        verschuiving(8, T[1], bewoners, "standpunt", None, "voorstander", "Willen groen"),
        verschuiving(9, T[1], wethouder, "standpunt", None, "voorstander", ""),
        verschuiving(
            10, T[2], haven, "standpunt", "afwachtend", "tegenstander", "Vreest voor de kades"
        ),
        verschuiving(
            11,
            T[2],
            bewoners,
            "betrokkenheid",
            "nog_te_betrekken",
            "aangehaakt",
            "Doen mee in de werkgroep",
        ),
        verschuiving(
            12, T[3], haven, "standpunt", "tegenstander", "voorstander", "Na de compensatieregeling"
        ),
        verschuiving(
            13,
            T[3],
            bewoners,
            "betrokkenheid",
            "aangehaakt",
            "afgehaakt",
            "Voelen zich niet gehoord",
        ),
        verschuiving(
            14, T[3], wethouder, "standpunt", "voorstander", "tegenstander", "kanarie-regisseur"
        ),
    ]


def test_alle_verschuivingen(veld, regisseur_api):
    response = verschuivingen(regisseur_api, veld["proces"])

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    assert response.json() == {
        "count": 8,
        "next": None,
        "previous": None,
        "results": alle_verschuivingen(veld),
    }


@pytest.mark.parametrize(
    ("query", "volgnummers"),
    [
        ({"van": T[2]}, [10, 11, 12, 13, 14]),
        ({"tot": T[1]}, [7, 8, 9]),
        ({"van": T[2], "tot": T[2]}, [10, 11]),
        ({"van": T[1] + SECONDE, "tot": T[3] - SECONDE}, [10, 11]),
        ({"van": T[3] + SECONDE}, []),
        ({"tot": T[0]}, []),
    ],
)
def test_verschuivingen_tussen_van_en_tot(veld, regisseur_api, query, volgnummers):
    body = verschuivingen(regisseur_api, veld["proces"], **query).json()

    assert [v["volgnummer"] for v in body["results"]] == volgnummers
    per_volgnummer = {v["volgnummer"]: v for v in alle_verschuivingen(veld)}
    assert body["results"] == [per_volgnummer[n] for n in volgnummers]


@pytest.mark.parametrize("rol", ROLLEN)
def test_verschuivingen_per_rol(veld, rol):
    body = verschuivingen(client_voor(veld["leden"][rol]), veld["proces"]).json()

    verwacht = alle_verschuivingen(veld)
    assert body["results"] == (verwacht if rol == "procesregisseur" else verwacht[:-1])
    assert ("kanarie-regisseur" in str(body)) is (rol == "procesregisseur")


def test_verschuivingen_gepagineerd(veld, regisseur_api):
    body = verschuivingen(regisseur_api, veld["proces"], pageSize=3, page=3).json()

    assert body["count"] == 8
    assert [v["volgnummer"] for v in body["results"]] == [13, 14]


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"van": T[3], "tot": T[2]}, {"van": "invalid"}),
        ({"van": "vorige week"}, {"van": "invalid"}),
        ({"tot": "2025-02-30T00:00:00Z"}, {"tot": "invalid"}),
    ],
)
def test_verschuivingen_ongeldig(veld, regisseur_api, query, verwacht):
    assert fouten(verschuivingen(regisseur_api, veld["proces"], **query)) == verwacht


# --- who may read --------------------------------------------------------------------------

SUFFIXEN = ["/krachtenveld", "/krachtenveld/verschuivingen"]


@pytest.mark.parametrize("suffix", SUFFIXEN)
@pytest.mark.parametrize("rol", ROLLEN)
def test_elk_lid_leest(veld, rol, suffix):
    assert (
        client_voor(veld["leden"][rol]).get(proces_url(veld["proces"], suffix)).status_code == 200
    )


@pytest.mark.parametrize("suffix", SUFFIXEN)
def test_buitenstaander_en_onbekend_proces_404(veld, regisseur_api, suffix):
    buitenstaander = client_voor(GebruikerFactory(username="buitenstaander"))
    onbekend = proces_url(str(uuid.uuid4()), suffix)

    assert_probleem(regisseur_api.get(onbekend), 404, "not_found")
    assert_probleem(buitenstaander.get(proces_url(veld["proces"], suffix)), 404, "not_found")


@pytest.mark.parametrize("suffix", SUFFIXEN)
def test_alleen_lezen(veld, regisseur_api, suffix):
    lezer = client_voor(veld["leden"]["evaluator"])

    response = regisseur_api.post(proces_url(veld["proces"], suffix), {}, format="json")

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert_probleem(lezer.post(proces_url(veld["proces"], suffix), {}, format="json"), 403)
    assert_probleem(regisseur_api.get(proces_url(veld["proces"], suffix) + "/"), 404, "not_found")


def test_zonder_authenticatie_401(veld, api):
    for suffix in SUFFIXEN:
        assert_probleem(api.get(proces_url(veld["proces"], suffix)), 401, "not_authenticated")
