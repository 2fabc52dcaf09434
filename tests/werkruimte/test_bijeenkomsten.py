"""The Bijeenkomsten task through the browser's door: the list (soort and period filters,
paged), recording a werksessie with twelve invited and five present, its page with the
attendance and what came out of it, its verslag uploaded as a document, and the attendance per
party over time; a refusal keeps the input; readers get no forms and 403; non-members 404."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services
from cases.models import Bestuursproces, Bijeenkomst, Bijeenkomstsoort, Document, Gebeurtenis
from tests._bestanden import TEKST, sha256
from tests.factories import GebruikerFactory, voeg_leden_toe
from werkruimte.taken.bijeenkomsten import PER_PAGINA
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier, dag, werksessie
from ._html import LEZEND, WERKEND, formulieren, veldfout

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("documentopslag")]


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _url(zaak: Bestuursproces, rest: str = "") -> str:
    return f"/processen/{zaak.uuid}/bijeenkomsten/{rest}"


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _twaalf_uitgenodigd_vijf_aanwezig(dossier: Dossier, laatste: int) -> dict[str, Any]:
    """The speler and the opdrachtgever invited, the speler present; ten others invited by
    name of whom four came, and one who came uninvited is left out (twelve invited, five
    present)."""
    anderen = [f"Bewoner {i}" for i in range(1, 11)]
    return {
        "bijeenkomst-titel": "Werksessie kadeprofiel",
        "bijeenkomst-soort": werksessie().code,
        "bijeenkomst-datum": dag(3).strftime("%d-%m-%Y"),
        "bijeenkomst-waar": "Havengebouw, zaal 2",
        "bijeenkomst-uitgenodigd": [
            f"speler:{dossier.speler.uuid}",
            f"opdrachtgever:{dossier.opdrachtgever.uuid}",
        ],
        "bijeenkomst-aanwezig": [f"speler:{dossier.speler.uuid}"],
        "bijeenkomst-anderen_uitgenodigd": "\n".join(anderen),
        "bijeenkomst-anderen_aanwezig": "\n".join(anderen[:4]),
        "bijeenkomst-agenda": "1. Opening\n2. Kadeprofiel",
        "bijeenkomst-verslag": "Vijf van de twaalf kwamen.",
        "bijeenkomst-zichtbaarheid": "proces",
        "bijeenkomst-toelichting": "Eerste werksessie",
        "bijeenkomst-versie": laatste,
    }


@pytest.mark.parametrize("rol", WERKEND)
def test_een_werksessie_met_twaalf_uitgenodigd_en_vijf_aanwezig(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    stap = services.start_wyberstap(
        actor=dossier.actor, bestuursproces=dossier.zaak, doel="Verkennen"
    )
    client = web(leden[rol])
    laatste = versie_van(dossier.zaak)
    invoer = _twaalf_uitgenodigd_vijf_aanwezig(dossier, laatste)
    invoer["bijeenkomst-wyberstap"] = str(stap.uuid)
    antwoord = client.post(_url(dossier.zaak, "nieuw/"), invoer)
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["bijeenkomst.vastgelegd"]
    bijeenkomst = Bijeenkomst.objects.get()
    assert antwoord["Location"] == _url(dossier.zaak, f"{bijeenkomst.uuid}/")
    deelnemers = list(bijeenkomst.deelnemers.all())
    assert sum(d.uitgenodigd for d in deelnemers) == 12
    assert sum(d.aanwezig for d in deelnemers) == 5
    assert (bijeenkomst.datum, bijeenkomst.wyberstap) == (dag(3), stap)
    g = Gebeurtenis.objects.get(bestuursproces=dossier.zaak, volgnummer=laatste + 1)
    assert g.toelichting == "Eerste werksessie"

    html = client.get(antwoord["Location"]).content.decode()
    assert "Aanwezigheid: 5 aanwezig van 12 uitgenodigden" in html
    assert "Stap 1: Verkennen" in html
    assert "Vijf van de twaalf kwamen." in html


def test_een_geweigerde_bijeenkomst_houdt_de_invoer(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(dossier.zaak)
    invoer = _twaalf_uitgenodigd_vijf_aanwezig(dossier, laatste)
    invoer["bijeenkomst-datum"] = dag(-2).isoformat()
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak, "nieuw/"), invoer, HTTP_HX_REQUEST="true"
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert "toekomst" in veldfout(html, "bijeenkomst-datum")
    assert 'value="Werksessie kadeprofiel"' in html
    assert f'value="opdrachtgever:{dossier.opdrachtgever.uuid}" checked' in html
    assert "Bewoner 10</textarea>" in html
    assert _typen(dossier.zaak, laatste) == []

    # Without a title: the reason at the title.
    invoer = _twaalf_uitgenodigd_vijf_aanwezig(dossier, laatste)
    invoer["bijeenkomst-titel"] = ""
    antwoord = web(leden["procesregisseur"]).post(_url(dossier.zaak, "nieuw/"), invoer)
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), "bijeenkomst-titel")
    assert not Bijeenkomst.objects.exists()


def test_de_lijst_filtert_op_soort_en_periode_en_pagineert(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    overleg, _ = Bijeenkomstsoort.objects.get_or_create(
        code="bestuurlijk-overleg", defaults={"naam": "Bestuurlijk overleg"}
    )
    dossier.bijeenkomst("Oude werksessie", datum=dag(40))
    dossier.bijeenkomst("Recente werksessie", datum=dag(4))
    dossier.bijeenkomst("Overleg met de wethouder", datum=dag(3), soort=overleg)
    client = web(leden["opdrachtgever"])
    html = client.get(_url(dossier.zaak)).content.decode()
    volgorde = [
        html.index(t) for t in ("Overleg met de wethouder", "Recente werksessie", "Oude werksessie")
    ]
    assert volgorde == sorted(volgorde)
    assert "2 / 2" in html  # present / invited of the fixture's deelnemers

    html = client.get(_url(dossier.zaak), {"soort": "bestuurlijk-overleg"}).content.decode()
    assert "Overleg met de wethouder" in html
    assert "werksessie</a>" not in html
    html = client.get(
        _url(dossier.zaak), {"van": dag(10).isoformat(), "tot": dag(0).isoformat()}
    ).content.decode()
    assert "Recente werksessie" in html
    assert "Oude werksessie" not in html
    fout = client.get(_url(dossier.zaak), {"van": dag(0).isoformat(), "tot": dag(5).isoformat()})
    assert fout.status_code == 400

    for i in range(PER_PAGINA):
        dossier.bijeenkomst(f"Gesprek {i}", datum=dag(45))
    eerste = client.get(_url(dossier.zaak)).content.decode()
    assert 'rel="next"' in eerste
    tweede = client.get(_url(dossier.zaak), {"pagina": 2}).content.decode()
    titels = set(re.findall(r">(Gesprek \d+|[A-Z][a-z]+ werksessie)</a>", eerste + tweede))
    assert len(titels) == PER_PAGINA + 2


def test_het_verslag_als_document_uploaden(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    bijeenkomst = dossier.bijeenkomst(zichtbaarheid="kernteam")
    client = web(leden["kernteam"])
    laatste = versie_van(dossier.zaak)
    antwoord = client.post(
        _url(dossier.zaak, f"{bijeenkomst.uuid}/"),
        {
            "verslag-bestand": SimpleUploadedFile("verslag.txt", TEKST),
            "verslag-toelichting": "Verslag rondgestuurd",
            "verslag-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["document.toegevoegd"]
    document = Document.objects.get()
    assert document.zichtbaarheid == "kernteam"
    assert document.titel.startswith("Verslag: Werksessie kade")
    html = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert "/versies/1/inhoud" in html
    assert (
        sha256(TEKST) in client.get(f"/processen/{dossier.zaak.uuid}/documenten/").content.decode()
    )

    # A file of the wrong type is refused at the file field.
    antwoord = client.post(
        _url(dossier.zaak, f"{bijeenkomst.uuid}/"),
        {
            "verslag-bestand": SimpleUploadedFile("verslag.pdf", b"geen pdf"),
            "verslag-toelichting": "Tweede poging",
            "verslag-versie": versie_van(dossier.zaak),
        },
    )
    assert antwoord.status_code == 400
    assert "geen PDF" in veldfout(antwoord.content.decode(), "verslag-bestand")
    assert "Tweede poging</textarea>" in antwoord.content.decode()


def test_aanwezigheid_per_partij_door_de_tijd(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    dossier.bijeenkomst("Eerste sessie", datum=dag(20))
    dossier.bijeenkomst(
        "Tweede sessie",
        datum=dag(10),
        deelnemers=[
            services.DeelnemerInvoer(speler=dossier.speler),
            services.DeelnemerInvoer(opdrachtgever=dossier.opdrachtgever, aanwezig=True),
        ],
    )
    dossier.bijeenkomst("Geheime sessie", datum=dag(5), zichtbaarheid="kernteam")
    html = web(leden["evaluator"]).get(_url(dossier.zaak, "aanwezigheid/")).content.decode()
    assert "Geheime sessie" not in html
    assert html.index("Eerste sessie") < html.index("Tweede sessie")
    rij = html.split("Bewonersvereniging Kade", 1)[1].split("</tr>", 1)[0]
    # Present at the first, invited but absent at the second.
    assert re.findall(r">([AU])</abbr>", rij) == ["A", "U"]
    assert "1 / 2" in rij


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_leest_zonder_formulieren_en_krijgt_403(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    bijeenkomst = dossier.bijeenkomst()
    dossier.bijeenkomst("Kernteamoverleg", zichtbaarheid="kernteam")
    client = web(leden[rol])
    lijst = client.get(_url(dossier.zaak)).content.decode()
    assert "Werksessie kade" in lijst
    assert "Kernteamoverleg" not in lijst
    assert "Bijeenkomst vastleggen" not in lijst
    detail = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert formulieren(detail) == []
    assert client.get(_url(dossier.zaak, "nieuw/")).status_code == 302
    laatste = versie_van(dossier.zaak)
    assert client.post(_url(dossier.zaak, "nieuw/"), {}).status_code == 403
    assert client.post(_url(dossier.zaak, f"{bijeenkomst.uuid}/"), {}).status_code == 403
    assert _typen(dossier.zaak, laatste) == []


def test_boven_het_niveau_en_voor_niet_leden_404(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    verborgen = dossier.bijeenkomst("Kernteamoverleg", zichtbaarheid="kernteam")
    assert (
        web(leden["opdrachtgever"]).get(_url(dossier.zaak, f"{verborgen.uuid}/")).status_code == 404
    )
    client = web(GebruikerFactory(username="buitenstaander"))
    for pad in ("", "nieuw/", "aanwezigheid/", f"{verborgen.uuid}/"):
        assert client.get(_url(dossier.zaak, pad)).status_code == 404, pad
