"""Logging in to the status page, with a limit on failed attempts.

The API's token endpoint is throttled; the login form guards the same passwords, so after too
many failures for one username it refuses further attempts for that username for a while.
The count is per username, not per address: behind a proxy every user shares one address,
and one person's typos must not lock everybody out. The counts live in the shared cache (a
database table by default), under a hash of the username, so any cache backend accepts the
key whatever the username holds.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

VENSTER = 15 * 60  # seconds a failure counts
PER_GEBRUIKER = 10


def _sleutel(gebruikersnaam: str) -> str:
    genormaliseerd = gebruikersnaam.strip().casefold().encode()
    return "inloggen:mislukt:" + hashlib.sha256(genormaliseerd).hexdigest()


class BegrensdInlogFormulier(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "te_veel_pogingen": _(
            "Te veel mislukte pogingen om in te loggen. Probeer het over een kwartier opnieuw."
        ),
    }

    def clean(self) -> dict[str, Any]:
        sleutel = _sleutel(str(self.data.get("username", "")))
        if cache.get(sleutel, 0) >= PER_GEBRUIKER:
            raise forms.ValidationError(
                self.error_messages["te_veel_pogingen"], code="te_veel_pogingen"
            )
        try:
            return super().clean()
        except forms.ValidationError:
            cache.add(sleutel, 0, VENSTER)
            try:
                cache.incr(sleutel)
            except ValueError:  # expired between add and incr
                cache.set(sleutel, 1, VENSTER)
            raise
