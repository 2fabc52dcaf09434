"""herzie_idee with eigenaar_spelers: idee-eigenaren as links to spelers of the same case."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, IdeeEigenaar, IdeeVersie, Speler
from cases.selectors.tijdlijn import tijdlijn
from cases.services.idee import IdeeInhoud

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_organisatie,
    maak_speler,
    samenvatting,
    schrijft_niets,
    sluit_af,
    verwacht,
)

ALLES = frozenset({"proces", "kernteam", "regisseur"})
WAT = "Een levendig havenkwartier met woningen en werk"  # the idee tests.factories opens with


@pytest.fixture
def spelers(bestuursproces: Bestuursproces, actor: Actor) -> list[Speler]:
    """Three spelers (events 4–6): Anna, Bram, Cor."""
    return [maak_speler(actor, bestuursproces, naam=naam) for naam in ("Anna", "Bram", "Cor")]


def _eigenaren(idee: IdeeVersie) -> list[tuple[int, str]]:
    return list(
        IdeeEigenaar.objects.filter(ideeversie=idee)
        .order_by("volgorde")
        .values_list("volgorde", "speler__naam")
    )


def test_herzie_idee_met_eigenaren_in_volgorde(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, spelers: list[Speler]
) -> None:
    anna, _, cor = spelers
    idee = services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(
            wat=WAT, eigenaren="en de ondernemersvereniging", eigenaar_spelers=(cor.uuid, anna.uuid)
        ),
        toelichting="Eigenaren benoemd",
    )

    assert idee.versie == 2
    assert _eigenaren(idee) == [(0, "Cor"), (1, "Anna")]
    assert (
        list(
            IdeeEigenaar.objects.filter(ideeversie=idee).values_list("bestuursproces_id", flat=True)
        )
        == [bestuursproces.pk] * 2
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert samenvatting(gebeurtenis) == verwacht(
        7,
        "idee.herzien",
        {
            "idee": {
                "uuid": str(idee.uuid),
                "versie": 2,
                "wat": WAT,
                "context": "",
                "sterkte": "",
                "eigenaren": "en de ondernemersvereniging",
                "verrijking": "",
                "concretisering": "",
                "framing": "",
                "stipOpDeHorizon": "",
                "eigenaarSpelers": [str(cor.uuid), str(anna.uuid)],
                "eigenaarOpdrachtgevers": [],
                "eigenaarOrganisaties": [],
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Eigenaren benoemd",
    )
    toestand = selectors.huidige_toestand(bestuursproces)
    assert toestand["idee"]["eigenaarSpelers"] == [str(cor.uuid), str(anna.uuid)]


def test_elke_versie_houdt_haar_eigen_eigenaren(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    anna, bram, _ = spelers
    eerste = services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat=WAT, eigenaar_spelers=(anna.uuid, bram.uuid)),
    )
    zonder = services.herzie_idee(
        actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=WAT)
    )
    assert zonder.versie == eerste.versie + 1
    assert _eigenaren(zonder) == []
    assert _eigenaren(eerste) == [(0, "Anna"), (1, "Bram")]
    [_, gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert gebeurtenis.payload["idee"]["eigenaarSpelers"] == []


def test_ongewijzigd_idee_met_dezelfde_eigenaren_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    anna, bram, _ = spelers
    inhoud = IdeeInhoud(wat=WAT, eigenaar_spelers=(anna.uuid, bram.uuid))
    idee = services.herzie_idee(actor=actor, bestuursproces=bestuursproces, inhoud=inhoud)
    with schrijft_niets():
        nogmaals = services.herzie_idee(
            actor=actor, bestuursproces=bestuursproces, inhoud=inhoud, toelichting="Opnieuw"
        )
    assert nogmaals == idee


def test_ongewijzigd_idee_zonder_eigenaren_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    with schrijft_niets():
        services.herzie_idee(actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=WAT))


@pytest.mark.parametrize(
    "andere_volgorde",
    [
        pytest.param((1, 0), id="omgedraaid"),
        pytest.param((0,), id="een-minder"),
        pytest.param((0, 1, 2), id="een-meer"),
    ],
)
def test_alleen_andere_eigenaren_is_een_nieuwe_versie(
    bestuursproces: Bestuursproces,
    actor: Actor,
    spelers: list[Speler],
    andere_volgorde: tuple[int, ...],
) -> None:
    services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat=WAT, eigenaar_spelers=(spelers[0].uuid, spelers[1].uuid)),
    )
    nieuw = tuple(spelers[i].uuid for i in andere_volgorde)
    idee = services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat=WAT, eigenaar_spelers=nieuw),
    )
    assert idee.versie == 3
    [_, gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert gebeurtenis.payload["idee"]["eigenaarSpelers"] == [str(u) for u in nieuw]


def test_dubbele_eigenaar_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    anna = spelers[0]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat="Nieuw", eigenaar_spelers=(anna.uuid, anna.uuid)),
        )
    assert [code for code, _ in fout.value.fouten["eigenaar_spelers"]] == ["unique"]


def test_eigenaar_uit_een_ander_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces,
    ander_proces: Bestuursproces,
    actor: Actor,
    spelers: list[Speler],
) -> None:
    vreemd = maak_speler(actor, ander_proces, naam="Vreemde")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat="Nieuw", eigenaar_spelers=(spelers[0].uuid, vreemd.uuid)),
        )
    [(code, melding)] = fout.value.fouten["eigenaar_spelers"]
    assert code == "does_not_exist"
    assert str(vreemd.uuid) in melding
    assert str(spelers[0].uuid) not in melding


def test_onbekende_eigenaar_wordt_geweigerd(bestuursproces: Bestuursproces, actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat="Nieuw", eigenaar_spelers=(uuid.uuid4(),)),
        )
    assert set(fout.value.fouten) == {"eigenaar_spelers"}


def test_eigenaren_op_afgerond_proces_worden_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat=WAT, eigenaar_spelers=(spelers[0].uuid,)),
        )


# --- idee-eigenaren as opdrachtgevers and organisaties (book §5.4) -----------------------


def test_de_raad_en_een_organisatie_als_idee_eigenaar(
    bestuursproces: Bestuursproces, actor: Actor, spelers: list[Speler]
) -> None:
    raad = maak_opdrachtgever(actor, bestuursproces, naam="Gemeenteraad", rol="gemeenteraad")
    woningcorporatie = maak_organisatie(actor, bestuursproces, naam="Woonstede")
    idee = services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(
            wat=WAT,
            eigenaar_spelers=(spelers[0].uuid,),
            eigenaar_opdrachtgevers=(raad.uuid,),
            eigenaar_organisaties=(woningcorporatie.uuid,),
        ),
    )
    rijen = list(
        IdeeEigenaar.objects.filter(ideeversie=idee)
        .order_by("id")
        .values_list("speler__naam", "opdrachtgever__naam", "organisatie__naam")
    )
    assert rijen == [("Anna", None, None), (None, "Gemeenteraad", None), (None, None, "Woonstede")]
    payload = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)[0].payload
    assert (
        payload["idee"]["eigenaarSpelers"],
        payload["idee"]["eigenaarOpdrachtgevers"],
        payload["idee"]["eigenaarOrganisaties"],
    ) == ([str(spelers[0].uuid)], [str(raad.uuid)], [str(woningcorporatie.uuid)])
    toestand = selectors.huidige_toestand(bestuursproces)
    assert herbouw(geschiedenis(bestuursproces.pk)) == toestand
    assert toestand["idee"]["eigenaarOpdrachtgevers"] == [str(raad.uuid)]
    [zin] = [
        item.omschrijving
        for item in tijdlijn(bestuursproces, None, timezone.now(), ALLES)
        if item.soort == "idee.herzien" and "versie 2" in item.omschrijving
    ]
    assert zin.endswith("(idee-eigenaren: Anna, Gemeenteraad, Woonstede)")

    # The same owners again is no new version; another kind's change is one.
    with schrijft_niets():
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(
                wat=WAT,
                eigenaar_spelers=(spelers[0].uuid,),
                eigenaar_opdrachtgevers=(raad.uuid,),
                eigenaar_organisaties=(woningcorporatie.uuid,),
            ),
        )
    zonder_raad = services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(
            wat=WAT,
            eigenaar_spelers=(spelers[0].uuid,),
            eigenaar_organisaties=(woningcorporatie.uuid,),
        ),
    )
    assert zonder_raad.versie == 3


def test_opdrachtgever_of_organisatie_van_een_ander_proces_of_dubbel_wordt_geweigerd(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    raad = maak_opdrachtgever(actor, bestuursproces, naam="Gemeenteraad", rol="gemeenteraad")
    elders = maak_organisatie(actor, ander_proces, naam="Elders")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.herzie_idee(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(
                wat="Nieuw",
                eigenaar_opdrachtgevers=(raad.uuid, raad.uuid),
                eigenaar_organisaties=(elders.uuid,),
            ),
        )
    assert {veld: [c for c, _ in items] for veld, items in fout.value.fouten.items()} == {
        "eigenaar_opdrachtgevers": ["unique"],
        "eigenaar_organisaties": ["does_not_exist"],
    }


def test_oude_ideeversie_zonder_de_nieuwe_lijsten_vouwt_met_lege_lijsten(
    bestuursproces: Bestuursproces,
) -> None:
    """Versions recorded before opdrachtgevers and organisaties could own the idee."""
    from cases.events.soorten import soort
    from cases.models import Gebeurtenis

    gebeurtenis = Gebeurtenis.objects.get(bestuursproces=bestuursproces, type="idee.herzien")
    for sleutel in ("eigenaarOpdrachtgevers", "eigenaarOrganisaties"):
        del gebeurtenis.payload["idee"][sleutel]
    staat: dict[str, Any] = {"idee": None}
    soort("idee.herzien").pas_toe(staat, gebeurtenis)
    assert (staat["idee"]["eigenaarOpdrachtgevers"], staat["idee"]["eigenaarOrganisaties"]) == (
        [],
        [],
    )
