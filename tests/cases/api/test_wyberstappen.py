"""/bestuursprocessen/{uuid}/wyberstappen: steps, their phases, options and reopenings."""

from __future__ import annotations

from typing import Any

import pytest

from cases.models import WyberStap
from tests.factories import consolideer_stap, open_proces

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
    verzoek,
)
from .register import (
    NUL_UUID,
    besluit,
    fase,
    optie,
    stap,
    stap_url,
    tijd,
)


def lijst_url(proces: Any) -> str:
    return absoluut(proces_url(proces, "/wyberstappen"))


def links(wyberstap: WyberStap) -> dict[str, str]:
    return {
        naam: stap_url(wyberstap, f"/{naam}")
        for naam in ("opties", "faseovergangen", "consolidatie", "instemmingen", "heropeningen")
    }


def tijd_of_none(waarde: Any) -> str | None:
    return None if waarde is None else tijd(waarde)


def stap_body(wyberstap: WyberStap, **anders: Any) -> dict[str, Any]:
    """The step as the API shows it, from the database; ``anders`` overrides fields."""
    wyberstap.refresh_from_db()
    return {
        "url": stap_url(wyberstap),
        "uuid": str(wyberstap.uuid),
        "volgnummer": wyberstap.volgnummer,
        "doel": wyberstap.doel,
        "stadium": wyberstap.stadium,
        "fase": wyberstap.fase,
        "gestartOp": tijd(wyberstap.gestart_op),
        "convergerenOp": tijd_of_none(wyberstap.convergeren_op),
        "consoliderenOp": tijd_of_none(wyberstap.consolideren_op),
        "geconsolideerdOp": tijd_of_none(wyberstap.geconsolideerd_op),
        "heropent": stap_url(wyberstap.heropent) if wyberstap.heropent else None,
        "heropeningsreden": wyberstap.heropeningsreden,
        "ontbrekend": [],
        "links": links(wyberstap),
    } | anders


# --- steps -------------------------------------------------------------------------------


def test_stap_starten(bestuursproces, regisseur_api):
    response = regisseur_api.post(
        lijst_url(bestuursproces), {"doel": "Waar komt de brug?"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    nieuw = WyberStap.objects.get(bestuursproces=bestuursproces)
    body = response.json()
    assert body == {
        "url": stap_url(nieuw),
        "uuid": str(nieuw.uuid),
        "volgnummer": 1,
        "doel": "Waar komt de brug?",
        "stadium": "voorstelbaar",
        "fase": "divergeren",
        "gestartOp": tijd(nieuw.gestart_op),
        "convergerenOp": None,
        "consoliderenOp": None,
        "geconsolideerdOp": None,
        "heropent": None,
        "heropeningsreden": "",
        "ontbrekend": [],
        "links": links(nieuw),
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(body["url"]).json() == body
    assert laatste_gebeurtenis(bestuursproces).type == "wyberstap.gestart"


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"doel": "required"}),
        ({"doel": ""}, {"doel": "blank"}),
        ({"doel": "x", "fase": "convergeren"}, {"fase": "unknown"}),
        ({"doel": "x", "heropent": "x"}, {"heropent": "unknown"}),
    ],
)
def test_stap_starten_ongeldig(bestuursproces, regisseur_api, payload, verwacht):
    assert fouten(regisseur_api.post(lijst_url(bestuursproces), payload, format="json")) == verwacht
    assert not WyberStap.objects.exists()


def test_lijst_op_volgnummer_met_filters(bestuursproces, regisseur, regisseur_api):
    eerste = consolideer_stap(bestuursproces, regisseur, doel="Eerste")
    tweede = stap(bestuursproces, regisseur, "Tweede")
    optie(tweede, regisseur)
    fase(tweede, regisseur, "convergeren")
    derde = stap(bestuursproces, regisseur, "Derde")
    stap(open_proces(regisseur, titel="Ander"), regisseur, "Elders")

    body = regisseur_api.get(lijst_url(bestuursproces)).json()

    assert body["count"] == 3
    assert [s["doel"] for s in body["results"]] == ["Eerste", "Tweede", "Derde"]
    assert body["results"] == [stap_body(eerste), stap_body(tweede), stap_body(derde)]
    for query, doelen in [
        ({"fase": "convergeren"}, ["Tweede"]),
        ({"fase": "geconsolideerd"}, ["Eerste"]),
        ({"stadium": "voorstelbaar"}, ["Eerste", "Tweede", "Derde"]),
        ({"stadium": "houdbaar"}, []),
    ]:
        gefilterd = regisseur_api.get(lijst_url(bestuursproces), query).json()["results"]
        assert [s["doel"] for s in gefilterd] == doelen, query
    assert fouten(regisseur_api.get(lijst_url(bestuursproces), {"fase": "x"})) == {
        "fase": "invalid_choice"
    }


