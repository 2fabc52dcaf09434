"""Who sees and writes interventies and reflecties: members by role, at each visibility level."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces
from tests.cases._interventies import log
from tests.factories import actor_voor

from .helpers import assert_probleem, client_voor, fouten, gebeurtenissen_van, proces_url

NIVEAUS = ("proces", "kernteam", "regisseur")
ZIET = {
    "procesregisseur": {"proces", "kernteam", "regisseur"},
    "kernteam": {"proces", "kernteam"},
    "opdrachtgever": {"proces"},
    "evaluator": {"proces"},
}


@pytest.fixture
def per_niveau(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """One interventie per level, each with a reflectie at its own level and one for the
    regisseur only."""
    actor = actor_voor(regisseur)
    result = {}
    for niveau in NIVEAUS:
        interventie = log(actor, bestuursproces, titel=niveau, zichtbaarheid=niveau)
        for reflectieniveau in {niveau, "regisseur"}:
            services.leg_reflectie_vast(
                actor=actor,
                interventie=interventie,
                tekst=f"{niveau}/{reflectieniveau}",
                zichtbaarheid=reflectieniveau,
            )
        result[niveau] = interventie
    return result


def interventies_url(bestuursproces: Bestuursproces, suffix: str = "") -> str:
    return proces_url(bestuursproces, f"/interventies{suffix}")


@pytest.mark.parametrize("rol", list(ZIET))
def test_elke_rol_ziet_alleen_haar_niveaus(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any], rol: str
) -> None:
    client = client_voor(leden[rol])
    body = client.get(interventies_url(bestuursproces)).json()
    assert {i["titel"] for i in body["results"]} == ZIET[rol]
    for niveau, interventie in per_niveau.items():
        detail = client.get(interventies_url(bestuursproces, f"/{interventie.uuid}"))
        reflecties = client.get(interventies_url(bestuursproces, f"/{interventie.uuid}/reflecties"))
        if niveau not in ZIET[rol]:
            # A hidden interventie does not exist for the viewer.
            assert_probleem(detail, 404)
            assert_probleem(reflecties, 404)
            continue
        assert detail.status_code == 200
        assert {r["zichtbaarheid"] for r in reflecties.json()["results"]} == (
            {niveau, "regisseur"} & ZIET[rol]
        )


def test_opdrachtgever_ziet_geen_kernteaminterventie_en_geen_regisseursreflectie(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any]
) -> None:
    client = client_voor(leden["opdrachtgever"])
    uuids = {i["uuid"] for i in client.get(interventies_url(bestuursproces)).json()["results"]}
    assert str(per_niveau["kernteam"].uuid) not in uuids
    reflecties = client.get(
        interventies_url(bestuursproces, f"/{per_niveau['proces'].uuid}/reflecties")
    ).json()
    assert [r["tekst"] for r in reflecties["results"]] == ["proces/proces"]


def test_gebeurtenissen_van_een_verborgen_interventie_zijn_afgeschermd(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any]
) -> None:
    body = (
        client_voor(leden["opdrachtgever"])
        .get(proces_url(bestuursproces, "/gebeurtenissen?pageSize=100"))
        .json()
    )
    afgeschermd = [g for g in body["results"] if g["payload"].get("afgeschermd")]
    assert {g["type"] for g in afgeschermd} == {"interventie.gelogd", "reflectie.vastgelegd"}
    assert len(afgeschermd) == 2 + 4  # two hidden interventies; their four hidden reflecties


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_schrijven_niet(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any], rol: str
) -> None:
    client = client_voor(leden[rol])
    voor = len(gebeurtenissen_van(bestuursproces))
    proces = per_niveau["proces"].uuid
    for response in (
        client.post(interventies_url(bestuursproces), {}, format="json"),
        client.patch(interventies_url(bestuursproces, f"/{proces}"), {}, format="json"),
        client.post(
            interventies_url(bestuursproces, f"/{proces}/reflecties"),
            {"tekst": "Ik ook", "zichtbaarheid": "proces"},
            format="json",
        ),
    ):
        assert_probleem(response, 403)
    assert len(gebeurtenissen_van(bestuursproces)) == voor


def test_buitenstaander_krijgt_404(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any]
) -> None:
    client = client_voor(leden["buitenstaander"])
    proces = per_niveau["proces"].uuid
    for suffix in ("", f"/{proces}", f"/{proces}/reflecties"):
        assert_probleem(client.get(interventies_url(bestuursproces, suffix)), 404)
    assert_probleem(client.post(interventies_url(bestuursproces), {}, format="json"), 404)


# --- reflecties ------------------------------------------------------------------------------


def test_reflectie_vastleggen(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any]
) -> None:
    pad = interventies_url(bestuursproces, f"/{per_niveau['kernteam'].uuid}/reflecties")
    response = client_voor(leden["procesregisseur"]).post(
        pad, {"tekst": "Ik twijfelde"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert "Location" not in response
    body = response.json()
    assert set(body) == {"uuid", "tekst", "zichtbaarheid", "auteur", "vastgelegdOp"}
    assert (body["tekst"], body["zichtbaarheid"], body["auteur"]) == (
        "Ik twijfelde",
        "regisseur",
        "regisseur",
    )


def test_kernteamlid_reflecteert_niet_op_andermans_interventie(
    bestuursproces: Bestuursproces, leden: dict[str, Any], per_niveau: dict[str, Any]
) -> None:
    pad = interventies_url(bestuursproces, f"/{per_niveau['kernteam'].uuid}/reflecties")
    response = client_voor(leden["kernteam"]).post(
        pad, {"tekst": "Ik ook", "zichtbaarheid": "kernteam"}, format="json"
    )
    assert_probleem(response, 403, "reflectie-niet-toegestaan")


@pytest.mark.parametrize(
    ("body", "verwacht"),
    [
        ({"tekst": "Ruim", "zichtbaarheid": "proces"}, {"zichtbaarheid": "ruimer_dan_interventie"}),
        ({"tekst": ""}, {"tekst": "blank"}),
        ({"tekst": "X", "interventie": "x"}, {"interventie": "unknown"}),
    ],
)
def test_ongeldige_reflectie(
    bestuursproces: Bestuursproces,
    leden: dict[str, Any],
    per_niveau: dict[str, Any],
    body: dict[str, Any],
    verwacht: dict[str, str],
) -> None:
    pad = interventies_url(bestuursproces, f"/{per_niveau['kernteam'].uuid}/reflecties")
    response = client_voor(leden["procesregisseur"]).post(pad, body, format="json")
    assert fouten(response) == verwacht
