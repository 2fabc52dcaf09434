"""leg_reflectie_vast: the regisseur's (or the author's) reflection on an interventie."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Reflectie
from cases.services.reflecties import ReflectieNietToegestaan
from tests.cases._interventies import log, schrijft_niets
from tests.factories import GebruikerFactory, actor_voor

from ._hulp import REGISSEUR_NAAM, gebeurtenissen_na, samenvatting, sluit_af, utc, verwacht


def test_reflectie_standaard_alleen_voor_de_regisseur(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    interventie = log(actor, bestuursproces)  # event 4
    reflectie = services.leg_reflectie_vast(
        actor=actor, interventie=interventie, tekst="Ik was te snel"
    )

    opgeslagen = Reflectie.objects.get(pk=reflectie.pk)
    assert (opgeslagen.zichtbaarheid, opgeslagen.auteur, opgeslagen.interventie) == (
        "regisseur",
        regisseur,
        interventie,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "reflectie.vastgelegd",
        {
            "interventie": str(interventie.uuid),
            "reflectie": {
                "uuid": str(reflectie.uuid),
                "tekst": "Ik was te snel",
                "zichtbaarheid": "regisseur",
                "auteur": "regisseur",
                "vastgelegdOp": utc(opgeslagen.vastgelegd_op),
            },
            "zichtbaarheid": "regisseur",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )


def test_de_auteur_uit_het_kernteam_reflecteert_op_eigen_interventie(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    kees = actor_voor(kernteamlid)
    interventie = log(kees, bestuursproces)
    reflectie = services.leg_reflectie_vast(
        actor=kees, interventie=interventie, tekst="Spannend", zichtbaarheid="kernteam"
    )
    assert reflectie.auteur == kernteamlid


def test_een_ander_kernteamlid_reflecteert_niet(
    bestuursproces: Bestuursproces, actor: Actor, kernteamlid: Any
) -> None:
    interventie = log(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ReflectieNietToegestaan) as fout:
        services.leg_reflectie_vast(
            actor=actor_voor(kernteamlid),
            interventie=interventie,
            tekst="Hm",
            zichtbaarheid="kernteam",
        )
    assert fout.value.status == 403


def test_een_opdrachtgever_reflecteert_niet(bestuursproces: Bestuursproces, actor: Actor) -> None:
    og: Any = GebruikerFactory(username="og")
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=og, rol="opdrachtgever"
    )
    interventie = log(actor, bestuursproces, zichtbaarheid="proces")
    with schrijft_niets(), pytest.raises(ReflectieNietToegestaan):
        services.leg_reflectie_vast(
            actor=actor_voor(og), interventie=interventie, tekst="Hm", zichtbaarheid="proces"
        )


@pytest.mark.parametrize(
    ("interventieniveau", "reflectieniveau", "code"),
    [
        ("kernteam", "proces", "ruimer_dan_interventie"),
        ("regisseur", "kernteam", "ruimer_dan_interventie"),
        ("kernteam", "geheim", "invalid_choice"),
    ],
)
def test_reflectie_niet_ruimer_dan_haar_interventie(
    bestuursproces: Bestuursproces,
    actor: Actor,
    interventieniveau: str,
    reflectieniveau: str,
    code: str,
) -> None:
    interventie = log(actor, bestuursproces, zichtbaarheid=interventieniveau)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.leg_reflectie_vast(
            actor=actor, interventie=interventie, tekst="X", zichtbaarheid=reflectieniveau
        )
    assert fout.value.fouten["zichtbaarheid"][0][0] == code


def test_kernteamauteur_reflecteert_niet_op_regisseursniveau(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    kees = actor_voor(kernteamlid)
    interventie = log(kees, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.leg_reflectie_vast(actor=kees, interventie=interventie, tekst="X")
    assert fout.value.fouten["zichtbaarheid"][0][0] == "niet_toegestaan"


def test_lege_reflectie_en_afgerond_proces(bestuursproces: Bestuursproces, actor: Actor) -> None:
    interventie = log(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer):
        services.leg_reflectie_vast(actor=actor, interventie=interventie, tekst=" ")
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.leg_reflectie_vast(actor=actor, interventie=interventie, tekst="Achteraf")
