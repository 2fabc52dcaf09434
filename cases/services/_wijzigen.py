"""The shared shape of an attribute edit: validate, compare, save what changed, say what."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.db import models

from cases.exceptions import OngeldigeInvoer

from ._common import valideer

M = TypeVar("M", bound=models.Model)


def pas_velden_toe(
    instance: M,
    wijzigingen: Mapping[str, Any],
    *,
    toegestaan: set[str],
    gegevens: Callable[[M], dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply attribute changes and save them; return (changed, previous) in payload keys.

    Nothing is saved when nothing changed; the caller appends its event only if something did.
    """
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise OngeldigeInvoer(
            {veld: [("read_only", "Dit veld kan hier niet worden gewijzigd.")] for veld in onbekend}
        )
    voor = gegevens(instance)
    for attr, waarde in wijzigingen.items():
        setattr(instance, attr, waarde)
    valideer(instance)
    na = gegevens(instance)
    gewijzigd = {sleutel: na[sleutel] for sleutel in na if na[sleutel] != voor[sleutel]}
    if gewijzigd:
        instance.save(update_fields=list(wijzigingen))
    return gewijzigd, {sleutel: voor[sleutel] for sleutel in gewijzigd}
