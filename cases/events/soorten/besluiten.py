"""Besluiten, afspraken and bijeenkomsten: what a process leaves behind (issue 14).

Each carries its own zichtbaarheid, which never changes, and every event about it is written
at that level, so the log withholds all of them alike from a viewer below it.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, ClassVar

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, kort, label, met_reden
from cases.events.wereldtijd import eis
from cases.models import AfspraakStatus, BijeenkomstStatus, Gebeurtenis, Orgaan

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
    kolom: ClassVar[str] = "datum"
    eigen_datum = True

    def met_moment(self, payload: dict[str, Any], naar: dt.datetime) -> dict[str, Any]:
        sleutel, veld = self.datumveld
        datum = timezone.localdate(naar).isoformat()
        return {**payload, sleutel: {**payload[sleutel], veld: datum}}

    def corrigeer_tabellen(self, e: Gebeurtenis, naar: dt.datetime) -> None:
        sleutel, _veld = self.datumveld
        apps.get_model(self.model).objects.filter(uuid=e.payload[sleutel]["uuid"]).update(
            **{self.kolom: timezone.localdate(naar)}
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
                onbekend=besluit[sleutel],
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


# --- afspraken ------------------------------------------------------------------------------

PARTIJSLEUTELS = (
    ("speler", "spelers"),
    ("opdrachtgever", "opdrachtgevers"),
    ("organisatie", "organisaties"),
)


def _afspraak_verwijzing(uuid: str) -> Verwijzing:
    return Verwijzing("afspraak-detail", {"afspraak": uuid})


@registreer
class AfspraakGemaakt(OpEigenDatum):
    code = "afspraak.gemaakt"
    label = gettext_lazy("Afspraak gemaakt")
    sleutels = ("afspraak",)
    moment = gettext_lazy("de dag van de afspraak (datum; vandaag: nu)")
    datumveld = ("afspraak", "datum")
    model = "cases.Afspraak"

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        afspraak = copy.deepcopy(e.payload["afspraak"])
        # Who delivers and who receives must have been known to the case on that day.
        for sleutel, verzameling in PARTIJSLEUTELS:
            for naam in (sleutel, "aan" + sleutel.capitalize()):
                eis(
                    not afspraak[naam] or afspraak[naam] in staat[verzameling],
                    lambda: _("een partij van de afspraak was toen nog niet bij het proces bekend"),
                    onbekend=afspraak[naam],
                )
        eis(
            not afspraak["besluit"] or afspraak["besluit"] in staat["besluiten"],
            lambda: _("het besluit waar de afspraak uit voortkomt was toen nog niet genomen"),
        )
        staat["afspraken"][afspraak["uuid"]] = afspraak

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        a = e.payload["afspraak"]
        g.gegevens[a["uuid"]] = {"wat": a["wat"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        a = e.payload["afspraak"]
        waarden = {
            "wie": g.naam(a["speler"] or a["opdrachtgever"] or a["organisatie"]),
            "wat": kort(a["wat"]),
        }
        if a["uiterlijk"]:
            waarden["uiterlijk"] = formats.date_format(dt.date.fromisoformat(a["uiterlijk"]))
            tekst = _("Afspraak: %(wie)s zorgt voor %(wat)s, uiterlijk %(uiterlijk)s") % waarden
        else:
            tekst = _("Afspraak: %(wie)s zorgt voor %(wat)s") % waarden
        return tekst, _afspraak_verwijzing(a["uuid"])


class AfspraakAfgehandeld(OpEigenDatum):
    """An open afspraak kept, not kept or lapsed, on its own day."""

    status: ClassVar[str]
    sleutels = ("afhandeling",)
    moment = gettext_lazy("de dag van afhandeling (afgehandeldOp; vandaag: nu)")
    datumveld = ("afhandeling", "afgehandeldOp")
    model = "cases.Afspraak"
    kolom = "afgehandeld_op"

    def zin(self) -> str:
        raise NotImplementedError

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        a = e.payload["afhandeling"]
        afspraak = staat["afspraken"][a["uuid"]]
        eis(
            afspraak["status"] == AfspraakStatus.OPEN,
            lambda: _("de afspraak was toen niet meer open"),
        )
        afspraak.update(
            {"status": a["status"], "afgehandeldOp": a["afgehandeldOp"], "reden": a["reden"]}
        )

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        a = e.payload["afhandeling"]
        wat = kort(g.gegevens.get(a["uuid"], {}).get("wat", "?"))
        return met_reden(self.zin() % {"wat": wat}, a["reden"]), _afspraak_verwijzing(a["uuid"])


@registreer
class AfspraakNagekomen(AfspraakAfgehandeld):
    code = "afspraak.nagekomen"
    label = gettext_lazy("Afspraak nagekomen")

    def zin(self) -> str:
        return _("Afspraak nagekomen: %(wat)s")


@registreer
class AfspraakNietNagekomen(AfspraakAfgehandeld):
    code = "afspraak.niet_nagekomen"
    label = gettext_lazy("Afspraak niet nagekomen")

    def zin(self) -> str:
        return _("Afspraak niet nagekomen: %(wat)s")


@registreer
class AfspraakVervallen(AfspraakAfgehandeld):
    code = "afspraak.vervallen"
    label = gettext_lazy("Afspraak vervallen")

    def zin(self) -> str:
        return _("Afspraak vervallen: %(wat)s")


# --- bijeenkomsten --------------------------------------------------------------------------


def _bijeenkomst_verwijzing(uuid: str) -> Verwijzing:
    return Verwijzing("bijeenkomst-detail", {"bijeenkomst": uuid})


def _eis_deelnemers_bekend(staat: Momentopname, b: dict[str, Any]) -> None:
    for deelnemer in b.get("deelnemers", []):
        for sleutel, verzameling in PARTIJSLEUTELS[:2]:
            eis(
                not deelnemer[sleutel] or deelnemer[sleutel] in staat[verzameling],
                lambda: _("een deelnemer was toen nog niet bij het proces bekend"),
                onbekend=deelnemer[sleutel],
            )
    for interventie in b.get("interventies", []):
        eis(
            interventie in staat["interventies"],
            lambda: _("een interventie van de bijeenkomst was toen nog niet gelogd"),
        )


def _aantallen(b: dict[str, Any]) -> dict[str, int]:
    deelnemers = b["deelnemers"]
    return {
        "uitgenodigd": sum(1 for d in deelnemers if d["uitgenodigd"]),
        "aanwezig": sum(1 for d in deelnemers if d["aanwezig"]),
    }


VASTGELEGD_ZONDER_STATUS = {
    "status": BijeenkomstStatus.GEHOUDEN.value,
    "geannuleerdOp": None,
    "redenAnnulering": "",
}


def _eis_gepland(staat: Momentopname, uuid: str) -> dict[str, Any]:
    bijeenkomst: dict[str, Any] = staat["bijeenkomsten"][uuid]
    eis(
        bijeenkomst["status"] == BijeenkomstStatus.GEPLAND,
        lambda: _("de bijeenkomst was toen niet (meer) gepland"),
    )
    return bijeenkomst


@registreer
class BijeenkomstVastgelegd(OpEigenDatum):
    code = "bijeenkomst.vastgelegd"
    label = gettext_lazy("Bijeenkomst vastgelegd")
    sleutels = ("bijeenkomst",)
    moment = gettext_lazy("de dag van de bijeenkomst (datum; vandaag: nu)")
    datumveld = ("bijeenkomst", "datum")
    model = "cases.Bijeenkomst"

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        bijeenkomst = copy.deepcopy(e.payload["bijeenkomst"])
        _eis_deelnemers_bekend(staat, bijeenkomst)
        # Recorded before bijeenkomsten could be planned: held, as every one was then.
        for sleutel, waarde in VASTGELEGD_ZONDER_STATUS.items():
            bijeenkomst.setdefault(sleutel, waarde)
        staat["bijeenkomsten"][bijeenkomst["uuid"]] = bijeenkomst

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        b = e.payload["bijeenkomst"]
        g.gegevens[b["uuid"]] = {"titel": b["titel"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        b = e.payload["bijeenkomst"]
        tekst = _("Bijeenkomst '%(titel)s': %(uitgenodigd)s uitgenodigd, %(aanwezig)s aanwezig") % {
            "titel": b["titel"],
            **_aantallen(b),
        }
        return tekst, _bijeenkomst_verwijzing(b["uuid"])


@registreer
class BijeenkomstGewijzigd(Soort):
    code = "bijeenkomst.gewijzigd"
    label = gettext_lazy("Bijeenkomst gewijzigd")
    sleutels = ("bijeenkomst", "wijzigingen", "vorigeWaarden")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        wijzigingen = copy.deepcopy(e.payload["wijzigingen"])
        _eis_deelnemers_bekend(staat, wijzigingen)
        staat["bijeenkomsten"][e.payload["bijeenkomst"]].update(wijzigingen)

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        if "titel" in e.payload["wijzigingen"]:
            g.gegevens[e.payload["bijeenkomst"]] = {"titel": e.payload["wijzigingen"]["titel"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        uuid = e.payload["bijeenkomst"]
        tekst = _("Bijeenkomst '%(titel)s' bijgewerkt: %(velden)s") % {
            "titel": g.gegevens.get(uuid, {}).get("titel", "?"),
            "velden": ", ".join(sorted(e.payload["wijzigingen"])),
        }
        return tekst, _bijeenkomst_verwijzing(uuid)


@registreer
class BijeenkomstGepland(Soort):
    code = "bijeenkomst.gepland"
    label = gettext_lazy("Bijeenkomst gepland")
    sleutels = ("bijeenkomst",)
    moment = gettext_lazy("wanneer de planning werd vastgelegd (nu)")
    # The moment is when the plan was recorded; the meeting's own day is its datum.
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        bijeenkomst = copy.deepcopy(e.payload["bijeenkomst"])
        _eis_deelnemers_bekend(staat, bijeenkomst)
        staat["bijeenkomsten"][bijeenkomst["uuid"]] = bijeenkomst

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        b = e.payload["bijeenkomst"]
        g.gegevens[b["uuid"]] = {"titel": b["titel"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        b = e.payload["bijeenkomst"]
        tekst = _("Bijeenkomst '%(titel)s' gepland op %(datum)s: %(uitgenodigd)s uitgenodigd") % {
            "titel": b["titel"],
            "datum": formats.date_format(dt.date.fromisoformat(b["datum"])),
            "uitgenodigd": _aantallen(b)["uitgenodigd"],
        }
        return tekst, _bijeenkomst_verwijzing(b["uuid"])


@registreer
class BijeenkomstGehouden(OpEigenDatum):
    code = "bijeenkomst.gehouden"
    label = gettext_lazy("Bijeenkomst gehouden")
    sleutels = ("bijeenkomst",)
    moment = gettext_lazy("de dag waarop de geplande bijeenkomst werd gehouden (datum)")
    datumveld = ("bijeenkomst", "datum")
    model = "cases.Bijeenkomst"

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        bijeenkomst = copy.deepcopy(e.payload["bijeenkomst"])
        _eis_gepland(staat, bijeenkomst["uuid"])
        _eis_deelnemers_bekend(staat, bijeenkomst)
        staat["bijeenkomsten"][bijeenkomst["uuid"]] = bijeenkomst

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        b = e.payload["bijeenkomst"]
        g.gegevens[b["uuid"]] = {"titel": b["titel"]}

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        b = e.payload["bijeenkomst"]
        tekst = _(
            "Bijeenkomst '%(titel)s' gehouden: %(uitgenodigd)s uitgenodigd, %(aanwezig)s aanwezig"
        ) % {"titel": b["titel"], **_aantallen(b)}
        return tekst, _bijeenkomst_verwijzing(b["uuid"])


@registreer
class BijeenkomstGeannuleerd(OpEigenDatum):
    code = "bijeenkomst.geannuleerd"
    label = gettext_lazy("Bijeenkomst geannuleerd")
    sleutels = ("annulering",)
    moment = gettext_lazy("de dag van de annulering (geannuleerdOp; vandaag: nu)")
    datumveld = ("annulering", "geannuleerdOp")
    model = "cases.Bijeenkomst"
    kolom = "geannuleerd_op"

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        a = e.payload["annulering"]
        bijeenkomst = _eis_gepland(staat, a["uuid"])
        bijeenkomst.update(
            {
                "status": BijeenkomstStatus.GEANNULEERD.value,
                "geannuleerdOp": a["geannuleerdOp"],
                "redenAnnulering": a["reden"],
            }
        )

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        a = e.payload["annulering"]
        titel = g.gegevens.get(a["uuid"], {}).get("titel", "?")
        tekst = _("Bijeenkomst '%(titel)s' geannuleerd") % {"titel": titel}
        return met_reden(tekst, a["reden"]), _bijeenkomst_verwijzing(a["uuid"])
