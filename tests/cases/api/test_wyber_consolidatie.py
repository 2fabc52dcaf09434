"""Consolidating a wyber-stap: the consolidatie, the consents, who is missing, the whole flow."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import Consolidatie, Instemming
from tests.factories import actor_voor

from .helpers import (
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
)
from .register import (
    beoordeel_opdrachtgever,
    consolideer,
    instemming_body,
    instemming_url,
    opdrachtgever,
    speler,
    stap,
    stap_in_consolideren,
    stap_url,
    tijd,
    url,
)


@pytest.fixture
def partijen(bestuursproces: Any, regisseur: Any) -> dict[str, Any]:
    return {
        "jan": speler(bestuursproces, regisseur, "Jan van Houten", commitment=True),
        "corporatie": speler(bestuursproces, regisseur, "Havenwonen", commitment=True),
        "wethouder": opdrachtgever(bestuursproces, regisseur, "Wethouder Ruimte"),
    }


def test_consolidatie_vastleggen(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)

    response = regisseur_api.post(
        stap_url(wyberstap, "/consolidatie"),
        {
            "uitkomst": "commitment",
            "tekst": "De brug komt aan de oostkant.",
            "documentTitel": "Convenant brug",
            "documentUrl": "https://dms.example/convenant",
            "instemmers": [url(partijen["jan"]), url(partijen["wethouder"])],
        },
        format="json",
        headers={"X-Audit-Toelichting": "Na de stuurgroep"},
    )

    assert response.status_code == 201, response.content
    consolidatie = Consolidatie.objects.get(stap=wyberstap)
    jan, wethouder = Instemming.objects.filter(stap=wyberstap).order_by("id")
    body = response.json()
    assert body == {
        "url": stap_url(wyberstap, "/consolidatie"),
        "uuid": str(consolidatie.uuid),
        "stap": stap_url(wyberstap),
        "uitkomst": "commitment",
        "tekst": "De brug komt aan de oostkant.",
        "documentTitel": "Convenant brug",
        "documentUrl": "https://dms.example/convenant",
        "tijdstip": tijd(consolidatie.tijdstip),
        "door": "regisseur",
        "instemmingen": [
            {
                "url": instemming_url(jan),
                "uuid": str(jan.uuid),
                "partij": url(partijen["jan"]),
                "naam": "Jan van Houten",
                "status": "nog_geen_reactie",
                "voorbehoud": "",
                "formeelBesloten": False,
                "formeelBesluitNodig": True,
                "beslotenOp": None,
                "besluitreferentie": "",
                "besluit": None,
                "rond": False,
            },
            instemming_body(wethouder),
        ],
    }
    assert response["Location"] == body["url"]
    assert regisseur_api.get(body["url"]).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "consolidatie.vastgelegd"
    assert gebeurtenis.toelichting == "Na de stuurgroep"
    stap_body = regisseur_api.get(stap_url(wyberstap)).json()
    assert stap_body["fase"] == "consolideren"
    assert stap_body["ontbrekend"] == [
        {
            "partij": url(partijen["jan"]),
            "naam": "Jan van Houten",
            "status": "nog_geen_reactie",
            "formeelBesloten": False,
        },
        {
            "partij": url(partijen["wethouder"]),
            "naam": "Wethouder Ruimte",
            "status": "nog_geen_reactie",
            "formeelBesloten": False,
        },
    ]


def test_standaard_instemmers(bestuursproces, regisseur, regisseur_api, partijen):
    actor = actor_voor(regisseur)
    for partij in (partijen["jan"], partijen["wethouder"]):
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie="aansluiten", reden="Mee")
    beoordeel_opdrachtgever(partijen["wethouder"], regisseur, mandaat="Begroting brug")
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)

    body = regisseur_api.post(
        stap_url(wyberstap, "/consolidatie"),
        {"uitkomst": "consensus", "tekst": "Oost"},
        format="json",
    ).json()

    # Everyone who has not afgehaakt, Havenwonen (not aangehaakt) included.
    assert [i["naam"] for i in body["instemmingen"]] == [
        "Havenwonen",
        "Jan van Houten",
        "Wethouder Ruimte",
    ]


def test_geen_consolidatie_is_404(bestuursproces, regisseur, regisseur_api):
    wyberstap = stap(bestuursproces, regisseur)

    body = assert_probleem(regisseur_api.get(stap_url(wyberstap, "/consolidatie")), 404)

    assert body["detail"] == "Stap 1 heeft nog geen consolidatie."


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"tekst": "x"}, {"uitkomst": "required"}),
        ({"uitkomst": "eensgezind", "tekst": "x"}, {"uitkomst": "invalid_choice"}),
        ({"uitkomst": "consensus"}, {"tekst": "required"}),
        ({"uitkomst": "consensus", "tekst": "x", "instemmers": []}, {"instemmers": "empty"}),
        ({"uitkomst": "consensus", "tekst": "x", "instemmers": ["x"]}, {"instemmers.0": "invalid"}),
        (
            {"uitkomst": "consensus", "tekst": "x", "documentUrl": "geen url"},
            {"documentUrl": "invalid"},
        ),
        ({"uitkomst": "consensus", "tekst": "x", "door": "x"}, {"door": "unknown"}),
    ],
)
def test_consolidatie_ongeldig(bestuursproces, regisseur, regisseur_api, payload, verwacht):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)

    response = regisseur_api.post(stap_url(wyberstap, "/consolidatie"), payload, format="json")

    assert fouten(response) == verwacht
    assert not Consolidatie.objects.exists()


def test_dubbele_instemmer_en_geen_instemmers(bestuursproces, regisseur, regisseur_api, partijen):
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    doel = stap_url(wyberstap, "/consolidatie")
    basis = {"uitkomst": "consensus", "tekst": "x"}

    dubbel = regisseur_api.post(
        doel, basis | {"instemmers": [url(partijen["jan"])] * 2}, format="json"
    )
    # Everyone has afgehaakt, so the default list is empty.
    for partij in partijen.values():
        services.wijzig_betrokkenheid(
            actor=actor_voor(regisseur), partij=partij, actie="afhaken", reden="Weg"
        )
    niemand = regisseur_api.post(doel, basis, format="json")

    assert fouten(dubbel) == {"instemmers": "unique"}
    assert fouten(niemand) == {"instemmers": "required"}


def test_consolideren_twee_keer_of_te_vroeg_is_409(
    bestuursproces, regisseur, regisseur_api, partijen
):
    vroeg = stap(bestuursproces, regisseur, "Te vroeg")
    wyberstap = stap_in_consolideren(bestuursproces, regisseur)
    consolideer(wyberstap, regisseur, [partijen["jan"]])
    payload = {"uitkomst": "consensus", "tekst": "Nog eens", "instemmers": [url(partijen["jan"])]}
    aantal = len(gebeurtenissen_van(bestuursproces))

    twee_keer = regisseur_api.post(stap_url(wyberstap, "/consolidatie"), payload, format="json")
    te_vroeg = regisseur_api.post(stap_url(vroeg, "/consolidatie"), payload, format="json")

    assert assert_probleem(twee_keer, 409, "al-geconsolideerd")["detail"] == (
        "Stap 2 heeft al een consolidatie."
    )
    assert_probleem(te_vroeg, 409, "verkeerde-fase")
    assert len(gebeurtenissen_van(bestuursproces)) == aantal
