"""The Afspraken task through the browser's door: the list with its status filter and
``verlopen`` (overdue ones first and marked), making one, handling one in place (nagekomen,
niet nagekomen or vervallen with a reason); a refusal keeps the input with the reason at the
field; a reading role gets no forms and 403; non-members 404; a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.models import Afspraak, Bestuursproces, Gebeurtenis
from tests.factories import GebruikerFactory, voeg_leden_toe
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier, dag
from ._html import LEZEND, WERKEND, formulieren, veldfout

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _url(zaak: Bestuursproces, rest: str = "") -> str:
    return f"/processen/{zaak.uuid}/afspraken/{rest}"


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def test_de_lijst_zet_verlopen_afspraken_voorop_en_filtert(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    dossier.afspraak("Later leveren", uiterlijk=dag(-30))
    verlopen = dossier.afspraak("Te laat geleverd", uiterlijk=dag(2))
    klaar = dossier.afspraak("Al gedaan", uiterlijk=dag(-3))
    services.handel_afspraak_af(actor=dossier.actor, afspraak=klaar, status="nagekomen")
    html = web(leden["kernteam"]).get(_url(dossier.zaak)).content.decode()
    volgorde = [html.index(t) for t in ("Te laat geleverd", "Later leveren", "Al gedaan")]
    assert volgorde == sorted(volgorde)
    assert "1 afspraak is verlopen" in html
    item = html.split(f'id="afspraak-{verlopen.uuid}"', 1)[1].split("</li>", 1)[0]
    assert "label--let-op" in item
    # Handling is offered for the open ones only.
    assert formulieren(html) == [
        f"afhandelen-{verlopen.uuid}",
        f"afhandelen-{Afspraak.objects.get(wat='Later leveren').uuid}",
        "afspraakformulier",
    ]

    alleen = web(leden["kernteam"]).get(_url(dossier.zaak), {"status": "verlopen"})
    assert "Te laat geleverd" in alleen.content.decode()
    assert "Later leveren" not in alleen.content.decode()
    nagekomen = web(leden["kernteam"]).get(_url(dossier.zaak), {"status": "nagekomen"})
    assert "Al gedaan" in nagekomen.content.decode()
    assert "Te laat geleverd" not in nagekomen.content.decode()


@pytest.mark.parametrize("rol", WERKEND)
def test_een_afspraak_maken(dossier: Dossier, leden: dict[str, Any], web: Any, rol: str) -> None:
    bijeenkomst = dossier.bijeenkomst()
    laatste = versie_van(dossier.zaak)
    antwoord = web(leden[rol]).post(
        _url(dossier.zaak),
        {
            "afspraak-wat": "Schetsontwerp delen",
            "afspraak-door": f"speler:{dossier.speler.uuid}",
            "afspraak-aan": f"opdrachtgever:{dossier.opdrachtgever.uuid}",
            "afspraak-uiterlijk": dag(-14).isoformat(),
            "afspraak-datum": dag(5).strftime("%d-%m-%Y"),
            "afspraak-bijeenkomst": str(bijeenkomst.uuid),
            "afspraak-zichtbaarheid": "kernteam",
            "afspraak-toelichting": "Uit de werksessie",
            "afspraak-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["afspraak.gemaakt"]
    a = Afspraak.objects.get(wat="Schetsontwerp delen")
    assert (a.speler, a.aan_opdrachtgever, a.bijeenkomst) == (
        dossier.speler,
        dossier.opdrachtgever,
        bijeenkomst,
    )
    assert (a.datum, a.uiterlijk, a.zichtbaarheid) == (dag(5), dag(-14), "kernteam")
    assert antwoord["Location"].endswith(f"#afspraak-{a.uuid}")


def test_een_geweigerde_afspraak_houdt_de_invoer(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(dossier.zaak)
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak),
        {
            "afspraak-wat": "Schetsontwerp delen",
            "afspraak-door": f"speler:{dossier.speler.uuid}",
            "afspraak-uiterlijk": dag(10).isoformat(),
            "afspraak-datum": dag(5).isoformat(),
            "afspraak-zichtbaarheid": "proces",
            "afspraak-toelichting": "Mijn toelichting",
            "afspraak-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert "vóór de dag van de afspraak" in veldfout(html, "afspraak-uiterlijk")
    assert "Schetsontwerp delen</textarea>" in html
    assert f'value="speler:{dossier.speler.uuid}" selected' in html
    assert "Mijn toelichting</textarea>" in html
    assert _typen(dossier.zaak, laatste) == []


@pytest.mark.parametrize(
    ("status", "reden", "type_"),
    [
        ("nagekomen", "", "afspraak.nagekomen"),
        ("niet_nagekomen", "De raming kwam niet", "afspraak.niet_nagekomen"),
        ("vervallen", "Het plan is veranderd", "afspraak.vervallen"),
    ],
)
def test_een_afspraak_afhandelen_in_place(
    dossier: Dossier, leden: dict[str, Any], web: Any, status: str, reden: str, type_: str
) -> None:
    afspraak = dossier.afspraak()
    laatste = versie_van(dossier.zaak)
    voorvoegsel = f"afh-{afspraak.uuid}"
    antwoord = web(leden["kernteam"]).post(
        _url(dossier.zaak, f"{afspraak.uuid}/afhandelen/"),
        {
            f"{voorvoegsel}-status": status,
            f"{voorvoegsel}-reden": reden,
            f"{voorvoegsel}-op": dag(1).isoformat(),
            f"{voorvoegsel}-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"].endswith(f"/afspraken/#afspraak-{afspraak.uuid}")
    assert _typen(dossier.zaak, laatste) == [type_]
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.reden, afspraak.afgehandeld_op) == (status, reden, dag(1))


def test_niet_nagekomen_zonder_reden_wordt_geweigerd_bij_het_veld(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    afspraak = dossier.afspraak()
    laatste = versie_van(dossier.zaak)
    voorvoegsel = f"afh-{afspraak.uuid}"
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak, f"{afspraak.uuid}/afhandelen/"),
        {
            f"{voorvoegsel}-status": "niet_nagekomen",
            f"{voorvoegsel}-toelichting": "Gebeld met de corporatie",
            f"{voorvoegsel}-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith(f'<form method="post" action="/processen/{dossier.zaak.uuid}')
    assert "reden" in veldfout(html, f"{voorvoegsel}-reden").lower()
    assert 'value="niet_nagekomen" checked' in html
    assert "Gebeld met de corporatie</textarea>" in html
    assert _typen(dossier.zaak, laatste) == []


def test_een_verouderd_formulier_wordt_geweigerd(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    afspraak = dossier.afspraak()
    laatste = versie_van(dossier.zaak)
    dossier.afspraak("Iets anders")
    voorvoegsel = f"afh-{afspraak.uuid}"
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak, f"{afspraak.uuid}/afhandelen/"),
        {f"{voorvoegsel}-status": "nagekomen", f"{voorvoegsel}-versie": laatste},
    )
    assert antwoord.status_code == 409
    assert "Iemand anders heeft dit bestuursproces gewijzigd" in antwoord.content.decode()
    afspraak.refresh_from_db()
    assert afspraak.status == "open"


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_de_afspraken_zonder_formulieren_en_krijgt_403(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    afspraak = dossier.afspraak()
    dossier.afspraak("Vertrouwelijke toezegging", zichtbaarheid="kernteam")
    client = web(leden[rol])
    html = client.get(_url(dossier.zaak)).content.decode()
    assert "Grondprijs doorrekenen" in html
    assert "Vertrouwelijke toezegging" not in html
    assert formulieren(html) == []
    laatste = versie_van(dossier.zaak)
    for url, data in (
        (_url(dossier.zaak), {"afspraak-wat": "x"}),
        (
            _url(dossier.zaak, f"{afspraak.uuid}/afhandelen/"),
            {f"afh-{afspraak.uuid}-status": "nagekomen"},
        ),
    ):
        assert client.post(url, data).status_code == 403
    assert _typen(dossier.zaak, laatste) == []


def test_een_afspraak_boven_het_niveau_is_er_niet(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    verborgen = dossier.afspraak("Vertrouwelijk", zichtbaarheid="regisseur")
    antwoord = web(leden["kernteam"]).post(
        _url(dossier.zaak, f"{verborgen.uuid}/afhandelen/"),
        {f"afh-{verborgen.uuid}-status": "nagekomen"},
    )
    assert antwoord.status_code == 404


def test_niet_leden_krijgen_404(dossier: Dossier, leden: dict[str, Any], web: Any) -> None:
    client = web(GebruikerFactory(username="buitenstaander"))
    afspraak = dossier.afspraak()
    assert client.get(_url(dossier.zaak)).status_code == 404
    assert client.post(_url(dossier.zaak, f"{afspraak.uuid}/afhandelen/")).status_code == 404


def test_het_overzicht_noemt_de_verlopen_afspraken(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    dossier.afspraak("Te laat", uiterlijk=dag(2))
    dossier.afspraak("Ook te laat, vertrouwelijk", uiterlijk=dag(1), zichtbaarheid="kernteam")
    dossier.afspraak("Op tijd", uiterlijk=dag(-2))
    overzicht = f"/processen/{dossier.zaak.uuid}/"
    kernteam = web(leden["kernteam"]).get(overzicht).content.decode()
    assert "2 afspraken zijn verlopen" in kernteam
    assert f'href="{_url(dossier.zaak)}?status=verlopen"' in kernteam
    opdrachtgever = web(leden["opdrachtgever"]).get(overzicht).content.decode()
    assert "1 afspraak is verlopen" in opdrachtgever
    assert "vertrouwelijk" not in opdrachtgever
    # A past day shows how it stood then: nothing was overdue yet.
    verleden = web(leden["opdrachtgever"]).get(overzicht, {"op": dag(3).isoformat()})
    assert "Te laat" in verleden.content.decode()
    assert 'id="verlopen-afspraken"' not in verleden.content.decode()


def test_een_schrijvend_formulier_leest_het_proces_eenmaal_en_vergrendelt_het(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(dossier.zaak)
    client = web(leden["kernteam"])
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.post(
            _url(dossier.zaak),
            {
                "afspraak-wat": "Eén keer vergrendeld",
                "afspraak-door": f"speler:{dossier.speler.uuid}",
                "afspraak-uiterlijk": dag(-14).isoformat(),
                "afspraak-zichtbaarheid": "proces",
                "afspraak-versie": laatste,
                # As a browser sends it: the form's key claimed in the same transaction.
                "afspraak-verzendsleutel": "0" * 32,
            },
        )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["afspraak.gemaakt"]
    statements = [q["sql"] for q in queries.captured_queries]
    transactie = statements[next(i for i, s in enumerate(statements) if "SAVEPOINT" in s) :]
    # The version check and the service share one locked read of the case with the role;
    # the version is the head on that row, not a count of the log.
    gelezen = [s for s in transactie if s.startswith('SELECT "cases_bestuursproces"."id"')]
    assert len(gelezen) == 1
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in gelezen[0]
    assert not any("MAX(" in s for s in transactie)
    # The parties, the case and the user the service holds are not looked up again, and the
    # afspraak's two check constraints are decided without asking the database.
    assert [s for s in transactie if s.startswith('SELECT 1 AS "a"')] == []
    assert [s for s in transactie if '"_check"' in s] == []
    assert any("idempotentie_idempotentverzoek" in s for s in transactie)
