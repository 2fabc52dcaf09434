"""The Stadium task through the browser's door (Django's test client): move with a world-time
moment and a toelichting; a refusal keeps the chosen stadium and the toelichting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Bestuursproces, Gebeurtenis, Stadiumovergang
from tests.factories import consolideer_stap
from werkruimte.versie import versie_van

from ._html import veldfout
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces) -> str:
    return f"/processen/{zaak.uuid}/stadium/"


def _aantal(zaak: Bestuursproces) -> int:
    return Gebeurtenis.objects.filter(bestuursproces=zaak).count()


def test_een_geweigerde_overgang_houdt_de_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    aantal = _aantal(zaak)
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak),
        {
            "naar": "houdbaar",
            "toelichting": "Alle partijen zien het zitten",
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    # The gate's objection at the stadium choice, the input as typed.
    fout = veldfout(html, "naar")
    assert "geen wyber-stap geconsolideerd" in fout
    assert "Alleen de procesregisseur kan de overgang toch laten doorgaan." in fout
    assert 'value="houdbaar" checked' in html
    assert "Alle partijen zien het zitten</textarea>" in html
    assert _aantal(zaak) == aantal
    zaak.refresh_from_db()
    assert zaak.stadium == "voorstelbaar"


def test_de_regisseur_forceert_met_toelichting(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["procesregisseur"])
    antwoord = client.post(
        _url(zaak),
        {
            "naar": "houdbaar",
            "toelichting": "Het college wil door",
            "forceren": "on",
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(zaak)
    overgang = Stadiumovergang.objects.get(bestuursproces=zaak)
    assert (overgang.naar, overgang.geforceerd) == ("houdbaar", True)
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "stadium.gewijzigd"
    assert gebeurtenis.toelichting == "Het college wil door"
    # POST/redirect/GET: the next page says it worked.
    assert "Het stadium is gewijzigd." in client.get(_url(zaak)).content.decode()


def test_een_overgang_op_een_eerdere_dag(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    consolideer_stap(zaak, regisseur, tijdstip=dagen_geleden(20))
    dag = timezone.localdate() - dt.timedelta(days=10)
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak),
        {
            "naar": "houdbaar",
            "toelichting": "Voorstelbaar voor iedereen",
            "tijdstip": dag.strftime("%d-%m-%Y"),
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    overgang = Stadiumovergang.objects.get(bestuursproces=zaak)
    assert timezone.localdate(overgang.tijdstip) == dag


@pytest.mark.parametrize(
    ("dagen", "melding"),
    [(-3, "ligt in de toekomst"), (40, "")],
)
def test_een_onmogelijk_moment_komt_bij_het_tijdstip(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, dagen: int, melding: str
) -> None:
    dag = timezone.localdate() - dt.timedelta(days=dagen)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak),
        {
            "naar": "houdbaar",
            "toelichting": "Terug in de tijd",
            "forceren": "on",
            "tijdstip": dag.isoformat(),
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    fout = veldfout(html, "tijdstip")
    assert fout
    assert melding in fout
    assert f'value="{dag.isoformat()}"' in html
    assert not Stadiumovergang.objects.filter(bestuursproces=zaak).exists()


def test_een_verouderd_formulier_toont_wat_er_veranderde(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    oud = versie_van(zaak)
    consolideer_stap(zaak, regisseur)
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak), {"naar": "houdbaar", "toelichting": "Nu kan het", "versie": oud}
    )
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Iemand anders heeft dit bestuursproces gewijzigd" in html
    assert "Rina Regisseur" in html
    assert "Nu kan het</textarea>" in html
    assert f'name="versie" value="{versie_van(zaak)}"' in html
    assert not Stadiumovergang.objects.filter(bestuursproces=zaak).exists()


def test_htmx_krijgt_alleen_het_formulier_terug(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak),
        {"naar": "houdbaar", "toelichting": "Graag", "versie": versie_van(zaak)},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert 'id="stadiumformulier"' in html


def test_de_poort_noemt_wat_ontbreekt_voordat_er_iets_verstuurd_is(
    regisseur: Any, web: Any
) -> None:
    # Step 2 of the status case is consolidating in houdbaar, waiting for the corporatie.
    from tests.statuspagina._proces import WACHTENDE, bouw_statusproces

    proces = bouw_statusproces(regisseur).bestuursproces
    html = web(regisseur).get(_url(proces)).content.decode()
    assert "Kan het proces door naar maakbaar?" in html
    bezwaren = html.split('id="poortbezwaren">')[1].split("</ul>")[0]
    assert "Stap 2" in bezwaren
    assert WACHTENDE in bezwaren
    # The consent table of that step: the corporatie has not consented.
    tabel = html.split('id="instemming-kop"')[1].split("</table>")[0]
    assert WACHTENDE in tabel
    assert "nee (" in tabel


def test_de_poort_staat_open_na_een_consolidatie(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    consolideer_stap(zaak, regisseur)
    html = web(regisseur).get(_url(zaak)).content.decode()
    assert "Ja: de poort staat open." in html
    assert 'id="poortbezwaren"' not in html


def test_een_geforceerde_overgang_toont_zijn_bezwaren_aan_iedereen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    web(zaakleden["procesregisseur"]).post(
        _url(zaak),
        {
            "naar": "houdbaar",
            "toelichting": "Het college wil door",
            "forceren": "on",
            "versie": versie_van(zaak),
        },
    )
    html = web(zaakleden["opdrachtgever"]).get(_url(zaak)).content.decode()
    geschiedenis = html.split('id="overgangen-kop"')[1]
    assert "Vooruit van Voorstelbaar naar Houdbaar" in geschiedenis
    assert "geforceerd" in geschiedenis
    assert "Het college wil door" in geschiedenis
    assert "geen wyber-stap geconsolideerd" in geschiedenis
