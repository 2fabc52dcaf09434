"""Interventies: log, list, change, carry out and evaluate them; and the reflecties on them.

A PATCH maps to exactly one service: a status (uitgevoerd, geevalueerd) with the fields of
that step carries the interventie forward; anything else is a change. A status together with
other changes is refused (400), so that one request is one fact in the log.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeOvergang
from cases.models import Interventie, InterventieStatus, Reflectie
from cases.selectors.interventies import interventies, reflecties

from .. import serializers as s
from ..filters_interventies import InterventieFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["interventies"]
S = InterventieStatus
# The body properties each status transition takes besides ``status`` and ``toelichting``.
STAPPEN = {
    S.UITGEVOERD: {"watGedaan", "uitgevoerdOp"},
    S.GEEVALUEERD: {"waargenomenEffect", "uitgepakt", "vervolg", "geevalueerdOp"},
}


class InterventieBasis(BestuursprocesBasis):
    """Base for the URLs of one interventie (path parameter ``interventie``)."""

    def zichtbare_interventies(self) -> QuerySet[Interventie]:
        return interventies(self.get_bestuursproces(), self.zichtbaar())

    def get_interventie(self, *, volledig: bool = True) -> Interventie:
        """The interventie in the path, if the viewer may see it; else 404 (it does not exist
        for them). With ``volledig`` its relations and visible reflecties come along."""
        gevonden = self.zichtbare_interventies()
        if not volledig:
            gevonden = gevonden.select_related(None).prefetch_related(None)
        interventie = gevonden.filter(uuid=self.kwargs["interventie"]).first()
        if interventie is None:
            raise NotFound(gettext("Deze interventie bestaat niet in dit bestuursproces."))
        return interventie


@extend_schema(tags=TAGS)
class InterventiesView(BestuursprocesBasis, generics.ListAPIView[Interventie]):
    serializer_class = s.InterventieSerializer
    filterset_class = InterventieFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Interventie.objects.none()
        # Queries: case with my role; count; page with strategie, instrument, wyber-stap and
        # auteur; the velden, spelers, opdrachtgevers and visible reflecties of the page.
        return interventies(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="interventie_list",
        summary="Interventies opvragen",
        description=(
            "De interventies die jij mag zien, op datum (oudste eerst). Filters: veld, status, "
            "periode (van, tot), instrument, speler, opdrachtgever, strategie, niveau, "
            "aangrijpingspunt, zwaarte en uitgepakt; een onbekende parameter is een fout."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="interventie_create",
        summary="Interventie loggen",
        description=(
            "Kiezen: een geplande interventie met haar velden, niveau, aangrijpingspunt, "
            "zwaarte, beoogd effect en waarom; of een die al is gedaan (status uitgevoerd met "
            "watGedaan). De zichtbaarheid (standaard kernteam) ligt daarna vast."
        ),
        request=s.InterventieInvoerSerializer,
        responses={201: s.InterventieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.InterventieInvoerSerializer)
        interventie = services.log_interventie(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **{**invoer, "toelichting": self.toelichting(invoer["toelichting"])},
        )
        # The service's interventie holds what it wrote, relations included: nothing to read.
        return self.aangemaakt(self.get_serializer(interventie).data)


def _alleen(request: Request, status: str) -> None:
    """A status transition carries only its own fields: name every other property."""
    toegestaan = {"status", "toelichting", *STAPPEN[S(status)]}
    anders = sorted(set(request.data) - toegestaan)
    if anders:
        label = str(S(status).label).lower()
        raise ValidationError(
            {
                naam: [
                    serializers.ErrorDetail(
                        gettext(
                            "Gaat niet samen met status '%(status)s' (%(label)s); stuur deze "
                            "wijziging in een aparte PATCH."
                        )
                        % {"status": status, "label": label},
                        code="niet_samen",
                    )
                ]
                for naam in anders
            }
        )


@extend_schema(tags=TAGS)
class InterventieDetailView(InterventieBasis):
    serializer_class = s.InterventieSerializer

    @extend_schema(operation_id="interventie_retrieve", summary="Eén interventie opvragen")
    def get(self, request: Request, uuid: Any, interventie: Any) -> Response:
        # Queries: case with my role; the interventie with strategie, instrument, wyber-stap
        # and auteur; its velden; spelers; opdrachtgevers; visible reflecties.
        return Response(self.get_serializer(self.get_interventie()).data)

    @extend_schema(
        operation_id="interventie_partial_update",
        summary="Interventie wijzigen, uitvoeren of evalueren",
        description=(
            "Zonder status: wijzigt wat je meestuurt (velden, spelers en opdrachtgevers als "
            "hele nieuwe lijst); niets veranderd is geen nieuwe gebeurtenis. Met status "
            "uitgevoerd (watGedaan, uitgevoerdOp: standaard vandaag) voer je een geplande "
            "interventie uit; met status geevalueerd (waargenomenEffect, uitgepakt, vervolg, "
            "geevalueerdOp) evalueer je een uitgevoerde. Een statusovergang gaat niet samen "
            "met andere wijzigingen (400); terug of nog eens is 409. De zichtbaarheid ligt "
            "vast."
        ),
        request=s.InterventieWijzigingSerializer,
        responses={200: s.InterventieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, interventie: Any) -> Response:
        gevonden = self.get_interventie(volledig=False)
        invoer = self.lees_invoer(s.InterventieWijzigingSerializer, partial=True)
        actor = Actor.uit_request(request)
        toelichting = self.toelichting(invoer.pop("toelichting", ""))
        status = invoer.pop("status", None)
        if status == S.UITGEVOERD:
            _alleen(request, status)
            services.voer_interventie_uit(
                actor=actor,
                interventie=gevonden,
                wat_gedaan=invoer.get("wat_gedaan", ""),
                uitgevoerd_op=invoer.get("uitgevoerd_op"),
                toelichting=toelichting,
            )
        elif status == S.GEEVALUEERD:
            _alleen(request, status)
            services.evalueer_interventie(
                actor=actor,
                interventie=gevonden,
                waargenomen_effect=invoer.get("waargenomen_effect", ""),
                uitgepakt=invoer.get("uitgepakt", ""),
                vervolg=invoer.get("vervolg", ""),
                geevalueerd_op=invoer.get("geevalueerd_op"),
                toelichting=toelichting,
            )
        else:
            if status == S.GEPLAND and gevonden.status != S.GEPLAND:
                raise OngeldigeOvergang(
                    gettext(
                        "Een interventie gaat niet terug naar gepland; corrigeer wat is "
                        "vastgelegd met een wijziging zonder status."
                    ),
                    veld="status",
                    code="ongeldige-statusovergang",
                )
            services.wijzig_interventie(
                actor=actor, interventie=gevonden, wijzigingen=invoer, toelichting=toelichting
            )
        return Response(self.get_serializer(self.get_interventie()).data)


@extend_schema(tags=TAGS)
class ReflectiesView(InterventieBasis, generics.ListAPIView[Reflectie]):
    serializer_class = s.ReflectieSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Reflectie.objects.none()
        # Queries: case with my role; the interventie; count; page with the authors.
        gevonden = self.get_interventie(volledig=False)
        return reflecties(self.get_bestuursproces(), self.zichtbaar()).filter(interventie=gevonden)

    @extend_schema(
        operation_id="reflectie_list",
        summary="Reflecties op een interventie",
        description="De reflecties die jij mag zien, oudste eerst.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="reflectie_create",
        summary="Reflectie vastleggen",
        description=(
            "Een persoonlijke reflectie van de procesregisseur, of van de auteur van de "
            "interventie (anders 403). Standaard alleen voor de procesregisseur zichtbaar; "
            "nooit ruimer dan de interventie zelf."
        ),
        request=s.ReflectieInvoerSerializer,
        responses={201: s.ReflectieSerializer},
    )
    def post(self, request: Request, uuid: Any, interventie: Any) -> Response:
        reflectie = services.leg_reflectie_vast(
            actor=Actor.uit_request(request),
            interventie=self.get_interventie(volledig=False),
            **self.lees_invoer(s.ReflectieInvoerSerializer),
        )
        return self.aangemaakt(self.get_serializer(reflectie).data)
