"""Check constraints decided in Python (procesregie/beperkingen.py): the same answer as the
database for every check constraint of the project, the same errors as Django's
``validate_constraints``, and no query when Python is certain."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Bijeenkomst
from cases.models.besluiten import BijeenkomstStatus
from procesregie.beperkingen import beslis, leest, valideer_beperkingen
from tests._hypothesis import voorbeelden

pytestmark = pytest.mark.django_db

BEPERKINGEN = [
    (model, beperking)
    for model in apps.get_models()
    for beperking in model._meta.constraints
    if isinstance(beperking, models.CheckConstraint)
]
# The project's own (a library's may use lookups left to the database).
EIGEN = [
    (model, beperking)
    for model, beperking in BEPERKINGEN
    if Path(model._meta.app_config.path).is_relative_to(django_settings.BASE_DIR)
    and ".venv" not in Path(model._meta.app_config.path).parts
]
MODELLEN = sorted({model for model, _b in BEPERKINGEN}, key=lambda m: m._meta.label)


def _gelezen_velden(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    namen = set().union(*(leest(b.condition) for m, b in BEPERKINGEN if m is model))
    return [v for v in model._meta.local_concrete_fields if v.name in namen]


def _waarden(veld: models.Field[Any, Any], leeg: bool = True) -> st.SearchStrategy[Any]:
    """Values for a field that a condition reads: its choices and their edges, and NULL."""
    if veld.is_relation:
        gevuld: st.SearchStrategy[Any] = st.integers(1, 3)
    elif isinstance(veld, models.BooleanField):
        gevuld = st.booleans()
    elif isinstance(veld, models.IntegerField):
        gevuld = st.integers(-1, 7)
    elif isinstance(veld, models.DecimalField):
        gevuld = st.sampled_from([Decimal("0"), Decimal("1.5"), Decimal("5")])
    elif isinstance(veld, models.DateTimeField):
        gevuld = st.just(dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC))
    elif isinstance(veld, models.DateField):
        gevuld = st.sampled_from([dt.date(2025, 1, 1), dt.date(2025, 12, 31)])
    elif isinstance(veld, models.CharField | models.TextField):
        gevuld = st.sampled_from([*(str(k) for k, _l in veld.flatchoices), "", "anders", "x"])
    else:
        gevuld = st.nothing()
    return (st.none() | gevuld) if leeg else gevuld


@st.composite
def _instantie(draw: Any, model: type[models.Model], leeg: bool = True) -> models.Model:
    instantie = model()
    for veld in _gelezen_velden(model):
        setattr(instantie, veld.attname, draw(_waarden(veld, leeg)))
    return instantie


def _volgens_de_database(
    model: type[models.Model], beperking: models.CheckConstraint, instantie: models.Model
) -> bool:
    """Django's own check, which asks the database."""
    return _fouten(lambda: beperking.validate(model, instantie, using=connection.alias)) is None


def _fouten(doe: Any) -> dict[str, list[str]] | None:
    try:
        doe()
    except ValidationError as e:
        return e.message_dict if hasattr(e, "error_dict") else {"": e.messages}
    return None


@settings(
    max_examples=voorbeelden(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), keuze=st.sampled_from(BEPERKINGEN))
def test_python_beslist_zoals_de_database(
    data: Any, keuze: tuple[type[models.Model], models.CheckConstraint]
) -> None:
    model, beperking = keuze
    instantie = data.draw(_instantie(model))
    oordeel = beslis(beperking.condition, model, instantie)
    if oordeel is not None:
        assert oordeel == _volgens_de_database(model, beperking, instantie)


@settings(
    max_examples=voorbeelden(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), model=st.sampled_from(MODELLEN))
def test_dezelfde_fouten_als_django(data: Any, model: type[models.Model]) -> None:
    instantie = data.draw(_instantie(model))
    namen = [veld.name for veld in _gelezen_velden(model)]
    uitgezonderd = set(data.draw(st.lists(st.sampled_from(namen), max_size=2))) if namen else set()
    assert _fouten(lambda: valideer_beperkingen(instantie, uitgezonderd)) == _fouten(
        lambda: instantie.validate_constraints(exclude=uitgezonderd)
    )


@settings(
    max_examples=voorbeelden(10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
@pytest.mark.parametrize(
    ("model", "beperking"), EIGEN, ids=[f"{m._meta.label}.{b.name}" for m, b in EIGEN]
)
def test_elke_beperking_wordt_in_python_beslist_als_niets_leeg_is(
    model: type[models.Model], beperking: models.CheckConstraint, data: Any
) -> None:
    """Every condition of the project is certain in Python once the fields it compares are
    filled in: validating a row that a service writes asks the database nothing."""
    instantie = data.draw(_instantie(model, leeg=False))
    assert beslis(beperking.condition, model, instantie) is not None


def test_een_gebroken_beperking_zonder_query_met_de_melding_van_django() -> None:
    bijeenkomst = Bijeenkomst(
        status=BijeenkomstStatus.GEANNULEERD, gepland_op=None, geannuleerd_op=None
    )
    with CaptureQueriesContext(connection) as queries:
        fouten = _fouten(lambda: valideer_beperkingen(bijeenkomst, set()))
    assert len(queries) == 0
    assert fouten is not None
    assert fouten == _fouten(lambda: bijeenkomst.validate_constraints())
    # Both of its constraints are broken: a cancelled meeting without a moment or a date.
    assert len(fouten["__all__"]) == 2


def test_wat_python_niet_zeker_weet_vraagt_het_de_database() -> None:
    bijeenkomst = Bijeenkomst(status=BijeenkomstStatus.GEPLAND, titel="Werksessie", waar="")
    onzeker = [
        # A NULL compared: SQL's third value.
        models.Q(gepland_op__gte=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
        # An expression, a transform, an order of text.
        models.Q(titel=models.F("waar")),
        models.Q(titel__lower="x"),
        models.Q(titel__gt="a"),
        # A moment (time zones are the database's), a field of another row.
        models.Q(gepland_op__lte=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
        models.Q(soort__naam="x"),
    ]
    for conditie in onzeker:
        assert beslis(conditie, Bijeenkomst, bijeenkomst) is None, conditie
    assert beslis(models.Q(gepland_op__isnull=True), Bijeenkomst, bijeenkomst) is True
    assert beslis(~models.Q(status="gepland"), Bijeenkomst, bijeenkomst) is False
