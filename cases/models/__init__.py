"""The case domain's models, split by aggregate."""

from .besluiten import (
    Afspraak,
    AfspraakStatus,
    Besluit,
    Bijeenkomst,
    Bijeenkomstsoort,
    BijeenkomstStatus,
    Deelnemer,
    Orgaan,
)
from .bestuursproces import (
    Aanpak,
    Archiefnominatie,
    Besluitmoment,
    Bestuursproces,
    Procesrol,
    RolGemeente,
    Stadium,
    Status,
    UitkomstSoort,
)
from .documenten import Document, DocumentVersie
from .exporttaken import Exportfout, Exporttaak, ExporttaakStatus, RapportFormaat
from .gebeurtenissen import Gebeurtenis
from .idee import IdeeEigenaar, IdeeVersie
from .interventies import (
    Aangrijpingspunt,
    Interventie,
    InterventieOpdrachtgever,
    InterventieSpeler,
    InterventieStatus,
    InterventieVeld,
    Niveau,
    Reflectie,
    Uitgepakt,
    Zwaarte,
)
from .leesmodellen import Foldstand, HuidigeOpdrachtgeverBeoordeling, HuidigeSpelerBeoordeling
from .lidmaatschap import Lidmaatschap, Rol
from .opdrachtgevers import Opdrachtgever, OpdrachtgeverBeoordeling
from .partijen import Betrokkenheidswijziging, Notitie
from .positionering import POSITIES_PER_VELD, Positie, Positionering, PositioneringsVeld
from .procesontwerp import ProcesontwerpVersie
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
from .tijdlijn import (
    Geheugenstand,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
)
from .wyberen import Consolidatie, Fase, Instemming, Optie, WyberStap
from .zichtbaarheid import ALLE_NIVEAUS, Zicht, Zichtbaarheid

__all__ = [
    "ALLE_NIVEAUS",
    "POSITIES_PER_VELD",
    "Aangrijpingspunt",
    "Aanpak",
    "Afspraak",
    "AfspraakStatus",
    "Archiefnominatie",
    "Besluit",
    "Besluitmoment",
    "Bestuursproces",
    "Betrokkenheid",
    "BetrokkenheidsActie",
    "Betrokkenheidswijziging",
    "Bijeenkomst",
    "BijeenkomstStatus",
    "Bijeenkomstsoort",
    "Consolidatie",
    "Deelnemer",
    "Document",
    "DocumentVersie",
    "Exportfout",
    "Exporttaak",
    "ExporttaakStatus",
    "Fase",
    "Foldstand",
    "Gebeurtenis",
    "Geheugenstand",
    "HuidigeOpdrachtgeverBeoordeling",
    "HuidigeSpelerBeoordeling",
    "IdeeEigenaar",
    "IdeeVersie",
    "Instemming",
    "Interventie",
    "InterventieOpdrachtgever",
    "InterventieSpeler",
    "InterventieStatus",
    "InterventieVeld",
    "Lidmaatschap",
    "Macht",
    "Niveau",
    "Notitie",
    "Opdrachtgever",
    "OpdrachtgeverBeoordeling",
    "Optie",
    "Orgaan",
    "Organisatie",
    "Positie",
    "Positionering",
    "PositioneringsVeld",
    "ProcesontwerpVersie",
    "Procesrol",
    "RapportFormaat",
    "Reflectie",
    "Richting",
    "Rol",
    "RolGemeente",
    "Speler",
    "SpelerBeoordeling",
    "Stadium",
    "Stadiumovergang",
    "Standpunt",
    "Status",
    "Tijdlijngeheugen",
    "Tijdlijnregel",
    "Tijdlijnstand",
    "Uitgepakt",
    "UitkomstSoort",
    "Veld",
    "Verschuivingsregel",
    "WyberStap",
    "Zicht",
    "Zichtbaarheid",
    "Zwaarte",
]
