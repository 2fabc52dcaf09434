"""Shared serializer building blocks: strict input, the stadium enum, case URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.events.wereldtijd import moment_van_datum
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    Stadium,
    Standpunt,
)
from procesregie.api.keuzevelden import keuzeveld
from procesregie.api.velden import Serializer as Serializer

from ..verwijzingen import lees_url

# The years a moment or date asked for in a query may lie in: far outside any case, and near
# the ends of the calendar the conversion to UTC or Dutch time overflows.
JAREN = (1900, 2999)


TIJDSTIP_UITLEG = (
    "Wanneer het gebeurde (werkelijke tijd, ISO 8601): een datum-tijd, of een datum voor die "
    "dag (Nederlandse tijd; vandaag betekent nu). Standaard nu. Niet in de toekomst en niet "
    "vóór de opening van het bestuursproces; iets dat later wordt vastgelegd dan het gebeurde, "
    "moet passen in de geschiedenis op dat moment en alles wat daarna gebeurde geldig laten "
    "(anders 409 geschiedenisconflict)."
)


@extend_schema_field(OpenApiTypes.DATETIME)
class MomentField(serializers.DateTimeField):
    """A moment in world time: a date-time, or a bare date meaning that day."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "Geef een datum-tijd of een datum in ISO 8601, bijvoorbeeld 2016-03-01."
        ),
        "jaar": gettext_lazy("Geef een moment tussen 1900 en 2999."),
        "toekomst": gettext_lazy("Dit tijdstip ligt in de toekomst."),
    }

    def to_internal_value(self, value: Any) -> dt.datetime:
        if isinstance(value, str) and len(value) == 10:
            try:
                datum = dt.date.fromisoformat(value)
            except ValueError:
                self.fail("invalid")
            if not JAREN[0] <= datum.year <= JAREN[1]:
                self.fail("jaar")
            if datum > timezone.localdate():
                self.fail("toekomst")
            proces = self.context.get("bestuursproces")
            moment = moment_van_datum(datum, niet_voor=proces.geopend_op if proces else None)
            assert moment is not None
            return moment
        moment = super().to_internal_value(value)
        if not JAREN[0] <= moment.year <= JAREN[1]:
            self.fail("jaar")
        return moment


class WereldtijdMixin(Serializer):
    # A fact's moment in world time (see TIJDSTIP_UITLEG); absent means now.
    tijdstip = MomentField(required=False, help_text=TIJDSTIP_UITLEG)


class StriktMixin(Serializer):
    # Refuse properties the resource does not have instead of silently ignoring them.
    #
    # Checked in ``to_internal_value`` (not ``validate``) so that it also works for nested
    # serializers, which have no ``initial_data``, and so that unknown properties are listed
    # together with every other field error. (A comment, not a docstring: the OpenAPI document
    # takes a serializer's docstring, inherited ones included, as the Dutch description.)

    onbekend_redenen: dict[str, str] = {}

    def to_internal_value(self, data: Any) -> Any:
        onbekend: dict[str, Any] = {}
        if isinstance(data, Mapping):
            onbekend = {
                naam: [
                    serializers.ErrorDetail(
                        self.onbekend_redenen.get(naam) or gettext("Onbekend veld."), code="unknown"
                    )
                ]
                for naam in sorted(set(data) - set(self.fields))
            }
            # DRF turns numbers into text; a client sending 0 for a text meant something else.
            onbekend |= {
                naam: [serializers.ErrorDetail(gettext("Geef tekst op."), code="invalid")]
                for naam, veld in self.fields.items()
                if isinstance(veld, serializers.CharField)
                and naam in data
                and data[naam] is not None
                and not isinstance(data[naam], str)
            }
            # Likewise 0/1 and "true" for a boolean: JSON has true and false.
            onbekend |= {
                naam: [serializers.ErrorDetail(gettext("Geef true of false."), code="invalid")]
                for naam, veld in self.fields.items()
                if isinstance(veld, serializers.BooleanField)
                and naam in data
                and data[naam] is not None
                and not isinstance(data[naam], bool)
            }
        try:
            waarde = super().to_internal_value(data)
        except serializers.ValidationError as fout:
            if onbekend and isinstance(fout.detail, dict):
                raise serializers.ValidationError({**fout.detail, **onbekend}) from fout
            raise
        if onbekend:
            raise serializers.ValidationError(onbekend)
        return waarde


@extend_schema_field(serializers.ChoiceField(choices=Stadium.choices), component_name="StadiumEnum")
class StadiumField(serializers.ChoiceField):
    """A stadium; one enum component in the OpenAPI document wherever a stadium appears."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Stadium.choices, **kwargs)


@extend_schema_field(
    {"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]}
)
class UrlOfLeegField(serializers.URLField):
    """A URL that may be absent, given as '' (as the model keeps it): the document says so,
    so that a client that checks formats accepts the ''."""


# Links are built from templates: each route reversed once per process (per script prefix
# and URLconf) with a nil-like uuid per path parameter (uuid4 never makes them, nothing else
# in a URL looks like them), the path split around them, and the request's scheme and host
# put in front once per request. A case list of 50 cases with 19 links each otherwise
# resolved the URL patterns 950 times (about half the time of the list).
_PADSJABLONEN: dict[
    tuple[str, str, str, tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]
] = {}
_SJABLONEN = "_url_sjablonen"


def _padsjabloon(naam: str, namen: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The path of route ``naam`` as the pieces between its parameters, and their order."""
    # Per URLconf too: a request may carry its own, and tests swap the root one.
    sleutel = (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF), naam, namen)
    if sleutel not in _PADSJABLONEN:
        plaatsen = {k: f"00000000-0000-0000-0000-{i:012d}" for i, k in enumerate(namen)}
        pad = django_reverse(naam, kwargs=plaatsen)
        delen: list[str] = []
        volgorde: list[str] = []
        for k, plaats in sorted(plaatsen.items(), key=lambda p: pad.index(p[1])):
            voor, _, pad = pad.partition(plaats)
            delen.append(voor)
            volgorde.append(k)
        _PADSJABLONEN[sleutel] = ((*delen, pad), tuple(volgorde))
    return _PADSJABLONEN[sleutel]


