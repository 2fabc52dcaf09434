"""What every case-scoped view shares: the case lookup, access and the audit reason."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import ExitStack, nullcontext, suppress
from typing import Any, NoReturn

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest
from django.http.request import RawPostDataException
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import selectors
from cases.models import Bestuursproces, Rol, Zichtbaarheid
from idempotentie.api import IdempotentePostMixin
from procesregie.api.etags import VersieVerouderd, etag_van, lees_if_match
from procesregie.transacties import in_schrijfverzoek, markeer_vergrendeld, schrijfverzoek

from ..permissions import MELDING_SCHRIJVEN, LidMetSchrijfrecht
from ..serializers.basis import JAREN

AUDIT_HEADER = OpenApiParameter(
    "X-Audit-Toelichting",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="De reden van de wijziging; komt in de gebeurtenis terecht.",
)


def tijdstip_parameter(naam: str, beschrijving: str) -> OpenApiParameter:
    return OpenApiParameter(naam, OpenApiTypes.DATETIME, description=beschrijving)


def bekend_op_parameter() -> OpenApiParameter:
    return tijdstip_parameter(
        "bekendOp",
        "Zoals het bekend was op dit moment (ISO 8601, het tijdstip van vastleggen): alleen "
        "wat toen al was vastgelegd telt mee. Standaard telt alles wat nu is vastgelegd.",
    )


def lees_tijdstip(request: Request, naam: str = "tijdstip") -> dt.datetime | None:
    """The ISO 8601 moment in query parameter ``naam``, or None when it is absent.

    Without a zone it is Dutch time (TIME_ZONE). Anything unreadable is a 400 naming the
    parameter.
    """
    waarde = request.query_params.get(naam)
    if waarde is None:
        return None
    try:
        tijdstip = parse_datetime(waarde)
    except ValueError:
        tijdstip = None
    if tijdstip is None:
        raise ValidationError(
            {
                naam: [
                    serializers.ErrorDetail(
                        gettext(
                            "Geef een tijdstip in ISO 8601, bijvoorbeeld 2026-05-01T12:00:00+02:00."
                        ),
                        code="invalid",
                    )
                ]
            }
        )
    if not JAREN[0] <= tijdstip.year <= JAREN[1]:
        raise ValidationError(
            {
                naam: [
                    serializers.ErrorDetail(
                        gettext("Geef een tijdstip tussen %(van)s en %(tot)s.")
                        % {"van": JAREN[0], "tot": JAREN[1]},
                        code="invalid",
                    )
                ]
            }
        )
    if timezone.is_naive(tijdstip):
        tijdstip = timezone.make_aware(tijdstip)
    return tijdstip


class AuditToelichting(generics.GenericAPIView[Any]):
    """The one place a write view reads the reason for its change (every write passes it on)."""

    def toelichting(self, veld: str = "") -> str:
        """The body's toelichting, else the X-Audit-Toelichting header (see AUDIT_HEADER)."""
        return veld or self.request.headers.get(AUDIT_HEADER.name, "")


