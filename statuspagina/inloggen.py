"""Logging in to the status page, with a limit on failed attempts.

The API's token endpoint is throttled; the login form guards the same passwords, so it
refuses further attempts for a while after too many failures for one username or from one
address. The counts live in the shared cache (a database table by default), so every worker
sees them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

VENSTER = 15 * 60  # seconds a failure counts
PER_GEBRUIKER = 10
PER_ADRES = 30


class BegrensdInlogFormulier(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "te_veel_pogingen": _(
            "Te veel mislukte pogingen om in te loggen. Probeer het over een kwartier opnieuw."
        ),
    }

    def _tellers(self) -> dict[str, int]:
        gebruiker = str(self.data.get("username", "")).strip().lower()
        adres = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        return {
            f"inloggen:gebruiker:{gebruiker}": PER_GEBRUIKER,
            f"inloggen:adres:{adres}": PER_ADRES,
        }

    def clean(self) -> dict[str, Any]:
        tellers = self._tellers()
        if any(cache.get(sleutel, 0) >= grens for sleutel, grens in tellers.items()):
            raise forms.ValidationError(
                self.error_messages["te_veel_pogingen"], code="te_veel_pogingen"
            )
        try:
            return super().clean()
        except forms.ValidationError:
            for sleutel in tellers:
                cache.add(sleutel, 0, VENSTER)
                try:
                    cache.incr(sleutel)
                except ValueError:  # expired between add and incr
                    cache.set(sleutel, 1, VENSTER)
            raise
