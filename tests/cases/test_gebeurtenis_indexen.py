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
        # Partial: only the changes of a party, by world time (a look back at the shifts).
        (("bestuursproces_id", "tijdstip"), False),
        (("bestuursproces_id", "tijdstip", "volgnummer"), False),
        # Partial: only the date corrections (gebeurtenis_datumcorrecties), only the
        # moves of the opening (an export in world time reads them with the corrections),
        # only the releases (loaded once per read of a case below the closed level), only
        # the events above the open level (an export counts what it withholds), and only
        # the document versions (every export lists them).
        (("bestuursproces_id", "volgnummer"), False),
        (("bestuursproces_id", "volgnummer"), False),
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


def _plan(vraag: Any) -> str:
    """The plan of a queryset or of a statement as run, with statistics of the table as it
    is now, not as other tests left it (and on PostgreSQL with scans of the table ruled out:
    on a few rows it would take one)."""

    def uitleg(cursor: Any) -> str:
        if not isinstance(vraag, str):
            return str(vraag.explain())
        uitleggen = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(uitleggen + vraag)
        return "\n".join(str(regel) for regel in cursor.fetchall())

    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Gebeurtenis._meta.db_table}")
        if connection.vendor != "postgresql":
            return uitleg(cursor)
        cursor.execute("SET enable_seqscan = off")
        try:
            return uitleg(cursor)
        finally:
            cursor.execute("RESET enable_seqscan")


def _met_afgeschermde_en_documenten() -> Any:
    """A case with events above the open level and a document version among its notes."""
    from cases.models import Zichtbaarheid
    from tests.cases.exports._massa import Feit, voeg_feiten_toe, voeg_gebeurtenissen_toe

    proces = open_proces(GebruikerFactory())
    voeg_gebeurtenissen_toe(proces, 30)  # every tenth above the open level
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    document = {"document": {"uuid": "d", "titel": "Verslag"}, "versie": {"nummer": 1}}
    voeg_feiten_toe(
        proces,
        [
            Feit("document.toegevoegd", document, laatste.tijdstip),
            Feit(
                "notitie.gemaakt",
                {"notitie": {}, "zichtbaarheid": Zichtbaarheid.KERNTEAM.value},
                laatste.tijdstip,
            ),
        ],
    )
    return proces


def test_een_export_telt_wat_ze_afschermt_via_de_gedeeltelijke_index():
    # The header of an export below the closed level counts the withheld events: through
    # the partial index of the events above the open level, not over every event, on SQLite
    # too (whose planner sees that only with the key in the statement: cases/vaste_termen.py).
    from cases.exports.gebeurtenissen import _afgeschermd_filter
    from cases.models import Zichtbaarheid

    proces = _met_afgeschermde_en_documenten()
    telling = Gebeurtenis.objects.filter(bestuursproces=proces, volgnummer__lte=40).filter(
        _afgeschermd_filter(Zichtbaarheid.voor_rol("evaluator"), {})
    )

    assert "gebeurtenis_afgeschermd" in _plan(telling)
    # The same events as Django's own lookup finds.
    verwacht = Gebeurtenis.objects.filter(
        bestuursproces=proces, volgnummer__lte=40, payload__has_key="zichtbaarheid"
    ).exclude(payload__zichtbaarheid__in=sorted(Zichtbaarheid.voor_rol("evaluator")))
    assert sorted(telling.values_list("volgnummer", flat=True)) == sorted(
        verwacht.values_list("volgnummer", flat=True)
    )
    assert telling.count() == 4  # three of the notes and the one at the kernteam's level


def test_een_export_leest_de_documentversies_via_de_gedeeltelijke_index():
    from django.db.models import F

    from cases.models.gebeurtenissen import DOCUMENTVERSIES
    from cases.vaste_termen import IsEenVan

    proces = _met_afgeschermde_en_documenten()
    versies = Gebeurtenis.objects.filter(
        IsEenVan(F("type"), DOCUMENTVERSIES), bestuursproces=proces
    )

    assert "gebeurtenis_documenten" in _plan(versies)
    assert list(versies.values_list("type", flat=True)) == ["document.toegevoegd"]
    assert list(versies) == list(
        Gebeurtenis.objects.filter(bestuursproces=proces, type__in=DOCUMENTVERSIES)
    )


