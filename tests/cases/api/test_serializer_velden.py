"""Serializers copy their fields per instance without DRF's deep copy, and model serializers
without building them again (``procesregie/api/velden``): every field as DRF would build it,
each instance with fields of its own, and the same validation and output."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rest_framework import serializers

import instruments.api.serializers  # noqa: F401  (every serializer imported)
from cases.api import serializers as api_serializers  # noqa: F401
from cases.api.serializers.interventies import InterventieInvoerSerializer
from procesregie.api.velden import _MODELVELDEN, ModelSerializer, Serializer, _ondiep, eigen_kopie
from tests.cases._interventies import INVOER


def _alle(klasse: type) -> list[type]:
    onder: list[type] = klasse.__subclasses__()
    return onder + [k for o in onder for k in _alle(o)]


SERIALIZERS = sorted(set(_alle(Serializer)), key=lambda k: f"{k.__module__}.{k.__qualname__}")
# What binding or copying sets apart per copy, and the constructor arguments (which DRF copies
# deep to build the field anew); everything else is the built declaration.
PER_KOPIE = {"parent", "child", "child_relation", "_creation_counter", "fields", "_args", "_kwargs"}


def _toestand(veld: Any) -> dict[str, Any]:
    toestand = {k: v for k, v in vars(veld).items() if k not in PER_KOPIE}
    # DRF builds its validators anew, with messages that compare by identity.
    if "_validators" in toestand:
        toestand["_validators"] = [
            (type(v), getattr(v, "limit_value", None)) for v in toestand["_validators"]
        ]
    return toestand


MODELSERIALIZERS = sorted(
    {k for k in _alle(ModelSerializer) if hasattr(k, "Meta")},
    key=lambda k: f"{k.__module__}.{k.__qualname__}",
)


def test_er_zijn_serializers_om_te_toetsen() -> None:
    assert len(SERIALIZERS) > 40
    assert len(MODELSERIALIZERS) > 25


@pytest.mark.parametrize("klasse", SERIALIZERS, ids=lambda k: k.__qualname__)
def test_elk_veld_zoals_drf_het_kopieert(klasse: type[Serializer]) -> None:
    for naam, veld in klasse._declared_fields.items():
        declaratie: Any = veld
        eigen, drf = eigen_kopie(declaratie), copy.deepcopy(declaratie)
        assert type(eigen) is type(drf), naam
        assert eigen is not veld, naam
        assert _toestand(eigen).keys() == _toestand(drf).keys(), naam
        for sleutel, waarde in _toestand(drf).items():
            if not isinstance(waarde, serializers.Field):
                assert _toestand(eigen)[sleutel] == waarde or sleutel == "queryset", (naam, sleutel)
        kind = getattr(drf, "child", None)
        if isinstance(kind, serializers.Field):
            assert type(eigen.child) is type(kind), naam
            assert eigen.child is not declaratie.child, naam
            assert eigen.child.parent is eigen, naam


@pytest.mark.parametrize("klasse", SERIALIZERS, ids=lambda k: k.__qualname__)
def test_een_veld_ondiep_gekopieerd_zoals_copy_het_doet(klasse: type[Serializer]) -> None:
    for naam, veld in klasse._declared_fields.items():
        eigen, referentie = _ondiep(veld), copy.copy(veld)
        assert type(eigen) is type(referentie), naam
        assert eigen is not veld, naam
        assert vars(eigen) == vars(referentie), naam


class _MetEigenKopie:
    def __init__(self) -> None:
        self.waarde = [1]

    def __copy__(self) -> _MetEigenKopie:
        kopie = _MetEigenKopie()
        kopie.waarde = list(self.waarde)
        return kopie


class _MetSlots:
    __slots__ = ("__dict__", "waarde")

    def __init__(self) -> None:
        self.waarde = 1


def test_een_klasse_die_anders_kopieert_gaat_via_copy() -> None:
    met_kopie = _MetEigenKopie()
    assert _ondiep(met_kopie).waarde is not met_kopie.waarde
    assert _ondiep(_MetSlots()).waarde == 1


class _DrfZelf(InterventieInvoerSerializer):
    # The same serializer with DRF's own deep copy of its fields, as the reference.
    def get_fields(self) -> dict[str, Any]:
        return serializers.Serializer.get_fields(self)


GELDIG = INVOER


@pytest.mark.parametrize(
    "gegevens",
    [
        GELDIG,
        {**GELDIG, "velden": ["verbindende", "geen-veld"], "zwaarte": "zwaar-genoeg"},
        {**GELDIG, "velden": "verbindende", "titel": 3, "onbekend": True},
        {},
    ],
    ids=["geldig", "foute-keuzes", "foute-soorten", "leeg"],
)
def test_dezelfde_uitkomst_als_met_drfs_kopie(gegevens: dict[str, Any]) -> None:
    eigen, drf = InterventieInvoerSerializer(data=gegevens), _DrfZelf(data=gegevens)
    assert eigen.is_valid() == drf.is_valid()
    assert eigen.errors == drf.errors
    if not eigen.errors:
        assert eigen.validated_data == drf.validated_data


def test_elke_instantie_heeft_eigen_gebonden_velden() -> None:
    a: Any = InterventieInvoerSerializer(data=GELDIG)
    b: Any = InterventieInvoerSerializer(data=GELDIG)
    for naam in ("titel", "niveau", "velden", "spelers"):
        assert a.fields[naam] is not b.fields[naam]
        assert a.fields[naam].parent is a
        assert b.fields[naam].parent is b
    assert a.fields["velden"].child is not b.fields["velden"].child
    assert a.fields["velden"].child.root is a
    # Declarations stay unbound for the next instance.
    assert InterventieInvoerSerializer._declared_fields["titel"].parent is None


def _zoals_drf(klasse: type[ModelSerializer[Any]]) -> type[ModelSerializer[Any]]:
    """The same model serializer with DRF's own get_fields (every field built anew)."""

    def get_fields(self: Any) -> dict[str, Any]:
        return serializers.ModelSerializer.get_fields(self)

    return type(f"Drf{klasse.__name__}", (klasse,), {"get_fields": get_fields})


