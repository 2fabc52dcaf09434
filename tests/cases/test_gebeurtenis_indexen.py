"""The event table carries no index that another one covers (migration 0011), on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from cases.models import Gebeurtenis
from tests.factories import GebruikerFactory, open_proces

pytestmark = pytest.mark.django_db


def _indexen() -> dict[str, dict[str, Any]]:
    with connection.cursor() as cursor:
        beperkingen = connection.introspection.get_constraints(cursor, Gebeurtenis._meta.db_table)
    # Unique and primary keys are indexes too; foreign keys and checks are not.
    return {
        naam: dict(info)
        for naam, info in beperkingen.items()
        if info["index"] or info["unique"] or info["primary_key"]
    }


def test_elke_index_van_de_gebeurtenissentabel_heeft_een_eigen_taak():
    kolommen = sorted(
        (tuple(info["columns"]), bool(info["unique"] or info["primary_key"]))
        for info in _indexen().values()
    )

    assert kolommen == [
        (("actor_id",), False),
        (("bestuursproces_id", "tijdstip", "volgnummer"), False),
        # Partial: only the date corrections (gebeurtenis_datumcorrecties), and only the
        # releases (loaded once per read of a case below the closed level).
        (("bestuursproces_id", "volgnummer"), False),
        (("bestuursproces_id", "volgnummer"), False),
        (("bestuursproces_id", "volgnummer"), True),
        (("hash",), True),
        (("id",), True),
    ]


def test_de_hash_blijft_uniek():
    proces = open_proces(GebruikerFactory())
    eerste = Gebeurtenis.objects.filter(bestuursproces=proces).order_by("volgnummer").first()
    assert eerste is not None
    velden = {
        veld.attname: getattr(eerste, veld.attname)
        for veld in Gebeurtenis._meta.concrete_fields
        if not veld.primary_key
    }
    velden["volgnummer"] = 10_000

    with pytest.raises(IntegrityError), transaction.atomic():
        Gebeurtenis.objects.create(**velden)


def test_een_bestuursproces_leest_zijn_gebeurtenissen_via_een_samengestelde_index():
    if connection.vendor != "postgresql":
        pytest.skip("het plan van SQLite zegt hier weinig")
    proces = open_proces(GebruikerFactory())
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM cases_gebeurtenis WHERE bestuursproces_id = %s "
            "ORDER BY volgnummer",
            [proces.pk],
        )
        plan = "\n".join(regel for (regel,) in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")

    assert "gebeurtenis_volgnummer_uniek" in plan
