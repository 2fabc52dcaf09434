"""What every case-scoped view shares: the case lookup, access and the audit reason."""

from __future__ import annotations

from typing import Any, NoReturn

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request

from cases import selectors
from cases.models import Bestuursproces, Rol, Zichtbaarheid

from ..permissions import MELDING_SCHRIJVEN, LidMetSchrijfrecht

AUDIT_HEADER = OpenApiParameter(
    "X-Audit-Toelichting",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="De reden van de wijziging; komt in de gebeurtenis terecht.",
)


def toelichting_uit(request: Request, veld: str = "") -> str:
    """The reason for a change: the body's toelichting, else the X-Audit-Toelichting header."""
    return veld or request.headers.get("X-Audit-Toelichting", "")


class BestuursprocesBasis(generics.GenericAPIView[Any]):
    """Base for every URL below one case: resolves the case once, for members only."""

    permission_classes = [IsAuthenticated, LidMetSchrijfrecht]
    schrijfrollen: frozenset[str] = Rol.schrijvend()
    melding_geen_schrijfrecht = MELDING_SCHRIJVEN
    met_details = False
    _bestuursproces: Bestuursproces | None = None

    def get_bestuursproces(self) -> Bestuursproces:
        if self._bestuursproces is None:
            self._bestuursproces = selectors.bestuursproces_voor(
                self.request.user, self.kwargs["uuid"], met_details=self.met_details
            )
        return self._bestuursproces

    def permission_denied(
        self, request: Request, message: Any = None, code: Any = None
    ) -> NoReturn:
        super().permission_denied(request, message or self.melding_geen_schrijfrecht, code)

    def zichtbaar(self) -> frozenset[str]:
        """The visibility levels the requesting member may read in this case."""
        # mijn_rol is annotated by selectors.bestuursproces_voor.
        return Zichtbaarheid.voor_rol(getattr(self.get_bestuursproces(), "mijn_rol", None))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if "uuid" in self.kwargs:
            context["bestuursproces"] = self.get_bestuursproces()
            context["zichtbaar"] = self.zichtbaar()
        return context
