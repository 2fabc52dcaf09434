"""Opdrachtgevers on the krachtenveld task: one in the field and joining it, added with its
first assessment in one form (a refusal writes nothing and keeps the input), assessed by the
kernteam at most at its own level, a fixed number of queries on its page, and no form for a
reader."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
)
from tests.factories import actor_voor
from werkruimte.versie import versie_van

from ._html import LEZEND, formulieren, veldfout
from ._krachtenveld import beoordeelde_speler, typen, url
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


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
    html = client.get(url(zaak)).content.decode()
    tabel = html.split('id="partijen"', 1)[1].split("</table>", 1)[0]
    assert "Wethouder Ruimte" in tabel
    assert "Doorzettingsmacht" in tabel
    dossier = client.get(url(zaak, str(opdrachtgever.uuid))).content.decode()
    assert formulieren(dossier) == ["beoordeelformulier", "betrokkenheidformulier"]
    # Its assessment has fields of its own; sensitive, so regisseur-only unless opened up.
    assert 'value="regisseur" selected' in dossier
    assert 'name="beoordeling-macht"' not in dossier
    laatste = versie_van(zaak)
    antwoord = client.post(
        url(zaak, str(opdrachtgever.uuid), "betrokkenheid"),
        {
            "betrokkenheid-actie": "aansluiten",
            "betrokkenheid-toelichting": "Trekt het proces bestuurlijk",
            "betrokkenheid-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert typen(zaak, laatste) == ["opdrachtgever.betrokkenheid_gewijzigd"]
    laatste = versie_van(zaak)
    antwoord = client.post(
        url(zaak, str(opdrachtgever.uuid), "beoordelen"),
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
    assert typen(zaak, laatste) == ["opdrachtgever.beoordeeld"]
    nieuw = opdrachtgever.beoordelingen.latest("tijdstip")
    assert (nieuw.steun, nieuw.stevigheid, nieuw.zichtbaarheid) == ("afwachtend", 2, "regisseur")
    assert nieuw.impliciete_opdracht == "Geen gedoe voor de verkiezingen"
    # The opdrachtgever's own member sees the earlier, open assessment, not this one.
    tabel = web(zaakleden["opdrachtgever"]).get(url(zaak)).content.decode()
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
    dossier = client.get(url(zaak, str(opdrachtgever.uuid))).content.decode()
    assert 'value="kernteam" selected' in dossier
    assert 'value="regisseur"' not in dossier
    laatste = versie_van(zaak)
    antwoord = client.post(
        url(zaak, str(opdrachtgever.uuid), "beoordelen"),
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
    assert typen(zaak, laatste) == []


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries_voor_een_partij(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    regisseur: Any,
    web: Any,
    aantal: int,
    django_assert_num_queries: Any,
) -> None:
    speler = beoordeelde_speler(zaak, regisseur)
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
    client.get(url(zaak, str(speler.uuid)))
    # session, user, the case with the member's role; the speler with its latest visible
    # assessment, all its visible assessments, its betrokkenheid changes; the version of each
    # of its two forms.
    with django_assert_num_queries(9):
        antwoord = client.get(url(zaak, str(speler.uuid)))
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
    assert 'id="nieuwe-opdrachtgever"' in client.get(url(zaak)).content.decode()

    antwoord = client.post(
        url(zaak, "opdrachtgevers"),
        _nieuwe_opdrachtgever(zaak, tijdstip=timezone.localdate(dagen_geleden(5)).isoformat()),
    )

    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert typen(zaak, laatste) == ["opdrachtgever.geregistreerd", "opdrachtgever.beoordeeld"]
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
        url(zaak, "opdrachtgevers"), _nieuwe_opdrachtgever(zaak, stevigheid="9")
    )

    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "opdrachtgever-stevigheid")
    assert 'value="Wethouder Ruimtelijke Ordening"' in html
    assert typen(zaak, laatste) == []
    assert not Opdrachtgever.objects.filter(bestuursproces=zaak).exists()


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_voegt_geen_opdrachtgever_toe(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, rol: str
) -> None:
    client = web(zaakleden[rol])
    assert 'id="nieuwe-opdrachtgever"' not in client.get(url(zaak)).content.decode()
    antwoord = client.post(url(zaak, "opdrachtgevers"), _nieuwe_opdrachtgever(zaak))
    assert antwoord.status_code == 403
    assert not Opdrachtgever.objects.filter(bestuursproces=zaak).exists()
