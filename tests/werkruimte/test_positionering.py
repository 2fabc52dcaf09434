"""The Positionering task through the browser's door: per veld only that veld's positions from
the book, the current position and its history; ``sinds`` is the date of the fact; a refusal
keeps the input; a reading role gets no forms and 403; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import POSITIES_PER_VELD, Bestuursproces, Gebeurtenis, Positionering
from tests.factories import actor_voor
from werkruimte.versie import versie_van

from ._html import LEZEND, WERKEND, formulieren, veldfout
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces, veld: str | None = None) -> str:
    basis = f"/processen/{zaak.uuid}/positionering/"
    return basis + (f"{veld}/" if veld else "")


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _aangeboden(html: str, veld: str) -> list[str]:
    formulier = html.split(f'id="{veld}-formulier"', 1)[1].split("</form>", 1)[0]
    return re.findall(rf'name="{veld}-positie"[^>]*value="([^"]+)"', formulier)


def test_elk_veld_biedt_alleen_zijn_eigen_posities(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    html = web(zaakleden["procesregisseur"]).get(_url(zaak)).content.decode()
    assert formulieren(html) == [f"{veld}-formulier" for veld in POSITIES_PER_VELD]
    for veld, posities in POSITIES_PER_VELD.items():
        assert _aangeboden(html, veld) == list(posities), veld


@pytest.mark.parametrize("rol", WERKEND)
def test_een_positie_kiezen_met_sinds_in_het_verleden(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    laatste = versie_van(zaak)
    sinds = timezone.localdate(dagen_geleden(12))
    antwoord = client.post(
        _url(zaak, "verbindende"),
        {
            "verbindende-positie": "faciliteren",
            "verbindende-sinds": sinds.strftime("%d-%m-%Y"),
            "verbindende-zichtbaarheid": "kernteam",
            "verbindende-toelichting": "De partijen vinden elkaar zelf",
            "verbindende-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["positionering.gekozen"]
    p = Positionering.objects.get(bestuursproces=zaak)
    assert (p.veld, p.positie, p.sinds) == ("verbindende", "faciliteren", sinds)
    g = Gebeurtenis.objects.get(bestuursproces=zaak, volgnummer=laatste + 1)
    assert timezone.localdate(g.tijdstip) == sinds
    assert g.toelichting == "De partijen vinden elkaar zelf"
    html = client.get(_url(zaak)).content.decode()
    huidig = re.search(r'id="huidig-verbindende">(.*?)</p>', html, re.S)
    assert huidig is not None
    assert "Faciliteren" in huidig.group(1)


def test_de_huidige_positie_en_de_geschiedenis(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    for dagen, positie in ((20, "adviserende_rol"), (5, "secretarisrol")):
        services.kies_positionering(
            actor=actor_voor(regisseur),
            bestuursproces=zaak,
            veld="opdrachtgevende",
            positie=positie,
            sinds=timezone.localdate(dagen_geleden(dagen)),
            toelichting=f"Keuze {dagen}",
        )
    html = web(zaakleden["kernteam"]).get(_url(zaak)).content.decode()
    huidig = re.search(r'id="huidig-opdrachtgevende">(.*?)</p>', html, re.S)
    assert huidig is not None
    assert "Secretarisrol" in huidig.group(1)
    geschiedenis = html.split('id="geschiedenis-opdrachtgevende"', 1)[1].split("</ul>", 1)[0]
    assert "Adviserende rol" in geschiedenis
    assert "Keuze 20" in geschiedenis


def test_een_positie_bij_een_wyberstap(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    stap = services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=zaak, doel="Verkennen met de bewoners"
    )
    client = web(zaakleden["procesregisseur"])
    html = client.get(_url(zaak)).content.decode()
    assert "Stap 1: Verkennen met de bewoners" in html
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, "uitvoerende"),
        {
            "uitvoerende-positie": "coordinerend",
            "uitvoerende-wyberstap": str(stap.uuid),
            "uitvoerende-zichtbaarheid": "kernteam",
            "uitvoerende-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["positionering.gekozen"]
    assert Positionering.objects.get(bestuursproces=zaak).wyberstap == stap


def test_het_interne_veld_vraagt_een_omschrijving_en_houdt_de_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, "interne"),
        {
            "interne-positie": "sturen",
            "interne-zichtbaarheid": "regisseur",
            "interne-toelichting": "Het college wil meer grip",
            "interne-versie": laatste,
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "eigen woorden" in veldfout(html, "interne-omschrijving")
    assert 'value="sturen" checked' in html
    assert "Het college wil meer grip</textarea>" in html
    assert _typen(zaak, laatste) == []


def test_een_positie_uit_een_ander_veld_en_een_datum_in_de_toekomst_worden_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    morgen = timezone.localdate() + dt.timedelta(days=1)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, "uitvoerende"),
        {
            "uitvoerende-positie": "secretarisrol",
            "uitvoerende-sinds": morgen.isoformat(),
            "uitvoerende-zichtbaarheid": "kernteam",
            "uitvoerende-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert veldfout(html, "uitvoerende-positie")
    assert _typen(zaak, laatste) == []
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, "uitvoerende"),
        {
            "uitvoerende-positie": "stand_by",
            "uitvoerende-sinds": morgen.isoformat(),
            "uitvoerende-zichtbaarheid": "kernteam",
            "uitvoerende-versie": laatste,
        },
    )
    assert "toekomst" in veldfout(antwoord.content.decode(), "uitvoerende-sinds")
    assert 'value="stand_by" checked' in antwoord.content.decode()
    assert _typen(zaak, laatste) == []


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_krijgt_geen_formulieren_en_403(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any, rol: str
) -> None:
    services.kies_positionering(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        veld="verbindende",
        positie="sturen",
        zichtbaarheid="proces",
    )
    services.kies_positionering(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        veld="opdrachtgevende",
        positie="beslissende_rol",
        zichtbaarheid="regisseur",
    )
    client = web(zaakleden[rol])
    html = client.get(_url(zaak)).content.decode()
    assert formulieren(html) == []
    assert "Sturen" in html
    assert "Beslissende rol" not in html
    assert "een veld zonder positie kan er een hebben die u niet mag zien" in html
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, "verbindende"),
        {"verbindende-positie": "observeren", "verbindende-zichtbaarheid": "proces"},
    )
    assert antwoord.status_code == 403
    assert _typen(zaak, laatste) == []


def test_geen_melding_over_verborgen_posities_als_er_niets_verborgen_is(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    services.kies_positionering(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        veld="verbindende",
        positie="sturen",
        zichtbaarheid="proces",
    )
    html = web(zaakleden["opdrachtgever"]).get(_url(zaak)).content.decode()
    assert "Sturen" in html
    assert "niet mag zien" not in html


def test_een_onbekend_veld_is_404(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    assert web(zaakleden["procesregisseur"]).post(_url(zaak, "hemel"), {}).status_code == 404


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    regisseur: Any,
    web: Any,
    aantal: int,
    django_assert_num_queries: Any,
) -> None:
    velden = list(POSITIES_PER_VELD)
    for i in range(aantal):
        veld = velden[i % len(velden)]
        services.kies_positionering(
            actor=actor_voor(regisseur),
            bestuursproces=zaak,
            veld=veld,
            positie=POSITIES_PER_VELD[veld][i % 3],
            omschrijving="In eigen woorden",
            sinds=timezone.localdate(dagen_geleden(25 - i % 20)),
        )
    client = web(zaakleden["procesregisseur"])
    client.get(_url(zaak))
    # session, user, the case with the member's role; the current position per veld, the
    # history, the wyber-stappen for the forms; the version of each of the four forms.
    with django_assert_num_queries(10):
        antwoord = client.get(_url(zaak))
    assert antwoord.content.decode().count('class="overgang"') == aantal - min(aantal, 4)