def _sjabloon(
    naam: str, namen: tuple[str, ...], context: dict[str, Any]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`_padsjabloon` as absolute URLs of this request (kept in the serializer context,
    which is per request)."""
    sjablonen = context.setdefault(_SJABLONEN, {})
    sleutel = (naam, namen)
    if sleutel not in sjablonen:
        delen, volgorde = _padsjabloon(naam, namen)
        request = context.get("request")
        # As DRF's reverse() does it: the request's scheme and host before the path.
        basis = request.build_absolute_uri("/")[:-1] if request is not None else ""
        sjablonen[sleutel] = ((basis + delen[0], *delen[1:]), volgorde)
    return cast("tuple[tuple[str, ...], tuple[str, ...]]", sjablonen[sleutel])


def case_url(naam: str, bestuursproces: Bestuursproces, context: Mapping[str, Any]) -> str:
    """The absolute URL of route ``naam`` of ``bestuursproces`` (path parameter ``uuid``)."""
    return object_url(naam, context, uuid=bestuursproces.uuid)


def case_urls(
    routes: Mapping[str, str], bestuursproces: Bestuursproces, context: Mapping[str, Any]
) -> dict[str, str]:
    """:func:`case_url` of each route in ``routes`` (name: route), by name, with the case's
    uuid turned into text once."""
    if not isinstance(context, dict):
        return {naam: case_url(route, bestuursproces, context) for naam, route in routes.items()}
    # The templates of this set of routes, looked up once per request (kept with the set
    # itself, so that another mapping at the same address is never taken for it).
    sleutel = (_SJABLONEN, id(routes))
    gevonden = context.get(sleutel)
    if gevonden is None or gevonden[0] is not routes:
        gevonden = context[sleutel] = (
            routes,
            [(naam, *_sjabloon(route, ("uuid",), context)[0]) for naam, route in routes.items()],
        )
    paren = gevonden[1]
    uuid = str(bestuursproces.uuid)
    return {naam: f"{voor}{uuid}{na}" for naam, voor, na in paren}


def object_url(naam: str, context: Mapping[str, Any], **kwargs: Any) -> str:
    """The absolute URL of route ``naam`` with path parameters ``kwargs`` (uuids), as
    ``reverse(naam, kwargs=kwargs, request=...)`` gives it, from the route's template."""
    if not isinstance(context, dict):
        return reverse(naam, kwargs=kwargs, request=context.get("request"))
    delen, volgorde = _sjabloon(naam, tuple(kwargs), context)
    url = delen[0]
    for k, deel in zip(volgorde, delen[1:], strict=True):
        url += f"{kwargs[k]}{deel}"
    return url


@extend_schema_field(OpenApiTypes.URI)
class ProcesRelatieField(serializers.Field):
    """An object of this case (organisatie, speler, opdrachtgever), shown and given as its URL.

    In input only the URL of such an object of the case in the request's path is accepted;
    anything else, the URL of another case's object included, is a field error. The route is
    ``<model name>-detail`` with the object's uuid in the path parameter ``<model name>``,
    unless ``route`` and ``kwarg`` say otherwise.
    """

    default_error_messages = {
        "invalid": "Geef de volledige URL van een {soort} van dit bestuursproces.",
        "does_not_exist": "Dit bestuursproces heeft geen {soort} met deze URL.",
    }

    def __init__(
        self,
        *,
        model: type[models.Model],
        route: str | None = None,
        kwarg: str | None = None,
        soort: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.model = model
        naam = model._meta.model_name or ""
        self.soort = soort or naam
        self.route = route or f"{naam}-detail"
        self.kwarg = kwarg or naam
        super().__init__(**kwargs)

    def pad_kwargs(self, value: Any) -> dict[str, Any]:
        """The path parameters of ``value``'s URL besides the case's uuid."""
        return {self.kwarg: value.uuid}

    def zoek(self, gevonden: models.QuerySet[Any]) -> models.QuerySet[Any]:
        """Narrow the case's objects with the uuid of the URL further (see subclasses)."""
        return gevonden

    def to_representation(self, value: Any) -> str:
        return reverse(
            f"api:{self.route}",
            kwargs={"uuid": self.context["bestuursproces"].uuid, **self.pad_kwargs(value)},
            request=self.context.get("request"),
        )

    def to_internal_value(self, data: Any) -> models.Model:
        request = self.context.get("request")
        bestuursproces: Bestuursproces = self.context["bestuursproces"]
        try:
            proces_uuid, object_uuid = lees_url(
                data,
                self.route,
                self.kwarg,
                request.get_host() if request is not None else None,
            )
        except ValueError:
            self.fail("invalid", soort=self.soort)
        if proces_uuid != bestuursproces.uuid:
            self.fail("does_not_exist", soort=self.soort)
        gevonden = self.zoek(
            self.model._default_manager.filter(bestuursproces=bestuursproces, uuid=object_uuid)
        ).first()
        if gevonden is None:
            self.fail("does_not_exist", soort=self.soort)
        return gevonden


# One enum component each, wherever they appear (also as van/naar, steun, a group's standpunt).
BetrokkenheidField = keuzeveld("BetrokkenheidEnum", Betrokkenheid.choices)
StandpuntField = keuzeveld("StandpuntEnum", Standpunt.choices)
