"""registreer_speler and wijzig_speler: the register of spelers and its events."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Organisatie, Speler

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    maak_organisatie,
    maak_speler,
    samenvatting,
    schrijft_niets,
    sluit_af,
    verwacht,
)


def _speler_gegevens(speler: Speler, **anders: Any) -> dict[str, Any]:
    """The payload form of a speler registered by :func:`maak_speler` with no extra fields."""
    gegevens: dict[str, Any] = {
        "uuid": str(speler.uuid),
        "naam": "Wethouder Ruimte",
        "soort": "persoon",
        "veld": "verbindende",
        "rolInProces": "sleutelpersoon",
        "belang": "",
        "belemmeringen": "",
        "waarden": "",
        "commitment": None,
        "symmetrie": None,
        "formeelBesluitNodig": True,
        "organisatie": None,
        "betrokkenheid": "nog_te_betrekken",
    }
    gegevens.update(anders)
    return gegevens


# --- registreer_speler -----------------------------------------------------------------------


def test_registreer_speler_schrijft_de_speler_en_zijn_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, organisatie: Organisatie
) -> None:
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Bewonersvereniging De Kade",
        soort="groep",
        organisatie=organisatie,
        veld="uitvoerende",
        rol_in_proces="initiatiefnemer",
        belang="Betaalbare woningen aan het water",
        belemmeringen="Wantrouwen na het vorige plan",
        waarden="Gemeenschapszin",
        commitment=True,
        symmetrie=False,
        toelichting="Meldde zich op de informatieavond",
    )

    opgeslagen = Speler.objects.get(pk=speler.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.naam,
        opgeslagen.organisatie_id,
        opgeslagen.commitment,
        opgeslagen.symmetrie,
        opgeslagen.betrokkenheid,
    ) == (
        bestuursproces.pk,
        "Bewonersvereniging De Kade",
        organisatie.pk,
        True,
        False,
        "nog_te_betrekken",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "speler.geregistreerd",
        {
            "speler": {
                "uuid": str(speler.uuid),
                "naam": "Bewonersvereniging De Kade",
                "soort": "groep",
                "veld": "uitvoerende",
                "rolInProces": "initiatiefnemer",
                "belang": "Betaalbare woningen aan het water",
                "belemmeringen": "Wantrouwen na het vorige plan",
                "waarden": "Gemeenschapszin",
                "commitment": True,
                "symmetrie": False,
                "formeelBesluitNodig": True,
                "organisatie": str(organisatie.uuid),
                "betrokkenheid": "nog_te_betrekken",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Meldde zich op de informatieavond",
    )


def test_registreer_speler_zonder_organisatie_door_een_beheercommando(
    bestuursproces: Bestuursproces,
) -> None:
    tijdstip = timezone.now()
    speler = maak_speler(Actor.beheer("import"), bestuursproces, tijdstip=tijdstip)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "speler.geregistreerd",
        {"speler": _speler_gegevens(speler)},
        door=None,
        naam="",
        herkomst="beheer:import",
    )
    assert gebeurtenis.tijdstip == tijdstip


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"soort": "dier"}, {"soort"}),
        ({"veld": "opdrachtgevende"}, {"veld"}),  # opdrachtgevers are registered apart
        ({"rol_in_proces": "wethouder"}, {"rol_in_proces"}),
        ({"veld": "", "soort": "", "rol_in_proces": ""}, {"veld", "soort", "rol_in_proces"}),
    ],
)
def test_registreer_speler_met_ongeldige_gegevens_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_speler(actor, bestuursproces, **velden)
    assert set(fout.value.fouten) == fouten


def test_registreer_speler_met_organisatie_van_een_ander_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    vreemd = maak_organisatie(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_speler(actor, bestuursproces, organisatie=vreemd)
    assert set(fout.value.fouten) == {"organisatie"}


def test_registreer_speler_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        maak_speler(actor, bestuursproces)


# --- wijzig_speler ---------------------------------------------------------------------------


def test_wijzig_speler_schrijft_wijzigingen_en_vorige_waarden(
    bestuursproces: Bestuursproces,
    speler: Speler,
    organisatie: Organisatie,
    regisseur: Any,
    actor: Actor,
) -> None:
    resultaat = services.wijzig_speler(
        actor=actor,
        speler=speler,
        wijzigingen={
            "naam": "Wethouder Ruimte en Wonen",
            "organisatie": organisatie,
            "veld": "verbindende",  # unchanged: left out of the event
            "commitment": True,
            "belang": "Woningbouwtaakstelling halen",
        },
        toelichting="Na het kennismakingsgesprek",
    )

    opgeslagen = Speler.objects.get(pk=speler.pk)
    assert (opgeslagen.naam, opgeslagen.organisatie_id, opgeslagen.commitment) == (
        "Wethouder Ruimte en Wonen",
        organisatie.pk,
        True,
    )
    assert resultaat.naam == "Wethouder Ruimte en Wonen"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "speler.gewijzigd",
        {
            "speler": str(speler.uuid),
            "wijzigingen": {
                "naam": "Wethouder Ruimte en Wonen",
                "organisatie": str(organisatie.uuid),
                "commitment": True,
                "belang": "Woningbouwtaakstelling halen",
            },
            "vorigeWaarden": {
                "naam": "Wethouder Ruimte",
                "organisatie": None,
                "commitment": None,
                "belang": "",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Na het kennismakingsgesprek",
    )


def test_wijzig_speler_organisatie_weer_leeg(
    bestuursproces: Bestuursproces, actor: Actor, organisatie: Organisatie
) -> None:
    speler = maak_speler(actor, bestuursproces, organisatie=organisatie)
    services.wijzig_speler(actor=actor, speler=speler, wijzigingen={"organisatie": None})
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert gebeurtenis.payload == {
        "speler": str(speler.uuid),
        "wijzigingen": {"organisatie": None},
        "vorigeWaarden": {"organisatie": str(organisatie.uuid)},
    }
    assert Speler.objects.get(pk=speler.pk).organisatie is None


def test_wijzig_speler_zonder_verschil_schrijft_niets(speler: Speler, actor: Actor) -> None:
    with schrijft_niets():
        services.wijzig_speler(
            actor=actor,
            speler=speler,
            wijzigingen={"naam": "Wethouder Ruimte", "organisatie": None, "commitment": None},
        )
        services.wijzig_speler(actor=actor, speler=speler, wijzigingen={})


@pytest.mark.parametrize(
    ("wijzigingen", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"veld": "opdrachtgevende"}, {"veld"}),
        ({"rol_in_proces": "wethouder"}, {"rol_in_proces"}),
        # Betrokkenheid changes through its actions, standpunt through assessments.
        ({"betrokkenheid": "aangehaakt"}, {"betrokkenheid"}),
        ({"standpunt": "voorstander", "naam": "Iets"}, {"standpunt"}),
        ({"bestuursproces": None}, {"bestuursproces"}),
        ({"rolInProces": "initiatiefnemer"}, {"rolInProces"}),  # payload key
    ],
)
def test_wijzig_speler_met_ongeldige_of_onbekende_velden_schrijft_niets(
    speler: Speler, actor: Actor, wijzigingen: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_speler(actor=actor, speler=speler, wijzigingen=wijzigingen)
    assert set(fout.value.fouten) == fouten


def test_wijzig_speler_naar_organisatie_van_een_ander_proces_wordt_geweigerd(
    speler: Speler, ander_proces: Bestuursproces, actor: Actor
) -> None:
    vreemd = maak_organisatie(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_speler(actor=actor, speler=speler, wijzigingen={"organisatie": vreemd})
    assert set(fout.value.fouten) == {"organisatie"}


def test_wijzig_speler_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, speler: Speler, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_speler(actor=actor, speler=speler, wijzigingen={"naam": "Te laat"})
