"""The write path's statements built once (cases/events/voorbereid.py) write what the ORM would.

Each value still goes through its field, so a row inserted this way reads back the same as one
saved through ``Model.save``; and nothing that ``save`` would have done besides is skipped:
these models have no signal receivers and no ``save`` of their own.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, models, transaction
from django.db.models.signals import post_save, pre_save

from cases.events import voorbereid
from cases.events.bundel import Bundel
from cases.events.rij_als_json import als_een_waarde
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Interventie,
    InterventieOpdrachtgever,
    InterventieSpeler,
    InterventieVeld,
    Notitie,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
)
from instruments.models import VeldCode
from tests.cases._interventies import log, veld
from tests.cases.services._hulp import maak_speler
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = pytest.mark.django_db


# Every model whose rows the write path inserts with its statements built once.
MODELLEN: list[type[models.Model]] = [
    Gebeurtenis,
    Tijdlijnregel,
    Notitie,
    Interventie,
    InterventieVeld,
    InterventieSpeler,
    InterventieOpdrachtgever,
    Tijdlijngeheugen,
    Verschuivingsregel,
]


@pytest.mark.parametrize("model", MODELLEN)
def test_geen_save_en_geen_signalen_die_overgeslagen_worden(model: type[models.Model]) -> None:
    assert model.save is models.Model.save
    assert not pre_save.has_listeners(model)
    assert not post_save.has_listeners(model)


def _zonder_pk(rij: models.Model) -> dict[str, Any]:
    return {
        veld.attname: getattr(rij, veld.attname)
        for veld in rij._meta.concrete_fields
        if veld is not rij._meta.pk and veld.name not in {"gebeurtenis", "volgnummer"}
    }


def test_een_ingevoegde_rij_leest_terug_als_een_opgeslagen_rij() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    bron = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=1)
    regel = Tijdlijnregel.objects.get(gebeurtenis=bron)
    with transaction.atomic():
        # Two copies of the item, one through save and one through voeg_in, on two events
        # (an item belongs to one event).
        tweede = Gebeurtenis.objects.filter(bestuursproces=proces).exclude(pk=bron.pk).first()
        assert tweede is not None
        Tijdlijnregel.objects.filter(gebeurtenis=tweede).delete()
        Tijdlijnregel.objects.filter(pk=regel.pk).delete()
        velden = _zonder_pk(regel)
        met_save = Tijdlijnregel(**{**velden, "gebeurtenis_id": bron.pk, "volgnummer": 1})
        met_save.save(force_insert=True)
        voorbereid_ = Tijdlijnregel(
            **{**velden, "gebeurtenis_id": tweede.pk, "volgnummer": tweede.volgnummer}
        )
        voorbereid.voeg_in(voorbereid_)

        assert voorbereid_.pk is not None
        assert voorbereid_.pk != met_save.pk
        assert not voorbereid_._state.adding
        assert _zonder_pk(Tijdlijnregel.objects.get(pk=voorbereid_.pk)) == _zonder_pk(
            Tijdlijnregel.objects.get(pk=met_save.pk)
        )


def test_tel_bij_verhoogt_alleen_de_genoemde_aantallen() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    velden = [
        v.name
        for v in Tijdlijnstand._meta.fields
        if v.name.startswith(("regels_", "verschuivingen_"))
    ]
    voor = Tijdlijnstand.objects.values(*velden).get(bestuursproces=proces)

    voorbereid.tel_bij(proces.pk, {"regels_kernteam": 2, "verschuivingen_proces": 1})
    voorbereid.tel_bij(proces.pk, {"regels_kernteam": 1})

    na = Tijdlijnstand.objects.values(*velden).get(bestuursproces=proces)
    verwacht = {**voor, "regels_kernteam": voor["regels_kernteam"] + 3}
    verwacht["verschuivingen_proces"] += 1
    assert na == verwacht


def test_voeg_in_of_vervang_voegt_toe_en_vervangt_zoals_bulk_create() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)

    def rij(sleutel: str, waarde: Any) -> Tijdlijngeheugen:
        return Tijdlijngeheugen(
            bestuursproces=proces, niveau="proces", veld="namen", sleutel=sleutel, waarde=waarde
        )

    uniek = ("bestuursproces", "sleutel", "veld", "niveau")
    voorbereid.voeg_in_of_vervang(
        [rij("a", "Eerst"), rij("b", {"x": [1]})], uniek=uniek, vervang=("waarde",)
    )
    voorbereid.voeg_in_of_vervang(
        [rij("a", "Daarna"), rij("c", 0)], uniek=uniek, vervang=("waarde",)
    )

    opgeslagen = dict(
        Tijdlijngeheugen.objects.filter(bestuursproces=proces, veld="namen").values_list(
            "sleutel", "waarde"
        )
    )
    assert opgeslagen == {"a": "Daarna", "b": {"x": [1]}, "c": 0}


class _Statements:
    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_een_bundel_alleen_schrijft_alles_na_elkaar() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    voor = Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam
    bundel = Bundel()
    voorbereid.tel_bij(proces.pk, {"regels_kernteam": 2}, bundel=bundel)
    voorbereid.voeg_in_of_vervang(
        [
            Tijdlijngeheugen(
                bestuursproces=proces, niveau="proces", veld="namen", sleutel="a", waarde="A"
            )
        ],
        uniek=("bestuursproces", "sleutel", "veld", "niveau"),
        vervang=("waarde",),
        bundel=bundel,
    )
    # Queued, not yet written.
    assert Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam == voor
    statements = _Statements()
    with connection.execute_wrapper(statements):
        bundel.voer_uit()
    assert len(statements.sql) == 2  # alone, one after the other
    assert Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam == voor + 2
    assert Tijdlijngeheugen.objects.get(bestuursproces=proces, sleutel="a").waarde == "A"
    bundel.voer_uit()  # empty again: nothing happens
    assert Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam == voor + 2


def test_kop_en_gebeurtenis_samen_alleen_vanaf_de_kop_die_de_rij_heeft() -> None:
    """A stale head inserts nothing (on PostgreSQL the INSERT reads the UPDATE's row); the
    right one moves the head and inserts the event, which comes back with its key."""
    regisseur: Any = GebruikerFactory()
    proces = Bestuursproces.objects.get(pk=open_proces(regisseur).pk)
    kop = proces.keten_volgnummer
    laatste = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=kop)
    velden = _zonder_pk(laatste)
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    with transaction.atomic():
        nieuw = Gebeurtenis(**{**velden, "volgnummer": kop + 1, "hash": "c" * 64})
        assert not voorbereid.schuif_kop_en_voeg_in(proces, kop - 1, nieuw, proces.laatste_moment)
        assert nieuw.pk is None
        assert Gebeurtenis.objects.filter(bestuursproces=proces).count() == aantal
        assert voorbereid.schuif_kop_en_voeg_in(proces, kop, nieuw, proces.laatste_moment)
        assert nieuw.pk is not None
        assert not nieuw._state.adding
        rij = Bestuursproces.objects.get(pk=proces.pk)
        assert (rij.keten_volgnummer, rij.keten_hash) == (kop + 1, "c" * 64)
        opgeslagen = Gebeurtenis.objects.get(pk=nieuw.pk)
        assert {**_zonder_pk(opgeslagen), "hash": laatste.hash} == velden
        assert opgeslagen.volgnummer == kop + 1
        transaction.set_rollback(True)  # the event is no link of a valid chain


def test_een_bundel_met_de_gebeurtenis_schrijft_niets_vanaf_een_verouderde_kop() -> None:
    """The tijdlijn's rows go with the event: from a stale head none is written (on
    PostgreSQL every part of the statement waits for the head's UPDATE), from the right one
    all are, and the item takes the event's key."""
    regisseur: Any = GebruikerFactory()
    proces = Bestuursproces.objects.get(pk=open_proces(regisseur).pk)
    kop = proces.keten_volgnummer
    laatste = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=kop)
    regel_van_laatste = Tijdlijnregel.objects.filter(gebeurtenis=laatste).first()
    assert regel_van_laatste is not None
    voor = Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam

    def bundel_voor(nieuw: Gebeurtenis) -> Bundel:
        bundel = Bundel()
        bundel.hoort_bij(nieuw)
        regel = Tijdlijnregel(
            **{**_zonder_pk(regel_van_laatste), "volgnummer": kop + 1}, gebeurtenis=nieuw
        )
        voorbereid.voeg_in(regel, bundel=bundel)
        voorbereid.tel_bij(proces.pk, {"regels_kernteam": 1}, bundel=bundel)
        return bundel

    with transaction.atomic():
        nieuw = Gebeurtenis(**{**_zonder_pk(laatste), "volgnummer": kop + 1, "hash": "d" * 64})
        statements = _Statements()
        with connection.execute_wrapper(statements):
            assert not voorbereid.schuif_kop_en_voeg_in(
                proces, kop - 1, nieuw, proces.laatste_moment, bundel_voor(nieuw)
            )
        assert Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam == voor
        assert not Tijdlijnregel.objects.filter(volgnummer=kop + 1, bestuursproces=proces)
        statements = _Statements()
        with connection.execute_wrapper(statements):
            assert voorbereid.schuif_kop_en_voeg_in(
                proces, kop, nieuw, proces.laatste_moment, bundel_voor(nieuw)
            )
        assert len(statements.sql) == (1 if connection.vendor == "postgresql" else 4)
        assert Tijdlijnstand.objects.get(bestuursproces=proces).regels_kernteam == voor + 1
        regel = Tijdlijnregel.objects.get(bestuursproces=proces, volgnummer=kop + 1)
        assert regel.gebeurtenis_id == nieuw.pk
        transaction.set_rollback(True)  # the event is no link of a valid chain


