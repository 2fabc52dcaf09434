"""Named queryset methods for the case aggregate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class BestuursprocesQuerySet(models.QuerySet[Any]):
    def voor_lid(self, gebruiker: AbstractBaseUser | AnonymousUser) -> BestuursprocesQuerySet:
        """Only the cases the user is a member of, annotated with the user's role there.

        Filter and annotation use the same join, so each case appears once with ``mijn_rol``.
        """
        if not gebruiker.is_authenticated:
            return self.none()
        return self.van_lid(gebruiker.pk)

    def van_lid(self, gebruiker_pk: Any) -> BestuursprocesQuerySet:
        """:meth:`voor_lid` of the user with this primary key."""
        return self.filter(lidmaatschappen__gebruiker=gebruiker_pk).annotate(
            mijn_rol=models.F("lidmaatschappen__rol")
        )
