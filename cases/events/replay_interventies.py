"""Replay of interventies and the reflecties on them."""

from __future__ import annotations

from typing import Any

from cases.models import GebeurtenisType

from .replay_typen import Reducer

REDUCERS: dict[GebeurtenisType, Reducer] = {}


def rond_af(staat: dict[str, Any]) -> None:
    """Turn the folded interventies into the list the tables give."""
    staat["interventies"] = list(staat["interventies"].values())
