"""Wyber-stappen: steps, their phases, options, consolidation, consents and reopenings."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import services
from cases.events import Actor
from cases.models import Instemming, Optie, WyberStap
from cases.selectors.wyberen import consolidatie_van, wyberstappen

from .. import serializers as s
from ..filters import WyberStapFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["wyberstappen"]
MET_PARTIJEN = ("speler", "opdrachtgever")


class StapBasis(BestuursprocesBasis):
    """Base for the URLs of one step (path parameter ``stap``)."""

    _stap: WyberStap | None = None

    def stappen(self) -> QuerySet[WyberStap]:
        """The case's steps as the selector shapes them (with options and consents)."""
        return wyberstappen(self.get_bestuursproces())

    def get_stap(self, *, volledig: bool = False) -> WyberStap:
        """The step in the path, or 404; with its options and consents only when asked for."""
        if self._stap is None or volledig:
            stappen = self.stappen()
            if not volledig:
                stappen = stappen.select_related(None).prefetch_related(None)
            gevonden = stappen.filter(uuid=self.kwargs["stap"]).first()
            if gevonden is None:
                raise NotFound(gettext("Deze wyber-stap bestaat niet in dit bestuursproces."))
            self._stap = gevonden
        return self._stap

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "stap" in self.kwargs and not getattr(self, "swagger_fake_view", False):
            context["stap"] = self.get_stap()
        return context

    def stap_data(self, stap: WyberStap | None = None) -> Any:
        """The step as WyberStapSerializer shows it, read afresh."""
        vers = self.stappen().get(pk=(stap or self.get_stap()).pk)
        return s.WyberStapSerializer(vers, context=self.get_serializer_context()).data


