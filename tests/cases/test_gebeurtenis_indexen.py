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
        # Partial: only the date corrections (gebeurtenis_datumcorrecties), only the
        # releases (loaded once per read of a case below the closed level), and only the
        # events above the open level (an export counts what it withholds).
        (("bestuursproces_id", "volgnummer"), False),
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

    # The unique (bestuursproces, volgnummer) index reads them in order; with the statistics
    # other tests leave behind, the planner may take the world-time index and sort the few
    # rows instead. Either way a composite index that starts with the case, never a scan of
    # the table.
    assert "gebeurtenis_volgnummer_uniek" in plan or "gebeurtenis_wereldtijd" in plan
    assert "Seq Scan" not in plan


def test_een_export_telt_wat_ze_afschermt_via_de_gedeeltelijke_index():
    # The header of an export below the closed level counts the withheld events: through
    # the partial index of the events above the open level, not over every event.
    if connection.vendor != "postgresql":
        pytest.skip("het plan van SQLite zegt hier weinig")
    from cases.exports.gebeurtenissen import _afgeschermd_filter
    from cases.models import Zichtbaarheid

    proces = open_proces(GebruikerFactory())
    telling = Gebeurtenis.objects.filter(bestuursproces=proces, volgnummer__lte=10).filter(
        _afgeschermd_filter(Zichtbaarheid.voor_rol("evaluator"), {})
    )
    with connection.cursor() as cursor:
        # Statistics of this table as it is now, not as other tests left it.
        cursor.execute("ANALYZE cases_gebeurtenis")
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = telling.explain()
        finally:
            cursor.execute("RESET enable_seqscan")

    assert "gebeurtenis_afgeschermd" in plan
