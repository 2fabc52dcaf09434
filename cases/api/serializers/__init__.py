"""Translation between the API's camelCase JSON and the domain; no decisions here."""

from .afspraken import (
    AfhandelingInvoerSerializer,
    AfspraakInvoerSerializer,
    AfspraakSerializer,
)
from .basis import ProcesRelatieField, StadiumField, StriktMixin, case_url
from .besluiten import (
    BesluitInvoerSerializer,
    BesluitmomentStandSerializer,
    BesluitSerializer,
)
from .bestuursproces import (
    BestuursprocesDetailSerializer,
    BestuursprocesOpenenSerializer,
    BestuursprocesSerializer,
    BestuursprocesWijzigenSerializer,
)
from .bijeenkomsten import (
    AanwezigheidSerializer,
    AfloopInvoerSerializer,
    BijeenkomstInvoerSerializer,
    BijeenkomstSerializer,
    BijeenkomstWijzigingSerializer,
)
from .documenten import (
    DocumentInvoerSerializer,
    DocumentSerializer,
    DocumentVersieInvoerSerializer,
    DocumentVersieSerializer,
)
from .gebeurtenissen import (
    DatumcorrectieInvoerSerializer,
    GebeurtenisSerializer,
    MomentopnameSerializer,
)
from .hulp import (
    AandachtSerializer,
    AandachtVraagSerializer,
    CatalogusVeldField,
    InstrumentSuggestieSerializer,
    SuggestieVraagSerializer,
)
from .idee import IdeeHerzieningSerializer, IdeeInvoerSerializer, IdeeVersieSerializer
from .interventies import (
    InterventieInvoerSerializer,
    InterventieSerializer,
    InterventieWijzigingSerializer,
    ReflectieInvoerSerializer,
    ReflectieSerializer,
)
from .krachtenveld import KrachtenveldSerializer, VerschuivingSerializer
from .lidmaatschappen import (
    LidmaatschapSerializer,
    LidmaatschapWijzigenSerializer,
    LidToevoegenSerializer,
)
from .opdracht import BesluitmomentSerializer, OpdrachtSerializer
from .opdrachtgevers import (
    OpdrachtgeverBeoordelingInvoerSerializer,
    OpdrachtgeverBeoordelingSerializer,
    OpdrachtgeverInvoerSerializer,
    OpdrachtgeverSerializer,
)
from .organisaties import OrganisatieInvoerSerializer, OrganisatieSerializer
from .partijen import (
    BetrokkenheidsactieSerializer,
    BetrokkenheidswijzigingSerializer,
    NotitieInvoerSerializer,
    NotitieSerializer,
)
from .positionering import (
    GeplandeStapSerializer,
    HuidigePositieSerializer,
    HuidigePositieVanRegisseurSerializer,
    PositioneringInvoerSerializer,
    PositioneringSerializer,
    ProcesontwerpHerzieningSerializer,
    ProcesontwerpVersieSerializer,
)
from .spelers import (
    SpelerBeoordelingInvoerSerializer,
    SpelerBeoordelingSerializer,
    SpelerInvoerSerializer,
    SpelerSerializer,
)
from .stadia import StadiumovergangInvoerSerializer, StadiumovergangSerializer
from .tijdlijn import TijdlijnItemSerializer
from .wyberen import (
    ConsolidatieInvoerSerializer,
    ConsolidatieSerializer,
    FaseovergangInvoerSerializer,
    HeropeningInvoerSerializer,
    InstemmersInvoerSerializer,
    InstemmingInvoerSerializer,
    InstemmingSerializer,
    OptieBesluitSerializer,
    OptieInvoerSerializer,
    OptieSerializer,
    WyberStapInvoerSerializer,
    WyberStapSerializer,
)

__all__ = [
    "AandachtSerializer",
    "AandachtVraagSerializer",
    "AanwezigheidSerializer",
    "AfhandelingInvoerSerializer",
    "AfloopInvoerSerializer",
    "AfspraakInvoerSerializer",
    "AfspraakSerializer",
    "BesluitInvoerSerializer",
    "BesluitSerializer",
    "BesluitmomentSerializer",
    "BesluitmomentStandSerializer",
    "BestuursprocesDetailSerializer",
    "BestuursprocesOpenenSerializer",
    "BestuursprocesSerializer",
    "BestuursprocesWijzigenSerializer",
    "BetrokkenheidsactieSerializer",
    "BetrokkenheidswijzigingSerializer",
    "BijeenkomstInvoerSerializer",
    "BijeenkomstSerializer",
    "BijeenkomstWijzigingSerializer",
    "CatalogusVeldField",
    "ConsolidatieInvoerSerializer",
    "ConsolidatieSerializer",
    "DatumcorrectieInvoerSerializer",
    "DocumentInvoerSerializer",
    "DocumentSerializer",
    "DocumentVersieInvoerSerializer",
    "DocumentVersieSerializer",
    "FaseovergangInvoerSerializer",
    "GebeurtenisSerializer",
    "GeplandeStapSerializer",
    "HeropeningInvoerSerializer",
    "HuidigePositieSerializer",
    "HuidigePositieVanRegisseurSerializer",
    "IdeeHerzieningSerializer",
    "IdeeInvoerSerializer",
    "IdeeVersieSerializer",
    "InstemmersInvoerSerializer",
    "InstemmingInvoerSerializer",
    "InstemmingSerializer",
    "InstrumentSuggestieSerializer",
    "InterventieInvoerSerializer",
    "InterventieSerializer",
    "InterventieWijzigingSerializer",
    "KrachtenveldSerializer",
    "LidToevoegenSerializer",
    "LidmaatschapSerializer",
    "LidmaatschapWijzigenSerializer",
    "MomentopnameSerializer",
    "NotitieInvoerSerializer",
    "NotitieSerializer",
    "OpdrachtSerializer",
    "OpdrachtgeverBeoordelingInvoerSerializer",
    "OpdrachtgeverBeoordelingSerializer",
    "OpdrachtgeverInvoerSerializer",
    "OpdrachtgeverSerializer",
    "OptieBesluitSerializer",
    "OptieInvoerSerializer",
    "OptieSerializer",
    "OrganisatieInvoerSerializer",
    "OrganisatieSerializer",
    "PositioneringInvoerSerializer",
    "PositioneringSerializer",
    "ProcesRelatieField",
    "ProcesontwerpHerzieningSerializer",
    "ProcesontwerpVersieSerializer",
    "ReflectieInvoerSerializer",
    "ReflectieSerializer",
    "SpelerBeoordelingInvoerSerializer",
    "SpelerBeoordelingSerializer",
    "SpelerInvoerSerializer",
    "SpelerSerializer",
    "StadiumField",
    "StadiumovergangInvoerSerializer",
    "StadiumovergangSerializer",
    "StriktMixin",
    "SuggestieVraagSerializer",
    "TijdlijnItemSerializer",
    "VerschuivingSerializer",
    "WyberStapInvoerSerializer",
    "WyberStapSerializer",
    "case_url",
]
