"""The event-log write is measured against django-simple-history on "the same write": the
reference model must keep every column of a notitie, so that both sides write the same row."""

from __future__ import annotations

from django.db import models

from cases.models import Notitie
from tests.benchmarks.historie.models import HistorischeNotitie


def _kolommen(model: type[models.Model]) -> dict[str | None, tuple[str, bool, bool, str | None]]:
    return {
        veld.column: (
            veld.get_internal_type(),
            veld.null,
            veld.unique,
            veld.related_model._meta.label if veld.related_model is not None else None,
        )
        for veld in model._meta.concrete_fields
    }


def test_de_referentie_heeft_de_kolommen_van_een_notitie() -> None:
    assert _kolommen(HistorischeNotitie) == _kolommen(Notitie)


def test_de_referentie_heeft_de_beperking_van_een_notitie() -> None:
    def voorwaarden(model: type[models.Model]) -> list[str]:
        return [
            str(beperking.condition)
            for beperking in model._meta.constraints
            if isinstance(beperking, models.CheckConstraint)
        ]

    assert voorwaarden(HistorischeNotitie) == voorwaarden(Notitie)
    assert HistorischeNotitie._meta.ordering == Notitie._meta.ordering
