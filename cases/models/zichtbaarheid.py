"""Visibility levels of sensitive content, and which roles see which level."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .lidmaatschap import Rol


class Zichtbaarheid(models.TextChoices):
    """Ordered from open to closed: every member, regisseur and kernteam, regisseur only."""

    PROCES = "proces", _("Alle leden van het proces")
    KERNTEAM = "kernteam", _("Procesregisseur en kernteam")
    REGISSEUR = "regisseur", _("Alleen de procesregisseur")

    @property
    def rang(self) -> int:
        return list(Zichtbaarheid).index(self)

    @classmethod
    def voor_rol(cls, rol: str | None) -> frozenset[str]:
        """The levels a member with this role may see (nothing for a non-member)."""
        hoogste = {
            Rol.PROCESREGISSEUR: cls.REGISSEUR,
            Rol.KERNTEAM: cls.KERNTEAM,
            Rol.OPDRACHTGEVER: cls.PROCES,
            Rol.EVALUATOR: cls.PROCES,
        }.get(rol)  # type: ignore[call-overload]
        if hoogste is None:
            return frozenset()
        return frozenset(niveau.value for niveau in cls if niveau.rang <= hoogste.rang)
