"""Wyber-stappen: steps, their options, consolidation and consents.

A module per resource (stappen, opties, instemmingen, consolidatie) and the fields they
share (velden); every name is importable from here as before."""

from __future__ import annotations

from .consolidatie import (
    ConsolidatieInvoerSerializer,
    ConsolidatieSerializer,
)
from .instemmingen import (
    InstemmersInvoerSerializer,
    InstemmingInvoerSerializer,
    InstemmingSerializer,
)
from .opties import (
    OptieBesluitSerializer,
    OptieInvoerSerializer,
    OptieSerializer,
)
from .stappen import (
    STAP_LINKS,
    FaseovergangInvoerSerializer,
    HeropeningInvoerSerializer,
    OntbrekendSerializer,
    WyberStapInvoerSerializer,
    WyberStapSerializer,
)
from .velden import (
    FaseField,
    InstemmingStatusField,
    OptieStatusField,
    PartijRelatieField,
    StapOnderdeelField,
    UitkomstField,
    WyberStapRelatieField,
    partij_url,
    partij_van,
    stap_url,
)

__all__ = [
    "STAP_LINKS",
    "ConsolidatieInvoerSerializer",
    "ConsolidatieSerializer",
    "FaseField",
    "FaseovergangInvoerSerializer",
    "HeropeningInvoerSerializer",
    "InstemmersInvoerSerializer",
    "InstemmingInvoerSerializer",
    "InstemmingSerializer",
    "InstemmingStatusField",
    "OntbrekendSerializer",
    "OptieBesluitSerializer",
    "OptieInvoerSerializer",
    "OptieSerializer",
    "OptieStatusField",
    "PartijRelatieField",
    "StapOnderdeelField",
    "UitkomstField",
    "WyberStapInvoerSerializer",
    "WyberStapRelatieField",
    "WyberStapSerializer",
    "partij_url",
    "partij_van",
    "stap_url",
]
