"""The Krachtenveld task through the browser's door (Django's test client): add a speler with
its first assessment in one form, reassess, change betrokkenheid with a reason; a refusal
keeps the input and writes nothing; a reading role gets no forms and 403 on every POST; the
page runs a fixed number of queries at 1, 10 and 50 parties."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Speler,
    SpelerBeoordeling,
)
from tests.factories import actor_voor
from werkruimte.versie import versie_van

from ._html import LEZEND, WERKEND, formulieren, veldfout
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces, *deel: str) -> str:
    return "/".join([f"/processen/{zaak.uuid}/krachtenveld", *deel, ""])


def _typen(zaak: Bestuursproces, na: int = 0) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _nieuw(zaak: Bestuursproces, **extra: Any) -> dict[str, Any]:
    return {
        "naam": "Woningcorporatie Havenstad",
        "soort": "groep",
        "veld": "uitvoerende",
        "rol_in_proces": "sleutelpersoon",
        "standpunt": "afwachtend",
        "macht": "productiemacht",
        "invloed": "4",
        "vertrouwen": "3",
        "zichtbaarheid": "proces",
        "toelichting": "Bouwt de woningen, wacht op de grondprijs",
        "versie": versie_van(zaak),
        **extra,
    }


def _speler(zaak: Bestuursproces, regisseur: Any, naam: str = "Ondernemersvereniging") -> Speler:
    """A speler known since 20 days ago, assessed then."""
    speler = services.registreer_speler(
        tijdstip=dagen_geleden(20),
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam=naam,
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=4,
        vertrouwen=2,
        tijdstip=dagen_geleden(20),
    )
    return speler


@pytest.mark.parametrize("rol", WERKEND)
def test_een_partij_met_haar_eerste_beoordeling_in_een_formulier(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    laatste = versie_van(zaak)
    client = web(zaakleden[rol])
    antwoord = client.post(_url(zaak), _nieuw(zaak, tijdstip=dagen_geleden(10).date().isoformat()))
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert antwoord["Location"] == _url(zaak)
    assert _typen(zaak, laatste) == ["speler.geregistreerd", "speler.beoordeeld"]
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
    html = client.get(_url(zaak)).content.decode()
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
    antwoord = web(zaakleden["kernteam"]).post(_url(zaak), _nieuw(zaak, zichtbaarheid="regisseur"))
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "zichtbaarheid")
    assert 'value="Woningcorporatie Havenstad"' in html
    assert 'value="afwachtend" checked' in html
    assert "Bouwt de woningen, wacht op de grondprijs</textarea>" in html
    assert _typen(zaak, laatste) == []
    assert not Speler.objects.filter(bestuursproces=zaak).exists()


def test_een_fout_aan_het_veld_en_de_invoer_blijft(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak), _nieuw(zaak, naam="", tijdstip="6-12-2099")
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "naam")
    assert "ligt in de toekomst" in veldfout(html, "tijdstip")
    assert 'value="productiemacht" checked' in html
    assert _typen(zaak, laatste) == []


def test_een_datum_voor_de_opening_wordt_geweigerd_aan_het_tijdstip(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    voor = timezone.localdate(dagen_geleden(60)).strftime("%d-%m-%Y")
    antwoord = web(zaakleden["procesregisseur"]).post(_url(zaak), _nieuw(zaak, tijdstip=voor))
    assert antwoord.status_code in (400, 409)
    assert veldfout(antwoord.content.decode(), "tijdstip")
    assert _typen(zaak, laatste) == []


def test_opnieuw_beoordelen_in_place(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
    laatste = versie_van(zaak)
    client = web(zaakleden["procesregisseur"])
    # htmx fetches the party's forms into the page.
    fragment = client.get(_url(zaak, str(speler.uuid)), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert formulieren(fragment.content.decode()) == [
        "beoordeelformulier",
        "betrokkenheidformulier",
    ]
    antwoord = client.post(
        _url(zaak, str(speler.uuid), "beoordelen"),
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
    assert antwoord["HX-Redirect"] == _url(zaak)
    assert _typen(zaak, laatste) == ["speler.beoordeeld"]
    g = Gebeurtenis.objects.get(bestuursproces=zaak, volgnummer=laatste + 1)
    assert g.toelichting == "Na het gesprek over parkeren"
    assert speler.beoordelingen.latest("tijdstip").standpunt == "voorstander"


def test_een_geweigerde_herbeoordeling_geeft_htmx_het_formulier_terug(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, str(speler.uuid), "beoordelen"),
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
    assert _typen(zaak, laatste) == []


def test_afhaken_met_een_reden_en_aanhaken_later(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
    client = web(zaakleden["procesregisseur"])
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, str(speler.uuid), "betrokkenheid"),
        {
            "betrokkenheid-actie": "afhaken",
            "betrokkenheid-toelichting": "Ziet geen ruimte voor parkeren",
            "betrokkenheid-tijdstip": timezone.localdate(dagen_geleden(5)).isoformat(),
            "betrokkenheid-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["speler.betrokkenheid_gewijzigd"]
    g = Gebeurtenis.objects.get(bestuursproces=zaak, volgnummer=laatste + 1)
    assert g.toelichting == "Ziet geen ruimte voor parkeren"
    assert timezone.localdate(g.tijdstip) == timezone.localdate(dagen_geleden(5))
    speler.refresh_from_db()
    assert speler.betrokkenheid == "afgehaakt"
    # Only the actions open from 'afgehaakt' are offered now.
    html = client.get(_url(zaak, str(speler.uuid))).content.decode()
    assert 'value="aanhaken"' in html
    assert 'value="afwachten"' not in html
    assert "Ziet geen ruimte voor parkeren" in html


def test_betrokkenheid_zonder_reden_wordt_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak, str(speler.uuid), "betrokkenheid"),
        {"betrokkenheid-actie": "afwachten", "betrokkenheid-versie": laatste},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "betrokkenheid-toelichting")
    assert 'value="afwachten" checked' in html
    assert _typen(zaak, laatste) == []


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
    antwoord = client.post(_url(zaak, "organisaties"), gegevens)
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["organisatie.geregistreerd"]
    html = client.get(_url(zaak)).content.decode()
    assert "De organisatie is toegevoegd." in html
    # The new organisation is offered in the party form.
    nieuw = html.split('id="nieuwepartij"', 1)[1].split("</form>", 1)[0]
    assert ">Havenbedrijf</option>" in nieuw
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, "organisaties"),
        {**gegevens, "organisatie-naam": "havenbedrijf", "organisatie-versie": laatste},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    fragment = antwoord.content.decode()
    assert "al een organisatie met deze naam" in veldfout(fragment, "organisatie-naam")
    assert 'value="havenbedrijf"' in fragment
    assert _typen(zaak, laatste) == []


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_het_krachtenveld_zonder_formulieren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any, rol: str
) -> None:
    speler = _speler(zaak, regisseur)
    client = web(zaakleden[rol])
    html = client.get(_url(zaak)).content.decode()
    assert "Ondernemersvereniging" in html
    assert formulieren(html) == []
    # Nothing is above this role's level here, so the page does not suggest it.
    assert "Sommige beoordelingen zijn alleen zichtbaar" not in html
    assert "krachtenveld/importeren" not in html
    assert formulieren(client.get(_url(zaak, str(speler.uuid))).content.decode()) == []
    laatste = versie_van(zaak)
    for pad, data in (
        (_url(zaak), _nieuw(zaak)),
        (_url(zaak, "organisaties"), {"organisatie-naam": "X", "organisatie-soort": "overig"}),
        (_url(zaak, str(speler.uuid), "beoordelen"), {"beoordeling-standpunt": "voorstander"}),
        (_url(zaak, str(speler.uuid), "betrokkenheid"), {"betrokkenheid-actie": "afhaken"}),
        (_url(zaak, "importeren"), {}),
        (_url(zaak, "importeren", "uitvoeren"), {"token": "x"}),
    ):
        assert client.post(pad, data).status_code == 403, pad
    assert _typen(zaak, laatste) == []


def test_een_lezer_ziet_alleen_beoordelingen_op_zijn_niveau(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
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
    html = web(zaakleden["opdrachtgever"]).get(_url(zaak)).content.decode()
    tabel = html.split('id="partijen"', 1)[1].split("</table>", 1)[0]
    assert "Tegenstander" in tabel
    assert "Voorstander" not in tabel
    assert "Sommige beoordelingen zijn alleen zichtbaar" in html
    partij = web(zaakleden["opdrachtgever"]).get(_url(zaak, str(speler.uuid)))
    assert "GEHEIM-OORDEEL" not in partij.content.decode()
    eigen = web(regisseur).get(_url(zaak, str(speler.uuid))).content.decode()
    assert "GEHEIM-OORDEEL" in eigen


def test_een_buitenstaander_krijgt_404(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)
    client = web(zaakleden["buitenstaander"])
    assert client.get(_url(zaak)).status_code == 404
    assert client.get(_url(zaak, str(speler.uuid))).status_code == 404


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
        speler = _speler(zaak, regisseur, naam=f"Partij {i}")
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
    client.get(_url(zaak))  # the session is warm
    # session, user, the case with the member's role; spelers, their visible assessments,
    # opdrachtgevers, theirs, the organisations with their count; the party form's
    # and the opdrachtgever form's organisations, and the case's version for each of the three
    # forms (their If-Match).
    with django_assert_num_queries(12):
        antwoord = client.get(_url(zaak))
    assert antwoord.content.decode().count('hx-target="#werkplek"') == aantal + 1


def test_betrokkenheid_voor_de_partij_bestond_komt_bij_het_tijdstip(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    speler = _speler(zaak, regisseur)  # known since 20 days ago
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, str(speler.uuid), "betrokkenheid"),
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
    assert _typen(zaak, laatste) == []


def test_een_opdrachtgever_staat_in_het_krachtenveld_en_haakt_aan(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Wethouder Ruimte",
        rol="bestuurlijk_opdrachtgever",
        tijdstip=dagen_geleden(20),
    )
    services.beoordeel_opdrachtgever(
        actor=actor_voor(regisseur),
        opdrachtgever=opdrachtgever,
        stevigheid=5,
        steun="voorstander",
        onderling_vertrouwen=4,
        zichtbaarheid="proces",
        tijdstip=dagen_geleden(20),
    )
    client = web(zaakleden["procesregisseur"])
    html = client.get(_url(zaak)).content.decode()
    tabel = html.split('id="partijen"', 1)[1].split("</table>", 1)[0]
    assert "Wethouder Ruimte" in tabel
    assert "Doorzettingsmacht" in tabel
    dossier = client.get(_url(zaak, str(opdrachtgever.uuid))).content.decode()
    assert formulieren(dossier) == ["beoordeelformulier", "betrokkenheidformulier"]
    # Its assessment has fields of its own; sensitive, so regisseur-only unless opened up.
    assert 'value="regisseur" selected' in dossier
    assert 'name="beoordeling-macht"' not in dossier
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, str(opdrachtgever.uuid), "betrokkenheid"),
        {
            "betrokkenheid-actie": "aansluiten",
            "betrokkenheid-toelichting": "Trekt het proces bestuurlijk",
            "betrokkenheid-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["opdrachtgever.betrokkenheid_gewijzigd"]
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, str(opdrachtgever.uuid), "beoordelen"),
        {
            "beoordeling-steun": "afwachtend",
            "beoordeling-stevigheid": "2",
            "beoordeling-onderling_vertrouwen": "3",
            "beoordeling-impliciete_opdracht": "Geen gedoe voor de verkiezingen",
            "beoordeling-zichtbaarheid": "regisseur",
            "beoordeling-toelichting": "Na het portefeuilleoverleg",
            "beoordeling-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(zaak, laatste) == ["opdrachtgever.beoordeeld"]
    nieuw = opdrachtgever.beoordelingen.latest("tijdstip")
    assert (nieuw.steun, nieuw.stevigheid, nieuw.zichtbaarheid) == ("afwachtend", 2, "regisseur")
    assert nieuw.impliciete_opdracht == "Geen gedoe voor de verkiezingen"
    # The opdrachtgever's own member sees the earlier, open assessment, not this one.
    tabel = web(zaakleden["opdrachtgever"]).get(_url(zaak)).content.decode()
    assert "Geen gedoe" not in tabel
    assert "Sommige beoordelingen zijn alleen zichtbaar" in tabel


def test_het_kernteam_beoordeelt_een_opdrachtgever_hoogstens_op_zijn_eigen_niveau(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Directeur Stadsontwikkeling",
        rol="ambtelijk_opdrachtgever",
        tijdstip=dagen_geleden(20),
    )
    client = web(zaakleden["kernteam"])
    dossier = client.get(_url(zaak, str(opdrachtgever.uuid))).content.decode()
    assert 'value="kernteam" selected' in dossier
    assert 'value="regisseur"' not in dossier
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, str(opdrachtgever.uuid), "beoordelen"),
        {
            "beoordeling-steun": "voorstander",
            "beoordeling-stevigheid": "9",
            "beoordeling-onderling_vertrouwen": "3",
            "beoordeling-zichtbaarheid": "kernteam",
            "beoordeling-toelichting": "Stevig",
            "beoordeling-versie": laatste,
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "beoordeling-stevigheid")
    assert 'value="voorstander" checked' in html
    assert _typen(zaak, laatste) == []


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries_voor_een_partij(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    regisseur: Any,
    web: Any,
    aantal: int,
    django_assert_num_queries: Any,
) -> None:
    speler = _speler(zaak, regisseur)
    for i in range(aantal):
        services.beoordeel_speler(
            actor=actor_voor(regisseur),
            speler=speler,
            standpunt=["voorstander", "afwachtend"][i % 2],
            macht="blokkademacht",
            invloed=3,
            vertrouwen=3,
            tijdstip=dagen_geleden(19 - i % 15),
        )
        services.wijzig_betrokkenheid(
            actor=actor_voor(regisseur),
            partij=speler,
            actie=["afwachten", "afhaken", "aanhaken"][i % 3],
            reden=f"Reden {i}",
        )
    client = web(zaakleden["procesregisseur"])
    client.get(_url(zaak, str(speler.uuid)))
    # session, user, the case with the member's role; the speler with its latest visible
    # assessment, all its visible assessments, its betrokkenheid changes; the version of each
    # of its two forms.
    with django_assert_num_queries(9):
        antwoord = client.get(_url(zaak, str(speler.uuid)))
    assert antwoord.content.decode().count('class="overgang"') == 1 + 2 * aantal


def _nieuwe_opdrachtgever(zaak: Bestuursproces, **extra: Any) -> dict[str, Any]:
    gegevens = {
        "naam": "Wethouder Ruimtelijke Ordening",
        "rol": "bestuurlijk_opdrachtgever",
        "expliciete_opdracht": "Een gedragen plan voor het havenkwartier",
        "steun": "voorstander",
        "stevigheid": "4",
        "onderling_vertrouwen": "3",
        "mandaat": "Tot de grondprijs",
        "zichtbaarheid": "regisseur",
        "toelichting": "Eerste gesprek",
        "versie": versie_van(zaak),
    }
    gegevens.update(extra)
    return {f"opdrachtgever-{k}": v for k, v in gegevens.items()}


def test_een_opdrachtgever_met_de_eerste_beoordeling_in_een_formulier(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    client = web(zaakleden["procesregisseur"])
    assert 'id="nieuwe-opdrachtgever"' in client.get(_url(zaak)).content.decode()

    antwoord = client.post(
        _url(zaak, "opdrachtgevers"),
        _nieuwe_opdrachtgever(zaak, tijdstip=dagen_geleden(5).date().isoformat()),
    )

    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert _typen(zaak, laatste) == ["opdrachtgever.geregistreerd", "opdrachtgever.beoordeeld"]
    opdrachtgever = Opdrachtgever.objects.get(bestuursproces=zaak)
    beoordeling = OpdrachtgeverBeoordeling.objects.get(opdrachtgever=opdrachtgever)
    assert (opdrachtgever.rol, beoordeling.steun, beoordeling.stevigheid) == (
        "bestuurlijk_opdrachtgever",
        "voorstander",
        4,
    )
    assert (beoordeling.mandaat, beoordeling.zichtbaarheid) == ("Tot de grondprijs", "regisseur")
    for g in Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=laatste):
        assert timezone.localdate(g.tijdstip) == timezone.localdate(dagen_geleden(5))


def test_een_geweigerde_opdrachtgever_laat_niets_achter_en_de_invoer_blijft(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(zaak)
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak, "opdrachtgevers"), _nieuwe_opdrachtgever(zaak, stevigheid="9")
    )

    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "opdrachtgever-stevigheid")
    assert 'value="Wethouder Ruimtelijke Ordening"' in html
    assert _typen(zaak, laatste) == []
    assert not Opdrachtgever.objects.filter(bestuursproces=zaak).exists()


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_voegt_geen_opdrachtgever_toe(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    assert 'id="nieuwe-opdrachtgever"' not in client.get(_url(zaak)).content.decode()
    antwoord = client.post(_url(zaak, "opdrachtgevers"), _nieuwe_opdrachtgever(zaak))
    assert antwoord.status_code == 403
    assert not Opdrachtgever.objects.filter(bestuursproces=zaak).exists()