def test_een_rij_die_naar_de_gebeurtenis_wijst_gaat_niet_alleen() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    regel = Tijdlijnregel.objects.filter(bestuursproces=proces).first()
    assert regel is not None
    gebeurtenis = Gebeurtenis(bestuursproces_id=proces.pk)  # not written
    bundel = Bundel()
    bundel.hoort_bij(gebeurtenis)
    rij = Tijdlijnregel(**_zonder_pk(regel))
    rij.gebeurtenis = gebeurtenis
    voorbereid.voeg_in(rij, bundel=bundel)
    with pytest.raises(ValueError, match="wijst naar een rij die er niet is"):
        bundel.voer_uit()


def test_rijen_in_de_bundel_nemen_elkaars_sleutel() -> None:
    """A new interventie and its veld, queued in a bundle, are written with the event; the
    veld takes the interventie's key and both get their own."""
    regisseur: Any = GebruikerFactory()
    proces = Bestuursproces.objects.get(pk=open_proces(regisseur).pk)
    kop = proces.keten_volgnummer
    laatste = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=kop)
    interventie = Interventie(
        bestuursproces=proces,
        titel="Keukentafelgesprek",
        datum=proces.geopend_op.date(),
        niveau="individu",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="Hij doet mee",
        vastgelegd_op=proces.geopend_op,
        auteur=regisseur,
    )
    veld = InterventieVeld(bestuursproces=proces, interventie=interventie, veld="verbindende")
    with transaction.atomic():
        nieuw = Gebeurtenis(**{**_zonder_pk(laatste), "volgnummer": kop + 1, "hash": "e" * 64})
        bundel = Bundel()
        bundel.hoort_bij(nieuw)
        voorbereid.voeg_in(interventie, bundel=bundel)
        voorbereid.voeg_in(veld, bundel=bundel)
        assert interventie.pk is None
        assert voorbereid.schuif_kop_en_voeg_in(proces, kop, nieuw, proces.laatste_moment, bundel)
        assert interventie.pk is not None
        assert veld.pk is not None
        assert not interventie._state.adding
        opgeslagen = InterventieVeld.objects.get(pk=veld.pk)
        assert (opgeslagen.interventie_id, opgeslagen.veld) == (interventie.pk, "verbindende")
        assert Interventie.objects.get(pk=interventie.pk).titel == "Keukentafelgesprek"
        transaction.set_rollback(True)  # the event is no link of a valid chain


