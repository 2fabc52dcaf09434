"""Help while working: the attention balance across the velden and instrument suggestions."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors
from cases.events.wereldtijd import einde_van
from cases.selectors.aandacht import (
    STANDAARD_WEKEN,
    aandacht,
    aandacht_als_dict,
    aandacht_uit_staat,
    instrument_suggesties,
)

from .. import serializers as s
from .basis import BestuursprocesBasis


@extend_schema(tags=["interventies"])
class AandachtView(BestuursprocesBasis):
    serializer_class = s.AandachtSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        operation_id="aandacht_read",
        summary="Aandachtsbalans",
        description=(
            "Interventies per veld en per kant van de creatielemniscaat (IK: interventieveld "
            "en positionerende veld; WIJ: verbindende en interne veld; HET: idee, ontwerpende "
            "en uitvoerende veld; ZIJ: opdrachtgevende veld), op de datum van de interventie, "
            "en de velden zonder uitgevoerde interventie in de laatste `weken` weken. Alleen "
            "interventies die jij mag zien tellen mee."
        ),
        parameters=[s.AandachtVraagSerializer],
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the visible interventions' velden up to tot.
        # With bekendOp: the case folded from its log as known then, up to the end of tot.
        vraag = self.lees_vraag(s.AandachtVraagSerializer)
        tot = vraag.get("tot") or timezone.localdate()
        weken = vraag.get("weken", STANDAARD_WEKEN)
        if vraag.get("bekend_op") is None:
            resultaat = aandacht(
                self.get_bestuursproces(),
                self.zichtbaar(),
                van=vraag.get("van"),
                tot=tot,
                weken=weken,
            )
        else:
            staat = selectors.momentopname(
                self.get_bestuursproces(),
                einde_van(tot),
                self.zichtbaar(),
                bekend_op=vraag["bekend_op"],
            )
            if staat is None:
                raise NotFound(gettext("Het bestuursproces was toen nog niet vastgelegd."))
            resultaat = aandacht_uit_staat(staat, van=vraag.get("van"), tot=tot, weken=weken)
        return Response(self.get_serializer(aandacht_als_dict(resultaat)).data)


@extend_schema(tags=["interventies"])
class InstrumentSuggestiesView(BestuursprocesBasis):
    serializer_class = s.InstrumentSuggestieSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        operation_id="instrument_suggestie_list",
        summary="Instrumenten voor een veld",
        description=(
            "De instrumenten uit de catalogus voor dit veld, met hun verdiepingsvraag: eerst "
            "de instrumenten die in dit bestuursproces nog niet zijn ingezet, dan de rest, elk "
            "in de volgorde van de catalogus."
        ),
        parameters=[s.SuggestieVraagSerializer],
        responses=s.InstrumentSuggestieSerializer(many=True),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; count; page of instruments with veld, thema and
        # sub-vraag, annotated with their use in this case.
        vraag = self.lees_vraag(s.SuggestieVraagSerializer)
        instrumenten = instrument_suggesties(
            self.get_bestuursproces(), self.zichtbaar(), vraag["veld"]
        )
        pagina = self.paginate_queryset(instrumenten)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)
