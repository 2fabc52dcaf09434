"""Stadium moves: voorstelbaar → houdbaar → maakbaar → uitvoerbaar → bruikbaar and back."""

from __future__ import annotations

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.poorten import bezwaren_tegen_vertrek
from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, label, met_reden
from cases.events.wereldtijd import eis, is_streng
from cases.models import Gebeurtenis, Richting, Stadium

from . import DEZE_ZAAK, Objectwijziging, Relatie, Soort, registreer


@registreer
class StadiumGewijzigd(Soort):
    code = "stadium.gewijzigd"
    label = gettext_lazy("Stadium gewijzigd")
    sleutels = ("overgang", "bezwaren")
    tabel = ("cases.Stadiumovergang", ("overgang", "uuid"), "tijdstip")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        overgang = copy.deepcopy(e.payload["overgang"])
        huidig = staat["bestuursproces"]["stadium"]
        eis(
            huidig == overgang["van"],
            lambda: (
                _("het bestuursproces was toen %(toen)s, niet %(van)s")
                % {"toen": label(Stadium, huidig), "van": label(Stadium, overgang["van"])}
            ),
        )
        vooruit = overgang["richting"] == Richting.VOORUIT
        if vooruit and not overgang["geforceerd"] and is_streng():
            # The gate as it stood at the move's moment.
            bezwaren = bezwaren_tegen_vertrek(staat, overgang["van"], overgang["naar"])
            eis(not bezwaren, lambda: " ".join(bezwaren))
        staat["bestuursproces"]["stadium"] = overgang["naar"]
        staat["_tijden"]["stadiumSinds"] = e.tijdstip
        staat["stadiumovergangen"].append(overgang)

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        overgang = e.payload["overgang"]
        return [
            Relatie("stadium", overgang["van"], "verlaten"),
            Relatie("stadium", overgang["naar"], "bereikt"),
        ]

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        naar = e.payload["overgang"]["naar"]
        return [Objectwijziging("bestuursproces", DEZE_ZAAK, "stadium", naar)]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        overgang = e.payload["overgang"]
        tekst = _("Stadium van %(van)s naar %(naar)s") % {
            "van": label(Stadium, overgang["van"]),
            "naar": label(Stadium, overgang["naar"]),
        }
        if overgang.get("geforceerd"):
            tekst += " " + _("(geforceerd)")
        return met_reden(tekst, overgang.get("toelichting") or e.toelichting), Verwijzing(
            "stadiumovergang-detail", {"overgang": overgang["uuid"]}
        )
