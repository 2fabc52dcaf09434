"""One row per (user, Idempotency-Key): what the request was and the answer it got."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a key is remembered. The draft leaves it to the server; clients retry within
# minutes, and a day covers a client that comes back after a night's outage.
BEWAARTERMIJN = dt.timedelta(hours=24)


class IdempotentVerzoek(models.Model):
    """The first successful answer to a POST with this key, replayed on every retry.

    The row is inserted before the request's own write and completed after it, in the same
    transaction, so no other request ever sees it half done: a concurrent retry with the same
    key waits for that transaction (the unique constraint) and then gets the answer.
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gebruiker"),
        db_index=False,  # idempotentie_sleutel_per_gebruiker starts with it
    )
    sleutel = models.CharField(_("sleutel"), max_length=255)
    vingerafdruk = models.CharField(
        _("vingerafdruk"), max_length=64, help_text=_("SHA-256 van methode, pad en inhoud.")
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    status = models.PositiveSmallIntegerField(_("status"), null=True)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=100, blank=True)
    inhoud = models.BinaryField(_("inhoud"), default=b"")
    locatie = models.TextField(_("locatie"), blank=True)

    class Meta:
        verbose_name = _("idempotent verzoek")
        verbose_name_plural = _("idempotente verzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="idempotentie_sleutel_per_gebruiker"
            )
        ]
        indexes = [models.Index(fields=["aangemaakt"], name="idempotentie_aangemaakt")]

    def __str__(self) -> str:
        return f"{self.gebruiker_id}: {self.sleutel}"

    @staticmethod
    def verlopen_voor(nu: dt.datetime | None = None) -> dt.datetime:
        """Keys made before this moment are forgotten."""
        return (nu or timezone.now()) - BEWAARTERMIJN
