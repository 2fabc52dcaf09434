"""Single sign-on through the gemeente's OpenID Provider (mozilla-django-oidc).

Users are matched on the ID token's (``iss``, ``sub``) only (``OidcKoppeling``); an account
unknown to the app is made when ``OIDC_CREATE_USER`` is on, without memberships or beheer
rights.

Login limits: the callback logs in through ``django.contrib.auth.authenticate``, the same
door the password logins use. A limiter hooked there (django-axes: its backend first in
``AUTHENTICATION_BACKENDS`` and its ``user_login_failed`` handler) therefore refuses a locked
out address at the callback too and counts every failed callback; ``OidcBackend`` raises
nothing of its own that would bypass it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .mfa import SESSIE_MFA_DOOR_IDP, idp_bevestigt_mfa
from .services import gebruiker_voor_identiteit


def ingeschakeld() -> bool:
    """SSO is on when a provider is configured (OIDC_RP_CLIENT_ID and its endpoints)."""
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def controleer_publiek(payload: dict[str, Any]) -> None:
    """OIDC Core 3.1.3.7: the ID token is meant for this client (``aud``, and ``azp`` when
    there are several audiences). mozilla-django-oidc leaves the audience unchecked."""
    publiek = payload.get("aud")
    publieken = [publiek] if isinstance(publiek, str) else list(publiek or [])
    if settings.OIDC_RP_CLIENT_ID not in publieken:
        raise SuspiciousOperation("Het ID-token is niet voor deze client (aud).")
    if len(publieken) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
        raise SuspiciousOperation("Het ID-token is niet voor deze client (azp).")


class OidcBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if not ingeschakeld():
            return None
        gebruiker = super().authenticate(request, **kwargs)
        if gebruiker is not None and not gebruiker.is_active:
            return None
        return gebruiker

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> AbstractBaseUser | None:
        issuer = str(payload.get("iss", ""))
        sub = str(payload.get("sub", ""))
        if not sub:
            raise SuspiciousOperation("Het ID-token heeft geen sub.")
        if settings.OIDC_OP_ISSUER and issuer != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation(f"Onverwachte issuer {issuer!r}.")
        controleer_publiek(payload)
        claims = dict(payload)
        if settings.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            # OIDC Core 5.3.2: the userinfo response is about the token's subject or no one.
            if str(userinfo.get("sub", "")) != sub:
                raise SuspiciousOperation("De sub van userinfo wijkt af van het ID-token.")
            claims = {**userinfo, **payload}
        gebruiker = gebruiker_voor_identiteit(
            issuer=issuer, sub=sub, claims=claims, aanmaken=settings.OIDC_CREATE_USER
        )
        if gebruiker is not None:
            # Read by the callback view once the session exists (see Callback.login_success).
            gebruiker._toegang_mfa = idp_bevestigt_mfa(payload)  # type: ignore[attr-defined]
        return gebruiker


class Aanvraag(OIDCAuthenticationRequestView):
    """The way out to the provider; there is none when no provider is configured."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not ingeschakeld():
            raise Http404
        antwoord: HttpResponse = super().get(request)
        return antwoord


class Callback(OIDCAuthenticationCallbackView):
    """The provider's redirect back. Marks the session when the provider asserted MFA."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not ingeschakeld():
            raise Http404
        antwoord: HttpResponse = super().get(request)
        return antwoord

    def login_success(self) -> HttpResponse:
        antwoord = super().login_success()
        self.request.session[SESSIE_MFA_DOOR_IDP] = bool(getattr(self.user, "_toegang_mfa", False))
        return antwoord


def uitlog_url(request: HttpRequest) -> str:
    """Where logging out leads: to the provider's end-session endpoint when the session came
    from SSO (so the provider's session ends too), and back to the login page from there."""
    terug = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (id_token and settings.OIDC_OP_LOGOUT_ENDPOINT):
        return terug
    parameters = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": request.build_absolute_uri(terug),
        "client_id": settings.OIDC_RP_CLIENT_ID,
    }
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(parameters)}"
