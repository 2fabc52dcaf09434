"""Reads of the regisseur's positioneringen and the procesontwerp."""

from __future__ import annotations

from typing import Any

from cases.models import Bestuursproces


def positioneringen_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    """The positioneringen a viewer may see, in the shape replay produces."""
    return []


def procesontwerp_toestand(bestuursproces: Bestuursproces) -> dict[str, Any] | None:
    """The current procesontwerp, in the shape replay produces."""
    return None
