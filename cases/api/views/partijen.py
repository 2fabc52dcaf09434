"""What the views below a speler or an opdrachtgever share: finding the party, and its
betrokkenheid actions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Betrokkenheidswijziging, Opdrachtgever, Speler

from .. import serializers as s
from .basis import BestuursprocesBasis

Partij = Speler | Opdrachtgever


class PartijBasis(BestuursprocesBasis):
    """Base for the URLs of one speler or opdrachtgever (path parameter ``partij_kwarg``)."""

    partij_kwarg: str  # "speler" or "opdrachtgever"
    melding_onbekend: str | Promise
    _partij: Partij | None = None

    def partijen(self) -> QuerySet[Any]:
        """The parties of this case as the selector shapes them, with what the viewer sees."""
        raise NotImplementedError

    def get_partij(self, *, met_beoordelingen: bool = False) -> Any:
        """The party in the path, or 404; without its assessments unless asked for."""
        if self._partij is None or met_beoordelingen:
            partijen = self.partijen()
            if not met_beoordelingen:
                partijen = partijen.prefetch_related(None)
            gevonden = partijen.filter(uuid=self.kwargs[self.partij_kwarg]).first()
            if gevonden is None:
                raise NotFound(str(self.melding_onbekend))
            self._partij = gevonden
        return self._partij


class BetrokkenheidswijzigingenBasis(PartijBasis, generics.ListAPIView[Betrokkenheidswijziging]):
    """GET the party's betrokkenheid changes, oldest first; POST an action with its reason."""

    serializer_class = s.BetrokkenheidswijzigingSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Betrokkenheidswijziging.objects.none()
        # Queries: case with my role; the party; count; page with who made each change.
        return selectors.betrokkenheidswijzigingen(self.get_bestuursproces()).filter(
            **{self.partij_kwarg: self.get_partij()}
        )

    def post(self, request: Request, **kwargs: Any) -> Response:
        partij = self.get_partij()
        invoer = self.lees_invoer(s.BetrokkenheidsactieSerializer)
        wijziging = services.wijzig_betrokkenheid(
            actor=Actor.uit_request(request), partij=partij, **invoer
        )
        return self.aangemaakt(self.get_serializer(wijziging).data)
