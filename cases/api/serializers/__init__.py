"""Translation between the API's camelCase JSON and the domain; no decisions here."""

from .basis import StadiumField, StriktMixin, case_url
from .bestuursproces import (
    BestuursprocesDetailSerializer,
    BestuursprocesOpenenSerializer,
    BestuursprocesSerializer,
    BestuursprocesWijzigenSerializer,
)
from .gebeurtenissen import GebeurtenisSerializer, MomentopnameSerializer
from .idee import IdeeInvoerSerializer, IdeeVersieSerializer
from .lidmaatschappen import (
    LidmaatschapSerializer,
    LidmaatschapWijzigenSerializer,
    LidToevoegenSerializer,
)
from .opdracht import BesluitmomentSerializer, OpdrachtSerializer
from .stadia import StadiumovergangInvoerSerializer, StadiumovergangSerializer

__all__ = [
    "BesluitmomentSerializer",
    "BestuursprocesDetailSerializer",
    "BestuursprocesOpenenSerializer",
    "BestuursprocesSerializer",
    "BestuursprocesWijzigenSerializer",
    "GebeurtenisSerializer",
    "IdeeInvoerSerializer",
    "IdeeVersieSerializer",
    "LidToevoegenSerializer",
    "LidmaatschapSerializer",
    "LidmaatschapWijzigenSerializer",
    "MomentopnameSerializer",
    "OpdrachtSerializer",
    "StadiumField",
    "StadiumovergangInvoerSerializer",
    "StadiumovergangSerializer",
    "StriktMixin",
    "case_url",
]
