from django.contrib import admin

from .models import OidcKoppeling


@admin.register(OidcKoppeling)
class OidcKoppelingAdmin(admin.ModelAdmin[OidcKoppeling]):
    """A beheerder links an existing account to a person at the identity provider."""

    list_display = ["gebruiker", "issuer", "sub", "laatst_gebruikt"]
    search_fields = ["gebruiker__username", "sub"]
    raw_id_fields = ["gebruiker"]
    readonly_fields = ["aangemaakt", "laatst_gebruikt"]
