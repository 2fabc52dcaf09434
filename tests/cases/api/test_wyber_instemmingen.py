"""Consents of a wyber-stap: recording them, who is missing, changing who must consent, and
the whole flow from start to a settled step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Instemming, WyberStap
from tests.factories import consolideer_stap

from .helpers import (
    absoluut,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)
from .register import (
    NUL_UUID,
    consolideer,
    instemming_body,
    instemming_url,
    opdrachtgever,
    speler,
    stap_in_consolideren,
    stap_url,
    stem_in,
    url,
)


@pytest.fixture
def partijen(bestuursproces: Any, regisseur: Any) -> dict[str, Any]:
    return {
        "jan": speler(bestuursproces, regisseur, "Jan van Houten", commitment=True),
        "corporatie": speler(bestuursproces, regisseur, "Havenwonen", commitment=True),
        "wethouder": opdrachtgever(bestuursproces, regisseur, "Wethouder Ruimte"),
    }


# --- consents ----------------------------------------------------------------------------


def test_instemming_vastleggen(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    jan, wethouder = consolideer(wyberstap, regisseur, [partijen["jan"], partijen["wethouder"]])

    response = regisseur_api.patch(
        instemming_url(jan),
        {
            "status": "ingestemd_onder_voorbehoud",
            "voorbehoud": "Als de achterban akkoord is",
            "toelichting": "Telefonisch",
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json() == instemming_body(
        jan, status="ingestemd_onder_voorbehoud", voorbehoud="Als de achterban akkoord is"
    )
    assert regisseur_api.get(instemming_url(jan)).json() == response.json()
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "instemming.vastgelegd"
    assert gebeurtenis.toelichting == "Telefonisch"

    # A formal decision's date is the moment of the consent: today, in a case opened today.
    vandaag = timezone.localdate().isoformat()
    response = regisseur_api.patch(
        instemming_url(jan),
        {
            "status": "ingestemd",
            "formeelBesloten": True,
            "beslotenOp": vandaag,
            "besluitreferentie": "B&W 2026-14",
        },
        format="json",
    )

    assert response.json() == {
        "url": instemming_url(jan),
        "uuid": str(jan.uuid),
        "partij": url(partijen["jan"]),
        "naam": "Jan van Houten",
        "status": "ingestemd",
        # Not sent, so kept: a PATCH changes only what it sends.
        "voorbehoud": "Als de achterban akkoord is",
        "formeelBesloten": True,
        "formeelBesluitNodig": True,
        "beslotenOp": vandaag,
        "besluitreferentie": "B&W 2026-14",
        "besluit": None,
        "rond": True,
    }
    lijst = regisseur_api.get(stap_url(wyberstap, "/instemmingen")).json()
    assert lijst["count"] == 2
    assert lijst["results"] == [instemming_body(jan), instemming_body(wethouder)]
    assert [i["rond"] for i in lijst["results"]] == [True, False]
    assert regisseur_api.get(stap_url(wyberstap)).json()["ontbrekend"] == [
        {
            "partij": url(partijen["wethouder"]),
            "naam": "Wethouder Ruimte",
            "status": "nog_geen_reactie",
            "formeelBesloten": False,
        }
    ]


def test_instemming_ongeldig(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    [jan] = consolideer(wyberstap, regisseur, [partijen["jan"]])

    def patch(payload: dict[str, Any]) -> Any:
        return regisseur_api.patch(instemming_url(jan), payload, format="json")

    aantal = len(gebeurtenissen_van(bestuursproces))
    leeg = patch({})
    assert leeg.status_code == 200
    assert leeg.json()["status"] == "nog_geen_reactie"
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
    assert fouten(patch({"status": "ja"})) == {"status": "invalid_choice"}
    assert fouten(patch({"status": "nog_geen_reactie", "formeelBesloten": True})) == {
        "formeelBesloten": "invalid"
    }
    assert fouten(patch({"status": "ingestemd", "formeelBesloten": 1})) == {
        "formeelBesloten": "invalid"
    }
    assert fouten(patch({"status": "ingestemd", "partij": url(partijen["jan"])})) == {
        "partij": "unknown"
    }
    onbekend = stap_url(wyberstap, f"/instemmingen/{NUL_UUID}")
    body = assert_probleem(
        regisseur_api.patch(onbekend, {"status": "ingestemd"}, format="json"), 404
    )
    assert body["detail"] == "Deze instemming bestaat niet in deze wyber-stap."


@pytest.mark.parametrize(("dagen", "code"), [(-1, "voor_opening"), (1, "toekomst")])
def test_besloten_op_voor_de_opening_of_in_de_toekomst_is_400(
    bestuursproces, regisseur, regisseur_api, partijen, dagen, code
):
    """beslotenOp is the moment of the formal decision: not before the opening of the case
    (opened today), not in the future."""
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    [jan] = consolideer(wyberstap, regisseur, [partijen["jan"]])
    aantal = len(gebeurtenissen_van(bestuursproces))
    datum = timezone.localdate() + dt.timedelta(days=dagen)

    response = regisseur_api.patch(
        instemming_url(jan),
        {"status": "ingestemd", "formeelBesloten": True, "beslotenOp": datum.isoformat()},
        format="json",
    )

    body = assert_probleem(response, 400, "invalid")
    assert [p["code"] for p in body["invalidParams"]] == [code]
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
    jan.refresh_from_db()
    assert (jan.status, jan.besloten_op) == ("nog_geen_reactie", None)


def test_instemming_buiten_consolideren_is_409(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = consolideer_stap(bestuursproces, regisseur, instemmers=[partijen["jan"]])
    [jan] = Instemming.objects.filter(stap=wyberstap)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.patch(instemming_url(jan), {"status": "niet_ingestemd"}, format="json")
    instemmers = regisseur_api.post(
        stap_url(wyberstap, "/instemmingen"),
        {"toevoegen": [url(partijen["wethouder"])], "reden": "Vergeten"},
        format="json",
    )

    assert assert_probleem(response, 409, "verkeerde-fase")["detail"] == (
        "Een instemming vastleggen kan alleen tijdens consolideren; stap 1 is in geconsolideerd."
    )
    assert_probleem(instemmers, 409, "verkeerde-fase")
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_instemmers_wijzigen(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    jan, _ = consolideer(wyberstap, regisseur, [partijen["jan"], partijen["wethouder"]])
    stem_in(jan, regisseur)

    response = regisseur_api.post(
        stap_url(wyberstap, "/instemmingen"),
        {
            "toevoegen": [url(partijen["corporatie"])],
            "verwijderen": [url(partijen["wethouder"])],
            "reden": "De corporatie betaalt mee; de wethouder is al gebonden",
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["fase"] == "consolideren"
    assert response.json()["ontbrekend"] == [
        {
            "partij": url(partijen["corporatie"]),
            "naam": "Havenwonen",
            "status": "nog_geen_reactie",
            "formeelBesloten": False,
        }
    ]
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "instemmers.gewijzigd"
    assert gebeurtenis.toelichting == "De corporatie betaalt mee; de wethouder is al gebonden"

    # Removing the last holdout settles the step.
    laatste = regisseur_api.post(
        stap_url(wyberstap, "/instemmingen"),
        {"verwijderen": [url(partijen["corporatie"])], "reden": "Toch niet nodig"},
        format="json",
    )
    assert laatste.json()["fase"] == "geconsolideerd"
    assert laatste.json()["ontbrekend"] == []


def test_instemmers_wijzigen_ongeldig(bestuursproces, regisseur, regisseur_api, partijen):
    zonder = stap_in_consolideren(bestuursproces, regisseur, "Zonder consolidatie")
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    consolideer(wyberstap, regisseur, [partijen["jan"]])
    doel = stap_url(wyberstap, "/instemmingen")

    def post(payload: dict[str, Any], waar: str = doel) -> Any:
        return regisseur_api.post(waar, payload, format="json")

    assert fouten(post({"toevoegen": [url(partijen["corporatie"])]})) == {"reden": "required"}
    assert fouten(post({"toevoegen": [url(partijen["jan"])], "reden": "x"})) == {
        "toevoegen": "unique"
    }
    assert fouten(post({"verwijderen": [url(partijen["wethouder"])], "reden": "x"})) == {
        "verwijderen": "does_not_exist"
    }
    assert fouten(post({"verwijderen": [url(partijen["jan"])], "reden": "x"})) == {
        "verwijderen": "invalid"
    }
    assert fouten(post({"toevoegen": ["http://testserver/elders"], "reden": "x"})) == {
        "toevoegen.0": "invalid"
    }
    assert_probleem(
        post(
            {"toevoegen": [url(partijen["jan"])], "reden": "x"}, stap_url(zonder, "/instemmingen")
        ),
        409,
        "geen-consolidatie",
    )


# --- the whole flow ----------------------------------------------------------------------


def test_volledige_stap_via_de_api(bestuursproces, regisseur, regisseur_api, partijen):
    """Start, three options, choose one and reject two, consolidate with three parties, and
    consents until the step is settled."""
    api = regisseur_api
    stap_data = api.post(
        absoluut(proces_url(bestuursproces, "/wyberstappen")),
        {"doel": "Waar komt de brug?"},
        format="json",
    ).json()
    links = stap_data["links"]
    opties = [
        api.post(links["opties"], {"titel": titel, **extra}, format="json").json()
        for titel, extra in [
            ("Oostelijke route", {"speler": url(partijen["jan"])}),
            ("Westelijke route", {"opdrachtgever": url(partijen["wethouder"])}),
            ("Geen brug", {}),
        ]
    ]
    assert (
        api.post(links["faseovergangen"], {"naar": "convergeren"}, format="json").status_code == 201
    )
    assert api.patch(opties[0]["url"], {"status": "gekozen"}, format="json").status_code == 200
    for afgewezen in opties[1:]:
        response = api.patch(
            afgewezen["url"], {"status": "verworpen", "reden": "Te duur"}, format="json"
        )
        assert response.status_code == 200
    assert (
        api.post(links["faseovergangen"], {"naar": "consolideren"}, format="json").status_code
        == 201
    )
    consolidatie = api.post(
        links["consolidatie"],
        {
            "uitkomst": "consensus",
            "tekst": "De brug komt aan de oostkant.",
            "instemmers": [url(p) for p in partijen.values()],
        },
        format="json",
    ).json()
    instemmingen = consolidatie["instemmingen"]
    assert [i["naam"] for i in instemmingen] == ["Jan van Houten", "Havenwonen", "Wethouder Ruimte"]

    for nummer, instemming in enumerate(instemmingen, start=1):
        response = api.patch(
            instemming["url"],
            {
                "status": "ingestemd",
                "formeelBesloten": True,
                "beslotenOp": timezone.localdate().isoformat(),
                "besluitreferentie": f"Besluit {nummer}",
            },
            format="json",
        )
        assert response.json()["rond"] is True
        stand = api.get(stap_data["url"]).json()
        assert [o["naam"] for o in stand["ontbrekend"]] == [
            i["naam"] for i in instemmingen[nummer:]
        ]

    assert stand["fase"] == "geconsolideerd"
    assert stand["geconsolideerdOp"] is not None
    assert WyberStap.objects.get().fase == "geconsolideerd"
    assert [o["status"] for o in api.get(links["opties"]).json()["results"]] == [
        "gekozen",
        "verworpen",
        "verworpen",
    ]


def test_optie_na_consolidatie_is_409(bestuursproces, regisseur, regisseur_api):
    wyberstap = consolideer_stap(bestuursproces, regisseur)

    response = regisseur_api.post(stap_url(wyberstap, "/opties"), {"titel": "x"}, format="json")

    assert_probleem(response, 409, "verkeerde-fase")