@extend_schema(tags=TAGS)
class WyberStappenView(BestuursprocesBasis, generics.ListAPIView[WyberStap]):
    serializer_class = s.WyberStapSerializer
    filterset_class = WyberStapFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return WyberStap.objects.none()
        # Queries: case with my role; count; page with heropent and consolidatie; the options
        # of the page; the consents of the page with their parties.
        return wyberstappen(self.get_bestuursproces())

    @extend_schema(
        operation_id="wyberstap_list",
        summary="Wyber-stappen opvragen",
        description="De wyber-stappen op volgnummer, elk met wie nog moet instemmen.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="wyberstap_create",
        summary="Wyber-stap starten",
        description=(
            "Start een stap in het huidige stadium; ze begint met divergeren. Een "
            "geconsolideerde stap heropen je via heropeningen."
        ),
        request=s.WyberStapInvoerSerializer,
        responses={201: s.WyberStapSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        stap = services.start_wyberstap(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.WyberStapInvoerSerializer),
        )
        vers = wyberstappen(self.get_bestuursproces()).get(pk=stap.pk)
        return self.aangemaakt(self.get_serializer(vers).data)


@extend_schema(tags=TAGS)
class WyberStapDetailView(StapBasis):
    serializer_class = s.WyberStapSerializer

    @extend_schema(
        operation_id="wyberstap_read",
        summary="Eén wyber-stap opvragen",
        description=(
            "De stap met haar fase en de data van elke faseovergang; ontbrekend noemt de "
            "partijen die nog niet hebben ingestemd of nog niet formeel hebben besloten."
        ),
    )
    def get(self, request: Request, uuid: Any, stap: Any) -> Response:
        # Queries: case with my role; the step with heropent and consolidatie; its options;
        # its consents with their parties.
        return Response(self.get_serializer(self.get_stap(volledig=True)).data)


@extend_schema(tags=TAGS)
class FaseovergangenView(StapBasis):
    serializer_class = s.WyberStapSerializer

    @extend_schema(
        operation_id="wyberstap_faseovergang_create",
        summary="Fase van een wyber-stap wijzigen",
        description=(
            "Eén fase vooruit: van divergeren naar convergeren (er zijn opties), van "
            "convergeren naar consolideren (een optie is gekozen, geen optie is nog open). "
            "Geconsolideerd volgt vanzelf zodra iedereen rond is. Een fase overslaan of "
            "terug is 409. Antwoordt met de stap."
        ),
        request=s.FaseovergangInvoerSerializer,
        responses={201: s.WyberStapSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, stap: Any) -> Response:
        invoer = self.lees_invoer(s.FaseovergangInvoerSerializer)
        services.wijzig_fase(
            actor=Actor.uit_request(request),
            stap=self.get_stap(),
            naar=invoer["naar"],
            toelichting=self.toelichting(invoer["toelichting"]),
            tijdstip=invoer.get("tijdstip"),
        )
        return Response(self.stap_data(), status=201)


@extend_schema(tags=TAGS)
class HeropeningenView(StapBasis):
    serializer_class = s.WyberStapSerializer

    @extend_schema(
        operation_id="wyberstap_heropening_create",
        summary="Wyber-stap heropenen",
        description=(
            "Stelt een geconsolideerde stap opnieuw ter discussie in een nieuwe stap die ernaar "
            "verwijst; de oude consolidatie blijft bewaard. Antwoordt met de nieuwe stap."
        ),
        request=s.HeropeningInvoerSerializer,
        responses={201: s.WyberStapSerializer},
    )
    def post(self, request: Request, uuid: Any, stap: Any) -> Response:
        nieuw = services.heropen_wyberstap(
            actor=Actor.uit_request(request),
            stap=self.get_stap(),
            **self.lees_invoer(s.HeropeningInvoerSerializer),
        )
        return self.aangemaakt(self.stap_data(nieuw))


# --- opties ------------------------------------------------------------------------------


def opties_van(stap: WyberStap) -> QuerySet[Optie]:
    return (
        Optie.objects.filter(stap=stap)
        .select_related(*MET_PARTIJEN, "samengevoegd_in")
        .order_by("ingebracht_op", "id")
    )


@extend_schema(tags=TAGS)
class OptiesView(StapBasis, generics.ListAPIView[Optie]):
    serializer_class = s.OptieSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Optie.objects.none()
        # Queries: case with my role; the step; count; page with parties and merge targets.
        return opties_van(self.get_stap())

    @extend_schema(
        operation_id="optie_list",
        summary="Opties van een wyber-stap",
        description="De opties in de volgorde waarin ze zijn ingebracht.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="optie_create",
        summary="Optie inbrengen",
        description=(
            "Alleen tijdens divergeren (anders 409). Van een speler, een opdrachtgever, of "
            "zonder beide van de regisseur."
        ),
        request=s.OptieInvoerSerializer,
        responses={201: s.OptieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, stap: Any) -> Response:
        optie = services.breng_optie_in(
            actor=Actor.uit_request(request),
            stap=self.get_stap(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.OptieInvoerSerializer),
        )
        return self.aangemaakt(
            self.get_serializer(opties_van(self.get_stap()).get(pk=optie.pk)).data
        )


@extend_schema(tags=TAGS)
class OptieDetailView(StapBasis):
    serializer_class = s.OptieSerializer

    def get_optie(self) -> Optie:
        optie = opties_van(self.get_stap()).filter(uuid=self.kwargs["optie"]).first()
        if optie is None:
            raise NotFound(gettext("Deze optie bestaat niet in deze wyber-stap."))
        return optie

    @extend_schema(operation_id="optie_read", summary="Eén optie opvragen")
    def get(self, request: Request, uuid: Any, stap: Any, optie: Any) -> Response:
        # Queries: case with my role; the step; the option with its parties and merge target.
        return Response(self.get_serializer(self.get_optie()).data)

    @extend_schema(
        operation_id="optie_partial_update",
        summary="Over een optie besluiten",
        description=(
            "Alleen tijdens convergeren (anders 409): kiezen, verwerpen (met reden) of "
            "samenvoegen in een andere optie van deze stap (samengevoegdIn)."
        ),
        request=s.OptieBesluitSerializer,
        responses={200: s.OptieSerializer},
    )
    def patch(self, request: Request, uuid: Any, stap: Any, optie: Any) -> Response:
        gevonden = self.get_optie()
        services.besluit_over_optie(
            actor=Actor.uit_request(request),
            optie=gevonden,
            **self.lees_invoer(s.OptieBesluitSerializer),
        )
        return Response(self.get_serializer(self.get_optie()).data)


# --- consolidatie en instemmingen --------------------------------------------------------


def instemmingen_van(stap: WyberStap) -> QuerySet[Instemming]:
    return (
        Instemming.objects.filter(stap=stap).select_related(*MET_PARTIJEN, "besluit").order_by("id")
    )


@extend_schema(tags=TAGS)
class ConsolidatieView(StapBasis):
    serializer_class = s.ConsolidatieSerializer

    def consolidatie_data(self) -> Any:
        stap = (
            WyberStap.objects.filter(pk=self.get_stap().pk)
            .select_related("consolidatie__door")
            .prefetch_related(Prefetch("instemmingen", queryset=instemmingen_van(self.get_stap())))
            .get()
        )
        consolidatie = consolidatie_van(stap)
        if consolidatie is None:
            raise NotFound(
                gettext("Stap %(nummer)s heeft nog geen consolidatie.")
                % {"nummer": stap.volgnummer}
            )
        context = {**self.get_serializer_context(), "stap": stap}
        return s.ConsolidatieSerializer(consolidatie, context=context).data

    @extend_schema(
        operation_id="consolidatie_read",
        summary="Consolidatie van een wyber-stap",
        description="Wat is afgesproken, en per vereiste partij hoe ver de instemming is.",
    )
    def get(self, request: Request, uuid: Any, stap: Any) -> Response:
        # Queries: case with my role; the step; the step with its consolidatie and who made
        # it; the consents with their parties.
        return Response(self.consolidatie_data())

    @extend_schema(
        operation_id="consolidatie_create",
        summary="Consolidatie vastleggen",
        description=(
            "Alleen tijdens consolideren en één keer per stap (anders 409). Elke vereiste "
            "partij krijgt een instemming met 'nog geen reactie'; de stap is geconsolideerd "
            "zodra iedere partij heeft ingestemd en formeel heeft besloten."
        ),
        request=s.ConsolidatieInvoerSerializer,
        responses={201: s.ConsolidatieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, stap: Any) -> Response:
        services.consolideer(
            actor=Actor.uit_request(request),
            stap=self.get_stap(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.ConsolidatieInvoerSerializer),
        )
        return self.aangemaakt(self.consolidatie_data())


@extend_schema(tags=TAGS)
class InstemmingenView(StapBasis, generics.ListAPIView[Instemming]):
    serializer_class = s.InstemmingSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Instemming.objects.none()
        # Queries: case with my role; the step; count; page with the parties.
        return instemmingen_van(self.get_stap())

    @extend_schema(
        operation_id="instemming_list",
        summary="Instemmingen van een wyber-stap",
        description=(
            "Per vereiste partij: status, voorbehoud, formeel besluit, en of ze rond is "
            "(ingestemd én formeel besloten)."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="instemmers_update",
        summary="Vereiste instemmers wijzigen",
        description=(
            "Voegt partijen toe aan of haalt ze af van wie moet instemmen, met een reden. "
            "Alleen tijdens consolideren, na de consolidatie (anders 409). Wie als laatste "
            "nog ontbrak weghalen, consolideert de stap. Antwoordt met de stap."
        ),
        request=s.InstemmersInvoerSerializer,
        responses={200: s.WyberStapSerializer},
    )
    def post(self, request: Request, uuid: Any, stap: Any) -> Response:
        services.wijzig_instemmers(
            actor=Actor.uit_request(request),
            stap=self.get_stap(),
            **self.lees_invoer(s.InstemmersInvoerSerializer),
        )
        return Response(self.stap_data())


@extend_schema(tags=TAGS)
class InstemmingDetailView(StapBasis):
    serializer_class = s.InstemmingSerializer

    def get_instemming(self) -> Instemming:
        gevonden = instemmingen_van(self.get_stap()).filter(uuid=self.kwargs["instemming"]).first()
        if gevonden is None:
            raise NotFound(gettext("Deze instemming bestaat niet in deze wyber-stap."))
        return gevonden

    @extend_schema(operation_id="instemming_read", summary="Eén instemming opvragen")
    def get(self, request: Request, uuid: Any, stap: Any, instemming: Any) -> Response:
        # Queries: case with my role; the step; the consent with its party.
        return Response(self.get_serializer(self.get_instemming()).data)

    @extend_schema(
        operation_id="instemming_partial_update",
        summary="Instemming vastleggen",
        description=(
            "Legt vast waar een partij staat: ingestemd (eventueel onder voorbehoud), niet "
            "ingestemd of nog geen reactie, en of ze formeel heeft besloten (datum, "
            "referentie), of met besluit: de URL van een besluit van dit proces dat het formele "
            "besluit is (datum en kenmerk komen dan van het besluit). Alleen tijdens "
            "consolideren (anders 409). Zodra iedere partij rond is, is de stap "
            "geconsolideerd."
        ),
        request=s.InstemmingInvoerSerializer,
        responses={200: s.InstemmingSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, stap: Any, instemming: Any) -> Response:
        huidig = self.get_instemming()
        invoer = self.lees_invoer(s.InstemmingInvoerSerializer, partial=True)
        # The service records the whole position; what the PATCH leaves out stays as it is.
        vastgelegd = {
            "status": huidig.status,
            "voorbehoud": huidig.voorbehoud,
            "formeel_besloten": huidig.formeel_besloten,
            "besloten_op": huidig.besloten_op,
            "besluitreferentie": huidig.besluitreferentie,
            "besluit": huidig.besluit,
        }
        if "formeel_besloten" in invoer and "besluit" not in invoer:
            # Another formal decision (or none): the besluit linked before no longer holds.
            vastgelegd["besluit"] = None
        if not vastgelegd.keys() & invoer.keys():
            # Nothing of the position sent: nothing to record, as with the other PATCHes.
            return Response(self.get_serializer(huidig).data)
        services.leg_instemming_vast(
            actor=Actor.uit_request(request),
            instemming=huidig,
            **{
                **vastgelegd,
                **invoer,
                "toelichting": self.toelichting(invoer.get("toelichting", "")),
                # A formal decision sent with its date happened then; a change of anything
                # else happens now, not on the date of an earlier decision.
                "tijdstip": invoer.get("tijdstip")
                or (None if invoer.keys() & {"besloten_op", "besluit"} else timezone.now()),
            },
        )
        return Response(self.get_serializer(self.get_instemming()).data)
