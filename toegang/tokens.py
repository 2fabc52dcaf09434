"""API tokens: issue, end one, end all. Credentials, not case data: no event of any case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken


@transaction.atomic
def geef_token(gebruiker: Any) -> tuple[str, dt.datetime | None]:
    """A new token for ``gebruiker`` and when it expires. Only its hash is stored, so this is
    the one moment the token itself exists; the user's expired tokens are cleared."""
    AuthToken.objects.filter(user=gebruiker, expiry__lt=timezone.now()).delete()
    instantie, token = AuthToken.objects.create(user=gebruiker)
    return token, instantie.expiry


def beeindig_token(token: AuthToken) -> None:
    token.delete()


def beeindig_alle_tokens(gebruiker: Any) -> int:
    """Ends every token of ``gebruiker``; returns how many there were."""
    aantal, _ = AuthToken.objects.filter(user=gebruiker).delete()
    return aantal
