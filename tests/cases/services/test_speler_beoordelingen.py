"""beoordeel_speler: dated assessments that are never overwritten, each recorded only at a
level its author may read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Speler, SpelerBeoordeling
from tests.factories import actor_voor

from ._hulp import (
    REGISSEUR_NAAM,
    beoordeel,
    gebeurtenissen_na,
    laatste_volgnummer,
    naam_van,
    samenvatting,
    schrijft_niets,
    sluit_af,
    utc,
    verwacht,
)


def _beoordeling_gegevens(beoordeling: SpelerBeoordeling, **anders: Any) -> dict[str, Any]:
    gegevens: dict[str, Any] = {
        "uuid": str(beoordeling.uuid),
        "tijdstip": utc(beoordeling.tijdstip),
        "auteur": beoordeling.auteur.get_username(),
        "stadium": "voorstelbaar",
        "toelichting": "",
        "zichtbaarheid": "proces",
        "standpunt": "voorstander",
        "macht": "productiemacht",
        "uniekeMacht": False,
        "invloed": 3,
        "vertrouwen": 3,
    }
    gegevens.update(anders)
    return gegevens


def test_beoordeel_speler_schrijft_een_gedateerde_beoordeling_en_haar_gebeurtenis(
    bestuursproces: Bestuursproces, speler: Speler, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Verder",
        forceren=True,
    )
    tijdstip = timezone.now()

    beoordeling = services.beoordeel_speler(
        actor=actor,
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        unieke_macht=True,
        invloed=5,
        vertrouwen=2,
        toelichting="Dreigt met een motie",
        zichtbaarheid="kernteam",
        tijdstip=tijdstip,
    )

    opgeslagen = SpelerBeoordeling.objects.get(pk=beoordeling.pk)
    assert (
        opgeslagen.speler_id,
        opgeslagen.bestuursproces_id,
        opgeslagen.auteur,
        opgeslagen.tijdstip,
        opgeslagen.stadium,
        opgeslagen.zichtbaarheid,
        opgeslagen.standpunt,
        opgeslagen.invloed,
    ) == (
        speler.pk,
        bestuursproces.pk,
        regisseur,
        tijdstip,
        "houdbaar",
        "kernteam",
        "tegenstander",
        5,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert samenvatting(gebeurtenis) == verwacht(
        7,
        "speler.beoordeeld",
        {
            "speler": str(speler.uuid),
            "beoordeling": _beoordeling_gegevens(
                beoordeling,
                stadium="houdbaar",
                toelichting="Dreigt met een motie",
                zichtbaarheid="kernteam",
                standpunt="tegenstander",
                macht="blokkademacht",
                uniekeMacht=True,
                invloed=5,
                vertrouwen=2,
            ),
            # Above proces level the event names its level, so that it is redacted for others.
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Dreigt met een motie",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_beoordeel_speler_op_procesniveau_zonder_zichtbaarheid_in_de_gebeurtenis(
    bestuursproces: Bestuursproces, speler: Speler, regisseur: Any, actor: Actor
) -> None:
    voor = timezone.now()
    beoordeling = beoordeel(actor, speler)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "speler.beoordeeld",
        {"speler": str(speler.uuid), "beoordeling": _beoordeling_gegevens(beoordeling)},
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert voor <= beoordeling.tijdstip == gebeurtenis.tijdstip


def test_beoordelingen_worden_nooit_overschreven(
    bestuursproces: Bestuursproces, speler: Speler, actor: Actor
) -> None:
    eerste = beoordeel(actor, speler, standpunt="afwachtend")
    tweede = beoordeel(actor, speler, standpunt="voorstander", toelichting="Overtuigd")
    assert list(
        SpelerBeoordeling.objects.filter(speler=speler)
        .order_by("tijdstip", "id")
        .values_list("pk", "standpunt")
    ) == [(eerste.pk, "afwachtend"), (tweede.pk, "voorstander")]
    assert [e.type for e in gebeurtenissen_na(bestuursproces, 5)] == ["speler.beoordeeld"] * 2


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"invloed": 0}, {"invloed"}),
        ({"invloed": 6}, {"invloed"}),
        ({"vertrouwen": 0}, {"vertrouwen"}),
        ({"vertrouwen": 6}, {"vertrouwen"}),
        ({"invloed": -1, "vertrouwen": 9}, {"invloed", "vertrouwen"}),
        ({"standpunt": "neutraal"}, {"standpunt"}),
        ({"macht": "doorzettingsmacht"}, {"macht"}),  # only for opdrachtgevers
        ({"zichtbaarheid": "iedereen"}, {"zichtbaarheid"}),
    ],
)
def test_beoordeel_speler_met_ongeldige_gegevens_schrijft_niets(
    speler: Speler, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel(actor, speler, **velden)
    assert set(fout.value.fouten) == fouten


@pytest.mark.parametrize(("invloed", "vertrouwen"), [(1, 1), (5, 5)])
def test_beoordeel_speler_met_scores_op_de_grenzen(
    speler: Speler, actor: Actor, invloed: int, vertrouwen: int
) -> None:
    beoordeling = beoordeel(actor, speler, invloed=invloed, vertrouwen=vertrouwen)
    assert (beoordeling.invloed, beoordeling.vertrouwen) == (invloed, vertrouwen)


@pytest.mark.parametrize(
    ("rol", "toegestaan", "geweigerd"),
    [
        ("procesregisseur", ["proces", "kernteam", "regisseur"], []),
        ("kernteam", ["proces", "kernteam"], ["regisseur"]),
        ("opdrachtgever", ["proces"], ["kernteam", "regisseur"]),
        ("evaluator", ["proces"], ["kernteam", "regisseur"]),
    ],
)
def test_niemand_legt_vast_wat_hij_zelf_niet_mag_zien(
    bestuursproces: Bestuursproces,
    speler: Speler,
    leden: dict[str, Any],
    rol: str,
    toegestaan: list[str],
    geweigerd: list[str],
) -> None:
    lid = actor_voor(leden[rol])
    for niveau in geweigerd:
        with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
            beoordeel(lid, speler, zichtbaarheid=niveau)
        assert [code for code, _ in fout.value.fouten["zichtbaarheid"]] == ["niet_toegestaan"]
    for niveau in toegestaan:
        volgnummer = laatste_volgnummer(bestuursproces)
        beoordeling = beoordeel(lid, speler, zichtbaarheid=niveau)
        [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
        assert gebeurtenis.actor_naam == naam_van(leden[rol])
        assert beoordeling.auteur == leden[rol]
        assert beoordeling.zichtbaarheid == niveau


def test_een_niet_lid_legt_niets_vast(speler: Speler, kees: Any) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel(actor_voor(kees), speler, zichtbaarheid="proces")
    assert set(fout.value.fouten) == {"zichtbaarheid"}


def test_beheercommando_zonder_gebruiker_slaat_rolcontrole_over_maar_vraagt_een_auteur(
    speler: Speler,
) -> None:
    # The role check does not apply (no user, no role), so the refusal names the missing
    # user, not the level: even regisseur level is not refused for lack of a role.
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel(Actor.beheer("import"), speler, zichtbaarheid="regisseur")
    assert set(fout.value.fouten) == {"gebruiker"}


def test_beheercommando_namens_de_regisseur_mag_op_elk_niveau(
    bestuursproces: Bestuursproces, speler: Speler, regisseur: Any
) -> None:
    beoordeling = beoordeel(Actor.beheer("laad_demo", regisseur), speler, zichtbaarheid="regisseur")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert (gebeurtenis.herkomst, gebeurtenis.actor_id, beoordeling.auteur) == (
        "beheer:laad_demo",
        regisseur.pk,
        regisseur,
    )
    assert gebeurtenis.payload["zichtbaarheid"] == "regisseur"


def test_beoordeel_speler_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, speler: Speler, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        beoordeel(actor, speler)


def test_beoordeel_speler_met_tijdstip_voor_de_laatste_gebeurtenis_schrijft_niets(
    speler: Speler, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel(actor, speler, tijdstip=timezone.now() - dt.timedelta(days=365))
    assert set(fout.value.fouten) == {"tijdstip"}