# Text that JSON escapes, and characters outside ASCII.
LASTIGE_TEKST = 'Aan "tafel" \\ met\nde wethouder\t— één 🌷'


def _interventie(proces: Bestuursproces, regisseur: Any, **velden: Any) -> Interventie:
    return Interventie(
        **{
            "bestuursproces": proces,
            "titel": LASTIGE_TEKST,
            "datum": dt.date(2024, 2, 29),
            "niveau": "individu",
            "aangrijpingspunt": "interactie",
            "zwaarte": "licht",
            "beoogd_effect": LASTIGE_TEKST,
            "waarom": "",
            "uitgevoerd_op": None,
            # Another zone than the connection's, with microseconds.
            "vastgelegd_op": dt.datetime(
                2024, 3, 31, 2, 30, 0, 123456, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam")
            )
            + dt.timedelta(hours=1),
            "auteur": regisseur,
            **velden,
        }
    )


def test_een_rij_als_een_waarde_leest_terug_als_een_opgeslagen_rij() -> None:
    """On PostgreSQL a row in a bundle with no key of another row in it goes as one JSON
    value, which the database spreads over the columns: it reads back as a row saved through
    ``Model.save``, text, dates, moments, uuids, choices and NULL included."""
    regisseur: Any = GebruikerFactory()
    proces = Bestuursproces.objects.get(pk=open_proces(regisseur).pk)
    kop = proces.keten_volgnummer
    laatste = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=kop)
    met_save = _interventie(proces, regisseur)
    gebundeld = _interventie(proces, regisseur)
    notitie_met_save = Notitie(
        bestuursproces=proces,
        tekst=LASTIGE_TEKST,
        zichtbaarheid="kernteam",
        auteur=regisseur,
        tijdstip=met_save.vastgelegd_op,
    )
    notitie_gebundeld = Notitie(**{**_zonder_pk(notitie_met_save), "uuid": uuid.uuid4()})
    with transaction.atomic():
        met_save.save(force_insert=True)
        notitie_met_save.save(force_insert=True)
        nieuw = Gebeurtenis(**{**_zonder_pk(laatste), "volgnummer": kop + 1, "hash": "f" * 64})
        bundel = Bundel()
        bundel.hoort_bij(nieuw)
        voorbereid.voeg_in(gebundeld, bundel=bundel)
        voorbereid.voeg_in(notitie_gebundeld, bundel=bundel)
        if connection.vendor == "postgresql":
            parameters = [len(p) for deel in bundel.delen for _sql, p in deel.onder_kop]
            assert parameters == [1, 1]
        assert voorbereid.schuif_kop_en_voeg_in(proces, kop, nieuw, proces.laatste_moment, bundel)

        for model, a, b in (
            (Interventie, met_save, gebundeld),
            (Notitie, notitie_met_save, notitie_gebundeld),
        ):
            opgeslagen, teruggelezen = (_zonder_pk(model.objects.get(pk=r.pk)) for r in (a, b))
            assert teruggelezen.pop("uuid") != opgeslagen.pop("uuid")
            assert teruggelezen == opgeslagen
        transaction.set_rollback(True)  # the event is no link of a valid chain


