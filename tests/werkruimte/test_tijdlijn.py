"""Tijdlijn, gebeurtenissen en export: filters and pages, the log as the role may see it,
downloads and report jobs for those who may export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from cases import services
from cases.models import Bestuursproces, Exporttaak
from tests.cases.exports._opslag import lege_opslag  # noqa: F401 (autouse fixture)
from tests.factories import actor_voor

from ._html import veldfout
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces, deel: str = "") -> str:
    return f"/processen/{zaak.uuid}/tijdlijn/{deel}"


def _notities(zaak: Bestuursproces, regisseur: Any, n: int, **velden: Any) -> None:
    for i in range(n):
        services.maak_notitie(
            actor=actor_voor(regisseur),
            bestuursproces=zaak,
            tekst=f"Notitie {i}",
            zichtbaarheid=velden.get("zichtbaarheid", "proces"),
            tijdstip=velden.get("tijdstip"),
        )


def test_de_tijdlijn_filtert_en_bladert(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    _notities(zaak, regisseur, 30)
    services.wijzig_stadium(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naar="houdbaar",
        toelichting="Door",
        forceren=True,
        tijdstip=dagen_geleden(10),
    )
    client = web(zaakleden["opdrachtgever"])
    html = client.get(_url(zaak)).content.decode()
    assert "Pagina 1 van 2" in html
    assert "Notitie 29" in html  # newest first
    assert "Notitie 0" not in html

    alleen_stadium = client.get(_url(zaak), {"soort": "stadium.gewijzigd"}).content.decode()
    assert "1 item" in alleen_stadium
    assert "Stadium van voorstelbaar naar houdbaar" in alleen_stadium
    assert "Notitie" not in alleen_stadium.split('class="tijdlijn"')[1]

    dag = timezone.localdate(dagen_geleden(10))
    periode = client.get(_url(zaak), {"van": dag.isoformat(), "tot": dag.isoformat()})
    assert "Stadium van voorstelbaar naar houdbaar" in periode.content.decode()
    assert "1 item" in periode.content.decode()

    tweede = client.get(_url(zaak), {"pagina": "2"}).content.decode()
    assert "Notitie 0" in tweede
    assert "Pagina 2 van 2" in tweede


def test_een_verkeerde_periode_zegt_waarom(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["evaluator"]).get(
        _url(zaak), {"van": "2026-03-02", "tot": "2026-03-01"}
    )
    assert antwoord.status_code == 400
    assert "ligt vóór" in veldfout(antwoord.content.decode(), "tot")


def test_de_filters_blijven_bij_het_bladeren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    _notities(zaak, regisseur, 30)
    html = web(regisseur).get(_url(zaak), {"soort": "notitie.gemaakt"}).content.decode()
    assert "soort=notitie.gemaakt&amp;pagina=2" in html


def test_gebeurtenissen_met_afgeschermde_toelichting(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Havenbedrijf",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=3,
        vertrouwen=1,
        zichtbaarheid="regisseur",
        toelichting="Vertrouwelijke reden",
    )
    voor_regisseur = web(regisseur).get(_url(zaak, "gebeurtenissen/")).content.decode()
    assert "Vertrouwelijke reden" in voor_regisseur
    voor_opdrachtgever = (
        web(zaakleden["opdrachtgever"]).get(_url(zaak, "gebeurtenissen/")).content.decode()
    )
    assert "Vertrouwelijke reden" not in voor_opdrachtgever
    assert "afgeschermd voor uw rol" in voor_opdrachtgever


@pytest.mark.parametrize("rol", ["opdrachtgever", "kernteam"])
def test_exporteren_alleen_regisseur_en_evaluator(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    assert client.get(_url(zaak, "export/")).status_code == 403
    assert client.get(_url(zaak, "export/jsonl/")).status_code == 403
    assert client.post(_url(zaak, "export/"), {"formaat": "html"}).status_code == 403
    assert not Exporttaak.objects.exists()
    assert 'href="/processen/' + str(zaak.uuid) + '/tijdlijn/export/"' not in (
        client.get(_url(zaak)).content.decode()
    )


def test_een_evaluator_downloadt_jsonl(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["evaluator"]).get(_url(zaak, "export/jsonl/"))
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment;")
    assert antwoord["X-Export-Zichtbaarheid"] == "proces evaluatie"
    regels = b"".join(antwoord.streaming_content).decode().splitlines()
    assert json.loads(regels[0])["soort"] == "kop"


def test_een_rapport_als_taak_aanvragen_volgen_en_ophalen(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    web: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = web(zaakleden["evaluator"])
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_url(zaak, "export/"), {"formaat": "html"})
    assert antwoord.status_code == 302
    taak = Exporttaak.objects.get()
    assert (taak.status, taak.aanvrager) == ("klaar", zaakleden["evaluator"])
    html = client.get(_url(zaak, "export/")).content.decode()
    assert "Het rapport wordt gemaakt." in html
    bestand = f"/processen/{zaak.uuid}/tijdlijn/export/taken/{taak.uuid}/"
    assert f'href="{bestand}"' in html
    download = client.get(bestand)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"<!DOCTYPE html>")
    # Another member who may export does not get this job: it carries the evaluator's view.
    assert web(zaakleden["procesregisseur"]).get(bestand).status_code == 404


def test_een_lopende_taak_ververst_zichzelf(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["procesregisseur"])
    # Not executed: the job stays waiting, and the list polls.
    client.post(_url(zaak, "export/"), {"formaat": "pdf"})
    fragment = client.get(_url(zaak, "export/"), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="exporttaken"')
    assert 'hx-trigger="every 2s"' in fragment
    assert "<progress" in fragment


def test_buitenstaanders_zien_niets(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["buitenstaander"])
    for deel in ("", "gebeurtenissen/", "export/", "export/csv/"):
        assert client.get(_url(zaak, deel)).status_code == 404


def test_een_later_vastgelegde_notitie_staat_op_haar_dag(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    _notities(zaak, regisseur, 1, tijdstip=dagen_geleden(20))
    html = web(regisseur).get(_url(zaak), {"soort": "notitie.gemaakt"}).content.decode()
    item = html.split('class="tijdlijn__item"')[1].split("</li>")[0]
    assert date_format(timezone.localdate(dagen_geleden(20)), "j F Y") in item
    assert f"vastgelegd op {date_format(timezone.localdate(), 'j F Y')}" in item
