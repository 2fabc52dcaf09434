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


class GebeurtenisQuerySet(models.QuerySet[Any]):
    _aantal: int | None = None

    def met_aantal(self, aantal: int) -> GebeurtenisQuerySet:
        """This queryset, counting ``aantal`` rows without asking the database: for a case's
        whole log, whose size the chain head on the case row gives (volgnummers run from 1
        without gaps). Any filter or other clone counts in the database again."""
        kopie = self.all()  # a clone; any further clone forgets the number
        kopie._aantal = aantal
        return kopie

    def count(self) -> int:
        return self._aantal if self._aantal is not None else super().count()
