"""The second factor for beheer: TOTP (django-otp), or MFA asserted by the identity provider.

Staff and superusers reach the admin only with a verified session (``BeheerSite``). The
session is verified by a TOTP code (``toegang:tweede_factor``), or, when
``MFA_VIA_IDP_TOEGESTAAN`` is on, by an SSO login whose ID token says the provider did MFA:
``amr`` containing one of ``OIDC_MFA_AMR`` or ``acr`` one of ``OIDC_MFA_ACR``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_otp.middleware import OTPMiddleware

SESSIE_MFA_DOOR_IDP = "toegang_mfa_door_idp"


def idp_bevestigt_mfa(claims: dict[str, Any]) -> bool:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR):
        return True
    acr = claims.get("acr")
    return bool(acr) and acr in settings.OIDC_MFA_ACR


class MfaMiddleware(OTPMiddleware):
    """django-otp's middleware, and a session whose SSO login carried MFA counts as
    verified (when the setting allows it)."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        user = super()._verify_user_sync(request, user)
        if (
            user.is_authenticated
            and settings.MFA_VIA_IDP_TOEGESTAAN
            and request.session.get(SESSIE_MFA_DOOR_IDP)
        ):
            user.is_verified = lambda: True
        return user
