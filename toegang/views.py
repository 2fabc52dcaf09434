"""The second factor for beheer: a TOTP code for a session that has logged in but is not
yet verified (password or SSO without MFA); setting up a device goes through
django-two-factor-auth's wizard."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import auth
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from . import oidc


class CodeFormulier(forms.Form):
    code = forms.CharField(
        label=_("Code uit de authenticator-app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _volgende(request: HttpRequest) -> str:
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return resolve_url("admin:index")


@login_required
def tweede_factor(request: HttpRequest) -> HttpResponse:
    volgende = _volgende(request)
    if request.user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(volgende)
    if not user_has_device(request.user):
        # First time: set up TOTP (QR code and a first code) in django-two-factor-auth.
        return redirect(f"{reverse('two_factor:setup')}?{urlencode({'next': volgende})}")
    formulier = CodeFormulier(request.POST or None)
    if request.method == "POST" and formulier.is_valid():
        apparaat = match_token(request.user, formulier.cleaned_data["code"])
        if apparaat is not None:
            otp_login(request, apparaat)
            return HttpResponseRedirect(volgende)
        formulier.add_error("code", _("Deze code klopt niet of is verlopen."))
    return render(request, "toegang/tweede_factor.html", {"form": formulier, "next": volgende})


@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    """Log out here, and at the identity provider when the session came from SSO."""
    doel = oidc.uitlog_url(request)
    auth.logout(request)
    return HttpResponseRedirect(doel)
