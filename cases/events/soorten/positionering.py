"""The regisseur's positionering per veld: never edited, a new choice is a new record."""

from __future__ import annotations

import copy
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, kort, label, met_reden
from cases.models import Gebeurtenis, Positie, PositioneringsVeld

from . import Relatie, Soort, registreer


@registreer
class PositioneringGekozen(Soort):
    code = "positionering.gekozen"
    label = gettext_lazy("Positionering gekozen")
    sleutels = ("positionering",)
    moment = gettext_lazy("sinds wanneer de positie geldt (sinds)")
    # Its moment is its own field, sinds; a wrong one is put right by choosing again.
    datum_corrigeerbaar = False
    eigen_datum = True

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        # The history per veld is the list of choices.
        staat["positioneringen"].append(copy.deepcopy(e.payload["positionering"]))

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        stap = e.payload["positionering"].get("wyberstap")
        return [Relatie("wyberstap", str(stap), "in stap")] if stap else []

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload["positionering"]
        tekst = _("Positie in het %(veld)s: %(positie)s") % {
            "veld": label(PositioneringsVeld, p["veld"]),
            "positie": label(Positie, p["positie"]),
        }
        if p["omschrijving"].strip():
            tekst += f" ({kort(p['omschrijving'])})"
        return met_reden(tekst, p["toelichting"]), Verwijzing(
            "positionering-detail", {"positionering": p["uuid"]}
        )

    def datum(self, e: Gebeurtenis, g: Geheugen) -> dt.date | None:
        sinds = e.payload["positionering"]["sinds"]
        return dt.date.fromisoformat(sinds) if sinds else None
