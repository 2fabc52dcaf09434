"""herzie_idee: every revision is a new numbered version with its idee.herzien event."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, IdeeVersie
from cases.services.idee import IdeeInhoud
from tests.factories import open_proces

from ._hulp import REGISSEUR_NAAM, gebeurtenissen_na, samenvatting, schrijft_niets, verwacht

VOLLEDIG = IdeeInhoud(
    wat="Een havenkwartier waar wonen, werken en water samenkomen",
    context="Ontstaan uit de leegstand na het vertrek van de scheepswerf",
    sterkte="Urgent: 2.000 woningen nodig; maatschappelijke waarde: werkgelegenheid",
    eigenaren="Wethouder Ruimte, bewonersvereniging De Kade",
    verrijking="Ondernemers willen een broedplaats",
    concretisering="Deelresultaat 1: ontwikkelvisie; 2: bestemmingsplan",
    framing="Het Havenkwartier is van iedereen",
    stip_op_de_horizon="In 2035 een levendig stadsdeel",
)


def test_herzie_idee_schrijft_een_nieuwe_versie_met_zijn_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    eerste = IdeeVersie.objects.get(bestuursproces=bestuursproces)
    tijdstip = timezone.now()  # explicit, between the last event and the recording

    idee = services.herzie_idee(
        actor=Actor(gebruiker=regisseur, herkomst="api-token@192.0.2.1"),
        bestuursproces=bestuursproces,
        inhoud=VOLLEDIG,
        toelichting="Verrijkt na de eerste spelersronde",
        tijdstip=tijdstip,
    )

    assert idee.versie == 2
    assert (idee.auteur, idee.aangemaakt_op, idee.toelichting) == (
        regisseur,
        tijdstip,
        "Verrijkt na de eerste spelersronde",
    )
    assert selectors.huidig_idee(bestuursproces) == idee
    # The earlier version stays as it was.
    eerste_nu = IdeeVersie.objects.get(pk=eerste.pk)
    assert (eerste_nu.versie, eerste_nu.wat) == (1, eerste.wat)
    assert list(selectors.ideeversies(bestuursproces).order_by("versie")) == [eerste_nu, idee]

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "idee.herzien",
        {
            "idee": {
                "uuid": str(idee.uuid),
                "versie": 2,
                "wat": VOLLEDIG.wat,
                "context": VOLLEDIG.context,
                "sterkte": VOLLEDIG.sterkte,
                "eigenaren": VOLLEDIG.eigenaren,
                "verrijking": VOLLEDIG.verrijking,
                "concretisering": VOLLEDIG.concretisering,
                "framing": VOLLEDIG.framing,
                "stipOpDeHorizon": VOLLEDIG.stip_op_de_horizon,
                "eigenaarSpelers": [],
                "eigenaarOpdrachtgevers": [],
                "eigenaarOrganisaties": [],
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Verrijkt na de eerste spelersronde",
        herkomst="api-token@192.0.2.1",
    )
    assert gebeurtenis.tijdstip == tijdstip
    assert gebeurtenis.geregistreerd > tijdstip


def test_eerste_idee_op_een_proces_zonder_idee_is_versie_1(regisseur: Any, actor: Actor) -> None:
    bestuursproces = open_proces(regisseur, met_idee=False)
    voor = timezone.now()

    idee = services.herzie_idee(
        actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Eerste idee")
    )

    assert idee.versie == 1
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 2)
    assert (gebeurtenis.volgnummer, gebeurtenis.type, gebeurtenis.toelichting) == (
        3,
        "idee.herzien",
        "",
    )
    assert gebeurtenis.payload["idee"]["versie"] == 1
    assert gebeurtenis.payload["idee"]["wat"] == "Eerste idee"
    assert voor <= gebeurtenis.tijdstip <= gebeurtenis.geregistreerd
    assert gebeurtenis.tijdstip == idee.aangemaakt_op


def test_versies_lopen_door_en_elke_herziening_is_een_gebeurtenis(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    for n in range(2, 6):
        idee = services.herzie_idee(
            actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=f"Idee {n}")
        )
        assert idee.versie == n
    gebeurtenissen = gebeurtenissen_na(bestuursproces, 3)
    assert [(e.volgnummer, e.payload["idee"]["versie"]) for e in gebeurtenissen] == [
        (4, 2),
        (5, 3),
        (6, 4),
        (7, 5),
    ]


def test_herzie_idee_met_dezelfde_inhoud_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    huidig = selectors.huidig_idee(bestuursproces)
    assert huidig is not None
    with schrijft_niets():
        resultaat = services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat=huidig.wat),
            toelichting="Nog eens opgeslagen",
        )
    assert resultaat == huidig


@pytest.mark.parametrize("wat", ["", None])
def test_herzie_idee_zonder_wat_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, wat: Any
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=wat))
    assert set(fout.value.fouten) == {"wat"}


def test_herzie_idee_vraagt_een_auteur(bestuursproces: Bestuursproces) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(
            actor=Actor.beheer("import"),
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat="Zonder auteur"),
        )
    assert set(fout.value.fouten) == {"gebruiker"}


def test_herzie_idee_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.herzie_idee(
            actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Te laat")
        )

    # Reopened, the idee can be revised again.
    services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="actief")
    idee = services.herzie_idee(
        actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Tweede kans")
    )
    assert idee.versie == 2
