"""Reads of the case domain: membership scoping, query shape, current state and replay."""

from .bestuursprocessen import (
    actieve_gebruiker,
    bestuursproces_voor,
    bestuursprocessen_voor,
    eigenaar_spelers,
    eigenaren_van,
    gebeurtenissen,
    huidig_idee,
    ideeversies,
    lidmaatschappen,
    stadiumovergangen,
)
from .krachtenveld import krachtenveld, verschuivingen, verschuivingenreeks
from .partijen import (
    betrokkenheidswijzigingen,
    huidige_beoordeling,
    notities,
    opdrachtgeverbeoordelingen,
    opdrachtgevers,
    organisaties,
    spelerbeoordelingen,
    spelers,
)
from .positionering import (
    huidig_procesontwerp,
    huidige_positioneringen,
    huidige_positioneringen_per_regisseur,
    positioneringen,
    procesontwerpversies,
)
from .toestand import huidige_toestand, momentopname

__all__ = [
    "actieve_gebruiker",
    "bestuursproces_voor",
    "bestuursprocessen_voor",
    "betrokkenheidswijzigingen",
    "eigenaar_spelers",
    "eigenaren_van",
    "gebeurtenissen",
    "huidig_idee",
    "huidig_procesontwerp",
    "huidige_beoordeling",
    "huidige_positioneringen",
    "huidige_positioneringen_per_regisseur",
    "huidige_toestand",
    "ideeversies",
    "krachtenveld",
    "lidmaatschappen",
    "momentopname",
    "notities",
    "opdrachtgeverbeoordelingen",
    "opdrachtgevers",
    "organisaties",
    "positioneringen",
    "procesontwerpversies",
    "spelerbeoordelingen",
    "spelers",
    "stadiumovergangen",
    "verschuivingen",
    "verschuivingenreeks",
]
