"""Walking the tijdlijn (and the shifts of the krachtenveld) page by page while others write:
the next link names the last item (``na``), so that a fact entered late before the client's
position does not push an item it already read onto the next page
(procesregie/api/sleutelpaginering.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Speler
from procesregie.api.sleutelpaginering import cursor_van, positie_van
from tests.factories import actor_voor, open_proces

from .helpers import assert_probleem, proces_url

BEGIN = dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)


def _dag(n: int) -> dt.datetime:
    return BEGIN + dt.timedelta(days=n)


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    """The opening and a note on each of the days 10 to 29: 21 items."""
    proces = open_proces(regisseur, met_idee=False, tijdstip=BEGIN)
    for dag in range(10, 30):
        _notitie(regisseur, proces, dag)
    return proces


def _notitie(regisseur: Any, proces: Bestuursproces, dag: int) -> None:
    services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        tekst=f"Dag {dag}",
        zichtbaarheid="proces",
        tijdstip=_dag(dag),
    )


def _client(regisseur: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


def test_wie_verder_bladert_ziet_geen_item_twee_keer(
    regisseur: Any, proces: Bestuursproces
) -> None:
    client = _client(regisseur)
    gezien: list[int] = []
    volgende: str | None = proces_url(proces, "/tijdlijn?pageSize=5")
    laat = iter(range(1, 9))
    while volgende:
        body = client.get(volgende).json()
        gezien += [item["volgnummer"] for item in body["results"]]
        volgende = body["next"]
        # Meanwhile someone enters a fact dated before everything read so far.
        if (dag := next(laat, None)) is not None:
            _notitie(regisseur, proces, dag)

    assert len(gezien) == len(set(gezien))
    # The 21 items there were at the start, each once; the late ones lie behind the client.
    assert len(gezien) == 21


def test_de_volgende_pagina_is_die_na_het_laatste_item(
    regisseur: Any, proces: Bestuursproces
) -> None:
    client = _client(regisseur)
    eerste = client.get(proces_url(proces, "/tijdlijn"), {"pageSize": 5}).json()

    volgende = urlparse(eerste["next"])
    query = parse_qs(volgende.query)
    assert "page" not in query
    laatste = eerste["results"][-1]
    tijdstip, volgnummer = positie_van(query["na"][0])
    assert (tijdstip, volgnummer) == (
        dt.datetime.fromisoformat(laatste["tijdstip"]),
        laatste["volgnummer"],
    )
    response = client.get(eerste["next"])
    tweede = response.json()
    assert (
        tweede["results"]
        == client.get(proces_url(proces, "/tijdlijn"), {"pageSize": 5, "page": 2}).json()["results"]
    )
    assert tweede["count"] == eerste["count"] == 21
    assert tweede["previous"] is None
    links = response["Link"]
    assert 'rel="first"' in links
    assert 'rel="next"' in links
    assert "page=5" in links  # the last page, by number


def test_de_laatste_pagina_heeft_geen_volgende(regisseur: Any, proces: Bestuursproces) -> None:
    client = _client(regisseur)
    body = client.get(proces_url(proces, "/tijdlijn"), {"pageSize": 20}).json()
    rest = client.get(body["next"]).json()

    assert len(rest["results"]) == 1
    assert rest["next"] is None


def test_ook_zoals_het_bekend_was(regisseur: Any, proces: Bestuursproces) -> None:
    """As known at a moment the tijdlijn is folded in Python; the cursor cuts that list."""
    client = _client(regisseur)
    bekend = dt.datetime.now(dt.UTC).isoformat()
    query: dict[str, Any] = {"pageSize": 5, "bekendOp": bekend}
    eerste = client.get(proces_url(proces, "/tijdlijn"), query).json()
    tweede = client.get(eerste["next"]).json()

    assert (
        tweede["results"]
        == client.get(proces_url(proces, "/tijdlijn"), {**query, "page": 2}).json()["results"]
    )


@pytest.mark.parametrize(
    ("query", "melding"),
    [
        ({"na": "geen-cursor"}, "Dit is geen cursor van deze lijst: volg de next-link."),
        (
            {"na": cursor_van(type("I", (), {"tijdstip": BEGIN, "volgnummer": 1})), "page": 2},
            "Geef page of na, niet allebei.",
        ),
    ],
)
def test_een_onbruikbare_cursor_is_een_fout(
    regisseur: Any, proces: Bestuursproces, query: dict[str, Any], melding: str
) -> None:
    response = _client(regisseur).get(proces_url(proces, "/tijdlijn"), query)

    [fout] = assert_probleem(response, 400, "invalid")["invalidParams"]
    assert (fout["name"], fout["reason"]) == ("na", melding)


@pytest.fixture
def speler(regisseur: Any, proces: Bestuursproces) -> Speler:
    """A speler whose standpunt changes every day from day 10 to 29: 20 shifts."""
    speler = services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        naam="Waterschap",
        soort="groep",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        tijdstip=_dag(1),
    )
    for dag in range(10, 30):
        _beoordeel(regisseur, speler, dag)
    return speler


def _beoordeel(regisseur: Any, speler: Speler, dag: int) -> None:
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=Speler.objects.get(pk=speler.pk),
        standpunt=("voorstander", "tegenstander")[dag % 2],
        macht="blokkademacht",
        invloed=3,
        vertrouwen=3,
        tijdstip=_dag(dag) + dt.timedelta(hours=1),
    )


def test_wie_door_de_verschuivingen_bladert_ziet_er_geen_twee_keer(
    regisseur: Any, proces: Bestuursproces, speler: Speler
) -> None:
    client = _client(regisseur)
    gezien: list[int] = []
    volgende: str | None = proces_url(proces, "/krachtenveld/verschuivingen?pageSize=6")
    laat = iter(range(2, 10))
    while volgende:
        body = client.get(volgende).json()
        assert body["count"] >= 20
        gezien += [item["volgnummer"] for item in body["results"]]
        volgende = body["next"]
        if (dag := next(laat, None)) is not None:
            _beoordeel(regisseur, speler, dag)  # dated before everything read so far

    assert len(gezien) == len(set(gezien)) == 20
