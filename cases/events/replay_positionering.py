"""Replay of the regisseur's positioneringen and the procesontwerp revisions."""

from __future__ import annotations

from typing import Any

from cases.models import GebeurtenisType

from .replay_typen import Reducer

REDUCERS: dict[GebeurtenisType, Reducer] = {}


def rond_af(staat: dict[str, Any]) -> None:
    """Put the folded positioneringen in the order the tables list them."""