@pytest.mark.parametrize("waarde", ["zicht'; DROP TABLE x; --", "Zichtbaarheid", "", 3])
def test_alleen_vaste_termen_komen_in_het_statement(waarde: Any) -> None:
    from django.db.models import F

    from cases.vaste_termen import HeeftSleutel, IsEenVan

    for conditie in (IsEenVan(F("type"), [waarde]), HeeftSleutel(F("payload"), waarde)):
        with pytest.raises(ValueError, match="Geen vaste term"):
            str(Gebeurtenis.objects.filter(conditie).query)


def test_een_terugblik_op_de_verschuivingen_vraagt_via_de_gedeeltelijke_index_naar_hernoemingen():
    # Shifts up to a moment name the parties as they were called then, so the read model
    # answers only when no party changed after it: asked of the few changes of a party, not of
    # every event after the moment.
    from django.db.models import F

    from cases.models.gebeurtenissen import PARTIJWIJZIGINGEN
    from cases.selectors.krachtenveld import hernoemingen
    from cases.vaste_termen import IsEenVan

    # The index holds every type that may rename a party, in the order the lookup writes.
    assert tuple(sorted(hernoemingen())) == PARTIJWIJZIGINGEN
    proces = _met_afgeschermde_en_documenten()
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    later = Gebeurtenis.objects.filter(
        IsEenVan(F("type"), hernoemingen()), bestuursproces=proces, tijdstip__gt=laatste.tijdstip
    )

    assert "gebeurtenis_partijwijzigingen" in _plan(later)
    assert not later.exists()


def test_de_lijsten_van_de_gedeeltelijke_indexen_staan_op_volgorde():
    # cases/vaste_termen.py writes a list sorted; SQLite matches it to the index's as written.
    from cases.models.gebeurtenissen import DOCUMENTVERSIES, PARTIJWIJZIGINGEN

    for lijst in (DOCUMENTVERSIES, PARTIJWIJZIGINGEN):
        assert list(lijst) == sorted(lijst)


def test_de_geschiedenis_leest_de_opening_en_de_correcties_via_hun_indexen():
    # Every look back starts with the opening, the date corrections and the moves of the
    # opening. Asked with an OR in one condition, SQLite read every event of the case for
    # them (110 ms at 100,000 events).
    from django.test.utils import CaptureQueriesContext

    from cases.events.wereldtijd import geschiedenis

    proces = _met_afgeschermde_en_documenten()
    with CaptureQueriesContext(connection) as queries:
        eerste = next(geschiedenis(proces.pk))
    assert eerste.volgnummer == 1
    kop = next(q["sql"] for q in queries.captured_queries if "UNION ALL" in q["sql"])
    plan = _plan(kop)
    assert "gebeurtenis_datumcorrecties" in plan
    assert "gebeurtenis_vervroegingen" in plan


def test_een_export_in_wereldtijd_leest_de_correcties_en_vervroegingen_via_hun_indexen():
    # CSV, XES and OCEL read the corrected moments before their first line: each kind on its
    # own partial index, not every event of the case (as with both in one condition).
    from django.test.utils import CaptureQueriesContext

    from cases.exports.gebeurtenissen import bereid_voor
    from cases.exports.wereldtijd import gecorrigeerde_momenten
    from cases.models import ALLE_NIVEAUS

    proces = _met_afgeschermde_en_documenten()
    opdracht = bereid_voor(
        proces, exporteur=None, rol=None, kanaal="test", zichtbaar=frozenset(ALLE_NIVEAUS)
    )
    with CaptureQueriesContext(connection) as queries:
        assert gecorrigeerde_momenten(opdracht) == {}
    [vraag] = [q["sql"] for q in queries.captured_queries if "UNION ALL" in q["sql"]]
    plan = _plan(vraag)
    assert "gebeurtenis_datumcorrecties" in plan
    assert "gebeurtenis_vervroegingen" in plan
