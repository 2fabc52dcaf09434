"""Query filters shared by every app's API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend

# The paginator reads these itself.
PAGINERING = frozenset({"page", "pageSize"})


class StrikteFilterSet(django_filters.FilterSet):
    """Refuses query parameters it does not know, listed together with any invalid value, so
    that a misspelt filter is a 400 rather than a silently unfiltered list."""

    def is_valid(self) -> bool:
        geldig = super().is_valid()
        onbekend = sorted(set(self.data) - set(self.filters) - PAGINERING)
        for naam in onbekend:
            self.form.errors[naam] = self.form.error_class(
                [forms.ValidationError(gettext("Onbekende parameter."), code="unknown")]
            )
        return geldig and not onbekend


class Filterbackend(DjangoFilterBackend):
    """django-filter's backend, except that a request naming no query parameter besides the
    paginator's is not filtered at all: every filter is then empty (none is required), so the
    list is what the filterset would give, without building its form (a fixed cost of every
    plain list request)."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        if set(request.query_params).issubset(PAGINERING):
            return queryset
        return super().filter_queryset(request, queryset, view)
