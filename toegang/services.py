"""Writes of the access app: finding or making the account of a person at the provider."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import OidcKoppeling


@transaction.atomic
def gebruiker_voor_identiteit(
    *, issuer: str, sub: str, claims: dict[str, Any], aanmaken: bool
) -> AbstractBaseUser | None:
    """The account linked to (issuer, sub); with ``aanmaken`` a new account, linked, when
    there is none. Never by e-mail or username: those are not the person's identity.

    A new account has no memberships and no beheer rights: what it sees is decided as for
    anyone else, by the memberships a regisseur gives it.
    """
    koppeling = (
        OidcKoppeling.objects.select_for_update()
        .select_related("gebruiker")
        .filter(issuer=issuer, sub=sub)
        .first()
    )
    if koppeling is not None:
        koppeling.laatst_gebruikt = timezone.now()
        koppeling.save(update_fields=["laatst_gebruikt"])
        return koppeling.gebruiker
    if not aanmaken:
        return None
    model = get_user_model()
    gebruiker = model.objects.create_user(
        username=_vrije_gebruikersnaam(issuer, sub, claims),
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
        email=str(claims.get("email", ""))[:254],
    )
    gebruiker.set_unusable_password()
    gebruiker.save(update_fields=["password"])
    OidcKoppeling.objects.create(
        gebruiker=gebruiker, issuer=issuer, sub=sub, laatst_gebruikt=timezone.now()
    )
    return gebruiker


def _vrije_gebruikersnaam(issuer: str, sub: str, claims: dict[str, Any]) -> str:
    """The provider's preferred_username when it is still free, else one derived from the
    identity; an existing account with that name is never taken over."""
    model = get_user_model()
    voorkeur = str(claims.get("preferred_username", ""))[:150]
    if voorkeur and not model.objects.filter(username=voorkeur).exists():
        return voorkeur
    vingerafdruk = hashlib.sha256(f"{issuer}\n{sub}".encode()).hexdigest()[:16]
    return f"oidc-{vingerafdruk}"
