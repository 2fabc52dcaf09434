"""Documenten: a file added to the case file, and each later version of it. Their payloads
carry the SHA-256 of the file, so the chain vouches for what was uploaded."""

from __future__ import annotations

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing
from cases.events.wereldtijd import eis
from cases.models import Gebeurtenis

from . import Soort, registreer


def _verwijzing(document: str) -> Verwijzing:
    return Verwijzing("document-detail", {"document": document})


@registreer
class DocumentToegevoegd(Soort):
    code = "document.toegevoegd"
    label = gettext_lazy("Document toegevoegd")
    sleutels = ("document", "versie")
    moment = gettext_lazy("wanneer het document werd toegevoegd")
    # The moment is the upload itself, which the version's row keeps as well.
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        document = copy.deepcopy(e.payload["document"])
        # Documents added before they could belong to a besluit or bijeenkomst lack the keys.
        for naam, verzameling in (("besluit", "besluiten"), ("bijeenkomst", "bijeenkomsten")):
            document.setdefault(naam, None)
            eis(
                document[naam] is None or document[naam] in staat[verzameling],
                lambda: _("waar het document bij hoort, bestond toen nog niet"),
            )
        document["versies"] = [copy.deepcopy(e.payload["versie"])]
        staat["documenten"][document["uuid"]] = document

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        g.gegevens[e.payload["document"]["uuid"]] = {"titel": e.payload["document"]["titel"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        document = e.payload["document"]
        tekst = _("Document '%(titel)s' toegevoegd (%(bestand)s)") % {
            "titel": document["titel"],
            "bestand": e.payload["versie"]["bestandsnaam"],
        }
        return tekst, _verwijzing(document["uuid"])


@registreer
class DocumentVersieToegevoegd(Soort):
    code = "document.versie_toegevoegd"
    label = gettext_lazy("Nieuwe versie van document")
    sleutels = ("document", "versie")
    moment = gettext_lazy("wanneer de versie werd toegevoegd")
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        document = staat["documenten"][e.payload["document"]]
        document["versies"].append(copy.deepcopy(e.payload["versie"]))

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        titel = g.gegevens.get(e.payload["document"], {}).get("titel", "?")
        tekst = _("Versie %(nummer)s van document '%(titel)s' toegevoegd (%(bestand)s)") % {
            "nummer": e.payload["versie"]["nummer"],
            "titel": titel,
            "bestand": e.payload["versie"]["bestandsnaam"],
        }
        return tekst, _verwijzing(e.payload["document"])