@pytest.mark.parametrize(
    "waarde",
    [
        dt.datetime(2024, 1, 8, 9, 0),  # naive: its zone would be the session's
        {"a": 1},  # a JSON column's value: its own adapter
        [1, 2],
        float("nan"),
        b"bytes",
        dt.time(9, 0),
    ],
)
def test_een_waarde_zonder_vaste_json_vorm_gaat_per_kolom(waarde: Any) -> None:
    insert = voorbereid.insert_van(Notitie, connection.alias)
    kolommen = [str(veld.column) for veld in insert.velden]
    waarden: list[Any] = [None] * len(kolommen)
    waarden[0] = waarde
    assert als_een_waarde(kolommen, waarden) is None


def test_de_json_vorm_van_een_rij() -> None:
    insert = voorbereid.insert_van(Notitie, connection.alias)
    kolommen = [str(veld.column) for veld in insert.velden]
    moment = dt.datetime(2024, 1, 8, 9, 0, 0, 5, tzinfo=dt.UTC)
    sleutel = uuid.UUID("12345678-1234-5678-1234-567812345678")
    waarden = [moment, sleutel, Decimal("1.10"), dt.date(2024, 2, 29), True, 7, "t\u00e9"]
    waarden += [None] * (len(kolommen) - len(waarden))
    tekst = als_een_waarde(kolommen, waarden)
    assert tekst is not None
    assert json.loads(tekst) == {
        **dict.fromkeys(kolommen),
        kolommen[0]: "2024-01-08T09:00:00.000005+00:00",
        kolommen[1]: "12345678-1234-5678-1234-567812345678",
        kolommen[2]: "1.10",
        kolommen[3]: "2024-02-29",
        kolommen[4]: True,
        kolommen[5]: 7,
        kolommen[6]: "t\u00e9",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="één statement alleen op PostgreSQL")
def test_het_statement_van_een_interventie_blijft_binnen_de_cache_van_psycopg() -> None:
    """psycopg keeps the converted form of a statement of at most 50 parameters; beyond that
    it converts it again on every run. An interventie with a speler, an opdrachtgever and two
    velden, written with its event in one statement, stays within it."""
    from psycopg import _queries

    regisseur: Any = GebruikerFactory()
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur)
    for code in (VeldCode.VERBINDENDE, VeldCode.INTERNE):
        veld(code)
    speler = maak_speler(actor, proces)
    parameters: list[int] = []

    def tel(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        parameters.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(tel):
        interventie = log(actor, proces, velden=["verbindende", "interne"], spelers=[speler])
    assert interventie.pk is not None
    assert 0 < max(parameters) <= _queries.MAX_CACHED_STATEMENT_PARAMS
