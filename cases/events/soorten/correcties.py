"""Corrections of when a fact happened: never an edit, a fact of its own.

The corrected event keeps its place in the chain with its original moment; reading the
history (:func:`cases.events.wereldtijd.geschiedenis`) puts it at its corrected moment, and
the tijdlijn tells the correction itself as well.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, met_reden
from cases.events.wereldtijd import DATUMCORRECTIE
from cases.models import Gebeurtenis

from . import Soort, label, registreer


def _dag(moment: str) -> str:
    return str(formats.date_format(timezone.localtime(dt.datetime.fromisoformat(moment)), "j F Y"))


@registreer
class DatumGecorrigeerd(Soort):
    code = DATUMCORRECTIE
    label = gettext_lazy("Datum gecorrigeerd")
    # gebeurtenis: the corrected event's volgnummer; type and hash name it beyond doubt.
    sleutels = ("gebeurtenis", "type", "hash", "van", "naar")
    moment = gettext_lazy("wanneer de correctie werd vastgelegd")
    # A closed case's history may still be put right; the moved fact is checked as any other.
    na_afronding = True
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        # The history reads the corrected event at its new moment; nothing else changes.
        return None

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        tekst = _(
            "Datum van '%(soort)s' (gebeurtenis %(volgnummer)s) gecorrigeerd: %(van)s werd %(naar)s"
        ) % {
            "soort": label(p["type"]),
            "volgnummer": p["gebeurtenis"],
            "van": _dag(p["van"]),
            "naar": _dag(p["naar"]),
        }
        return met_reden(tekst, e.toelichting), None
