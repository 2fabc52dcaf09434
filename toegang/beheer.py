"""The admin with a second factor for everyone who may use it (issue 12 §4)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import oidc


class BeheerSite(AdminSite):
    """Staff and superusers need a verified session (TOTP or the provider's MFA, see
    toegang/mfa.py); a logged-in but unverified beheerder is sent to the second factor."""

    login_template = "toegang/beheer_inloggen.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and bool(
            getattr(request.user, "is_verified", lambda: False)()
        )

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        gebruiker = request.user
        if (
            gebruiker.is_authenticated
            and gebruiker.is_active
            and gebruiker.is_staff
            and not self.has_permission(request)
        ):
            volgende = request.GET.get("next") or reverse("admin:index", current_app=self.name)
            return redirect(f"{reverse('toegang:tweede_factor')}?{urlencode({'next': volgende})}")
        context = {**(extra_context or {}), "sso": oidc.ingeschakeld()}
        antwoord: HttpResponse = super().login(request, context)
        return antwoord
