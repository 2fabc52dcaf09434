"""API v1 views for the case: parse, check access, call one service or selector, serialize."""

from .bestuursprocessen import BestuursprocesDetailView, BestuursprocesLijstView
from .gebeurtenissen import GebeurtenisDetailView, GebeurtenissenView, MomentopnameView
from .idee import IdeeVersiesView, IdeeView
from .lidmaatschappen import LidmaatschapDetailView, LidmaatschappenView
from .stadia import StadiumovergangDetailView, StadiumovergangenView

__all__ = [
    "BestuursprocesDetailView",
    "BestuursprocesLijstView",
    "GebeurtenisDetailView",
    "GebeurtenissenView",
    "IdeeVersiesView",
    "IdeeView",
    "LidmaatschapDetailView",
    "LidmaatschappenView",
    "MomentopnameView",
    "StadiumovergangDetailView",
    "StadiumovergangenView",
]
