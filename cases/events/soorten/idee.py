"""The idee and the procesontwerp: versions, each one a revision of the one before."""

from __future__ import annotations

import copy

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, kort, met_reden
from cases.models import Gebeurtenis

from . import Soort, registreer
from .partijen import eis_alle_bekend

EIGENAARSLEUTELS = ("eigenaarSpelers", "eigenaarOpdrachtgevers", "eigenaarOrganisaties")
# Where the parties named by each list are kept in the folded state.
EIGENAARVERZAMELINGEN = {
    "eigenaarSpelers": "spelers",
    "eigenaarOpdrachtgevers": "opdrachtgevers",
    "eigenaarOrganisaties": "organisaties",
}


@registreer
class IdeeHerzien(Soort):
    code = "idee.herzien"
    label = gettext_lazy("Idee herzien")
    sleutels = ("idee",)
    tabel = ("cases.IdeeVersie", ("idee", "uuid"), "aangemaakt_op")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        # The idee-eigenaren that are parties of the case were known to it by then.
        for sleutel, verzameling in EIGENAARVERZAMELINGEN.items():
            eis_alle_bekend(staat, verzameling, e.payload["idee"].get(sleutel, []))
        staat["idee"] = copy.deepcopy(e.payload["idee"])
        # Versions recorded before idee-eigenaren could be spelers, or opdrachtgevers and
        # organisaties, have no such lists.
        for sleutel in EIGENAARSLEUTELS:
            staat["idee"].setdefault(sleutel, [])

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        idee = e.payload["idee"]
        tekst = _("Idee versie %(versie)s: %(wat)s") % {
            "versie": idee["versie"],
            "wat": kort(idee["wat"]),
        }
        eigenaren = [g.naam(uuid) for sleutel in EIGENAARSLEUTELS for uuid in idee.get(sleutel, [])]
        if eigenaren:
            tekst += " " + _("(idee-eigenaren: %(namen)s)") % {"namen": ", ".join(eigenaren)}
        return met_reden(tekst, e.toelichting), Verwijzing("idee")


@registreer
class ProcesontwerpHerzien(Soort):
    code = "procesontwerp.herzien"
    label = gettext_lazy("Procesontwerp herzien")
    sleutels = ("procesontwerp",)
    momentveld = ("procesontwerp", "aangemaaktOp")
    tabel = ("cases.ProcesontwerpVersie", ("procesontwerp", "uuid"), "aangemaakt_op")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        ontwerp = copy.deepcopy(e.payload["procesontwerp"])
        staat["procesontwerp"] = ontwerp
        # The revision also sets the case's aanpak; the one event carries both.
        staat["bestuursproces"]["aanpak"] = ontwerp["aanpak"]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload["procesontwerp"]
        tekst = _("Procesontwerp versie %(versie)s: %(strategie)s") % {
            "versie": p["versie"],
            "strategie": kort(p["processtrategie"]),
        }
        return met_reden(tekst, p.get("toelichting", "")), Verwijzing("procesontwerp")
