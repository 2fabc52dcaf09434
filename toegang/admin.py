"""The admin of access: API tokens (who has one and until when, never the token itself: the
SHA-512 digest, useless for logging in, is only the row key in the admin's URLs) and the links
between accounts and people at the gemeente's identity provider."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from knox.models import AuthToken

from . import admin_gebruikers  # noqa: F401  (registers the users' admin)
from .models import OidcKoppeling

# knox's own admin lists the digest and prints a new token in a message; replaced.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin[AuthToken]):
    """A beheerder ends tokens here (delete); nobody creates or reads them."""

    list_display = ["user", "created", "expiry"]
    list_filter = ["expiry"]
    search_fields = ["user__username"]
    fields = ("user", "created", "expiry")
    readonly_fields = ("user", "created", "expiry")
    ordering = ["-created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OidcKoppeling)
class OidcKoppelingAdmin(admin.ModelAdmin[OidcKoppeling]):
    """A beheerder links an existing account to a person at the identity provider."""

    list_display = ["gebruiker", "issuer", "sub", "laatst_gebruikt"]
    search_fields = ["gebruiker__username", "sub"]
    raw_id_fields = ["gebruiker"]
    readonly_fields = ["aangemaakt", "laatst_gebruikt"]
