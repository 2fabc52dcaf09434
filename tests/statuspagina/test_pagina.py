"""The status page through Django's test client: access, content and the point-in-time
switch. The browser tests (test_browser.py) check the same pages in Chromium with axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from cases.models import Bestuursproces
from tests.factories import open_proces

from . import _proces as p
from ._html import sectie, stadia, tekst
from ._proces import Statusproces

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig


def _datum(waarde: dt.date | dt.datetime) -> str:
    if isinstance(waarde, dt.datetime):
        waarde = timezone.localdate(waarde)
    return date_format(waarde, "j F Y")


def _url(bestuursproces: Bestuursproces, op: str | None = None) -> str:
    url = f"/processen/{bestuursproces.uuid}/"
    return f"{url}?op={op}" if op is not None else url


# --- access ---------------------------------------------------------------------------------


def test_de_hoofdpagina_verwijst_naar_de_processen(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/processen/"


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/processen/", "/processen/{uuid}/"])
def test_anoniem_gaat_naar_de_inlogpagina(
    client: Client, statusproces: Statusproces, pad: str
) -> None:
    pad = pad.format(uuid=statusproces.bestuursproces.uuid)
    response = client.get(pad)
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next={pad}"


def test_inloggen_met_het_formulier(client: Client, regisseur: Any) -> None:
    pagina = client.get("/inloggen/?next=/processen/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert 'autocomplete="current-password"' in html

    fout = client.post("/inloggen/", {"username": "regisseur", "password": "fout"})
    assert fout.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in tekst(fout.content)

    goed = client.post(
        "/inloggen/", {"username": "regisseur", "password": "geheim-wachtwoord", "next": "/"}
    )
    assert goed.status_code == 302
    assert client.get("/processen/").status_code == 200


def test_uitloggen(als: Any, regisseur: Any) -> None:
    client = als(regisseur)
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert client.get("/processen/").status_code == 302


def test_de_lijst_toont_alleen_eigen_processen_met_rol(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    ander = open_proces(statusleden["buitenstaander"], titel="Proces van een ander")
    html = als(statusleden["opdrachtgever"]).get("/processen/").content.decode()
    assert "Herinrichting Havenkwartier" in html
    assert f'href="/processen/{statusproces.bestuursproces.uuid}/"' in html
    assert "Opdrachtgever" in tekst(html)
    assert "Houdbaar" in tekst(html)
    assert ander.titel not in html


def test_de_lijst_zonder_processen(als: Any, statusleden: dict[str, Any]) -> None:
    response = als(statusleden["buitenstaander"]).get("/processen/")
    assert "U bent nog geen lid van een bestuursproces" in tekst(response.content)


def test_niet_leden_krijgen_404(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    response = als(statusleden["buitenstaander"]).get(_url(statusproces.bestuursproces))
    assert response.status_code == 404


# --- content ---------------------------------------------------------------------------------


@pytest.fixture
def pagina(als: Any, statusproces: Statusproces, statusleden: dict[str, Any]) -> str:
    """The current page as the opdrachtgever sees it."""
    response = als(statusleden["opdrachtgever"]).get(_url(statusproces.bestuursproces))
    assert response.status_code == 200
    return str(response.content.decode())


def test_pagina_toont_het_idee_en_de_stip(pagina: str) -> None:
    idee = sectie(pagina, "kop-idee")
    assert p.WAT in idee
    assert p.STIP in idee
    assert '<html lang="nl"' in pagina


def test_stadia_als_stappen_met_datum(pagina: str, statusproces: Statusproces) -> None:
    stappen = stadia(pagina)
    assert [s["naam"] for s in stappen] == [
        "Voorstelbaar",
        "Houdbaar",
        "Maakbaar",
        "Uitvoerbaar",
        "Bruikbaar",
    ]
    assert [s["huidig"] for s in stappen] == [False, True, False, False, False]
    geopend = _datum(statusproces.bestuursproces.geopend_op)
    assert stappen[0]["tekst"] == f"afgerond, bereikt op {geopend}"
    assert stappen[1]["tekst"] == f"huidig stadium, bereikt op {_datum(p.dagen_geleden(45))}"
    assert stappen[2]["tekst"] == "nog niet bereikt"


def test_huidige_stap_met_fase_en_wie_ontbreekt(pagina: str) -> None:
    stap = sectie(pagina, "kop-stap")
    assert f"Stap 2: {p.DOEL_STAP_2}" in stap
    assert "Fase Consolideren" in stap
    assert f"{p.WACHTENDE}: nog geen reactie, nog niet formeel besloten" in stap


def test_komende_besluitmomenten_in_volgorde(pagina: str) -> None:
    momenten = sectie(pagina, "kop-besluitmomenten")
    assert p.GEVRAAGD_VOORBIJ not in momenten
    assert momenten.index(p.GEVRAAGD_KOMEND) < momenten.index(p.GEVRAAGD_LATER)
    assert f"{_datum(p.datum(40))} Besluit {p.GEVRAAGD_KOMEND}" in momenten


def test_krachtenveld_als_grafiek_en_tabel(pagina: str) -> None:
    veld = sectie(pagina, "kop-krachtenveld")
    assert f"{p.WACHTENDE} (speler) Voorstander Productiemacht 4 Aangehaakt" in veld
    assert "Stuurgroep (speler, nog te betrekken)" in veld
    assert 'role="img"' in pagina
    assert "<caption" in pagina


def test_tijdlijn_en_aandacht(pagina: str) -> None:
    tijdlijn = sectie(pagina, "kop-tijdlijn")
    assert "Stadium van voorstelbaar naar houdbaar" in tijdlijn
    assert f"Interventie '{p.INTERVENTIE}' uitgevoerd" in tijdlijn
    # Newest first.
    assert tijdlijn.index("Consolidatie van stap 2") < tijdlijn.index("Stadium van voorstelbaar")
    aandacht = sectie(pagina, "kop-aandacht")
    assert f"Verbindende veld 1 0 {_datum(p.datum(-20))} ja" in aandacht
    assert "WIJ: 1 interventie" in aandacht


# --- the point-in-time switch ---------------------------------------------------------------


def test_moment_in_het_verleden(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    op = p.datum(-48)
    response = als(statusleden["opdrachtgever"]).get(_url(statusproces.bestuursproces, str(op)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "U bekijkt een moment in het verleden." in tekst(html)
    assert f"stand aan het eind van {date_format(op, 'l j F Y')}" in tekst(html)
    assert [s["huidig"] for s in stadia(html)] == [True, False, False, False, False]
    assert "Het proces was toen Voorstelbaar" in sectie(html, "kop-stadium")
    stap = sectie(html, "kop-stap")
    assert "Stap 1:" in stap
    assert "Fase Geconsolideerd" in stap
    # The stip op de horizon came later; so did the assessment and the second step.
    assert p.STIP not in html
    assert "Er zijn nog geen beoordeelde partijen." in sectie(html, "kop-krachtenveld")
    assert p.DOEL_STAP_2 not in html
    # The mandate 30 days ago was still to come then.
    assert p.GEVRAAGD_VOORBIJ in sectie(html, "kop-besluitmomenten")
    assert "Stadium van voorstelbaar naar houdbaar" not in sectie(html, "kop-tijdlijn")
    assert f'value="{op.isoformat()}"' in html


def test_vandaag_is_de_actuele_stand(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    vandaag = timezone.localdate().isoformat()
    response = als(statusleden["procesregisseur"]).get(_url(statusproces.bestuursproces, vandaag))
    assert response.status_code == 200
    assert "U bekijkt een moment in het verleden." not in tekst(response.content)
    assert p.DOEL_STAP_2 in tekst(response.content)


@pytest.mark.parametrize("schrijfwijze", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
def test_een_dag_zoals_de_pagina_hem_toont(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], schrijfwijze: str
) -> None:
    """Without the date picker a member types the day as the page writes it."""
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    response = als(statusleden["procesregisseur"]).get(
        _url(statusproces.bestuursproces, gisteren.strftime(schrijfwijze))
    )
    assert response.status_code == 200
    assert "U bekijkt een moment in het verleden." in tekst(response.content)
    assert _datum(gisteren) in tekst(response.content)


@pytest.mark.parametrize(
    ("op", "melding"),
    [
        ("gisteren", "Vul een geldige datum in, bijvoorbeeld 6-12-2026."),
        ("2026-02-30", "Vul een geldige datum in, bijvoorbeeld 6-12-2026."),
        ("30-2-2026", "Vul een geldige datum in, bijvoorbeeld 6-12-2026."),
        ("2000-01-01", "Op 1 januari 2000 bestond dit bestuursproces nog niet"),
    ],
)
def test_ongeldige_datum_geeft_een_formulierfout(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], op: str, melding: str
) -> None:
    response = als(statusleden["opdrachtgever"]).get(_url(statusproces.bestuursproces, op))
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in tekst(html)
    assert 'aria-invalid="true"' in html
    # The current state stays on the page, without the banner of a past moment.
    assert "U bekijkt een moment in het verleden." not in tekst(html)
    assert p.DOEL_STAP_2 in tekst(html)


def test_voor_de_opening_noemt_de_openingsdatum(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    bestuursproces = statusproces.bestuursproces
    dag_ervoor = timezone.localdate(bestuursproces.geopend_op) - dt.timedelta(days=1)
    response = als(statusleden["opdrachtgever"]).get(_url(bestuursproces, str(dag_ervoor)))
    assert response.status_code == 400
    assert (
        f"Op {_datum(dag_ervoor)} bestond dit bestuursproces nog niet: het is geopend op "
        f"{_datum(bestuursproces.geopend_op)}." in tekst(response.content)
    )
    opening = timezone.localdate(bestuursproces.geopend_op)
    assert (
        als(statusleden["opdrachtgever"]).get(_url(bestuursproces, str(opening))).status_code == 200
    )


def test_een_datum_in_de_toekomst(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any]
) -> None:
    morgen = p.datum(1)
    response = als(statusleden["opdrachtgever"]).get(_url(statusproces.bestuursproces, str(morgen)))
    assert response.status_code == 400
    assert f"{_datum(morgen)} ligt in de toekomst." in tekst(response.content)
