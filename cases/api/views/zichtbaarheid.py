"""Releasing content for evaluation: widening the visibility of items (never narrowing)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from cases.events import Actor
from cases.models import Rol
from cases.selectors.afscherming import afscherming
from cases.services.zichtbaarheid import verruim_zichtbaarheid

from ..serializers.basis import Serializer
from ..serializers.zichtbaarheid import VrijgaveInvoerSerializer, VrijgaveSerializer
from .basis import AUDIT_HEADER, BestuursprocesBasis


@extend_schema(tags=["zichtbaarheid"])
class VrijgavenView(BestuursprocesBasis):
    serializer_class = VrijgaveSerializer
    schrijfrollen = frozenset({Rol.PROCESREGISSEUR})
    melding_geen_schrijfrecht = gettext_lazy("Alleen de procesregisseur mag onderdelen vrijgeven.")

    @extend_schema(
        operation_id="vrijgave_create",
        summary="Onderdelen vrijgeven (zichtbaarheid verruimen)",
        description=(
            "De procesregisseur maakt onderdelen later ruimer zichtbaar, nooit beperkter: één "
            "voor één (`uuids`) of in bulk (alle onderdelen van een soort, eventueel uit één "
            "`stadium` of van één `speler`/`opdrachtgever`). Met `naar: evaluatie` lezen "
            "evaluatoren ze (opdrachtgevers niet). Een reden is verplicht (`toelichting` of "
            "X-Audit-Toelichting). De gebeurtenissen over de onderdelen houden hun oorspronkelijke "
            "zichtbaarheid en hash; ze worden voortaan op het vrijgegeven niveau gelezen, ook in "
            "de exports. 409 als een genoemd onderdeel al ruimer zichtbaar is (vernauwen) of als "
            "er niets te verruimen is; 403 voor wie geen procesregisseur is."
        ),
        parameters=[AUDIT_HEADER],
        request=VrijgaveInvoerSerializer,
        responses={201: VrijgaveSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(VrijgaveInvoerSerializer)
        toelichting = self.toelichting(invoer.pop("toelichting", ""))
        uuids = invoer.pop("uuids", None)
        gebeurtenis = verruim_zichtbaarheid(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            onderdeel=invoer.pop("onderdeel"),
            naar=invoer.pop("naar"),
            toelichting=toelichting,
            uuids=[str(u) for u in uuids] if uuids is not None else None,
            selectie={sleutel: str(waarde) for sleutel, waarde in invoer.items()},
        )
        return Response(self.get_serializer(gebeurtenis).data, status=201)


class AfschermingSerializer(Serializer):
    """Per onderdeel hoeveel voor jouw rol is afgeschermd (alleen onderdelen met iets)."""

    totaal = serializers.IntegerField()
    onderdelen = serializers.DictField(child=serializers.IntegerField())
    meldingen = serializers.ListField(child=serializers.CharField())


@extend_schema(tags=["zichtbaarheid"])
class AfschermingView(BestuursprocesBasis):
    serializer_class = AfschermingSerializer

    @extend_schema(
        operation_id="afscherming_read",
        summary="Wat voor jouw rol is afgeschermd",
        description=(
            "Per onderdeel (interventies, positioneringen, beoordelingen, notities, besluiten, "
            "afspraken, bijeenkomsten, documenten, reflecties) hoeveel er voor jouw rol is "
            "afgeschermd: een lege lijst elders betekent dan niet dat er niets is."
        ),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; one count per onderdeel in one query (none for the
        # procesregisseur, who reads every level).
        telling = afscherming(self.get_bestuursproces(), self.zichtbaar())
        return Response(
            AfschermingSerializer(
                {
                    "totaal": telling.totaal,
                    "onderdelen": telling.per_onderdeel,
                    "meldingen": telling.meldingen,
                }
            ).data
        )
