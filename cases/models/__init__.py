"""The case domain's models, split by aggregate."""

from .bestuursproces import (
    Aanpak,
    Archiefnominatie,
    Besluitmoment,
    Bestuursproces,
    Procesrol,
    RolGemeente,
    Stadium,
    Status,
)
from .gebeurtenissen import Gebeurtenis, GebeurtenisType
from .idee import IdeeVersie
from .lidmaatschap import Lidmaatschap, Rol
from .stadia import Richting, Stadiumovergang

__all__ = [
    "Aanpak",
    "Archiefnominatie",
    "Besluitmoment",
    "Bestuursproces",
    "Gebeurtenis",
    "GebeurtenisType",
    "IdeeVersie",
    "Lidmaatschap",
    "Procesrol",
    "Richting",
    "Rol",
    "RolGemeente",
    "Stadium",
    "Stadiumovergang",
    "Status",
]
