"""Visibility levels of sensitive content, and which roles see which level."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from .lidmaatschap import Rol


class Zichtbaarheid(models.TextChoices):
    """Ordered from open to closed: every member; regisseur, kernteam and evaluatoren;
    regisseur and kernteam; regisseur only.

    ``evaluatie`` is the level an item is released to for evaluation: an evaluator reads it,
    an opdrachtgever (who also reads ``proces``) does not, so releasing the regisseur's
    notes to an evaluator never shows them to the people they are about.
    """

    PROCES = "proces", _("Alle leden van het proces")
    EVALUATIE = "evaluatie", _("Procesregisseur, kernteam en evaluatoren")
    KERNTEAM = "kernteam", _("Procesregisseur en kernteam")
    REGISSEUR = "regisseur", _("Alleen de procesregisseur")

    @property
    def rang(self) -> int:
        return _RANG[self]

    @classmethod
    def voor_rol(cls, rol: str | None) -> frozenset[str]:
        """The levels a member with this role may see (nothing for a non-member), as a
        :class:`Zicht`, which also reads events released to those levels."""
        return Zicht(_NIVEAUS_VOOR_ROL.get(rol, ()))  # type: ignore[call-overload]


# Every write asks these (its level's rank, the levels of the writer's role): looked up, not
# built from the enum each time.
_RANG = {niveau: rang for rang, niveau in enumerate(Zichtbaarheid)}
# Every level: a reader who sees them all needs no check per event.
ALLE_NIVEAUS = frozenset(Zichtbaarheid.values)
_NIVEAUS_VOOR_ROL = {
    rol: tuple(niveau.value for niveau in Zichtbaarheid if _RANG[niveau] <= _RANG[hoogste])
    for rol, hoogste in (
        (Rol.PROCESREGISSEUR, Zichtbaarheid.REGISSEUR),
        (Rol.KERNTEAM, Zichtbaarheid.KERNTEAM),
        (Rol.OPDRACHTGEVER, Zichtbaarheid.PROCES),
        (Rol.EVALUATOR, Zichtbaarheid.EVALUATIE),
    )
}


class Zicht(frozenset[str]):
    """The levels one viewer reads, for one read (a request, an export, a page).

    An event keeps the level it was logged at (its hash covers it); a later release
    (``zichtbaarheid.verruimd``) lowers the level it is *read* at. Every check of an event
    against a viewer goes through :meth:`niveau_van`, which loads the releases of a case
    once, on first need, and keeps them for the rest of this read: an export of 100,000 lines
    costs one query more, not one per line. Make a new one per read (``voor_rol``), so that
    a release made meanwhile is seen by the next. ``zaak`` binds it to one case, for readers
    of rows that do not carry their case (the exports).
    """

    zaak: int | None
    _vrij: dict[int, dict[int, str]]

    def __new__(cls, niveaus: Iterable[str] = (), *, zaak: int | None = None) -> Zicht:
        zicht = super().__new__(cls, niveaus)
        zicht.zaak = zaak
        zicht._vrij = {}
        return zicht

    def gebonden(self, bestuursproces_id: int) -> Zicht:
        """The same levels and releases, bound to one case."""
        zicht = Zicht(self, zaak=bestuursproces_id)
        zicht._vrij = self._vrij
        return zicht

    def vrijgegeven(self, bestuursproces_id: int) -> dict[int, str]:
        """Volgnummer → level for the released events of a case (loaded once)."""
        if bestuursproces_id not in self._vrij:
            # The event table lives above this module; imported when first needed.
            from cases.events.vrijgave import laad_vrijgaven

            self._vrij[bestuursproces_id] = laad_vrijgaven(bestuursproces_id)
        return self._vrij[bestuursproces_id]

    def niveau_van(self, volgnummer: int, gelogd: str, bestuursproces_id: int | None = None) -> str:
        """The level an event is read at: the level it was logged at, or the level it was
        released to, whichever is more open."""
        zaak = bestuursproces_id if bestuursproces_id is not None else self.zaak
        if gelogd in self or zaak is None:
            return gelogd  # visible anyway: no release needs loading
        vrij = self.vrijgegeven(zaak).get(volgnummer)
        if vrij is not None and Zichtbaarheid(vrij).rang < Zichtbaarheid(gelogd).rang:
            return vrij
        return gelogd
