"""/bestuursprocessen/{uuid}/wyberstappen/{stap}/opties: options and the decisions on them."""

from __future__ import annotations

from typing import Any

from cases.models import Optie
from tests.factories import open_proces

from .helpers import (
    assert_probleem,
    fouten,
    laatste_gebeurtenis,
)
from .register import (
    NUL_UUID,
    fase,
    opdrachtgever,
    optie,
    optie_url,
    speler,
    stap,
    stap_url,
    tijd,
    url,
)

# --- options -----------------------------------------------------------------------------


def optie_body(keuze: Optie, **anders: Any) -> dict[str, Any]:
    keuze.refresh_from_db()
    return {
        "url": optie_url(keuze),
        "uuid": str(keuze.uuid),
        "titel": keuze.titel,
        "omschrijving": keuze.omschrijving,
        "speler": url(keuze.speler) if keuze.speler else None,
        "opdrachtgever": url(keuze.opdrachtgever) if keuze.opdrachtgever else None,
        "status": keuze.status,
        "reden": keuze.reden,
        "samengevoegdIn": optie_url(keuze.samengevoegd_in) if keuze.samengevoegd_in else None,
        "ingebrachtOp": tijd(keuze.ingebracht_op),
    } | anders


def test_optie_inbrengen_en_lijst(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    jan = speler(bestuursproces, regisseur, "Jan van Houten")
    wethouder = opdrachtgever(bestuursproces, regisseur)

    response = regisseur_api.post(
        stap_url(wyberstap, "/opties"),
        {"titel": "Oostelijke route", "omschrijving": "Langs de haven", "speler": url(jan)},
        format="json",
    )

    assert response.status_code == 201, response.content
    nieuw = Optie.objects.get(stap=wyberstap)
    body = response.json()
    assert body == {
        "url": optie_url(nieuw),
        "uuid": str(nieuw.uuid),
        "titel": "Oostelijke route",
        "omschrijving": "Langs de haven",
        "speler": url(jan),
        "opdrachtgever": None,
        "status": "open",
        "reden": "",
        "samengevoegdIn": None,
        "ingebrachtOp": tijd(nieuw.ingebracht_op),
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(body["url"]).json() == body
    assert laatste_gebeurtenis(bestuursproces).type == "optie.ingebracht"

    regisseur_api.post(
        stap_url(wyberstap, "/opties"),
        {"titel": "Westelijke route", "opdrachtgever": url(wethouder)},
        format="json",
    )
    regisseur_api.post(stap_url(wyberstap, "/opties"), {"titel": "Geen brug"}, format="json")
    lijst = regisseur_api.get(stap_url(wyberstap, "/opties")).json()

    assert lijst["count"] == 3
    assert [o["titel"] for o in lijst["results"]] == [
        "Oostelijke route",
        "Westelijke route",
        "Geen brug",
    ]
    assert [(o["speler"], o["opdrachtgever"]) for o in lijst["results"]] == [
        (url(jan), None),
        (None, url(wethouder)),
        (None, None),
    ]


def test_optie_inbrengen_ongeldig(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    jan = speler(bestuursproces, regisseur, "Jan van Houten")
    elders = speler(open_proces(regisseur, titel="Ander"), regisseur)
    wethouder = opdrachtgever(bestuursproces, regisseur)
    doel = stap_url(wyberstap, "/opties")

    assert fouten(regisseur_api.post(doel, {}, format="json")) == {"titel": "required"}
    assert fouten(
        regisseur_api.post(doel, {"titel": "x", "speler": url(elders)}, format="json")
    ) == {"speler": "does_not_exist"}
    assert fouten(
        regisseur_api.post(doel, {"titel": "x", "speler": url(wethouder)}, format="json")
    ) == {"speler": "invalid"}
    assert fouten(
        regisseur_api.post(
            doel, {"titel": "x", "speler": url(jan), "opdrachtgever": url(wethouder)}, format="json"
        )
    ) == {"opdrachtgever": "invalid"}
    assert fouten(regisseur_api.post(doel, {"titel": "x", "status": "gekozen"}, format="json")) == {
        "status": "unknown"
    }
    assert not Optie.objects.exists()


def test_optie_inbrengen_buiten_divergeren_is_409(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    optie(wyberstap, regisseur)
    fase(wyberstap, regisseur, "convergeren")

    response = regisseur_api.post(stap_url(wyberstap, "/opties"), {"titel": "Laat"}, format="json")

    body = assert_probleem(response, 409, "verkeerde-fase")
    assert body["detail"] == (
        "Een optie inbrengen kan alleen tijdens divergeren; stap 1 is in convergeren."
    )


def test_over_opties_besluiten(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    oost, west, brug = (optie(wyberstap, regisseur, t) for t in ("Oost", "West", "Brug"))
    fase(wyberstap, regisseur, "convergeren")

    gekozen = regisseur_api.patch(optie_url(oost), {"status": "gekozen"}, format="json")
    verworpen = regisseur_api.patch(
        optie_url(west), {"status": "verworpen", "reden": "Te duur"}, format="json"
    )
    samen = regisseur_api.patch(
        optie_url(brug),
        {"status": "samengevoegd", "samengevoegdIn": optie_url(oost)},
        format="json",
    )

    assert gekozen.status_code == verworpen.status_code == samen.status_code == 200
    assert gekozen.json() == optie_body(oost, status="gekozen")
    assert verworpen.json() == optie_body(west, status="verworpen", reden="Te duur")
    assert samen.json() == optie_body(brug, status="samengevoegd", samengevoegdIn=optie_url(oost))
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "optie.besloten"
    assert gebeurtenis.payload == {
        "stap": str(wyberstap.uuid),
        "optie": str(brug.uuid),
        "status": "samengevoegd",
        "reden": "",
        "samengevoegdIn": str(oost.uuid),
    }


def test_besluiten_ongeldig(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    oost = optie(wyberstap, regisseur, "Oost")
    ander = stap(bestuursproces, regisseur, "Ander")
    elders = optie(ander, regisseur, "Elders")
    fase(wyberstap, regisseur, "convergeren")

    def patch(payload: dict[str, Any]) -> Any:
        return regisseur_api.patch(optie_url(oost), payload, format="json")

    assert fouten(patch({"status": "misschien"})) == {"status": "invalid_choice"}
    assert fouten(patch({"status": "verworpen"})) == {"reden": "required"}
    assert fouten(patch({"status": "samengevoegd"})) == {"samengevoegdIn": "invalid"}
    assert fouten(patch({"status": "samengevoegd", "samengevoegdIn": optie_url(elders)})) == {
        "samengevoegdIn": "does_not_exist"
    }
    assert fouten(patch({"status": "gekozen", "titel": "Nieuw"})) == {"titel": "unknown"}
    oost.refresh_from_db()
    assert oost.status == "open"


def test_besluiten_buiten_convergeren_is_409(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    oost = optie(wyberstap, regisseur)

    response = regisseur_api.patch(optie_url(oost), {"status": "gekozen"}, format="json")

    assert_probleem(response, 409, "verkeerde-fase")


def test_onbekende_optie_is_404(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)
    ander = optie(stap(bestuursproces, regisseur, "Ander"), regisseur)
    for onbekend in (NUL_UUID, ander.uuid):
        doel = stap_url(wyberstap, f"/opties/{onbekend}")
        for response in (
            regisseur_api.get(doel),
            regisseur_api.patch(doel, {"status": "gekozen"}, format="json"),
        ):
            body = assert_probleem(response, 404, "not_found")
            assert body["detail"] == "Deze optie bestaat niet in deze wyber-stap."
