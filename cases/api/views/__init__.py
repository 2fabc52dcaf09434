"""API v1 views for the case: parse, check access, call one service or selector, serialize."""

from .afspraken import AfspraakDetailView, AfsprakenView
from .besluiten import BesluitDetailView, BesluitenView, BesluitmomentenView
from .bestuursprocessen import BestuursprocesDetailView, BestuursprocesLijstView
from .bijeenkomsten import (
    AanwezigheidView,
    AfloopView,
    BijeenkomstDetailView,
    BijeenkomstenView,
)
from .documenten import (
    DocumentDetailView,
    DocumentenView,
    DocumentInhoudView,
    DocumentVersiesView,
    DocumentVersieView,
)
from .export import ExportView
from .exporttaken import ExporttaakBestandView, ExporttaakDetailView, ExporttakenView
from .gebeurtenissen import (
    DatumcorrectiesView,
    GebeurtenisDetailView,
    GebeurtenissenView,
    MomentopnameView,
)
from .hulp import AandachtView, InstrumentSuggestiesView
from .idee import IdeeVersiesView, IdeeView
from .interventies import InterventieDetailView, InterventiesView, ReflectiesView
from .krachtenveld import KrachtenveldView, VerschuivingenView
from .lidmaatschappen import LidmaatschapDetailView, LidmaatschappenView
from .notities import NotitiesView
from .opdrachtgevers import (
    OpdrachtgeverBeoordelingenView,
    OpdrachtgeverBetrokkenheidswijzigingenView,
    OpdrachtgeverDetailView,
    OpdrachtgeversView,
)
from .organisaties import OrganisatieDetailView, OrganisatiesView
from .overzicht import (
    ExportOverProcessenView,
    ExporttaakOverProcessenBestandView,
    ExporttaakOverProcessenDetailView,
    ExporttakenOverProcessenView,
)
from .positionering import (
    HuidigePositioneringenPerRegisseurView,
    HuidigePositioneringenView,
    PositioneringDetailView,
    PositioneringenView,
    ProcesontwerpVersiesView,
    ProcesontwerpView,
)
from .spelers import (
    SpelerBeoordelingenView,
    SpelerBetrokkenheidswijzigingenView,
    SpelerDetailView,
    SpelersView,
)
from .stadia import StadiumovergangDetailView, StadiumovergangenView
from .tijdlijn import TijdlijnView
from .wyberen import (
    ConsolidatieView,
    FaseovergangenView,
    HeropeningenView,
    InstemmingDetailView,
    InstemmingenView,
    OptieDetailView,
    OptiesView,
    WyberStapDetailView,
    WyberStappenView,
)

__all__ = [
    "AandachtView",
    "AanwezigheidView",
    "AfloopView",
    "AfspraakDetailView",
    "AfsprakenView",
    "BesluitDetailView",
    "BesluitenView",
    "BesluitmomentenView",
    "BestuursprocesDetailView",
    "BestuursprocesLijstView",
    "BijeenkomstDetailView",
    "BijeenkomstenView",
    "ConsolidatieView",
    "DatumcorrectiesView",
    "DocumentDetailView",
    "DocumentInhoudView",
    "DocumentVersieView",
    "DocumentVersiesView",
    "DocumentenView",
    "ExportOverProcessenView",
    "ExportView",
    "ExporttaakBestandView",
    "ExporttaakDetailView",
    "ExporttaakOverProcessenBestandView",
    "ExporttaakOverProcessenDetailView",
    "ExporttakenOverProcessenView",
    "ExporttakenView",
    "FaseovergangenView",
    "GebeurtenisDetailView",
    "GebeurtenissenView",
    "HeropeningenView",
    "HuidigePositioneringenPerRegisseurView",
    "HuidigePositioneringenView",
    "IdeeVersiesView",
    "IdeeView",
    "InstemmingDetailView",
    "InstemmingenView",
    "InstrumentSuggestiesView",
    "InterventieDetailView",
    "InterventiesView",
    "KrachtenveldView",
    "LidmaatschapDetailView",
    "LidmaatschappenView",
    "MomentopnameView",
    "NotitiesView",
    "OpdrachtgeverBeoordelingenView",
    "OpdrachtgeverBetrokkenheidswijzigingenView",
    "OpdrachtgeverDetailView",
    "OpdrachtgeversView",
    "OptieDetailView",
    "OptiesView",
    "OrganisatieDetailView",
    "OrganisatiesView",
    "PositioneringDetailView",
    "PositioneringenView",
    "ProcesontwerpVersiesView",
    "ProcesontwerpView",
    "ReflectiesView",
    "SpelerBeoordelingenView",
    "SpelerBetrokkenheidswijzigingenView",
    "SpelerDetailView",
    "SpelersView",
    "StadiumovergangDetailView",
    "StadiumovergangenView",
    "TijdlijnView",
    "VerschuivingenView",
    "WyberStapDetailView",
    "WyberStappenView",
]
