"""Besluiten, afspraken and bijeenkomsten: what a process leaves behind (issue 14).

Each carries its own zichtbaarheid, which never changes, and every event about it is written
at that level, so the log withholds all of them alike from a viewer below it.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, ClassVar

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, label
from cases.events.wereldtijd import eis
from cases.models import Gebeurtenis, Orgaan

from . import Soort, registreer


def _besluitnemer(b: dict[str, str | None], g: Geheugen) -> str:
    partij = b["opdrachtgever"] or b["organisatie"]
    if partij:
        return g.naam(partij)
    if b["orgaanNaam"]:
        return str(b["orgaanNaam"])
    return label(Orgaan, b["orgaan"])


class OpEigenDatum(Soort):
    """A fact that stands on a date of its own (``datumveld``: payload object, key; ``model``
    keeps it in ``datum``): a corrected moment sets that date, in the payload as read and in
    the table, so replay and the tables keep agreeing."""

    datumveld: ClassVar[tuple[str, str]]
    model: ClassVar[str]
    eigen_datum = True

    def met_moment(self, payload: dict[str, Any], naar: dt.datetime) -> dict[str, Any]:
        sleutel, veld = self.datumveld
        datum = timezone.localdate(naar).isoformat()
        return {**payload, sleutel: {**payload[sleutel], veld: datum}}

    def corrigeer_tabellen(self, e: Gebeurtenis, naar: dt.datetime) -> None:
        sleutel, _veld = self.datumveld
        apps.get_model(self.model).objects.filter(uuid=e.payload[sleutel]["uuid"]).update(
            datum=timezone.localdate(naar)
        )

    def datum(self, e: Gebeurtenis, g: Geheugen) -> dt.date | None:
        sleutel, veld = self.datumveld
        return dt.date.fromisoformat(e.payload[sleutel][veld])


@registreer
class BesluitVastgelegd(OpEigenDatum):
    code = "besluit.vastgelegd"
    label = gettext_lazy("Besluit vastgelegd")
    sleutels = ("besluit",)
    moment = gettext_lazy("de datum van het besluit (datum; vandaag: nu)")
    datumveld = ("besluit", "datum")
    model = "cases.Besluit"

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        besluit = copy.deepcopy(e.payload["besluit"])
        # Who decided must have been known to the case at the moment of the decision.
        for sleutel, verzameling in (
            ("opdrachtgever", "opdrachtgevers"),
            ("organisatie", "organisaties"),
        ):
            eis(
                not besluit[sleutel] or besluit[sleutel] in staat[verzameling],
                lambda: _("wie besloot was toen nog niet bij het proces bekend"),
            )
        staat["besluiten"][besluit["uuid"]] = besluit

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        b = e.payload["besluit"]
        tekst = _("Besluit '%(titel)s' genomen door %(wie)s") % {
            "titel": b["titel"],
            "wie": _besluitnemer(b, g),
        }
        if b["kenmerk"]:
            tekst += f" ({b['kenmerk']})"
        return tekst, Verwijzing("besluit-detail", {"besluit": b["uuid"]})
