"""The Idee en procesontwerp task through the browser's door (Django's test client): revise
either, see what changed against the version before, keep the input when refused."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, IdeeVersie, ProcesontwerpVersie
from cases.services.idee import IdeeInhoud
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests.factories import actor_voor
from werkruimte.idee_verschil import Stuk, regelverschil, woordverschil
from werkruimte.versie import versie_van

from ._html import LEZEND, WERKEND, formulieren, veldfout

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces, deel: str = "") -> str:
    return f"/processen/{zaak.uuid}/idee/{deel}"


def _laatste(zaak: Bestuursproces) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")


def _idee(zaak: Bestuursproces, **velden: str) -> dict[str, Any]:
    gegevens = {"idee-wat": "Een levendig havenkwartier", "idee-versie": versie_van(zaak)}
    gegevens.update({f"idee-{k}": v for k, v in velden.items()})
    return gegevens


def _ontwerp(zaak: Bestuursproces, **velden: str) -> dict[str, Any]:
    gegevens = {
        "ontwerp-processtrategie": "Eerst de partijen, dan de plannen.",
        "ontwerp-aanpak": "cyclisch",
        "ontwerp-aantal_stappen": "3",
        "ontwerp-versie": versie_van(zaak),
    }
    gegevens.update({f"ontwerp-{k}": v for k, v in velden.items()})
    return gegevens


def test_woordverschil_markeert_alleen_wat_veranderde() -> None:
    assert woordverschil("Een levendig kwartier.", "Een groen, levendig kwartier!") == [
        Stuk("gelijk", "Een"),
        Stuk("erbij", " groen,"),
        Stuk("gelijk", " levendig kwartier"),
        Stuk("weg", "."),
        Stuk("erbij", "!"),
    ]
    assert regelverschil("a\nb\nc\n", "a\nc\nd\n") == [
        Stuk("gelijk", "a\n"),
        Stuk("weg", "b\n"),
        Stuk("gelijk", "c\n"),
        Stuk("erbij", "d\n"),
    ]


def test_het_idee_herzien_met_verschil(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["kernteam"])
    antwoord = client.post(
        _url(zaak),
        _idee(
            zaak,
            wat="Een groen en levendig havenkwartier",
            stip_op_de_horizon="Wonen aan het water",
            toelichting="Na de werksessie",
        ),
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(zaak) + "#idee-kop"
    gebeurtenis = _laatste(zaak)
    assert gebeurtenis.type == "idee.herzien"
    assert gebeurtenis.toelichting == "Na de werksessie"
    assert gebeurtenis.payload["idee"]["versie"] == 2
    assert gebeurtenis.payload["idee"]["stipOpDeHorizon"] == "Wonen aan het water"
    html = client.get(_url(zaak)).content.decode()
    assert "Het idee is herzien." in html
    assert "Versie 2, vergeleken met versie 1." in html
    wat = html.split("Wat is het idee")[1].split("</dd>")[0]
    assert '<ins class="verschil__erbij"><span class="wr-verborgen">[nieuw: </span> groen en' in wat
    assert "[vervallen: </span> met woningen en werk<span" in wat
    # An older version can be shown against its own predecessor.
    assert "Versie 1, de eerste versie." in client.get(_url(zaak) + "?idee=1").content.decode()


def test_een_geweigerd_procesontwerp_houdt_de_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, "procesontwerp/"),
        _ontwerp(
            zaak,
            processtrategie="   ",
            spelregels="Iedereen aan tafel",
            stap_1_gepland="2026-13-40",
            stap_1_omschrijving="Zonder titel",
        ),
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "ontwerp-processtrategie")
    assert "Vul een geldige datum in" in veldfout(html, "ontwerp-stap_1_gepland")
    # A date input cannot show what was typed; the refused date comes back as text.
    [invoer] = re.findall(r'<input[^>]*id="id_ontwerp-stap_1_gepland"[^>]*>', html)
    assert 'type="text"' in invoer
    assert 'value="2026-13-40"' in invoer
    assert "Iedereen aan tafel</textarea>" in html
    assert "Zonder titel</textarea>" in html
    assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal


def test_een_stap_zonder_titel_wordt_bij_die_stap_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, "procesontwerp/"),
        _ontwerp(zaak, stap_0_titel="Werksessie", stap_2_omschrijving="Nog te bepalen"),
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    # The service names the second filled-in step (index 1): that is the form's third row.
    assert "Geef de stap een titel." in veldfout(html, "ontwerp-stap_2_titel")
    assert not ProcesontwerpVersie.objects.filter(bestuursproces=zaak).exists()


def test_het_procesontwerp_herzien_met_stappen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    services.herzie_procesontwerp(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        inhoud=ProcesontwerpInhoud(
            processtrategie="Eerst de partijen.",
            aanpak="cyclisch",
            geplande_stappen=[{"titel": "Werksessie", "gepland": None, "omschrijving": ""}],
        ),
    )
    client = web(zaakleden["procesregisseur"])
    pagina = client.get(_url(zaak)).content.decode()
    assert 'value="Werksessie"' in pagina
    antwoord = client.post(
        _url(zaak, "procesontwerp/"),
        _ontwerp(
            zaak,
            aanpak="flipperkast",
            aantal_stappen="4",
            stap_0_titel="Werksessie",
            stap_1_titel="Bestuurlijk overleg",
            stap_1_gepland="1-2-2027",
        ),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    gebeurtenis = _laatste(zaak)
    assert gebeurtenis.type == "procesontwerp.herzien"
    assert gebeurtenis.payload["vorigeAanpak"] == "cyclisch"
    stappen = gebeurtenis.payload["procesontwerp"]["geplandeStappen"]
    assert [s["titel"] for s in stappen] == ["Werksessie", "Bestuurlijk overleg"]
    assert stappen[1]["gepland"] == "2027-02-01"
    html = client.get(_url(zaak)).content.decode()
    geplande = html.split("Geplande stappen")[1].split("</dd>")[0]
    assert "Bestuurlijk overleg · gepland 1 februari 2027" in geplande
    assert "<ins" in geplande
    aanpak = html.split('<dt class="verschil__label">Aanpak')[1].split("</dd>")[0]
    assert "Cyclisch" in aanpak
    assert "Flipperkast" in aanpak


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_de_versies_zonder_formulieren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    antwoord = client.get(_url(zaak))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert formulieren(html) == []
    assert "Een levendig havenkwartier met woningen en werk" in html
    for pad, data in ((_url(zaak), _idee(zaak)), (_url(zaak, "procesontwerp/"), _ontwerp(zaak))):
        assert client.post(pad, data).status_code == 403
    assert IdeeVersie.objects.filter(bestuursproces=zaak).count() == 1


@pytest.mark.parametrize("rol", WERKEND)
def test_een_werkende_rol_krijgt_beide_formulieren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    html = web(zaakleden[rol]).get(_url(zaak)).content.decode()
    assert formulieren(html) == ["ideeformulier", "procesontwerpformulier"]
    # The current idee is the form's starting point.
    assert "Een levendig havenkwartier met woningen en werk</textarea>" in html


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    zaak: Bestuursproces,
    regisseur: Any,
    web: Any,
    django_assert_num_queries: Any,
    aantal: int,
) -> None:
    actor = actor_voor(regisseur)
    for index in range(aantal):
        services.herzie_idee(
            actor=actor, bestuursproces=zaak, inhoud=IdeeInhoud(wat=f"Idee, versie {index + 2}")
        )
        services.herzie_procesontwerp(
            actor=actor,
            bestuursproces=zaak,
            inhoud=ProcesontwerpInhoud(processtrategie=f"Strategie {index}", aanpak="cyclisch"),
        )
    client = web(regisseur)
    # Session, user; case with my role; idee versions, their owners; procesontwerp versions;
    # spelers (idee-eigenaren); the case's version, once per form.
    with django_assert_num_queries(9):
        antwoord = client.get(_url(zaak))
    assert antwoord.status_code == 200


def test_dezelfde_inhoud_opnieuw_is_geen_herziening(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak),
        _idee(zaak, wat="Een levendig havenkwartier met woningen en werk", toelichting="Nog eens"),
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Er is niets veranderd ten opzichte van versie 1" in html
    assert "Nog eens</textarea>" in html
    assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal
