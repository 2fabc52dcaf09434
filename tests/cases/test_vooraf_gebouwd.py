"""Reads compiled once per database (cases/vooraf_gebouwd.py) give what the ORM's query gives."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.http import Http404

from cases.models import Bestuursproces, Lidmaatschap, Rol
from cases.selectors import bestuursproces_voor
from cases.services.bestuursproces import Opdracht
from cases.vooraf_gebouwd import VoorafGebouwd
from tests.factories import GebruikerFactory, open_proces, voeg_leden_toe

pytestmark = pytest.mark.django_db

STANDIN = uuid.UUID("00000000-0000-0000-0000-000000000042")


def _van_lid(gebruiker: int, uuid: Any) -> Any:
    return Bestuursproces.objects.van_lid(gebruiker).filter(uuid=uuid)


def test_dezelfde_rijen_als_de_orm_voor_elke_waarde() -> None:
    regisseur: Any = GebruikerFactory()
    processen = [open_proces(regisseur, titel=f"Proces {i}") for i in range(3)]
    leden = voeg_leden_toe(processen[1], regisseur)
    vraag = VoorafGebouwd(Bestuursproces, _van_lid, gebruiker=-1, uuid=STANDIN)
    for gebruiker in (regisseur, *leden.values()):
        for proces in processen:
            # A uuid as itself and as its text.
            for sleutel in (proces.uuid, str(proces.uuid)):
                snel = [
                    (b.pk, getattr(b, "mijn_rol", None))
                    for b in vraag.rijen(gebruiker=gebruiker.pk, uuid=sleutel)
                ]
                orm = [(b.pk, b.mijn_rol) for b in _van_lid(gebruiker.pk, proces.uuid)]
                assert snel == orm


def _velden(b: Bestuursproces) -> dict[str, Any]:
    return {veld.attname: getattr(b, veld.attname) for veld in Bestuursproces._meta.concrete_fields}


def test_elk_veld_zoals_de_orm_het_omzet() -> None:
    """Datetimes, uuids, decimals and JSON come back as the ORM converts them, and the row
    is a saved instance of its database."""
    regisseur: Any = GebruikerFactory()
    opdracht = Opdracht(
        kaders="Binnen de begroting", budget=Decimal("12500.50"), einddatum=dt.date(2099, 3, 1)
    )
    proces = open_proces(regisseur, titel="Velden", opdracht=opdracht)
    vraag = VoorafGebouwd(Bestuursproces, _van_lid, gebruiker=-1, uuid=STANDIN)
    (snel,) = vraag.rijen(gebruiker=regisseur.pk, uuid=proces.uuid)
    orm = _van_lid(regisseur.pk, proces.uuid).get()
    assert _velden(snel) == _velden(orm)
    assert [type(getattr(snel, n)) for n in _velden(orm)] == [
        type(getattr(orm, n)) for n in _velden(orm)
    ]
    assert snel.mijn_rol == orm.mijn_rol  # type: ignore[attr-defined]
    assert (snel._state.adding, snel._state.db) == (False, "default")


def test_alleen_rijen_van_het_model_zelf() -> None:
    def ander_model(pk: int) -> Any:
        return Lidmaatschap.objects.filter(pk=pk)

    vraag = VoorafGebouwd(Bestuursproces, ander_model, pk=-1)
    with pytest.raises(ValueError, match="model zelf"):
        vraag.rijen(pk=1)


def test_een_plaatshouder_die_de_query_niet_heeft_is_een_fout() -> None:
    vraag = VoorafGebouwd(
        Bestuursproces, lambda pk, ander: Bestuursproces.objects.filter(pk=pk), pk=-1, ander=-2
    )
    with pytest.raises(ValueError, match="plaatshouder"):
        list(vraag.rijen(pk=1, ander=2))


def test_geen_uuid_is_een_fout() -> None:
    vraag = VoorafGebouwd(Bestuursproces, _van_lid, gebruiker=-1, uuid=STANDIN)
    with pytest.raises(ValueError, match="badly formed"):
        list(vraag.rijen(gebruiker=1, uuid="geen-uuid"))


def test_het_proces_van_een_lid_en_404_voor_anderen() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    evaluator = voeg_leden_toe(proces, regisseur)[Rol.EVALUATOR.value]
    buitenstaander: Any = GebruikerFactory()

    gevonden: Any = bestuursproces_voor(regisseur, proces.uuid)
    assert gevonden.mijn_rol == Rol.PROCESREGISSEUR
    gevonden = bestuursproces_voor(evaluator, proces.uuid, met_details=True)
    assert (gevonden.pk, gevonden.mijn_rol) == (proces.pk, Rol.EVALUATOR)
    anderen: list[tuple[Any, Any]] = [(buitenstaander, proces.uuid), (regisseur, "geen-uuid")]
    for gebruiker, sleutel in anderen:
        with pytest.raises(Http404):
            bestuursproces_voor(gebruiker, sleutel)
