"""Users and groups in the admin, as Django offers them, with the moments the system records
(last login, joined) shown, not edited: nobody should set them by hand, and their date-and-time
inputs had no labels."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    readonly_fields = ("last_login", "date_joined")
