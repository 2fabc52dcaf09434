"""Beheer of the kinds of bijeenkomst: add and rename them; a kind in use stays (PROTECT)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cases.models import Bijeenkomstsoort


@admin.register(Bijeenkomstsoort)
class BijeenkomstsoortAdmin(admin.ModelAdmin[Bijeenkomstsoort]):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]
    search_fields = ["naam", "code"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Meetings keep their kind in the event log; nothing is deleted.
        return False
