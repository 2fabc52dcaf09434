"""Reads of interventies and the reflecties on them."""

from __future__ import annotations

from typing import Any

from cases.models import Bestuursproces


def interventies_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    """The interventies a viewer may see, with their visible reflecties, as replay has them."""
    return []
