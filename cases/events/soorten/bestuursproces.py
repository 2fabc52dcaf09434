"""The case itself: its opening, corrections of its attributes, its status."""

from __future__ import annotations

import copy
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.canonical import formatteer_tijdstip
from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, kort, label, met_reden
from cases.events.wereldtijd import eis
from cases.models import Gebeurtenis, Status, UitkomstSoort

from . import DEZE_ZAAK, Objectwijziging, Soort, registreer


@registreer
class Geopend(Soort):
    code = "bestuursproces.geopend"
    label = gettext_lazy("Bestuursproces geopend")
    sleutels = ("bestuursproces",)
    moment = gettext_lazy("de opening (geopendOp)")
    datum_corrigeerbaar = False  # moved earlier by bestuursproces.opening_vervroegd

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        staat["bestuursproces"] = copy.deepcopy(e.payload["bestuursproces"])
        staat["bestuursproces"]["geopendOp"] = formatteer_tijdstip(e.tijdstip)
        # The structured outcome is set when closing (status.gewijzigd), never at opening.
        staat["bestuursproces"].update({"uitkomstSoort": "", "vervolgUrl": ""})
        staat["_tijden"]["stadiumSinds"] = e.tijdstip

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        proces = e.payload["bestuursproces"]
        return [
            Objectwijziging("bestuursproces", DEZE_ZAAK, veld, proces.get(veld))
            for veld in ("titel", "stadium", "status")
        ]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        titel = kort(e.payload["bestuursproces"]["titel"])
        return _("Bestuursproces geopend: %(titel)s") % {"titel": titel}, None


@registreer
class Gewijzigd(Soort):
    code = "bestuursproces.gewijzigd"
    label = gettext_lazy("Bestuursproces gewijzigd")
    sleutels = ("wijzigingen", "vorigeWaarden")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        staat["bestuursproces"].update(copy.deepcopy(e.payload["wijzigingen"]))

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        # A correction is a fact of its own: the original stays, the tijdlijn says what changed.
        velden = ", ".join(sorted(e.payload["wijzigingen"]))
        tekst = _("Bestuursproces gecorrigeerd: %(velden)s") % {"velden": velden}
        return met_reden(tekst, e.toelichting), None


@registreer
class OpeningVervroegd(Soort):
    code = "bestuursproces.opening_vervroegd"
    label = gettext_lazy("Opening vervroegd")
    sleutels = ("van", "naar")
    moment = gettext_lazy("de nieuwe opening")
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        # The event stands at the new opening; the opening event itself keeps its place first.
        staat["bestuursproces"]["geopendOp"] = e.payload["naar"]
        staat["_tijden"]["stadiumSinds"] = e.tijdstip

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        van = timezone.localtime(dt.datetime.fromisoformat(e.payload["van"]))
        tekst = _("Het proces begon eerder: opening vervroegd (was %(datum)s)") % {
            "datum": f"{van:%d-%m-%Y}"
        }
        return met_reden(tekst, e.toelichting), None


@registreer
class StatusGewijzigd(Soort):
    code = "status.gewijzigd"
    label = gettext_lazy("Status gewijzigd")
    sleutels = ("van", "naar", "uitkomst")
    na_afronding = True  # reopening a closed case

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        eis(
            staat["bestuursproces"]["status"] == e.payload["van"],
            lambda: (
                _("het bestuursproces was toen %(toen)s, niet %(van)s")
                % {
                    "toen": label(Status, staat["bestuursproces"]["status"]),
                    "van": label(Status, e.payload["van"]),
                }
            ),
        )
        staat["bestuursproces"]["status"] = e.payload["naar"]
        staat["bestuursproces"]["uitkomst"] = e.payload["uitkomst"]
        if e.payload["naar"] == Status.AFGEROND:
            # Closings recorded before the structured outcome carry the free text alone.
            staat["bestuursproces"]["uitkomstSoort"] = e.payload.get("uitkomstSoort", "")
            staat["bestuursproces"]["vervolgUrl"] = e.payload.get("vervolgUrl", "")

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        return [Objectwijziging("bestuursproces", DEZE_ZAAK, "status", e.payload["naar"])]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        if p["naar"] == Status.AFGEROND:
            soort = p.get("uitkomstSoort")
            if not soort:
                return _("Bestuursproces afgerond: %(uitkomst)s") % {
                    "uitkomst": kort(p["uitkomst"])
                }, None
            tekst = _("Bestuursproces afgerond (%(soort)s): %(uitkomst)s") % {
                "soort": label(UitkomstSoort, soort).lower(),
                "uitkomst": kort(p["uitkomst"]),
            }
            stappen, afspraken = len(p.get("openGelaten", [])), len(p.get("openAfspraken", []))
            if stappen and afspraken:
                tekst += " " + _(
                    "(%(stappen)s stap(pen) en %(afspraken)s afspraak/afspraken bleven open)"
                ) % {"stappen": stappen, "afspraken": afspraken}
            elif stappen:
                tekst += " " + _("(%(aantal)s stap(pen) bleven open)") % {"aantal": stappen}
            elif afspraken:
                tekst += " " + _("(%(aantal)s afspraak/afspraken bleven open)") % {
                    "aantal": afspraken
                }
            return tekst, None
        tekst = _("Status van %(van)s naar %(naar)s") % {
            "van": label(Status, p["van"]),
            "naar": label(Status, p["naar"]),
        }
        return met_reden(tekst, e.toelichting), None
