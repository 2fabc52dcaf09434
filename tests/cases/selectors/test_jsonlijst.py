"""Short related lists as one JSON column (cases/selectors/jsonlijst.py): the values come back
as the fields' own Python values on both databases (a UUID, a boolean, a date), and a case
without rows gives an empty list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef

from cases import services
from cases.models import Besluitmoment, Bestuursproces, Organisatie
from cases.selectors.jsonlijst import json_lijst, uit_json_lijst
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import actor_voor, open_proces

VELDEN = ["uuid", "naam", "eigen_gemeente", "bestuursproces"]


def _lijst(bestuursproces: Bestuursproces) -> list[dict[str, Any]]:
    rij = (
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .annotate(
            lijst=json_lijst(
                Organisatie.objects.filter(bestuursproces=OuterRef("pk")), "bestuursproces", VELDEN
            )
        )
        .get()
    )
    return sorted(uit_json_lijst(Organisatie, VELDEN, rij.lijst), key=lambda o: o["naam"])


def test_waarden_als_de_velden_ze_geven(regisseur: Any) -> None:
    bestuursproces = open_proces(regisseur)
    actor = actor_voor(regisseur)
    for naam, eigen in (("Buurgemeente", False), ("Gemeente Havenstad", True)):
        services.registreer_organisatie(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=naam,
            soort="instelling",
            eigen_gemeente=eigen,
        )
    verwacht = [
        {
            "uuid": o.uuid,
            "naam": o.naam,
            "eigen_gemeente": o.eigen_gemeente,
            "bestuursproces": o.bestuursproces_id,
        }
        for o in Organisatie.objects.filter(bestuursproces=bestuursproces).order_by("naam")
    ]
    assert _lijst(bestuursproces) == verwacht
    assert [o["eigen_gemeente"] for o in verwacht] == [False, True]


def test_geen_rijen_is_een_lege_lijst(regisseur: Any) -> None:
    assert _lijst(open_proces(regisseur)) == []


def test_een_datum_blijft_een_datum(regisseur: Any) -> None:
    dagen = [dt.date(2026, 3, 1), dt.date(2026, 9, 15)]
    bestuursproces = open_proces(
        regisseur,
        opdracht=Opdracht(
            besluitmomenten=tuple(
                BesluitmomentInvoer(datum=dag, soort="besluit", gevraagd="Verder?") for dag in dagen
            )
        ),
    )
    rij = (
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .annotate(
            lijst=json_lijst(
                Besluitmoment.objects.filter(bestuursproces=OuterRef("pk")),
                "bestuursproces",
                ["datum"],
            )
        )
        .get()
    )
    assert sorted(b["datum"] for b in uit_json_lijst(Besluitmoment, ["datum"], rij.lijst)) == dagen
