"""Stored stands of the fold (looking back) and the read model of current assessments.

The properties over random histories are in test_wereldtijd_eigenschap.py (facts entered in
any order and corrected) and test_replay.py (every kind of service call); these are the
single cases: what a late fact and a correction delete, that bekendOp never reads a stand,
that a late fact is checked from the stand before it, and that the rebuild and the migration
give the rows the services keep.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from cases import selectors, services
from cases.events import standen
from cases.events.replay import vouw
from cases.events.wereldtijd import geschiedenis
from cases.models import (
    Bestuursproces,
    Foldstand,
    HuidigeOpdrachtgeverBeoordeling,
    HuidigeSpelerBeoordeling,
    Speler,
    Zichtbaarheid,
)
from tests.factories import actor_voor

from ._standen import dag as _dag
from ._standen import dijkversterking, elke_stand_klopt

KERNTEAM = Zichtbaarheid.voor_rol("kernteam")
ALLES = Zichtbaarheid.voor_rol("procesregisseur")


def _proces(regisseur: Any, assessments: int = 8) -> tuple[Bestuursproces, Speler]:
    """A case with one speler assessed every other day, at alternating levels."""
    proces, speler = dijkversterking(regisseur)
    for i in range(assessments):
        _beoordeel(
            regisseur,
            speler,
            2 + 2 * i,
            ("voorstander", "tegenstander")[i % 2],
            ("proces", "kernteam", "regisseur")[i % 3],
        )
    return proces, speler


def _beoordeel(regisseur: Any, speler: Speler, dag: int, standpunt: str, niveau: str) -> Any:
    return services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=Speler.objects.get(pk=speler.pk),
        standpunt=standpunt,
        macht="blokkademacht",
        invloed=3,
        vertrouwen=3,
        zichtbaarheid=niveau,
        tijdstip=_dag(dag),
    )


def _volledig(proces: Bestuursproces, tot: dt.datetime, zichtbaar: Any = None) -> Any:
    return vouw(geschiedenis(proces.pk, tot=tot), zichtbaar)


def _standen(proces: Bestuursproces) -> list[tuple[str, int]]:
    return sorted(Foldstand.objects.filter(bestuursproces=proces).values_list("zicht", "aantal"))


def test_terugkijken_begint_bij_de_stand_en_geeft_hetzelfde(regisseur: Any, settings: Any) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, _ = _proces(regisseur)  # 10 events: opening, speler, 8 assessments
    tot = _dag(15)
    for zichtbaar in (None, KERNTEAM, ALLES):
        verwacht = _volledig(proces, tot, zichtbaar)
        assert standen.vouw_tot(proces.pk, tot=tot, zichtbaar=zichtbaar) == verwacht
    # Events 1..9 lie before day 15: stands after the 3rd, 6th and 9th, per key.
    assert _standen(proces) == sorted(
        (sleutel, n)
        for sleutel in ("*", "evaluatie,kernteam,proces", "evaluatie,kernteam,proces,regisseur")
        for n in (3, 6, 9)
    )
    with mock.patch.object(standen, "geschiedenis", wraps=geschiedenis) as gelezen:
        assert standen.vouw_tot(proces.pk, tot=tot, zichtbaar=KERNTEAM) == _volledig(
            proces, tot, KERNTEAM
        )
    (positie,) = {call.kwargs["na"] for call in gelezen.call_args_list}
    assert positie is not None
    assert positie[1] == 9


def test_een_laat_feit_vergeet_de_standen_erna(regisseur: Any, settings: Any) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler = _proces(regisseur)
    standen.vouw_tot(proces.pk, zichtbaar=ALLES)
    voor = {
        (zicht, aantal): tijdstip
        for zicht, aantal, tijdstip in Foldstand.objects.filter(bestuursproces=proces).values_list(
            "zicht", "aantal", "tijdstip"
        )
    }
    assert {aantal for _, aantal in voor} == {3, 6, 9}
    _beoordeel(regisseur, speler, 9, "afwachtend", "proces")  # between day 8 and day 10
    over = set(Foldstand.objects.filter(bestuursproces=proces).values_list("zicht", "aantal"))
    # The stands up to day 8 stay; the late fact's strict fold stored the key "*" again.
    assert {k for k, tijdstip in voor.items() if tijdstip < _dag(9)} <= over
    assert ("evaluatie,kernteam,proces,regisseur", 9) not in over  # day 14: after the late fact
    elke_stand_klopt(proces)
    for tot in (_dag(9), _dag(12), _dag(30)):
        for zichtbaar in (None, ALLES):
            assert standen.vouw_tot(proces.pk, tot=tot, zichtbaar=zichtbaar) == _volledig(
                proces, tot, zichtbaar
            )
    staat = selectors.momentopname(proces, _dag(9), ALLES)
    assert staat is not None
    assert staat["spelers"][0]["huidigeBeoordeling"]["standpunt"] == "afwachtend"


def test_een_late_invoeging_toetst_vanaf_de_stand_ervoor(regisseur: Any, settings: Any) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler = _proces(regisseur)
    standen.vouw_tot(proces.pk)
    with mock.patch.object(standen, "geschiedenis", wraps=geschiedenis) as gelezen:
        _beoordeel(regisseur, speler, 13, "afwachtend", "proces")  # after event 7 (day 12)
    posities = [call.kwargs["na"] for call in gelezen.call_args_list]
    assert posities
    assert all(p is not None and p[0] < _dag(13) for p in posities)


def test_een_datumcorrectie_vergeet_de_standen_na_het_vroegste_moment(
    regisseur: Any, settings: Any
) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler = _proces(regisseur)
    beoordeling = _beoordeel(regisseur, speler, 20, "afwachtend", "proces")
    standen.vouw_tot(proces.pk, zichtbaar=ALLES)
    gebeurtenis = proces.gebeurtenissen.get(
        type="speler.beoordeeld", payload__beoordeling__uuid=str(beoordeling.uuid)
    )
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=gebeurtenis.volgnummer,
        tijdstip=_dag(5),
        toelichting="Verkeerde dag",
    )
    # Only the correction's strict fold (key "*") stored stands after day 5 again.
    assert set(
        Foldstand.objects.filter(bestuursproces=proces, tijdstip__gte=_dag(5)).values_list(
            "zicht", flat=True
        )
    ) == {"*"}
    elke_stand_klopt(proces)
    for tot in (_dag(5), _dag(7), _dag(30)):
        assert standen.vouw_tot(proces.pk, tot=tot, zichtbaar=ALLES) == _volledig(
            proces, tot, ALLES
        )
    # The read model follows the corrected moment: day 16 (the last of the eight) is current
    # again for everyone who sees it.
    huidig = HuidigeSpelerBeoordeling.objects.get(speler=speler, niveau="regisseur").beoordeling
    assert huidig.tijdstip == _dag(16)


def test_bekend_op_leest_nooit_een_stand(regisseur: Any, settings: Any) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, _ = _proces(regisseur)
    tot = _dag(15)
    standen.vouw_tot(proces.pk, tot=tot, zichtbaar=ALLES)
    # A stand that says something the log does not: whoever reads it shows it.
    stand = Foldstand.objects.filter(
        bestuursproces=proces, zicht="evaluatie,kernteam,proces,regisseur"
    ).latest("aantal")
    staat = standen.decodeer(stand.staat)
    for speler in staat["spelers"].values():
        speler["naam"] = "Uit de stand"
    stand.staat = standen.codeer(staat)
    stand.save()
    gebruikt = selectors.momentopname(proces, tot, ALLES)
    nu = proces.gebeurtenissen.latest("volgnummer").geregistreerd
    bekend = selectors.momentopname(proces, tot, ALLES, bekend_op=nu)
    assert gebruikt is not None
    assert bekend is not None
    assert [s["naam"] for s in gebruikt["spelers"]] == ["Uit de stand"]
    assert [s["naam"] for s in bekend["spelers"]] == ["Waterschap"]


def _huidige_rijen(proces: Bestuursproces) -> set[tuple[Any, ...]]:
    return {
        *HuidigeSpelerBeoordeling.objects.filter(bestuursproces=proces).values_list(
            "speler_id", "niveau", "beoordeling_id"
        ),
        *(
            ("og", *rij)
            for rij in HuidigeOpdrachtgeverBeoordeling.objects.filter(
                bestuursproces=proces
            ).values_list("opdrachtgever_id", "niveau", "beoordeling_id")
        ),
    }


def _met_opdrachtgever(regisseur: Any, proces: Bestuursproces) -> None:
    actor = actor_voor(regisseur)
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=proces,
        naam="Wethouder",
        rol="bestuurlijk_opdrachtgever",
        tijdstip=_dag(1),
    )
    for dag, niveau in ((3, "regisseur"), (6, "proces"), (4, "kernteam")):  # the last one late
        services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            stevigheid=3,
            steun="voorstander",
            onderling_vertrouwen=3,
            zichtbaarheid=niveau,
            tijdstip=_dag(dag),
        )


def test_herbouw_uit_de_log_geeft_de_rijen_van_de_services(regisseur: Any) -> None:
    proces, speler = _proces(regisseur)
    _beoordeel(regisseur, speler, 3, "afwachtend", "regisseur")  # late: stays behind
    _met_opdrachtgever(regisseur, proces)
    bijgehouden = _huidige_rijen(proces)
    assert len(bijgehouden) == 8  # two parties, four levels
    call_command("herbouw_leesmodellen", bestuursproces=proces.uuid, stdout=mock.Mock())
    assert _huidige_rijen(proces) == bijgehouden
    # Per level: the latest assessment that level sees, as the party list shows it.
    for rol in ("opdrachtgever", "evaluator", "kernteam", "procesregisseur"):
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        (gezien,) = selectors.spelers(proces, zichtbaar)
        laatste = (
            speler.beoordelingen.filter(zichtbaarheid__in=zichtbaar)
            .order_by("-tijdstip", "-id")
            .first()
        )
        assert selectors.huidige_beoordeling(gezien) == laatste


def test_de_migratie_vult_de_rijen_van_bestaande_processen(regisseur: Any) -> None:
    proces, speler = _proces(regisseur)
    _beoordeel(regisseur, speler, 3, "afwachtend", "regisseur")
    _met_opdrachtgever(regisseur, proces)
    bijgehouden = _huidige_rijen(proces)
    HuidigeSpelerBeoordeling.objects.all().delete()
    HuidigeOpdrachtgeverBeoordeling.objects.all().delete()
    # 0025 filled three levels; 0027 fills them again with evaluatie among them.
    migratie = importlib.import_module("cases.migrations.0025_leesmodellen")
    migratie.vul_huidige_beoordelingen(apps, None)
    assert not {rij for rij in _huidige_rijen(proces) if "evaluatie" in rij}
    importlib.import_module("cases.migrations.0027_leesmodel_niveau_evaluatie").vul_opnieuw(
        apps, None
    )
    assert _huidige_rijen(proces) == bijgehouden


@pytest.mark.parametrize("sleutel", [None, frozenset(), frozenset({"kernteam"})])
def test_ongewone_zichtbaarheid_leest_zonder_leesmodel(regisseur: Any, sleutel: Any) -> None:
    proces, speler = _proces(regisseur)
    zichtbaar = sleutel if sleutel is not None else frozenset({"proces", "regisseur"})
    (gezien,) = selectors.spelers(proces, zichtbaar)
    laatste = (
        speler.beoordelingen.filter(zichtbaarheid__in=zichtbaar)
        .order_by("-tijdstip", "-id")
        .first()
    )
    assert selectors.huidige_beoordeling(gezien) == laatste


def test_herbouw_leesmodellen_kent_het_proces_niet(db: None) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("herbouw_leesmodellen", bestuursproces="00000000-0000-0000-0000-000000000000")
