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
from .idee import IdeeEigenaar, IdeeVersie
from .lidmaatschap import Lidmaatschap, Rol
from .opdrachtgevers import Opdrachtgever, OpdrachtgeverBeoordeling
from .partijen import Betrokkenheidswijziging, Notitie
from .spelers import (
    Betrokkenheid,
    BetrokkenheidsActie,
    Macht,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Standpunt,
    Veld,
)
from .stadia import Richting, Stadiumovergang
from .wyberen import Consolidatie, Fase, Instemming, Optie, WyberStap
from .zichtbaarheid import Zichtbaarheid

__all__ = [
    "Aanpak",
    "Archiefnominatie",
    "Besluitmoment",
    "Bestuursproces",
    "Betrokkenheid",
    "BetrokkenheidsActie",
    "Betrokkenheidswijziging",
    "Consolidatie",
    "Fase",
    "Gebeurtenis",
    "GebeurtenisType",
    "IdeeEigenaar",
    "IdeeVersie",
    "Instemming",
    "Lidmaatschap",
    "Macht",
    "Notitie",
    "Opdrachtgever",
    "OpdrachtgeverBeoordeling",
    "Optie",
    "Organisatie",
    "Procesrol",
    "Richting",
    "Rol",
    "RolGemeente",
    "Speler",
    "SpelerBeoordeling",
    "Stadium",
    "Stadiumovergang",
    "Standpunt",
    "Status",
    "Veld",
    "WyberStap",
    "Zichtbaarheid",
]