class VoorwaardelijkSchrijvenMixin(APIView):
    """PUT, PATCH and DELETE with If-Match act only while the resource's ETag is one of those
    named; otherwise 412 and nothing changes. Without If-Match they work as ever.

    The check runs in the write's transaction after the case row is locked, so of two
    requests with the same If-Match only the first can win: the second waits for the lock
    and then finds another ETag. The services run in that transaction.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in ("PUT", "PATCH", "DELETE"):
            return
        voorwaarde = lees_if_match(request._request)
        if voorwaarde is None:
            return
        methode = request.method.lower()
        schrijf = getattr(self, methode)

        def voorwaardelijk(request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # A write request's transaction holds the lock since the case's lookup; elsewhere
            # the check takes a transaction and the lock of its own.
            with nullcontext() if in_schrijfverzoek() else transaction.atomic():
                self.vergrendel_bestuursproces()
                if not voorwaarde.vervuld_door(self.huidige_etag(request, *args, **kwargs)):
                    raise VersieVerouderd()
                return schrijf(request, *args, **kwargs)

        # DRF looks the handler up (by method name, as here) right after initial().
        setattr(self, methode, voorwaardelijk)

    def vergrendel_bestuursproces(self) -> None:
        raise NotImplementedError

    def huidige_etag(self, request: Request, *args: Any, **kwargs: Any) -> str | None:
        """The ETag a GET of this URL would give now, read afresh by a new instance of the
        view (this one may hold objects read before the lock); None when there is nothing
        yet for a PUT to replace."""
        vers = type(self)()
        vers.request, vers.args, vers.kwargs = request, args, kwargs
        vers.format_kwarg = None
        try:
            antwoord = vers.get(request, *args, **kwargs)  # type: ignore[attr-defined]
        except (Http404, NotFound):
            if request.method == "PUT":
                return None
            raise
        return etag_van(antwoord.data)


class BestuursprocesBasis(
    AuditToelichting,
    IdempotentePostMixin,
    VoorwaardelijkSchrijvenMixin,
    generics.GenericAPIView[Any],
):
    """Base for every URL below one case: resolves the case once, for members only; a POST
    with an Idempotency-Key is done once, a PUT, PATCH or DELETE with If-Match only on the
    version the client saw."""

    # A request with any other method than GET, HEAD or OPTIONS is one transaction from its
    # first read of the case (procesregie.transacties.schrijfverzoek): the access lookup
    # locks the case row, the service takes that row without reading it again and runs in the
    # request's transaction, and an answer of 400 or more writes nothing.

    permission_classes = [IsAuthenticated, LidMetSchrijfrecht]
    schrijfrollen: frozenset[str] = Rol.schrijvend()
    melding_geen_schrijfrecht = MELDING_SCHRIJVEN
    met_details = False
    _bestuursproces: Bestuursproces | None = None
    _vergrendeld = False
    _schrijfblok: ExitStack | None = None
    # False for an upload, whose body arrives while it is read: the case then stays unlocked
    # (and SQLite's write lock free) until the service runs, which locks it itself.
    in_een_transactie = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method in SAFE_METHODS or not self.in_een_transactie:
            return super().dispatch(request, *args, **kwargs)
        self._schrijfblok = blok = ExitStack()
        try:
            antwoord = super().dispatch(request, *args, **kwargs)
        except BaseException:
            blok.__exit__(*sys.exc_info())  # rolls back
            raise
        if antwoord.status_code >= 400 and in_schrijfverzoek():
            transaction.set_rollback(True)
        try:
            blok.close()  # commits, or rolls back
        except Exception as fout:  # the commit failed: an answer as for any other error
            self.response = self.finalize_response(
                self.request, self.handle_exception(fout), *args, **kwargs
            )
            return self.response
        return antwoord

    def check_permissions(self, request: Request) -> None:
        # The write request's transaction begins here: after authentication (a request
        # without a user takes no lock), before the lookup that checks access; and inside
        # DRF's handling, so that a database too busy to begin is answered as any error of
        # the request is (503 with Retry-After).
        if self._schrijfblok is not None and request.user.is_authenticated:
            # The body is read first, so that a client that sends it slowly holds no lock
            # meanwhile (too large, it is refused when parsed, as ever).
            with suppress(RequestDataTooBig, RawPostDataException):
                request._request.body  # noqa: B018 (read for its effect)
            self._schrijfblok.enter_context(schrijfverzoek())
        super().check_permissions(request)

    def get_bestuursproces(self) -> Bestuursproces:
        if self._bestuursproces is None:
            vergrendel = in_schrijfverzoek()
            self._bestuursproces = selectors.bestuursproces_voor(
                self.request.user,
                self.kwargs["uuid"],
                met_details=self.met_details,
                vergrendel=vergrendel,
            )
            if vergrendel:
                markeer_vergrendeld(self._bestuursproces, self.request.user.pk)
                self._vergrendeld = True
        return self._bestuursproces

    def vergrendel_bestuursproces(self) -> None:
        bestuursproces = self.get_bestuursproces()
        if self._vergrendeld:
            return  # by the write request's lookup
        # Locking is no write: the services lock the same row again, in the same transaction.
        Bestuursproces.objects.select_for_update().filter(pk=bestuursproces.pk).values_list(
            "pk"
        ).get()

    def permission_denied(
        self, request: Request, message: Any = None, code: Any = None
    ) -> NoReturn:
        super().permission_denied(request, str(message or self.melding_geen_schrijfrecht), code)

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

    def lees_invoer(
        self, serializer_class: type[serializers.Serializer[Any]], *, partial: bool = False
    ) -> dict[str, Any]:
        """The request body, validated by ``serializer_class`` (which may resolve URLs of this
        case's objects, hence the context); a 400 with every field error otherwise."""
        invoer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def lees_vraag(self, serializer_class: type[serializers.Serializer[Any]]) -> dict[str, Any]:
        """The query parameters, validated by ``serializer_class``; pagination's own
        parameters are left to the paginator. A 400 naming every wrong parameter otherwise."""
        paginering = {"page", "pageSize"}
        vraag = serializer_class(
            data={k: v for k, v in self.request.query_params.items() if k not in paginering}
        )
        vraag.is_valid(raise_exception=True)
        return dict(vraag.validated_data)

    @staticmethod
    def aangemaakt(data: Any) -> Response:
        """201 Created, with a Location when the new resource has its own URL."""
        headers = {"Location": data["url"]} if "url" in data else None
        return Response(data, status=201, headers=headers)
