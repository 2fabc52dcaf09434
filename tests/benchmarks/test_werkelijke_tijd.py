"""A fact entered late, and a look back, in a case with about 10,000 events.

Reported as ratios against references measured in the same run (``make benchmark``):

- a late fact (a note dated in the middle of the history, so the whole history after it is
  folded strictly to check it and the tijdlijn told again) against the same note recorded in
  order (no fold): told from the opening (no stand of the tijdlijn's memory yet, as for a
  case's first late fact) and from the nearest stand before its moment; and a note dated
  shortly before the end of the history (the everyday late fact);
- a momentopname in the middle of the history, and one as known at an earlier recording
  moment, against reading the case's event rows in world-time order without folding them.

BENCHMARK_WERKELIJKE_TIJD scales the case: assessments per speler (default 200 → 10,050 events).
The case is built, and every measured write made, with committed writes (as in
test_groot_proces).
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from django.db import connection

from cases import selectors, services
from cases.events import verifieer_keten
from cases.events.wereldtijd import geschiedenis
from cases.models import Gebeurtenis, Geheugenstand
from tests.factories import GebruikerFactory, actor_voor

from .test_groot_proces import START, _groot_proces, _meet

pytestmark = [pytest.mark.benchmark, pytest.mark.usefixtures("transactional_db")]

BEOORDELINGEN_PER_SPELER = int(os.environ.get("BENCHMARK_WERKELIJKE_TIJD", "200"))


def test_laat_feit_en_terugkijken_op_een_groot_proces() -> None:
    regisseur: Any = GebruikerFactory(username="benchmark-regisseur")
    begin = time.perf_counter()
    proces = _groot_proces(regisseur, BEOORDELINGEN_PER_SPELER)
    opbouw = time.perf_counter() - begin
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).order_by("tijdstip").last()
    assert laatste is not None
    midden = START + (laatste.tijdstip - START) / 2
    kort_ervoor = laatste.tijdstip - (laatste.tijdstip - START) / 100
    bekend = (
        Gebeurtenis.objects.filter(bestuursproces=proces)
        .order_by("volgnummer")[aantal // 2]
        .geregistreerd
    )
    actor = actor_voor(regisseur)

    def notitie(tijdstip: Any = None) -> Any:
        return services.maak_notitie(
            actor=actor,
            bestuursproces=proces,
            tekst="Meting",
            zichtbaarheid="proces",
            tijdstip=tijdstip,
        )

    def zonder_stand() -> Any:
        Geheugenstand.objects.filter(bestuursproces=proces).delete()
        return notitie(midden)

    def rijen_lezen() -> int:
        return sum(1 for _ in geschiedenis(proces.pk, tot=midden))

    metingen = [
        ("feit op volgorde (referentie)", lambda: notitie()),
        ("laat feit (midden, alles verteld)", zonder_stand),
        ("laat feit (midden, vanaf een stand)", lambda: notitie(midden)),
        ("laat feit (kort voor het einde)", lambda: notitie(kort_ervoor)),
        ("rijen lezen tot het midden (referentie)", rijen_lezen),
        ("momentopname (midden)", lambda: selectors.momentopname(proces, midden)),
        (
            "momentopname (midden, bekendOp)",
            lambda: selectors.momentopname(proces, midden, bekend_op=bekend),
        ),
    ]
    print(
        f"\n{aantal} gebeurtenissen ({connection.vendor}), opgebouwd via de services "
        f"in {opbouw:.1f} s"
    )
    uitkomst = {}
    for naam, doe in metingen:
        mediaan, piek = _meet(doe)
        uitkomst[naam] = mediaan
        print(f"{naam:42} {mediaan * 1000:10.1f} ms {piek:8.1f} MiB")
    op_volgorde = uitkomst["feit op volgorde (referentie)"]
    kijk = uitkomst["momentopname (midden)"] / uitkomst["rijen lezen tot het midden (referentie)"]
    for naam in uitkomst:
        if naam.startswith("laat feit"):
            print(f"{naam} / feit op volgorde: {uitkomst[naam] / op_volgorde:.1f}×")
    print(f"momentopname / rijen lezen: {kijk:.1f}×")
    assert verifieer_keten(proces) is None