def test_onbekende_stap_is_404(bestuursproces, regisseur, regisseur_api):
    elders = stap(open_proces(regisseur, titel="Ander"), regisseur)
    for onbekend in (NUL_UUID, elders.uuid):
        basis = proces_url(bestuursproces, f"/wyberstappen/{onbekend}")
        for suffix, methode in [
            ("", "get"),
            ("/opties", "get"),
            ("/opties", "post"),
            ("/faseovergangen", "post"),
            ("/consolidatie", "get"),
            ("/instemmingen", "get"),
            ("/heropeningen", "post"),
        ]:
            payload = {"titel": "x"} if methode == "post" else None
            response = verzoek(regisseur_api, methode, basis + suffix, payload)
            body = assert_probleem(response, 404, "not_found")
            assert body["detail"] == "Deze wyber-stap bestaat niet in dit bestuursproces."


# --- phases ------------------------------------------------------------------------------


def faseovergang(client: Any, wyberstap: WyberStap, naar: str, **extra: Any) -> Any:
    return client.post(
        stap_url(wyberstap, "/faseovergangen"), {"naar": naar, **extra}, format="json"
    )


def test_fasen_doorlopen(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    keuze = optie(wyberstap, regisseur)

    response = faseovergang(regisseur_api, wyberstap, "convergeren", toelichting="Genoeg opties")

    assert response.status_code == 201, response.content
    assert "Location" not in response
    assert response.json() == stap_body(wyberstap, fase="convergeren")
    assert response.json()["convergerenOp"] is not None
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "wyberstap.fase_gewijzigd"
    assert gebeurtenis.toelichting == "Genoeg opties"
    assert gebeurtenis.payload == {
        "stap": str(wyberstap.uuid),
        "van": "divergeren",
        "naar": "convergeren",
    }

    besluit(keuze, regisseur)
    response = faseovergang(regisseur_api, wyberstap, "consolideren")

    assert response.status_code == 201, response.content
    assert response.json() == stap_body(wyberstap, fase="consolideren")
    assert response.json()["consoliderenOp"] is not None


@pytest.mark.parametrize(
    ("voorbereiding", "naar", "code"),
    [
        ("met-optie", "consolideren", "fase-overgeslagen"),
        ("met-optie", "divergeren", "fase-overgeslagen"),
        ("leeg", "convergeren", "geen-opties"),
        ("convergeren", "consolideren", "geen-gekozen-optie"),
        ("convergeren-met-open", "consolideren", "open-opties"),
        ("met-optie", "geconsolideerd", "consolidatie-via-instemming"),
        ("geconsolideerd", "divergeren", "fase-overgeslagen"),
    ],
)
def test_ongeldige_faseovergang_is_409(
    bestuursproces, regisseur, regisseur_api, voorbereiding, naar, code
):
    if voorbereiding == "geconsolideerd":
        wyberstap = consolideer_stap(bestuursproces, regisseur)
    else:
        wyberstap = stap(bestuursproces, regisseur)
    if voorbereiding.startswith(("met-optie", "convergeren")):
        eerste = optie(wyberstap, regisseur)
        optie(wyberstap, regisseur, "Tweede")
    if voorbereiding.startswith("convergeren"):
        fase(wyberstap, regisseur, "convergeren")
        if voorbereiding == "convergeren-met-open":
            besluit(eerste, regisseur)
        else:
            besluit(eerste, regisseur, "verworpen", reden="Nee")
    aantal = len(gebeurtenissen_van(bestuursproces))

    body = assert_probleem(faseovergang(regisseur_api, wyberstap, naar), 409, code)

    assert body["invalidParams"][0]["name"] == "naar"
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_faseovergang_ongeldige_invoer(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)

    assert fouten(faseovergang(regisseur_api, wyberstap, "klaar")) == {"naar": "invalid_choice"}
    assert fouten(faseovergang(regisseur_api, wyberstap, "convergeren", fase="x")) == {
        "fase": "unknown"
    }


# --- reopening ---------------------------------------------------------------------------


def test_heropenen(bestuursproces, regisseur, regisseur_api):
    oud = consolideer_stap(bestuursproces, regisseur, doel="Waar komt de brug?")

    response = regisseur_api.post(
        stap_url(oud, "/heropeningen"), {"reden": "Nieuwe verkeerscijfers"}, format="json"
    )

    assert response.status_code == 201, response.content
    nieuw = WyberStap.objects.get(heropent=oud)
    body = response.json()
    assert body == stap_body(
        nieuw,
        volgnummer=2,
        doel="Waar komt de brug?",
        fase="divergeren",
        heropent=stap_url(oud),
        heropeningsreden="Nieuwe verkeerscijfers",
    )
    assert response["Location"] == body["url"] == stap_url(nieuw)
    oud.refresh_from_db()
    assert oud.fase == "geconsolideerd"

    ander_doel = regisseur_api.post(
        stap_url(oud, "/heropeningen"), {"reden": "Nog eens", "doel": "Welke brug?"}, format="json"
    )
    assert ander_doel.json()["doel"] == "Welke brug?"
    assert ander_doel.json()["volgnummer"] == 3


def test_heropenen_ongeldig(bestuursproces, regisseur, regisseur_api):
    lopend = stap(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.post(stap_url(lopend, "/heropeningen"), {}, format="json")) == {
        "reden": "required"
    }
    assert_probleem(
        regisseur_api.post(stap_url(lopend, "/heropeningen"), {"reden": "x"}, format="json"),
        409,
        "verkeerde-fase",
    )
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
