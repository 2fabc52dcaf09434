"""The register of event types: one registration per type says everything the type means.

A type is a subclass of :class:`Soort` decorated with :func:`registreer`, in the module of its
sub-domain in this package (``partijen``, ``wyberen``, ``interventies``, ...), the way Wagtail
registers its log actions. The registration holds:

- ``code`` and ``label``: the string services append (``"speler.beoordeeld"``) and its name;
- ``sleutels``: the payload keys every event of the type carries (``append_event`` checks);
- ``moment``: what its world time (``tijdstip``) is, in words, for the documentation;
- :meth:`Soort.pas_toe`: how replay folds it into the case (the reducer, with its rules);
- :meth:`Soort.onthoud`, :meth:`Soort.beschrijf` and :meth:`Soort.datum`: what the tijdlijn
  learns from it, how it tells it, and on which date it stands when that is a field of its own;
- :meth:`Soort.afgeschermd`: what a viewer below the event's visibility reads of its payload;
- :meth:`Soort.objecten` and :meth:`Soort.wijzigingen`: the objects it is about and what it
  changes of them (object-centric exports, OCEL 2.0);
- ``na_afronding``: whether it may be recorded about a closed case;
- ``datum_corrigeerbaar``: whether a wrong moment may be corrected by a later event
  (``gebeurtenis.datum_gecorrigeerd``), and ``momentveld``/``tabel`` with
  :meth:`Soort.corrigeer_tabellen`: where else that moment is kept.

Adding a type is adding a class to its module: no enum, no migration (types are validated by
:func:`soort`, not by database choices). Every module in this package is read on first use.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.events.canonical import formatteer_tijdstip

if TYPE_CHECKING:
    from cases.events.replay_typen import Momentopname
    from cases.events.verhaal import Beschrijving, Geheugen
    from cases.models import Gebeurtenis


# The id that stands for the case the event belongs to (its exporter knows the uuid).
DEZE_ZAAK = ""


@dataclass(frozen=True)
class Relatie:
    """An object an event is about: its type (``speler``, ``interventie``, ...), its id (the
    uuid; for a stadium its code) and its part in the event (OCEL 2.0 qualifier)."""

    objecttype: str
    id: str
    rol: str


@dataclass(frozen=True)
class Objectwijziging:
    objecttype: str
    id: str
    attribuut: str
    waarde: str | int | float | bool | None


class OnbekendeSoort(ValueError):
    """An event type nobody registered."""


class Soort:
    """What one event type means; subclass it once per type and decorate with ``registreer``."""

    code: ClassVar[str]
    label: ClassVar[str | Promise]
    sleutels: ClassVar[tuple[str, ...]] = ()
    moment: ClassVar[str | Promise] = _("wanneer het gebeurde")
    na_afronding: ClassVar[bool] = False
    datum_corrigeerbaar: ClassVar[bool] = True
    # Whether the item stands on a date of its own (``datum``) rather than at ``tijdstip``:
    # such an item moves when that date is corrected, so the tijdlijn reads on past ``tot``.
    eigen_datum: ClassVar[bool] = False

    # Where the payload repeats the event's moment, as (object key, field): a corrected moment
    # is set there too when the event is read, so replay and the tables keep agreeing.
    momentveld: ClassVar[tuple[str, str] | None] = None
    # The row that keeps the moment, as (model label, payload path to its uuid, field).
    tabel: ClassVar[tuple[str, tuple[str, ...], str] | None] = None

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        """Fold the event into the case (replay); state the rules it relies on with ``eis``."""
        raise NotImplementedError

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        """Teach the tijdlijn's memory names and numbers (also when it is not told itself)."""

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving | None:
        """The tijdlijn's sentence and link; None keeps the type off the tijdlijn."""
        return None

    def datum(self, e: Gebeurtenis, g: Geheugen) -> dt.date | None:
        """With ``eigen_datum``: the date the item stands on, as known at the end of the log."""
        return None

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        """The objects of the case this event is about, each with its part in it (OCEL 2.0
        qualifier); the case itself is always one and is not listed here."""
        return []

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        """Attributes of objects this event sets (a name, a standpunt, a phase, a status),
        for exports that follow objects over time."""
        return []

    def afgeschermd(self, e: Gebeurtenis, niveau: str) -> dict[str, Any]:
        """The payload a viewer below the event's level reads: that something was withheld."""
        return {"afgeschermd": True, "zichtbaarheid": niveau}

    def met_moment(self, payload: dict[str, Any], naar: dt.datetime) -> dict[str, Any]:
        """The payload of an event whose moment was corrected to ``naar``."""
        if self.momentveld is None:
            return payload
        sleutel, veld = self.momentveld
        return {**payload, sleutel: {**payload[sleutel], veld: formatteer_tijdstip(naar)}}

    def corrigeer_tabellen(self, e: Gebeurtenis, naar: dt.datetime) -> None:
        """Set a corrected moment in the row that keeps it (inside the correction's
        transaction); types whose rows keep no moment have nothing to do."""
        if self.tabel is None:
            return
        model, pad, veld = self.tabel
        waarde: Any = e.payload
        for sleutel in pad:
            waarde = waarde[sleutel]
        apps.get_model(model).objects.filter(uuid=waarde).update(**{veld: naar})

    @property
    def op_tijdlijn(self) -> bool:
        return type(self).beschrijf is not Soort.beschrijf


S = TypeVar("S", bound=type[Soort])

_SOORTEN: dict[str, Soort] = {}
_geladen = False


def registreer(klasse: S) -> S:
    """Register an event type (class decorator); a code may be registered once."""
    code = klasse.code
    if code in _SOORTEN and type(_SOORTEN[code]) is not klasse:
        raise RuntimeError(f"Gebeurtenistype {code} is al geregistreerd.")
    _SOORTEN[code] = klasse()
    return klasse


def _laad() -> None:
    global _geladen
    if _geladen:
        return
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    _geladen = True


def soort(code: str) -> Soort:
    """The registration of a type; :class:`OnbekendeSoort` for a code nobody registered."""
    _laad()
    try:
        return _SOORTEN[code]
    except KeyError:
        raise OnbekendeSoort(f"Onbekend gebeurtenistype: {code!r}") from None


def bestaat(code: str) -> bool:
    _laad()
    return code in _SOORTEN


def alle() -> dict[str, Soort]:
    """Every registered type by code, in code order."""
    _laad()
    return dict(sorted(_SOORTEN.items()))


def label(code: str) -> str:
    """The name of a type in the active language; the code itself for an unknown one."""
    _laad()
    gevonden = _SOORTEN.get(code)
    return str(gevonden.label) if gevonden is not None else code


def keuzes() -> list[tuple[str, str]]:
    """(code, label) for choice fields and the OpenAPI enum."""
    return [(code, str(s.label)) for code, s in alle().items()]
