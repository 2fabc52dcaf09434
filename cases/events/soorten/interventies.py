"""Interventies through kiezen – doen – leren – beter, and the reflecties on them.

Every event of an interventie carries the interventie's own zichtbaarheid (which never
changes), and a reflectie is never more visible than its interventie: a viewer who may fold a
later event of an interventie, or a reflectie on it, has always folded its ``gelogd`` too.

Interventions stand on their own dates: logging on the intervention's datum, execution on
uitgevoerdOp and evaluation on geevalueerdOp, as known at the end of the log, so a corrected
date (``interventie.gewijzigd``) moves the item. Edits and personal reflecties are not on the
tijdlijn.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, kort, label, opsomming
from cases.models import Gebeurtenis, InterventieStatus, Uitgepakt
from instruments.models import VeldCode

from . import Objectwijziging, Relatie, Soort, registreer

# The fields of an interventie the tijdlijn keeps up to date, by their payload names.
BIJGEHOUDEN = ("titel", "datum", "uitgevoerdOp", "geevalueerdOp")


def _datum(tekst: str | None) -> dt.date | None:
    return dt.date.fromisoformat(tekst) if tekst else None


def _bekend(g: Geheugen, uuid: str) -> dict[str, Any]:
    return g.gegevens.setdefault(uuid, {})


def _titel(g: Geheugen, uuid: str) -> str:
    return f"'{_bekend(g, uuid).get('titel', '?')}'"


def _verwijzing(uuid: str) -> Verwijzing:
    return Verwijzing("interventie-detail", {"interventie": uuid})


def _veldnamen(codes: list[str]) -> str:
    return opsomming([label(VeldCode, code) for code in codes])


class Interventiefeit(Soort):
    # Its moments are its own fields; a wrong one is corrected with interventie.gewijzigd.
    datum_corrigeerbaar = False

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        return [Relatie("interventie", str(e.payload["interventie"]), "interventie")]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        p = e.payload
        nieuw = p.get("wijzigingen", p)
        _bekend(g, p["interventie"]).update({k: nieuw[k] for k in BIJGEHOUDEN if k in nieuw})


@registreer
class InterventieGelogd(Interventiefeit):
    code = "interventie.gelogd"
    label = gettext_lazy("Interventie gelogd")
    sleutels = ("interventie",)
    moment = gettext_lazy("de datum van de interventie (datum)")
    eigen_datum = True

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        interventie = copy.deepcopy(e.payload["interventie"])
        interventie["reflecties"] = []
        staat["interventies"][interventie["uuid"]] = interventie

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        i = e.payload["interventie"]
        relaties = [Relatie("interventie", str(i["uuid"]), "interventie")]
        relaties += [Relatie("speler", str(s), "betrokken") for s in i.get("spelers", [])]
        relaties += [
            Relatie("opdrachtgever", str(o), "betrokken") for o in i.get("opdrachtgevers", [])
        ]
        if i.get("wyberstap"):
            relaties.append(Relatie("wyberstap", str(i["wyberstap"]), "in stap"))
        return relaties

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        i = e.payload["interventie"]
        uuid = str(i["uuid"])
        return [
            Objectwijziging("interventie", uuid, "titel", i["titel"]),
            Objectwijziging("interventie", uuid, "status", i["status"]),
            Objectwijziging("interventie", uuid, "velden", " ".join(i["velden"])),
        ]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        i = e.payload["interventie"]
        _bekend(g, i["uuid"]).update({k: i.get(k) for k in BIJGEHOUDEN})

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        i = e.payload["interventie"]
        waarden = {"titel": i["titel"], "velden": _veldnamen(i["velden"])}
        if i["status"] == InterventieStatus.GEPLAND:
            waarden["wat"] = kort(i["beoogdEffect"])
            tekst = _("Interventie '%(titel)s' (%(velden)s) gepland: %(wat)s") % waarden
        else:
            waarden["wat"] = kort(i["watGedaan"])
            tekst = _("Interventie '%(titel)s' (%(velden)s) uitgevoerd: %(wat)s") % waarden
        return tekst, _verwijzing(i["uuid"])

    def datum(self, e: Gebeurtenis, g: Geheugen) -> dt.date | None:
        return _datum(_bekend(g, e.payload["interventie"]["uuid"]).get("datum"))


@registreer
class InterventieGewijzigd(Interventiefeit):
    code = "interventie.gewijzigd"
    label = gettext_lazy("Interventie gewijzigd")
    sleutels = ("interventie", "wijzigingen", "vorigeWaarden")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        interventie = staat["interventies"][e.payload["interventie"]]
        interventie.update(copy.deepcopy(e.payload["wijzigingen"]))


class _MetStatus(Interventiefeit):
    status: ClassVar[str]
    # The payload key of the date it stands on.
    datumveld: ClassVar[str]
    eigen_datum = True

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        return [
            Objectwijziging("interventie", str(e.payload["interventie"]), "status", self.status)
        ]

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        gegevens = {k: v for k, v in e.payload.items() if k not in {"interventie", "zichtbaarheid"}}
        interventie = staat["interventies"][e.payload["interventie"]]
        interventie.update(copy.deepcopy(gegevens))
        interventie["status"] = self.status

    def datum(self, e: Gebeurtenis, g: Geheugen) -> dt.date | None:
        return _datum(_bekend(g, e.payload["interventie"]).get(self.datumveld))


@registreer
class InterventieUitgevoerd(_MetStatus):
    code = "interventie.uitgevoerd"
    label = gettext_lazy("Interventie uitgevoerd")
    sleutels = ("interventie", "watGedaan", "uitgevoerdOp")
    moment = gettext_lazy("de dag van uitvoering (uitgevoerdOp)")
    status = InterventieStatus.UITGEVOERD.value
    datumveld = "uitgevoerdOp"

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        tekst = _("Interventie %(titel)s uitgevoerd: %(wat)s") % {
            "titel": _titel(g, p["interventie"]),
            "wat": kort(p["watGedaan"]),
        }
        return tekst, _verwijzing(p["interventie"])


def _uitgepakt(waarde: str) -> str:
    zinnen: dict[str, str] = {
        Uitgepakt.JA: _("pakte uit zoals bedoeld"),
        Uitgepakt.DEELS: _("pakte deels uit zoals bedoeld"),
        Uitgepakt.NEE: _("pakte niet uit zoals bedoeld"),
    }
    return str(zinnen.get(waarde, waarde))


@registreer
class InterventieGeevalueerd(_MetStatus):
    code = "interventie.geevalueerd"
    label = gettext_lazy("Interventie geëvalueerd")
    sleutels = ("interventie", "waargenomenEffect", "uitgepakt", "vervolg", "geevalueerdOp")
    moment = gettext_lazy("de dag van evaluatie (geevalueerdOp)")
    status = InterventieStatus.GEEVALUEERD.value
    datumveld = "geevalueerdOp"

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        tekst = _("Interventie %(titel)s geëvalueerd: %(uitkomst)s") % {
            "titel": _titel(g, p["interventie"]),
            "uitkomst": _uitgepakt(p["uitgepakt"]),
        }
        if p.get("waargenomenEffect", "").strip():
            tekst += f"; {kort(p['waargenomenEffect'])}"
        return tekst, _verwijzing(p["interventie"])


@registreer
class ReflectieVastgelegd(Soort):
    code = "reflectie.vastgelegd"
    label = gettext_lazy("Reflectie vastgelegd")
    sleutels = ("interventie", "reflectie")

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        return [Relatie("interventie", str(e.payload["interventie"]), "over")]

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        interventie = staat["interventies"][e.payload["interventie"]]
        interventie["reflecties"].append(copy.deepcopy(e.payload["reflectie"]))
