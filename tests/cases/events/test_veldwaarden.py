"""A row's values for the write path's statements (cases/events/veldwaarden.py) are exactly what
``Model.save`` sends: the shortcut for plain text and numbers gives Django's answer, and
everything else goes Django's way, on the database the suite runs on."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from cases.events.veldwaarden import bereider
from cases.models import Gebeurtenis, InterventieVeld, Notitie

from .test_voorbereid import MODELLEN

pytestmark = pytest.mark.django_db

# Values of every kind the fields may hold, the awkward ones included: what a shortcut must
# not take for its own (a bool is an int, a numeric text is no number, a lazy text is no str).
WAARDEN: list[Any] = [
    None,
    "",
    "tekst met é en \x00",
    "42",
    0,
    7,
    -3,
    2**40,
    True,
    False,
    dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC),
    dt.datetime(2024, 3, 1, 12, 30, 15, 250, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    dt.datetime(2024, 3, 1, 12, 30),  # naive: Django's way, with its warning
    dt.date(2024, 3, 1),
    uuid.UUID("12345678-1234-5678-1234-567812345678"),
    {"sleutel": ["waarde", 1]},
]


def _zoals_django(veld: models.Field[Any, Any], rij: models.Model) -> Any:
    return veld.get_db_prep_save(veld.pre_save(rij, True), connection)


def _uitkomst(doe: Any) -> Any:
    try:
        waarde = doe()
    except Exception as fout:  # the same refusal is the same answer
        return ("fout", type(fout))
    # psycopg's wrappers (Jsonb) have no equality of their own: compare what they wrap.
    return ("waarde", type(waarde), getattr(waarde, "obj", waarde))


@pytest.mark.parametrize("model", MODELLEN)
def test_elke_waarde_van_elk_veld_zoals_model_save_hem_stuurt(model: type[models.Model]) -> None:
    vergeleken = 0
    for veld in model._meta.local_concrete_fields:
        if veld is model._meta.auto_field:
            continue
        bereid = bereider(veld)
        for waarde in WAARDEN:
            rij = model()
            setattr(rij, veld.attname, waarde)
            django = _uitkomst(lambda: _zoals_django(veld, rij))  # noqa: B023
            snel = _uitkomst(lambda: bereid(rij, connection))  # noqa: B023
            assert snel == django, (veld.name, waarde)
            vergeleken += 1
    assert vergeleken >= len(WAARDEN) * 3


def test_een_bereider_wordt_eenmaal_per_veld_gebouwd() -> None:
    veld = Notitie._meta.get_field("tekst")
    assert bereider(veld) is bereider(veld)


@pytest.mark.parametrize(
    ("model", "naam", "waarde"),
    [
        (Notitie, "tekst", "Een notitie"),
        (Gebeurtenis, "volgnummer", 12),
        (Gebeurtenis, "bestuursproces", 3),
        (InterventieVeld, "interventie", 5),
        (Gebeurtenis, "tijdstip", dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)),
    ],
)
def test_platte_tekst_en_getallen_nemen_de_kortere_weg(
    model: type[models.Model], naam: str, waarde: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    veld: Any = model._meta.get_field(naam)
    rij = model()
    setattr(rij, veld.attname, waarde)
    verwacht = _zoals_django(veld, rij)

    def niet_nodig(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{naam}: Django's weg genomen")

    monkeypatch.setattr(veld, "get_db_prep_save", niet_nodig)
    assert bereider(veld)(rij, connection) == verwacht


def test_een_bereider_houdt_geen_verbinding_vast() -> None:
    # Connections are per thread: a bereider built in one thread serves another's.
    veld = Gebeurtenis._meta.get_field("tijdstip")
    bereider(veld)  # built here
    rij = Gebeurtenis(tijdstip=dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC))
    uitkomsten: list[tuple[bool, Any, Any]] = []

    def in_een_andere_draad() -> None:
        verbinding = connections[DEFAULT_DB_ALIAS]
        try:
            uitkomsten.append(
                (
                    verbinding is not connection,
                    bereider(veld)(rij, verbinding),
                    veld.get_db_prep_save(rij.tijdstip, verbinding),
                )
            )
        finally:
            verbinding.close()

    draad = threading.Thread(target=in_een_andere_draad)
    draad.start()
    draad.join()
    [(andere_verbinding, snel, django)] = uitkomsten
    assert andere_verbinding
    assert snel == django
