"""Query filters of the case endpoints (camelCase parameter names)."""

from __future__ import annotations

import uuid
from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.events import soorten
from cases.models import (
    Aanpak,
    Bestuursproces,
    Betrokkenheid,
    Fase,
    Gebeurtenis,
    Macht,
    Notitie,
    Opdrachtgever,
    RolGemeente,
    Speler,
    Stadium,
    Standpunt,
    Status,
    Veld,
    WyberStap,
)

from .verwijzingen import lees_url


class VolgnummerFilter(django_filters.NumberFilter):
    """A whole volgnummer of 1 or more (a plain NumberFilter would accept 0.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class BestuursprocesFilter(django_filters.FilterSet):
    stadium = django_filters.ChoiceFilter(choices=Stadium.choices, help_text="Huidig stadium.")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    rolGemeente = django_filters.ChoiceFilter(
        field_name="rol_gemeente", choices=RolGemeente.choices
    )
    aanpak = django_filters.ChoiceFilter(choices=Aanpak.choices)
    titel = django_filters.CharFilter(
        field_name="titel", lookup_expr="icontains", help_text="Deel van de titel."
    )

    class Meta:
        model = Bestuursproces
        fields: list[str] = []


class GebeurtenisFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(choices=soorten.keuzes())
    vanafVolgnummer = VolgnummerFilter(
        field_name="volgnummer", lookup_expr="gte", help_text="Vanaf dit volgnummer (inclusief)."
    )
    vanafTijdstip = django_filters.IsoDateTimeFilter(
        field_name="tijdstip", lookup_expr="gte", help_text="Vanaf dit tijdstip (ISO 8601)."
    )
    totTijdstip = django_filters.IsoDateTimeFilter(
        field_name="tijdstip", lookup_expr="lte", help_text="Tot en met dit tijdstip (ISO 8601)."
    )

    class Meta:
        model = Gebeurtenis
        fields: list[str] = []


class RelatieVeld(forms.CharField):
    """An object of this case by its full URL or its uuid; cleans to the object's uuid.

    A URL must be one of this case (no query is needed to tell); a bare uuid of something
    elsewhere simply matches nothing.
    """

    # The route kwarg, where it differs from the soort.
    kwarg: str | None = None

    def __init__(
        self,
        *,
        soort: str,
        bestuursproces_uuid: uuid.UUID | None = None,
        host: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.soort = soort
        self.bestuursproces_uuid = bestuursproces_uuid
        self.host = host
        super().__init__(**kwargs)

    def clean(self, value: Any) -> uuid.UUID | None:
        tekst = super().clean(value)
        if not tekst:
            return None
        try:
            return uuid.UUID(tekst)
        except ValueError:
            pass
        try:
            proces, gevonden = lees_url(
                tekst, f"{self.soort}-detail", self.kwarg or self.soort, self.host
            )
        except ValueError:
            raise forms.ValidationError(
                gettext("Geef de URL of de uuid van een %(soort)s van dit bestuursproces.")
                % {"soort": self.naam},
                code="invalid",
            ) from None
        if proces != self.bestuursproces_uuid:
            raise forms.ValidationError(
                gettext("Deze %(soort)s hoort niet bij dit bestuursproces.") % {"soort": self.naam},
                code="does_not_exist",
            )
        return gevonden

    @property
    def naam(self) -> str:
        """The soort as messages name it, in the request's language (the model's name)."""
        return str(apps.get_model("cases", self.soort)._meta.verbose_name)


@extend_schema_field(OpenApiTypes.STR)
class RelatieFilter(django_filters.Filter):
    field_class = RelatieVeld

    def __init__(self, *, soort: str, **kwargs: Any) -> None:
        kwargs.setdefault("field_name", f"{soort}__uuid")
        kwargs.setdefault("help_text", f"URL of uuid van een {soort} van dit bestuursproces.")
        super().__init__(soort=soort, **kwargs)


class ProcesFilterSet(django_filters.FilterSet):
    """Filters below one case: relation filters learn the case and host of the request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        route = getattr(request, "resolver_match", None)
        for filter_ in self.filters.values():
            if isinstance(filter_, RelatieFilter):
                filter_.extra["bestuursproces_uuid"] = route.kwargs.get("uuid") if route else None
                filter_.extra["host"] = request.get_host() if request is not None else None


class SpelerFilter(ProcesFilterSet):
    veld = django_filters.ChoiceFilter(choices=Veld.choices)
    rolInProces = django_filters.ChoiceFilter(
        field_name="rol_in_proces", choices=Speler.RolInProces.choices
    )
    betrokkenheid = django_filters.ChoiceFilter(choices=Betrokkenheid.choices)
    organisatie = RelatieFilter(soort="organisatie")
    standpunt = django_filters.ChoiceFilter(
        field_name="huidig_standpunt",
        choices=Standpunt.choices,
        help_text="Standpunt volgens de laatste beoordeling die jij mag zien.",
    )
    macht = django_filters.ChoiceFilter(
        field_name="huidige_macht",
        choices=Macht.choices,
        help_text="Macht volgens de laatste beoordeling die jij mag zien.",
    )

    class Meta:
        model = Speler
        fields: list[str] = []


class OpdrachtgeverFilter(ProcesFilterSet):
    rol = django_filters.ChoiceFilter(choices=Opdrachtgever.Rol.choices)
    betrokkenheid = django_filters.ChoiceFilter(choices=Betrokkenheid.choices)
    organisatie = RelatieFilter(soort="organisatie")
    standpunt = django_filters.ChoiceFilter(
        field_name="huidige_steun",
        choices=Standpunt.choices,
        help_text="Steun voor het proces volgens de laatste beoordeling die jij mag zien.",
    )

    class Meta:
        model = Opdrachtgever
        fields: list[str] = []


class NotitieFilter(ProcesFilterSet):
    speler = RelatieFilter(soort="speler")
    opdrachtgever = RelatieFilter(soort="opdrachtgever")

    class Meta:
        model = Notitie
        fields: list[str] = []


class WyberStapFilter(django_filters.FilterSet):
    fase = django_filters.ChoiceFilter(choices=Fase.choices)
    stadium = django_filters.ChoiceFilter(
        choices=Stadium.choices, help_text="Het stadium waarin de stap begon."
    )

    class Meta:
        model = WyberStap
        fields: list[str] = []
