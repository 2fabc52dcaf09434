"""Wyberen: steps through divergeren → convergeren → consolideren, their options, the
consolidation with the parties who must consent, and reopening a settled step."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import (
    Beschrijving,
    Geheugen,
    Verwijzing,
    kort,
    label,
    met_reden,
    opsomming,
    stap_verwijzing,
)
from cases.events.wereldtijd import eis
from cases.models import Consolidatie, Fase, Gebeurtenis, Instemming, Optie, WyberStap

from . import Objectwijziging, Relatie, Soort, registreer
from .partijen import eis_partijen_bekend

STAP = "wyberstap"


def _partij(gegevens: dict[str, Any], rol: str) -> list[Relatie]:
    """The speler or opdrachtgever named in an option, consent or instemmer."""
    return [
        Relatie(soort, str(gegevens[soort]), rol)
        for soort in ("speler", "opdrachtgever")
        if gegevens.get(soort)
    ]


def stap_in_fase(staat: Momentopname, uuid: str, fase: str | None, wat: str) -> dict[str, Any]:
    """The step, which must have been in ``fase`` at the moment of the fact."""
    stap: dict[str, Any] = staat["wyberstappen"][uuid]
    eis(
        fase is None or stap["fase"] == fase,
        lambda: (
            _("%(wat)s kan alleen tijdens %(fase)s; stap %(nummer)s was toen in %(toen)s")
            % {
                "wat": wat,
                "fase": label(Fase, fase),
                "nummer": stap["volgnummer"],
                "toen": label(Fase, stap["fase"]),
            }
        ),
    )
    return stap


def eis_instemmers_bekend(staat: Momentopname, instemmingen: list[dict[str, Any]]) -> None:
    """Each party asked to consent existed at the fact's moment: a party registered today
    cannot have been a required instemmer in 2020 (the stage gate would later call it "een
    onbekende partij")."""
    for instemming in instemmingen:
        eis_partijen_bekend(staat, instemming, ("speler", "opdrachtgever"))


def met_besluitplicht(instemming: dict[str, Any]) -> dict[str, Any]:
    """A consent as the state keeps it; recorded before parties could be marked as deciding
    nothing formally, it needs a formal decision (the default)."""
    return {"formeelBesluitNodig": True, **copy.deepcopy(instemming)}


@registreer
class WyberstapGestart(Soort):
    code = "wyberstap.gestart"
    label = gettext_lazy("Wyber-stap gestart")
    sleutels = ("stap",)
    momentveld = ("stap", "gestartOp")
    tabel = ("cases.WyberStap", ("stap", "uuid"), "gestart_op")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        stap = copy.deepcopy(e.payload["stap"])
        if stap.get("heropent"):
            stap_in_fase(staat, stap["heropent"], Fase.GECONSOLIDEERD, _("Een stap heropenen"))
        stap.update({"opties": {}, "consolidatie": None, "instemmingen": {}})
        staat["wyberstappen"][stap["uuid"]] = stap

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        stap = e.payload["stap"]
        relaties = [
            Relatie(STAP, str(stap["uuid"]), "stap"),
            Relatie("stadium", stap["stadium"], "in"),
        ]
        if stap.get("heropent"):
            relaties.append(Relatie(STAP, str(stap["heropent"]), "heropent"))
        return relaties

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        stap = e.payload["stap"]
        return [
            Objectwijziging(STAP, str(stap["uuid"]), k, stap.get(k))
            for k in ("volgnummer", "doel", "fase", "stadium")
        ]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        g.stappen[e.payload["stap"]["uuid"]] = e.payload["stap"]["volgnummer"]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        stap = e.payload["stap"]
        if stap.get("heropent"):
            tekst = _("Stap %(nummer)s heropent %(stap)s") % {
                "nummer": stap["volgnummer"],
                "stap": g.stap_klein(stap["heropent"]),
            }
            tekst = met_reden(tekst, stap.get("heropeningsreden", ""))
        else:
            tekst = _("Stap %(nummer)s gestart: %(doel)s") % {
                "nummer": stap["volgnummer"],
                "doel": kort(stap["doel"]),
            }
        return tekst, stap_verwijzing(stap["uuid"])


@registreer
class FaseGewijzigd(Soort):
    code = "wyberstap.fase_gewijzigd"
    label = gettext_lazy("Fase van wyber-stap gewijzigd")
    sleutels = ("stap", "van", "naar")

    def corrigeer_tabellen(self, e: Gebeurtenis, naar: dt.datetime) -> None:
        veld = {
            Fase.CONVERGEREN: "convergeren_op",
            Fase.CONSOLIDEREN: "consolideren_op",
            Fase.GECONSOLIDEERD: "geconsolideerd_op",
        }.get(e.payload["naar"])
        if veld is not None:
            WyberStap.objects.filter(uuid=e.payload["stap"]).update(**{veld: naar})

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        naar = e.payload["naar"]
        wat = _("Naar %(fase)s gaan") % {"fase": label(Fase, naar)}
        stap = stap_in_fase(staat, e.payload["stap"], e.payload["van"], wat)
        if naar == Fase.CONVERGEREN:
            eis(bool(stap["opties"]), lambda: _("er waren toen nog geen opties ingebracht"))
        if naar == Fase.CONSOLIDEREN:
            statussen = [optie["status"] for optie in stap["opties"].values()]
            eis(Optie.Status.GEKOZEN in statussen, lambda: _("er was toen nog geen optie gekozen"))
            eis(Optie.Status.OPEN not in statussen, lambda: _("er waren toen nog open opties"))
        stap["fase"] = naar
        if naar == Fase.GECONSOLIDEERD:
            staat["_tijden"]["geconsolideerdOp"][stap["uuid"]] = e.tijdstip

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        return [Relatie(STAP, str(e.payload["stap"]), "stap")]

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        return [Objectwijziging(STAP, str(e.payload["stap"]), "fase", e.payload["naar"])]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        if p["naar"] == Fase.GECONSOLIDEERD:
            tekst = _("%(stap)s geconsolideerd") % {"stap": g.stap(p["stap"])}
        else:
            tekst = _("%(stap)s naar %(fase)s") % {
                "stap": g.stap(p["stap"]),
                "fase": label(Fase, p["naar"]),
            }
        return tekst, stap_verwijzing(p["stap"])


@registreer
class OptieIngebracht(Soort):
    code = "optie.ingebracht"
    label = gettext_lazy("Optie ingebracht")
    sleutels = ("stap", "optie")
    tabel = ("cases.Optie", ("optie", "uuid"), "ingebracht_op")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        optie = copy.deepcopy(e.payload["optie"])
        stap = stap_in_fase(staat, e.payload["stap"], Fase.DIVERGEREN, _("Een optie inbrengen"))
        eis_partijen_bekend(staat, optie, ("speler", "opdrachtgever"))
        stap["opties"][optie["uuid"]] = optie

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        optie = e.payload["optie"]
        return [
            Relatie("optie", str(optie["uuid"]), "optie"),
            Relatie(STAP, str(e.payload["stap"]), "in stap"),
            *_partij(optie, "ingebracht door"),
        ]

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        optie = e.payload["optie"]
        uuid = str(optie["uuid"])
        return [Objectwijziging("optie", uuid, k, optie.get(k)) for k in ("titel", "status")]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        g.opties[e.payload["optie"]["uuid"]] = (e.payload["optie"]["titel"], e.payload["stap"])

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        optie = e.payload["optie"]
        inbrenger = optie["speler"] or optie["opdrachtgever"]
        waarden = {
            "titel": optie["titel"],
            "stap": g.stap_klein(e.payload["stap"]),
            "naam": g.naam(inbrenger),
        }
        if inbrenger:
            tekst = _("Optie '%(titel)s' ingebracht in %(stap)s door %(naam)s") % waarden
        else:
            tekst = _("Optie '%(titel)s' ingebracht in %(stap)s") % waarden
        return tekst, Verwijzing(
            "optie-detail", {"stap": e.payload["stap"], "optie": optie["uuid"]}
        )


@registreer
class OptieBesloten(Soort):
    code = "optie.besloten"
    label = gettext_lazy("Over optie besloten")
    sleutels = ("stap", "optie", "status", "reden", "samengevoegdIn")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        wat = _("Over een optie besluiten")
        stap = stap_in_fase(staat, e.payload["stap"], Fase.CONVERGEREN, wat)
        optie = stap["opties"][e.payload["optie"]]
        optie.update({k: e.payload[k] for k in ("status", "reden", "samengevoegdIn")})

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        p = e.payload
        relaties = [
            Relatie("optie", str(p["optie"]), "optie"),
            Relatie(STAP, str(p["stap"]), "in stap"),
        ]
        if p.get("samengevoegdIn"):
            relaties.append(Relatie("optie", str(p["samengevoegdIn"]), "samengevoegd in"))
        return relaties

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        return [Objectwijziging("optie", str(e.payload["optie"]), "status", e.payload["status"])]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        if p["status"] == Optie.Status.SAMENGEVOEGD:
            tekst = _("Optie %(optie)s samengevoegd in %(in)s") % {
                "optie": g.optie(p["optie"]),
                "in": g.optie(p.get("samengevoegdIn")),
            }
        else:
            tekst = _("Optie %(optie)s %(status)s") % {
                "optie": g.optie(p["optie"]),
                "status": label(Optie.Status, p["status"]),
            }
        return met_reden(tekst, p.get("reden", "")), Verwijzing(
            "optie-detail", {"stap": p["stap"], "optie": p["optie"]}
        )


@registreer
class ConsolidatieVastgelegd(Soort):
    code = "consolidatie.vastgelegd"
    label = gettext_lazy("Consolidatie vastgelegd")
    sleutels = ("stap", "consolidatie", "instemmingen")
    tabel = ("cases.Consolidatie", ("consolidatie", "uuid"), "tijdstip")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        wat = _("Een consolidatie vastleggen")
        stap = stap_in_fase(staat, e.payload["stap"], Fase.CONSOLIDEREN, wat)
        eis_instemmers_bekend(staat, e.payload["instemmingen"])
        stap["consolidatie"] = copy.deepcopy(e.payload["consolidatie"])
        for instemming in e.payload["instemmingen"]:
            stap["instemmingen"][instemming["uuid"]] = met_besluitplicht(instemming)

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        relaties = [Relatie(STAP, str(e.payload["stap"]), "stap")]
        for instemming in e.payload["instemmingen"]:
            relaties += _partij(instemming, "moet instemmen")
        return relaties

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        g.onthoud_instemmingen(e.payload["instemmingen"])

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        partijen = opsomming([g.naam(g.instemmingen.get(i["uuid"])) for i in p["instemmingen"]])
        tekst = _(
            "Consolidatie van %(stap)s vastgelegd (%(uitkomst)s): %(tekst)s "
            "(instemming nodig van %(partijen)s)"
        ) % {
            "stap": g.stap_klein(p["stap"]),
            "uitkomst": label(Consolidatie.Uitkomst, p["consolidatie"]["uitkomst"]),
            "tekst": kort(p["consolidatie"]["tekst"]),
            "partijen": partijen,
        }
        return tekst, stap_verwijzing(p["stap"], "wyberstap-consolidatie")


@registreer
class InstemmingVastgelegd(Soort):
    code = "instemming.vastgelegd"
    label = gettext_lazy("Instemming vastgelegd")
    sleutels = ("stap", "instemming")
    moment = gettext_lazy("het formele besluit (beslotenOp), anders wanneer het gebeurde")
    # Its moment is the consent's own beslotenOp; a wrong one is recorded again.
    datum_corrigeerbaar = False

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        instemming = met_besluitplicht(e.payload["instemming"])
        wat = _("Een instemming vastleggen")
        stap = stap_in_fase(staat, e.payload["stap"], Fase.CONSOLIDEREN, wat)
        eis_instemmers_bekend(staat, [instemming])
        stap["instemmingen"][instemming["uuid"]] = instemming

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        stap = Relatie(STAP, str(e.payload["stap"]), "stap")
        return [stap, *_partij(e.payload["instemming"], "stemt in")]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        i = p["instemming"]
        tekst = (
            f"{g.naam(i['speler'] or i['opdrachtgever'])}: {label(Instemming.Status, i['status'])}"
        )
        if i["voorbehoud"].strip():
            tekst += f" ({kort(i['voorbehoud'])})"
        if i["formeelBesloten"]:
            tekst += ", " + _("formeel besloten")
            if i["besluitreferentie"]:
                tekst += f" ({i['besluitreferentie']})"
        tekst += " " + _("in %(stap)s") % {"stap": g.stap_klein(p["stap"])}
        return tekst, Verwijzing("instemming-detail", {"stap": p["stap"], "instemming": i["uuid"]})


@registreer
class InstemmersGewijzigd(Soort):
    code = "instemmers.gewijzigd"
    label = gettext_lazy("Vereiste instemmers gewijzigd")
    sleutels = ("stap", "toegevoegd", "verwijderd")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        wat = _("De vereiste instemmers wijzigen")
        stap = stap_in_fase(staat, e.payload["stap"], Fase.CONSOLIDEREN, wat)
        eis_instemmers_bekend(staat, e.payload["toegevoegd"])
        instemmingen = stap["instemmingen"]
        for instemming in e.payload["toegevoegd"]:
            instemmingen[instemming["uuid"]] = met_besluitplicht(instemming)
        for weg in e.payload["verwijderd"]:
            del instemmingen[weg]

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        relaties = [Relatie(STAP, str(e.payload["stap"]), "stap")]
        for instemming in e.payload["toegevoegd"]:
            relaties += _partij(instemming, "moet instemmen")
        return relaties

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        g.onthoud_instemmingen(e.payload["toegevoegd"])

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        p = e.payload
        delen = []
        erbij = [g.naam(i["speler"] or i["opdrachtgever"]) for i in p["toegevoegd"]]
        eraf = [g.naam(g.instemmingen.get(uuid)) for uuid in p["verwijderd"]]
        if len(erbij) == 1:
            delen.append(_("%(namen)s moet instemmen") % {"namen": opsomming(erbij)})
        elif erbij:
            delen.append(_("%(namen)s moeten instemmen") % {"namen": opsomming(erbij)})
        if eraf:
            delen.append(_("%(namen)s hoeft niet meer in te stemmen") % {"namen": opsomming(eraf)})
        tekst = _("Instemmers van %(stap)s gewijzigd: %(wat)s") % {
            "stap": g.stap_klein(p["stap"]),
            "wat": "; ".join(delen),
        }
        return met_reden(tekst, e.toelichting), stap_verwijzing(p["stap"], "wyberstap-instemmingen")
