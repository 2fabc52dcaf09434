"""GET/PUT /bestuursprocessen/{uuid}/idee and GET .../idee/versies."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, IdeeVersie
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, open_proces

from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)
from .register import opdrachtgever, organisatie, speler
from .register import url as api_url

IDEE_VELDEN = {
    "uuid",
    "versie",
    "wat",
    "context",
    "sterkte",
    "eigenaren",
    "verrijking",
    "concretisering",
    "framing",
    "stipOpDeHorizon",
    "eigenaarSpelers",
    "eigenaarOpdrachtgevers",
    "eigenaarOrganisaties",
    "toelichting",
    "auteur",
    "aangemaaktOp",
}
VOLLEDIG_IDEE = {
    "wat": "Wonen en werken aan het water",
    "context": "Vertrek van de industrie",
    "sterkte": "Urgente woningvraag",
    "eigenaren": "Wethouder en bewonersgroep",
    "verrijking": "Ideeën van ondernemers",
    "concretisering": "Eerst de kade",
    "framing": "Een haven voor iedereen",
    "stipOpDeHorizon": "Een levendige wijk in 2035",
}


def herzie(bestuursproces: Bestuursproces, gebruiker: Any, wat: str) -> IdeeVersie:
    return services.herzie_idee(
        actor=actor_voor(gebruiker), bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=wat)
    )


def test_huidig_idee(bestuursproces, regisseur, regisseur_api):
    herzie(bestuursproces, regisseur, "Tweede formulering")

    response = regisseur_api.get(proces_url(bestuursproces, "/idee"))

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert set(body) == IDEE_VELDEN
    assert body["versie"] == 2
    assert body["wat"] == "Tweede formulering"
    assert body["auteur"] == "regisseur"
    assert body["stipOpDeHorizon"] == ""
    assert body["uuid"] == str(IdeeVersie.objects.get(bestuursproces=bestuursproces, versie=2).uuid)


def test_nog_geen_idee(regisseur, regisseur_api):
    proces = open_proces(regisseur, met_idee=False)

    body = assert_probleem(regisseur_api.get(proces_url(proces, "/idee")), 404, "not_found")

    assert body["detail"] == "Dit bestuursproces heeft nog geen idee."


def test_herzien_legt_een_nieuwe_versie_vast(bestuursproces, regisseur_api):
    response = regisseur_api.put(
        proces_url(bestuursproces, "/idee"),
        {**VOLLEDIG_IDEE, "toelichting": "Na de eerste spelersanalyse"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == IDEE_VELDEN
    assert {k: body[k] for k in VOLLEDIG_IDEE} == VOLLEDIG_IDEE
    assert body["versie"] == 2
    assert body["toelichting"] == "Na de eerste spelersanalyse"
    assert body["auteur"] == "regisseur"
    # The new version is now the current idee, also on the case itself.
    assert regisseur_api.get(proces_url(bestuursproces, "/idee")).json() == body
    assert regisseur_api.get(proces_url(bestuursproces)).json()["huidigIdee"] == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "idee.herzien"
    assert gebeurtenis.toelichting == "Na de eerste spelersanalyse"
    assert gebeurtenis.payload["idee"] == {
        **VOLLEDIG_IDEE,
        "uuid": body["uuid"],
        "versie": 2,
        "eigenaarSpelers": [],
        "eigenaarOpdrachtgevers": [],
        "eigenaarOrganisaties": [],
    }


def test_herzien_vult_ontbrekende_velden_leeg(bestuursproces, regisseur, regisseur_api):
    regisseur_api.put(proces_url(bestuursproces, "/idee"), VOLLEDIG_IDEE, format="json")

    body = regisseur_api.put(
        proces_url(bestuursproces, "/idee"), {"wat": "Alleen wat"}, format="json"
    ).json()

    assert body["versie"] == 3
    assert body["wat"] == "Alleen wat"
    assert all(body[veld] == "" for veld in VOLLEDIG_IDEE if veld != "wat")


@pytest.mark.parametrize(
    ("header", "veld", "verwacht"),
    [
        ("Uit de header", None, "Uit de header"),
        (None, "Uit de body", "Uit de body"),
        ("Uit de header", "Uit de body", "Uit de body"),
        (None, None, ""),
    ],
)
def test_herzien_toelichting_uit_body_of_header(
    bestuursproces, regisseur_api, header, veld, verwacht
):
    payload = {"wat": "Herzien"} | ({"toelichting": veld} if veld is not None else {})
    headers = {"X-Audit-Toelichting": header} if header is not None else {}

    response = regisseur_api.put(
        proces_url(bestuursproces, "/idee"), payload, format="json", headers=headers
    )

    assert response.status_code == 200
    assert response.json()["toelichting"] == verwacht
    assert laatste_gebeurtenis(bestuursproces).toelichting == verwacht


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"wat": "required"}),
        ({"context": "Geen wat"}, {"wat": "required"}),
        ({"wat": ""}, {"wat": "blank"}),
        ({"wat": None}, {"wat": "null"}),
        ({"wat": "Idee", "kleur": "rood"}, {"kleur": "unknown"}),
        ({"wat": "Idee", "versie": 7}, {"versie": "unknown"}),
        ({"wat": "Idee", "stip_op_de_horizon": "snake"}, {"stip_op_de_horizon": "unknown"}),
        (
            {"context": 5, "sterkte": ["lijst"]},
            {"wat": "required", "context": "invalid", "sterkte": "invalid"},
        ),
        ({"wat": "", "auteur": "iemand"}, {"wat": "blank", "auteur": "unknown"}),
    ],
)
def test_herzien_ongeldig(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert (
        fouten(regisseur_api.put(proces_url(bestuursproces, "/idee"), payload, format="json"))
        == verwacht
    )
    assert IdeeVersie.objects.filter(bestuursproces=bestuursproces).count() == 1
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_versies_nieuwste_eerst(bestuursproces, regisseur, leden, regisseur_api):
    herzie(bestuursproces, leden["kernteam"], "Tweede")
    herzie(bestuursproces, regisseur, "Derde")

    response = regisseur_api.get(proces_url(bestuursproces, "/idee/versies"))

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert body["count"] == 3
    assert [v["versie"] for v in body["results"]] == [3, 2, 1]
    assert [v["wat"] for v in body["results"]][:2] == ["Derde", "Tweede"]
    assert [v["auteur"] for v in body["results"]] == [
        "regisseur",
        leden["kernteam"].username,
        "regisseur",
    ]
    assert all(set(v) == IDEE_VELDEN for v in body["results"])


def test_versies_paginering(bestuursproces, regisseur, regisseur_api):
    for n in range(2, 6):
        herzie(bestuursproces, regisseur, f"Versie {n}")
    url = proces_url(bestuursproces, "/idee/versies")

    response = regisseur_api.get(url, {"pageSize": 2, "page": 2})

    body = response.json()
    assert body["count"] == 5
    assert [v["versie"] for v in body["results"]] == [3, 2]
    assert body["next"] == absoluut(f"{url}?page=3&pageSize=2")
    assert body["previous"] == absoluut(f"{url}?pageSize=2")
    assert link_header(response) == {
        "first": absoluut(f"{url}?pageSize=2"),
        "prev": absoluut(f"{url}?pageSize=2"),
        "next": absoluut(f"{url}?page=3&pageSize=2"),
        "last": absoluut(f"{url}?page=3&pageSize=2"),
    }


def test_versies_zonder_idee_is_lege_lijst(regisseur, regisseur_api):
    proces = open_proces(regisseur, met_idee=False)

    body = regisseur_api.get(proces_url(proces, "/idee/versies")).json()

    assert (body["count"], body["results"]) == (0, [])


def test_versies_van_een_ander_proces_tellen_niet_mee(bestuursproces, regisseur, regisseur_api):
    ander = open_proces(regisseur, titel="Ander")
    herzie(ander, regisseur, "Idee van het andere proces")

    body = regisseur_api.get(proces_url(bestuursproces, "/idee/versies")).json()

    assert body["count"] == 1
    assert body["results"][0]["wat"] == "Een levendig havenkwartier met woningen en werk"


@pytest.mark.parametrize(
    ("methode", "suffix"),
    [("get", "/idee"), ("put", "/idee"), ("get", "/idee/versies")],
)
def test_onbekend_proces(bestuursproces, regisseur_api, methode, suffix):
    response = getattr(regisseur_api, methode)(
        proces_url(str(uuid.uuid4()), suffix), {"wat": "x"}, format="json"
    )

    assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize(
    ("methode", "suffix", "toegestaan"),
    [
        ("patch", "/idee", {"GET", "PUT", "HEAD", "OPTIONS"}),
        ("post", "/idee", {"GET", "PUT", "HEAD", "OPTIONS"}),
        ("delete", "/idee", {"GET", "PUT", "HEAD", "OPTIONS"}),
        ("post", "/idee/versies", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/idee/versies", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_methode_niet_toegestaan(bestuursproces, regisseur_api, methode, suffix, toegestaan):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, suffix), {"wat": "x"}, format="json"
    )

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == toegestaan
    assert IdeeVersie.objects.filter(bestuursproces=bestuursproces).count() == 1


@pytest.mark.parametrize(
    ("methode", "suffix"), [("get", "/idee/"), ("put", "/idee/"), ("get", "/idee/versies/")]
)
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, methode, suffix):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, suffix), {"wat": "x"}, format="json"
    )

    assert_probleem(response, 404, "not_found")
    assert IdeeVersie.objects.filter(bestuursproces=bestuursproces).count() == 1


@pytest.mark.parametrize(
    ("methode", "suffix"), [("get", "/idee"), ("put", "/idee"), ("get", "/idee/versies")]
)
def test_zonder_authenticatie_401(bestuursproces, api, methode, suffix):
    response = getattr(api, methode)(
        proces_url(bestuursproces, suffix), {"wat": "x"}, format="json"
    )

    assert_probleem(response, 401, "not_authenticated")
    assert IdeeVersie.objects.filter(bestuursproces=bestuursproces).count() == 1


# --- idee-eigenaren as spelers ---------------------------------------------------------------


def test_herzien_met_eigenaar_spelers(bestuursproces, regisseur, regisseur_api):
    wethouder = speler(bestuursproces, regisseur, "Wethouder", rol_in_proces="idee_eigenaar")
    bewoners = speler(bestuursproces, regisseur, "Bewoners", rol_in_proces="idee_eigenaar")
    volgorde = [api_url(bewoners), api_url(wethouder)]  # not by name: as given

    response = regisseur_api.put(
        proces_url(bestuursproces, "/idee"),
        {"wat": "Samen met de buurt", "eigenaarSpelers": volgorde},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["eigenaarSpelers"] == volgorde
    assert regisseur_api.get(proces_url(bestuursproces, "/idee")).json() == body
    assert regisseur_api.get(proces_url(bestuursproces)).json()["huidigIdee"] == body
    versies = regisseur_api.get(proces_url(bestuursproces, "/idee/versies")).json()["results"]
    assert [v["eigenaarSpelers"] for v in versies] == [volgorde, []]
    assert laatste_gebeurtenis(bestuursproces).payload["idee"]["eigenaarSpelers"] == [
        str(bewoners.uuid),
        str(wethouder.uuid),
    ]


def test_weglaten_is_geen_eigenaar_spelers(bestuursproces, regisseur, regisseur_api):
    wethouder = speler(bestuursproces, regisseur, "Wethouder")
    idee = proces_url(bestuursproces, "/idee")
    regisseur_api.put(idee, {"wat": "Met", "eigenaarSpelers": [api_url(wethouder)]}, format="json")

    body = regisseur_api.put(idee, {"wat": "Met"}, format="json").json()

    assert (body["versie"], body["eigenaarSpelers"]) == (3, [])


@pytest.mark.parametrize(
    ("eigenaars", "verwacht"),
    [
        (["ander-proces"], {"eigenaarSpelers.0": "does_not_exist"}),
        (["eigen", "onbekend"], {"eigenaarSpelers.1": "does_not_exist"}),
        (["uuid"], {"eigenaarSpelers.0": "invalid"}),
        (["organisatie"], {"eigenaarSpelers.0": "invalid"}),
        (["eigen", "eigen"], {"eigenaarSpelers": "unique"}),
        ("eigen", {"eigenaarSpelers": "not_a_list"}),
    ],
)
def test_eigenaar_spelers_van_dit_proces(
    bestuursproces, regisseur, regisseur_api, eigenaars, verwacht
):
    eigen = speler(bestuursproces, regisseur)
    elders = speler(open_proces(regisseur, titel="Ander"), regisseur)
    corporatie = organisatie(bestuursproces, regisseur)
    waarden = {
        "ander-proces": api_url(elders),
        "eigen": api_url(eigen),
        "onbekend": api_url(eigen).replace(str(eigen.uuid), str(uuid.uuid4())),
        "uuid": str(eigen.uuid),
        "organisatie": api_url(corporatie),
    }
    aantal = len(gebeurtenissen_van(bestuursproces))
    payload = {
        "wat": "Herzien",
        "eigenaarSpelers": waarden[eigenaars]
        if isinstance(eigenaars, str)
        else [waarden[e] for e in eigenaars],
    }

    response = regisseur_api.put(proces_url(bestuursproces, "/idee"), payload, format="json")

    assert fouten(response) == verwacht
    assert IdeeVersie.objects.filter(bestuursproces=bestuursproces).count() == 1
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


# --- idee-eigenaren as opdrachtgevers and organisaties ---------------------------------------


def test_herzien_met_de_raad_en_een_organisatie_als_eigenaar(
    bestuursproces, regisseur, regisseur_api
):
    raad = opdrachtgever(bestuursproces, regisseur, "Gemeenteraad", rol="gemeenteraad")
    corporatie = organisatie(bestuursproces, regisseur, "Woonstede")
    idee = proces_url(bestuursproces, "/idee")

    response = regisseur_api.put(
        idee,
        {
            "wat": "Wonen aan het water",
            "eigenaarOpdrachtgevers": [api_url(raad)],
            "eigenaarOrganisaties": [api_url(corporatie)],
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (
        body["eigenaarSpelers"],
        body["eigenaarOpdrachtgevers"],
        body["eigenaarOrganisaties"],
    ) == (
        [],
        [api_url(raad)],
        [api_url(corporatie)],
    )
    momentopname = regisseur_api.get(proces_url(bestuursproces, "/momentopname")).json()
    assert momentopname["idee"]["eigenaarOpdrachtgevers"] == [str(raad.uuid)]

    # A client that sends only spelers (as before) names only spelers: leaving out is none.
    alleen_spelers = regisseur_api.put(idee, {"wat": "Wonen aan het water"}, format="json").json()
    assert alleen_spelers["eigenaarOpdrachtgevers"] == []

    verkeerd = regisseur_api.put(
        idee, {"wat": "x", "eigenaarOrganisaties": [api_url(raad)]}, format="json"
    )
    assert fouten(verkeerd) == {"eigenaarOrganisaties.0": "invalid"}
