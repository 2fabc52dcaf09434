"""The rebuilds' insert of many rows (cases/events/veel_rijen.py) writes in blocks what
``bulk_create`` writes, and only rows of one model."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cases.events.veel_rijen import voeg_veel_in
from cases.events.voorbereid import insert_van
from cases.models import Tijdlijngeheugen, Tijdlijnregel
from tests.factories import GebruikerFactory, open_proces

pytestmark = pytest.mark.django_db


def test_voeg_veel_in_schrijft_in_blokken_wat_bulk_create_schrijft() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)

    def rijen(veld_: str, aantal: int) -> list[Tijdlijngeheugen]:
        return [
            Tijdlijngeheugen(
                bestuursproces=proces,
                niveau=("proces", "regisseur")[i % 2],
                veld=veld_,
                sleutel=f"s{i:04d}",
                waarde={"i": i, "naam": f"Partij {i}"} if i % 3 else f"Partij {i}",
            )
            for i in range(aantal)
        ]

    # More rows than one statement may carry on SQLite (999 parameters, 5 columns), and a
    # last block that is shorter; the rows may come from a generator.
    velden = insert_van(Tijdlijngeheugen, connection.alias).velden
    per_statement = min(2000, connection.ops.bulk_batch_size(velden, [None] * 2000))
    aantal = 2 * per_statement + 7
    with CaptureQueriesContext(connection) as statements:
        geschreven = voeg_veel_in(r for r in rijen("veel", aantal))
    Tijdlijngeheugen.objects.bulk_create(rijen("bulk", aantal))

    assert geschreven == aantal
    assert len(statements.captured_queries) == 3

    def gelezen(veld_: str) -> list[tuple[Any, ...]]:
        return list(
            Tijdlijngeheugen.objects.filter(bestuursproces=proces, veld=veld_)
            .order_by("sleutel", "niveau")
            .values_list("niveau", "sleutel", "waarde")
        )

    assert gelezen("veel") == gelezen("bulk")
    assert len(gelezen("veel")) == aantal
    assert voeg_veel_in([]) == 0


def test_voeg_veel_in_weigert_rijen_van_verschillende_modellen() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    geheugen = Tijdlijngeheugen(
        bestuursproces=proces, niveau="proces", veld="namen", sleutel="a", waarde=1
    )
    regel = Tijdlijnregel.objects.filter(bestuursproces=proces).first()
    assert regel is not None
    with pytest.raises(ValueError, match="één model"), transaction.atomic():
        voeg_veel_in([geheugen, regel])
    assert not Tijdlijngeheugen.objects.filter(bestuursproces=proces, veld="namen").exists()
