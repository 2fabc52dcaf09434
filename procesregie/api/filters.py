"""Query filters shared by every app's API."""

from __future__ import annotations

import django_filters
from django import forms

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
                [forms.ValidationError("Onbekende parameter.", code="unknown")]
            )
        return geldig and not onbekend
