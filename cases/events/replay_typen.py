"""The types replay is written in, shared by the reducer modules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cases.models import Gebeurtenis

Momentopname = dict[str, Any]
Reducer = Callable[[Momentopname, Gebeurtenis], None]
