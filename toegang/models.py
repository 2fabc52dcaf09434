"""Who someone is at the gemeente's identity provider: the pair (issuer, sub)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OidcKoppeling(models.Model):
    """Links an account to one identity at an OpenID Provider.

    The ``sub`` claim is the provider's stable, never reassigned identifier of a person; an
    e-mail address or a username can change hands, so an account is never found by those.
    """

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_koppelingen",
        verbose_name=_("gebruiker"),
    )
    issuer = models.CharField(_("identity provider (issuer)"), max_length=255)
    sub = models.CharField(_("sub"), max_length=255, help_text=_("De sub-claim van de persoon."))
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    laatst_gebruikt = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met de identity provider")
        verbose_name_plural = _("koppelingen met de identity provider")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="oidc_koppeling_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.sub}"