@pytest.mark.parametrize("klasse", MODELSERIALIZERS, ids=lambda k: k.__qualname__)
def test_modelvelden_zoals_drf_ze_bouwt(klasse: type[ModelSerializer[Any]]) -> None:
    eigen: Any = klasse().fields
    drf: Any = _zoals_drf(klasse)().fields
    assert list(eigen) == list(drf)
    for naam, veld in drf.items():
        assert type(eigen[naam]) is type(veld), naam
        assert _toestand(eigen[naam]).keys() == _toestand(veld).keys(), naam
        for sleutel, waarde in _toestand(veld).items():
            if not isinstance(waarde, serializers.Field) and sleutel not in ("queryset", "default"):
                assert _toestand(eigen[naam])[sleutel] == waarde, (naam, sleutel)
            if sleutel == "default":
                assert type(_toestand(eigen[naam])[sleutel]) is type(waarde), naam


@pytest.mark.parametrize("klasse", MODELSERIALIZERS, ids=lambda k: k.__qualname__)
def test_modelvelden_per_instantie_gebonden_en_eenmaal_gebouwd(
    klasse: type[ModelSerializer[Any]],
) -> None:
    a: Any = klasse()
    b: Any = klasse()
    for naam in a.fields:
        assert a.fields[naam] is not b.fields[naam], naam
        assert a.fields[naam].parent is a, naam
        assert b.fields[naam].parent is b, naam
    # Built once for the class, and left unbound for the next instance.
    assert all(veld.parent is None for veld in _MODELVELDEN[klasse].values())
    assert klasse().fields.keys() == a.fields.keys()


@pytest.mark.django_db
def test_dezelfde_weergave_als_met_drfs_velden() -> None:
    from cases import services
    from cases.api.serializers.partijen import NotitieSerializer
    from tests.factories import GebruikerFactory, actor_voor, open_proces

    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    notitie = services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst="Tekst", zichtbaarheid="proces"
    )
    context = {"bestuursproces": proces, "request": None}
    eigen = NotitieSerializer(notitie, context=context).data
    drf = _zoals_drf(NotitieSerializer)(notitie, context=context).data
    assert eigen == drf
    assert eigen["tekst"] == "Tekst"
