"""Every write to the case domain: one function per domain verb, each with its event(s)."""

from .bestuursproces import open_bestuursproces, wijzig_bestuursproces, wijzig_status
from .idee import herzie_idee
from .lidmaatschap import beeindig_lidmaatschap, voeg_lid_toe, wijzig_lidmaatschap
from .stadium import controleer_stadiumovergang, registreer_poort, wijzig_stadium

__all__ = [
    "beeindig_lidmaatschap",
    "controleer_stadiumovergang",
    "herzie_idee",
    "open_bestuursproces",
    "registreer_poort",
    "voeg_lid_toe",
    "wijzig_bestuursproces",
    "wijzig_lidmaatschap",
    "wijzig_stadium",
    "wijzig_status",
]
