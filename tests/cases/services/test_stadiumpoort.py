"""The wyber-stap gate as the application registers it (``CasesConfig.ready``), through
wijzig_stadium: what it refuses and says, what it lets pass, and who may force it."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from cases import services
from cases.events import Actor
from cases.events import poorten as poorten_module
from cases.exceptions import DomainError, ForcerenNietToegestaan, PoortGesloten
from cases.models import Bestuursproces, Instemming, Stadiumovergang
from cases.services.poorten import geconsolideerde_stap_vereist
from tests.factories import actor_voor, consolideer_stap

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    verwacht,
)

GEEN_STAP = "Er is sinds het bereiken van stadium {} geen wyber-stap geconsolideerd."


def _naar(actor: Actor, bestuursproces: Bestuursproces, naar: str, **velden: Any) -> Any:
    overgang = services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar=naar, toelichting=f"Naar {naar}", **velden
    )
    bestuursproces.refresh_from_db()
    return overgang


def _wacht_op_twee(actor: Actor, bestuursproces: Bestuursproces) -> Any:
    """A step in consolideren: one party consented without deciding, one not reacted."""
    anouk = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )
    corp = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Corporatie Havenstad",
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    stap = services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="Functies")
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor, stap=stap, uitkomst="commitment", tekst="Wonen", instemmers=[anouk, corp]
    )
    services.leg_instemming_vast(
        actor=actor, instemming=Instemming.objects.get(speler=anouk), status="ingestemd"
    )
    return stap


def test_de_poort_is_eenmaal_geregistreerd_ook_als_ready_opnieuw_draait() -> None:
    apps.get_app_config("cases").ready()
    assert poorten_module._POORTEN.count(geconsolideerde_stap_vereist) == 1


def test_zonder_stap_geweigerd_met_wat_ontbreekt(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        _naar(actor, bestuursproces, "houdbaar")
    assert fout.value.bezwaren == [GEEN_STAP.format("voorstelbaar")]
    assert (fout.value.status, fout.value.code) == (409, "poort-gesloten")


def test_stap_in_consolideren_noemt_wie_nog_moet_instemmen_of_besluiten(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = _wacht_op_twee(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        _naar(actor, bestuursproces, "houdbaar")
    assert fout.value.bezwaren == [
        f"Stap {stap.volgnummer} (Functies) is nog niet geconsolideerd; wacht op: "
        "Anouk de Wit (nog niet formeel besloten), Corporatie Havenstad (nog geen reactie)."
    ]


def test_na_consolidatie_mag_het(bestuursproces: Bestuursproces, actor: Actor) -> None:
    consolideer_stap(bestuursproces, actor.gebruiker)
    overgang = _naar(actor, bestuursproces, "houdbaar")
    assert (overgang.geforceerd, bestuursproces.stadium) == (False, "houdbaar")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)
    assert gebeurtenis.payload["bezwaren"] == []


def test_stap_van_voor_terug_en_weer_vooruit_telt_niet(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    consolideer_stap(bestuursproces, actor.gebruiker)
    _naar(actor, bestuursproces, "houdbaar")
    consolideer_stap(bestuursproces, actor.gebruiker)
    _naar(actor, bestuursproces, "maakbaar")
    _naar(actor, bestuursproces, "houdbaar")  # back: the step that led to maakbaar is spent

    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        _naar(actor, bestuursproces, "maakbaar")
    assert fout.value.bezwaren == [GEEN_STAP.format("houdbaar")]

    consolideer_stap(bestuursproces, actor.gebruiker)
    assert _naar(actor, bestuursproces, "maakbaar").geforceerd is False


def test_terug_vraagt_geen_poort(bestuursproces: Bestuursproces, actor: Actor) -> None:
    consolideer_stap(bestuursproces, actor.gebruiker)
    _naar(actor, bestuursproces, "houdbaar")
    vorige = laatste_volgnummer(bestuursproces)

    overgang = _naar(actor, bestuursproces, "voorstelbaar")  # nothing consolidated in houdbaar

    assert (overgang.richting, overgang.geforceerd) == ("terug", False)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, vorige)
    assert gebeurtenis.payload["bezwaren"] == []


def test_forceren_door_de_regisseur_legt_overgang_en_bezwaren_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stap = _wacht_op_twee(actor, bestuursproces)
    vorige = laatste_volgnummer(bestuursproces)

    overgang = services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Bestuurlijk afgesproken",
        forceren=True,
    )

    assert overgang.geforceerd is True
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, vorige)
    assert samenvatting(gebeurtenis) == verwacht(
        vorige + 1,
        "stadium.gewijzigd",
        {
            "overgang": {
                "uuid": str(overgang.uuid),
                "van": "voorstelbaar",
                "naar": "houdbaar",
                "richting": "vooruit",
                "geforceerd": True,
                "toelichting": "Bestuurlijk afgesproken",
            },
            "bezwaren": [
                f"Stap {stap.volgnummer} (Functies) is nog niet geconsolideerd; wacht op: "
                "Anouk de Wit (nog niet formeel besloten), Corporatie Havenstad (nog geen reactie)."
            ],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Bestuurlijk afgesproken",
    )


@pytest.mark.parametrize("wie", ["kernteam", "opdrachtgever", "evaluator", "buitenstaander"])
@pytest.mark.parametrize("geconsolideerd", [False, True])
def test_forceren_mag_alleen_de_procesregisseur(
    bestuursproces: Bestuursproces,
    actor: Actor,
    leden: dict[str, Any],
    wie: str,
    geconsolideerd: bool,
) -> None:
    if geconsolideerd:
        consolideer_stap(bestuursproces, actor.gebruiker)
    with schrijft_niets(), pytest.raises(ForcerenNietToegestaan) as fout:
        _naar(actor_voor(leden[wie]), bestuursproces, "houdbaar", forceren=True)
    assert isinstance(fout.value, DomainError)
    assert (fout.value.status, fout.value.code, fout.value.veld) == (
        403,
        "forceren-niet-toegestaan",
        "forceren",
    )
    assert "Alleen de procesregisseur" in fout.value.detail
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


def test_kernteam_gaat_zonder_forceren_door_een_open_poort(
    bestuursproces: Bestuursproces, actor: Actor, leden: dict[str, Any]
) -> None:
    consolideer_stap(bestuursproces, actor.gebruiker)
    overgang = _naar(actor_voor(leden["kernteam"]), bestuursproces, "houdbaar")
    assert (overgang.door, overgang.geforceerd) == (leden["kernteam"], False)


def test_een_heropende_stap_telt_niet_meer(bestuursproces: Bestuursproces, actor: Actor) -> None:
    stap = consolideer_stap(bestuursproces, actor.gebruiker, doel="Ligging zonneweide")
    services.heropen_wyberstap(
        actor=actor, stap=stap, reden="Het waterschap zet de ligging weer ter discussie"
    )

    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        _naar(actor, bestuursproces, "houdbaar")

    assert fout.value.bezwaren == [
        f"Stap {stap.volgnummer} (Ligging zonneweide) is heropend; wat daar was afgesproken "
        "staat weer ter discussie."
    ]
    # A new consolidated step settles the stadium again.
    consolideer_stap(bestuursproces, actor.gebruiker, doel="Nieuwe ligging")
    assert _naar(actor, bestuursproces, "houdbaar").naar == "houdbaar"
