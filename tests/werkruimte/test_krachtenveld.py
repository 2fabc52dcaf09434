"""The Krachtenveld task through the browser's door (Django's test client): add a speler with
its first assessment in one form, reassess, change betrokkenheid with a reason; a refusal
keeps the input and writes nothing; a reading role gets no forms and 403 on every POST; the
page runs a fixed number of queries at 1, 10 and 50 parties. Opdrachtgevers on the
krachtenveld: ``test_krachtenveld_opdrachtgevers``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Speler,
    SpelerBeoordeling,
)
from tests.factories import actor_voor
from werkruimte.versie import versie_van

from ._html import LEZEND, WERKEND, formulieren, veldfout
from ._krachtenveld import beoordeelde_speler, nieuwe_speler, typen, url
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rol", WERKEND)
def test_een_partij_met_haar_eerste_beoordeling_in_een_formulier(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    laatste = versie_van(zaak)
    client = web(zaakleden[rol])
    antwoord = client.post(
        url(zaak), nieuwe_speler(zaak, tijdstip=timezone.localdate(dagen_geleden(10)).isoformat())
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert antwoord["Location"] == url(zaak)
    assert typen(zaak, laatste) == ["speler.geregistreerd", "speler.beoordeeld"]
    speler = Speler.objects.get(bestuursproces=zaak, naam="Woningcorporatie Havenstad")
    beoordeling = SpelerBeoordeling.objects.get(speler=speler)
    assert (beoordeling.standpunt, beoordeling.macht, beoordeling.invloed) == (
        "afwachtend",
        "productiemacht",
        4,
    )
    # The fact lies in the past: both events carry that day.
    for g in Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=laatste):
        assert timezone.localdate(g.tijdstip) == timezone.localdate(dagen_geleden(10))
    html = client.get(url(zaak)).content.decode()
    assert "De partij is toegevoegd met haar eerste beoordeling." in html
    tabel = html.split('id="partijen"', 1)[1].split("</table>", 1)[0]
    assert "Woningcorporatie Havenstad" in tabel
    assert "Afwachtend" in tabel
    # The chart beside the table names the party.
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    assert "Woningcorporatie Havenstad: afwachtend, productiemacht" in html


def test_een_geweigerde_beoordeling_laat_geen_partij_achter(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    """The kernteam may not write at the regisseur's level: the assessment is refused after
    the registration ran, and the registration is rolled back with it."""
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["kernteam"]).post(
        url(zaak), nieuwe_speler(zaak, zichtbaarheid="regisseur")
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "zichtbaarheid")
    assert 'value="Woningcorporatie Havenstad"' in html
    assert 'value="afwachtend" checked' in html
    assert "Bouwt de woningen, wacht op de grondprijs</textarea>" in html
    assert typen(zaak, laatste) == []
    assert not Speler.objects.filter(bestuursproces=zaak).exists()


def test_een_fout_aan_het_veld_en_de_invoer_blijft(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        url(zaak), nieuwe_speler(zaak, naam="", tijdstip="6-12-2099")
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "naam")
    assert "ligt in de toekomst" in veldfout(html, "tijdstip")
    assert 'value="productiemacht" checked' in html
    assert typen(zaak, laatste) == []


def test_een_datum_voor_de_opening_wordt_geweigerd_aan_het_tijdstip(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    voor = timezone.localdate(dagen_geleden(60)).strftime("%d-%m-%Y")
    antwoord = web(zaakleden["procesregisseur"]).post(url(zaak), nieuwe_speler(zaak, tijdstip=voor))
    assert antwoord.status_code in (400, 409)
    assert veldfout(antwoord.content.decode(), "tijdstip")
    assert typen(zaak, laatste) == []


def test_opnieuw_beoordelen_in_place(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    laatste = versie_van(zaak)
    client = web(zaakleden["procesregisseur"])
    # htmx fetches the party's forms into the page.
    fragment = client.get(url(zaak, str(speler.uuid)), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert formulieren(fragment.content.decode()) == [
        "beoordeelformulier",
        "betrokkenheidformulier",
    ]
    antwoord = client.post(
        url(zaak, str(speler.uuid), "beoordelen"),
        {
            "beoordeling-standpunt": "voorstander",
            "beoordeling-macht": "blokkademacht",
            "beoordeling-invloed": "5",
            "beoordeling-vertrouwen": "4",
            "beoordeling-zichtbaarheid": "kernteam",
            "beoordeling-toelichting": "Na het gesprek over parkeren",
            "beoordeling-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"] == url(zaak)
    assert typen(zaak, laatste) == ["speler.beoordeeld"]
    g = Gebeurtenis.objects.get(bestuursproces=zaak, volgnummer=laatste + 1)
    assert g.toelichting == "Na het gesprek over parkeren"
    assert speler.beoordelingen.latest("tijdstip").standpunt == "voorstander"


def test_een_geweigerde_herbeoordeling_geeft_htmx_het_formulier_terug(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        url(zaak, str(speler.uuid), "beoordelen"),
        {
            "beoordeling-standpunt": "voorstander",
            "beoordeling-macht": "",
            "beoordeling-invloed": "5",
            "beoordeling-vertrouwen": "4",
            "beoordeling-zichtbaarheid": "proces",
            "beoordeling-toelichting": "Draait bij",
            "beoordeling-versie": laatste,
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert veldfout(html, "beoordeling-macht")
    assert 'value="voorstander" checked' in html
    assert "Draait bij</textarea>" in html
    assert typen(zaak, laatste) == []


def test_afhaken_met_een_reden_en_aanhaken_later(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    client = web(zaakleden["procesregisseur"])
    laatste = versie_van(zaak)
    antwoord = client.post(
        url(zaak, str(speler.uuid), "betrokkenheid"),
        {
            "betrokkenheid-actie": "afhaken",
            "betrokkenheid-toelichting": "Ziet geen ruimte voor parkeren",
            "betrokkenheid-tijdstip": timezone.localdate(dagen_geleden(5)).isoformat(),
            "betrokkenheid-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert typen(zaak, laatste) == ["speler.betrokkenheid_gewijzigd"]
    g = Gebeurtenis.objects.get(bestuursproces=zaak, volgnummer=laatste + 1)
    assert g.toelichting == "Ziet geen ruimte voor parkeren"
    assert timezone.localdate(g.tijdstip) == timezone.localdate(dagen_geleden(5))
    speler.refresh_from_db()
    assert speler.betrokkenheid == "afgehaakt"
    # Only the actions open from 'afgehaakt' are offered now.
    html = client.get(url(zaak, str(speler.uuid))).content.decode()
    assert 'value="aanhaken"' in html
    assert 'value="afwachten"' not in html
    assert "Ziet geen ruimte voor parkeren" in html


def test_betrokkenheid_zonder_reden_wordt_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["kernteam"]).post(
        url(zaak, str(speler.uuid), "betrokkenheid"),
        {"betrokkenheid-actie": "afwachten", "betrokkenheid-versie": laatste},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "betrokkenheid-toelichting")
    assert 'value="afwachten" checked' in html
    assert typen(zaak, laatste) == []


def test_een_organisatie_toevoegen_en_een_dubbele_naam_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["kernteam"])
    laatste = versie_van(zaak)
    gegevens = {
        "organisatie-naam": "Havenbedrijf",
        "organisatie-soort": "bedrijf",
        "organisatie-tijdstip": timezone.localdate(dagen_geleden(3)).isoformat(),
        "organisatie-versie": laatste,
    }
    antwoord = client.post(url(zaak, "organisaties"), gegevens)
    assert antwoord.status_code == 302
    assert typen(zaak, laatste) == ["organisatie.geregistreerd"]
    html = client.get(url(zaak)).content.decode()
    assert "De organisatie is toegevoegd." in html
    # The new organisation is offered in the party form.
    nieuw = html.split('id="nieuwepartij"', 1)[1].split("</form>", 1)[0]
    assert ">Havenbedrijf</option>" in nieuw
    laatste = versie_van(zaak)
    antwoord = client.post(
        url(zaak, "organisaties"),
        {**gegevens, "organisatie-naam": "havenbedrijf", "organisatie-versie": laatste},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    fragment = antwoord.content.decode()
    assert "al een organisatie met deze naam" in veldfout(fragment, "organisatie-naam")
    assert 'value="havenbedrijf"' in fragment
    assert typen(zaak, laatste) == []


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_het_krachtenveld_zonder_formulieren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any, rol: str
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    client = web(zaakleden[rol])
    html = client.get(url(zaak)).content.decode()
    assert "Ondernemersvereniging" in html
    assert formulieren(html) == []
    # Nothing is above this role's level here, so the page does not suggest it.
    assert "Sommige beoordelingen zijn alleen zichtbaar" not in html
    assert "krachtenveld/importeren" not in html
    assert formulieren(client.get(url(zaak, str(speler.uuid))).content.decode()) == []
    laatste = versie_van(zaak)
    for pad, data in (
        (url(zaak), nieuwe_speler(zaak)),
        (url(zaak, "organisaties"), {"organisatie-naam": "X", "organisatie-soort": "overig"}),
        (url(zaak, str(speler.uuid), "beoordelen"), {"beoordeling-standpunt": "voorstander"}),
        (url(zaak, str(speler.uuid), "betrokkenheid"), {"betrokkenheid-actie": "afhaken"}),
        (url(zaak, "importeren"), {}),
        (url(zaak, "importeren", "uitvoeren"), {"token": "x"}),
    ):
        assert client.post(pad, data).status_code == 403, pad
    assert typen(zaak, laatste) == []


def test_een_lezer_ziet_alleen_beoordelingen_op_zijn_niveau(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=speler,
        standpunt="voorstander",
        macht="blokkademacht",
        invloed=5,
        vertrouwen=5,
        zichtbaarheid="regisseur",
        toelichting="GEHEIM-OORDEEL",
    )
    html = web(zaakleden["opdrachtgever"]).get(url(zaak)).content.decode()
    tabel = html.split('id="partijen"', 1)[1].split("</table>", 1)[0]
    assert "Tegenstander" in tabel
    assert "Voorstander" not in tabel
    assert "Sommige beoordelingen zijn alleen zichtbaar" in html
    partij = web(zaakleden["opdrachtgever"]).get(url(zaak, str(speler.uuid)))
    assert "GEHEIM-OORDEEL" not in partij.content.decode()
    eigen = web(regisseur).get(url(zaak, str(speler.uuid))).content.decode()
    assert "GEHEIM-OORDEEL" in eigen


def test_een_buitenstaander_krijgt_404(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
    client = web(zaakleden["buitenstaander"])
    assert client.get(url(zaak)).status_code == 404
    assert client.get(url(zaak, str(speler.uuid))).status_code == 404


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    regisseur: Any,
    web: Any,
    aantal: int,
    django_assert_num_queries: Any,
) -> None:
    organisatie = services.registreer_organisatie(
        actor=actor_voor(regisseur), bestuursproces=zaak, naam="Gemeente", soort="overig"
    )
    for i in range(aantal):
        speler = beoordeelde_speler(zaak, regisseur, naam=f"Partij {i}")
        if i % 2:
            services.wijzig_speler(
                actor=actor_voor(regisseur),
                speler=speler,
                wijzigingen={"organisatie": organisatie},
            )
    services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Nog niet beoordeeld",
        soort="persoon",
        veld="interne",
        rol_in_proces="betrokkene",
    )
    client = web(zaakleden["procesregisseur"])
    client.get(url(zaak))  # the session is warm
    # session, user, the case with the member's role; spelers, their visible assessments,
    # opdrachtgevers, theirs, the organisations with their count; the party form's
    # and the opdrachtgever form's organisations, and the case's version for each of the three
    # forms (their If-Match).
    with django_assert_num_queries(12):
        antwoord = client.get(url(zaak))
    assert antwoord.content.decode().count('hx-target="#werkplek"') == aantal + 1


def test_betrokkenheid_voor_de_partij_bestond_komt_bij_het_tijdstip(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)  # known since 20 days ago
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        url(zaak, str(speler.uuid), "betrokkenheid"),
        {
            "betrokkenheid-actie": "afhaken",
            "betrokkenheid-toelichting": "Trok zich terug",
            "betrokkenheid-tijdstip": timezone.localdate(dagen_geleden(25)).strftime("%d-%m-%Y"),
            "betrokkenheid-versie": laatste,
        },
    )
    assert antwoord.status_code in (400, 409)
    html = antwoord.content.decode()
    assert "nog niet bestond" in veldfout(html, "betrokkenheid-tijdstip")
    assert "Trok zich terug</textarea>" in html
    assert typen(zaak, laatste) == []
