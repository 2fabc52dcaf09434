"""Every write to the case domain: one function per domain verb, each with its event(s)."""

from .afspraken import handel_afspraak_af, maak_afspraak
from .besluiten import leg_besluit_vast
from .bestuursproces import (
    open_bestuursproces,
    vervroeg_opening,
    wijzig_bestuursproces,
)
from .bijeenkomsten import (
    DeelnemerInvoer,
    annuleer_bijeenkomst,
    leg_bijeenkomst_vast,
    markeer_bijeenkomst_gehouden,
    wijzig_bijeenkomst,
)
from .consolidatie import (
    consolideer,
    heropen_wyberstap,
    leg_instemming_vast,
    standaard_instemmers,
    wijzig_instemmers,
)
from .correcties import corrigeer_datum
from .documenten import voeg_document_toe, voeg_versie_toe
from .idee import herzie_idee
from .interventies import (
    evalueer_interventie,
    log_interventie,
    voer_interventie_uit,
    wijzig_interventie,
)
from .lidmaatschap import beeindig_lidmaatschap, voeg_lid_toe, wijzig_lidmaatschap
from .opdrachtgevers import beoordeel_opdrachtgever, registreer_opdrachtgever, wijzig_opdrachtgever
from .organisaties import registreer_organisatie, wijzig_organisatie
from .partijen import maak_notitie, wijzig_betrokkenheid
from .positionering import kies_positionering
from .procesontwerp import ProcesontwerpInhoud, herzie_procesontwerp
from .reflecties import leg_reflectie_vast
from .spelers import beoordeel_speler, registreer_speler, wijzig_speler
from .stadium import controleer_stadiumovergang, registreer_poort, wijzig_stadium
from .status import wijzig_status
from .wyberen import besluit_over_optie, breng_optie_in, start_wyberstap, wijzig_fase
from .zichtbaarheid import verruim_zichtbaarheid

__all__ = [
    "DeelnemerInvoer",
    "ProcesontwerpInhoud",
    "annuleer_bijeenkomst",
    "beeindig_lidmaatschap",
    "beoordeel_opdrachtgever",
    "beoordeel_speler",
    "besluit_over_optie",
    "breng_optie_in",
    "consolideer",
    "controleer_stadiumovergang",
    "corrigeer_datum",
    "evalueer_interventie",
    "handel_afspraak_af",
    "heropen_wyberstap",
    "herzie_idee",
    "herzie_procesontwerp",
    "kies_positionering",
    "leg_besluit_vast",
    "leg_bijeenkomst_vast",
    "leg_instemming_vast",
    "leg_reflectie_vast",
    "log_interventie",
    "maak_afspraak",
    "maak_notitie",
    "markeer_bijeenkomst_gehouden",
    "open_bestuursproces",
    "registreer_opdrachtgever",
    "registreer_organisatie",
    "registreer_poort",
    "registreer_speler",
    "standaard_instemmers",
    "start_wyberstap",
    "verruim_zichtbaarheid",
    "vervroeg_opening",
    "voeg_document_toe",
    "voeg_lid_toe",
    "voeg_versie_toe",
    "voer_interventie_uit",
    "wijzig_bestuursproces",
    "wijzig_betrokkenheid",
    "wijzig_bijeenkomst",
    "wijzig_fase",
    "wijzig_instemmers",
    "wijzig_interventie",
    "wijzig_lidmaatschap",
    "wijzig_opdrachtgever",
    "wijzig_organisatie",
    "wijzig_speler",
    "wijzig_stadium",
    "wijzig_status",
]
