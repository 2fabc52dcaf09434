"""A service's validation of a new row (``cases.services._common.valideer``): a foreign key
whose object the row holds is not looked up again; a bare id still is, and the model's
constraints over such keys still hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.exceptions import OngeldigeInvoer
from cases.models import Afspraak, Bestuursproces, Notitie, Opdrachtgever, Speler
from cases.services._common import valideer

pytestmark = pytest.mark.django_db

OP = dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC)


def _notitie(**velden: Any) -> Notitie:
    return Notitie(tekst="Na het overleg", zichtbaarheid="proces", tijdstip=OP, **velden)


def test_een_sleutel_met_het_object_in_handen_wordt_niet_opgezocht(
    bestuursproces: Bestuursproces, speler: Speler, regisseur: Any
) -> None:
    notitie = _notitie(bestuursproces=bestuursproces, speler=speler, auteur=regisseur)
    with CaptureQueriesContext(connection) as queries:
        valideer(notitie, beperkingen=False)
    assert queries.captured_queries == []


def test_een_kale_sleutel_wordt_nog_opgezocht(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    notitie = _notitie(bestuursproces=bestuursproces, speler_id=987_654, auteur=regisseur)
    with pytest.raises(OngeldigeInvoer) as fout:
        valideer(notitie, beperkingen=False)
    assert list(fout.value.fouten) == ["speler"]


def test_een_lege_verplichte_sleutel_blijft_een_fout(bestuursproces: Bestuursproces) -> None:
    notitie = _notitie(bestuursproces=bestuursproces)
    with pytest.raises(OngeldigeInvoer) as fout:
        valideer(notitie, beperkingen=False)
    assert list(fout.value.fouten) == ["auteur"]


def test_een_beperking_over_sleutels_in_handen_geldt_nog(
    bestuursproces: Bestuursproces, speler: Speler, haven: Opdrachtgever, regisseur: Any
) -> None:
    # Exactly one party delivers: a speler and an opdrachtgever at once is refused.
    afspraak = Afspraak(
        bestuursproces=bestuursproces,
        wat="Schetsontwerp delen",
        speler=speler,
        opdrachtgever=haven,
        datum=OP.date(),
        zichtbaarheid="proces",
        vastgelegd_door=regisseur,
    )
    with pytest.raises(OngeldigeInvoer) as fout:
        valideer(afspraak)
    assert "__all__" in fout.value.fouten
