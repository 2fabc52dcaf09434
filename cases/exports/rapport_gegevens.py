"""What the evaluation report says, gathered through the selectors with the exporter's
visibility (nothing here reads content the exporter's role may not see), and its charts from
:mod:`cases.grafieken`, the same server-side SVG the status page shows.

The report opens with a synthesis made of the case's kengetallen
(:mod:`cases.selectors.kengetallen`), then gives the detail. Where the exporter's role may not
see items, each section is told how many (``afgeschermd``), so that the report never concludes
"geen ..." from what it cannot see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from cases import selectors
from cases.grafieken import (
    ACCENT,
    LICHT,
    Deel,
    Staaf,
    aandacht_grafiek,
    krachtenveld_grafiek,
    stadia_grafiek,
    staven_svg,
)
from cases.models import (
    Betrokkenheid,
    Interventie,
    Positionering,
    Stadium,
    Stadiumovergang,
    Standpunt,
    WyberStap,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from cases.selectors.aandacht import aandacht
from cases.selectors.interventies import interventies
from cases.selectors.kengetallen import (
    Kengetallen,
    Standpuntverloop,
    Uitkomsten,
    dagen_tussen,
    kengetallen,
)
from cases.selectors.tijdlijn import TijdlijnItem, tijdlijn
from cases.selectors.wyberen import consolidatie_van, wyberstappen
from instruments.models import VeldCode

from .gebeurtenissen import Exportopdracht

# The synthesis names at most this many parties whose standpunt moved.
GROOTSTE_VERSCHUIVINGEN = 8
# Colours of the outcomes in the synthesis chart (each also named in the bar's label).
KLEUR_JA, KLEUR_DEELS, KLEUR_NEE = ACCENT, "#6f93bd", "#b35900"


@dataclass
class Verblijf:
    """One stay of the case in a stadium, from the move into it until the move out (or now)."""

    stadium: str
    van: dt.datetime
    tot: dt.datetime | None
    overgang: Stadiumovergang | None

    def dagen(self, nu: dt.datetime) -> int:
        return dagen_tussen(self.van, self.tot or nu)


@dataclass
class StadiumRegel:
    code: str
    naam: str
    bereikt: list[dt.datetime] = field(default_factory=list)
    dagen: int = 0
    huidig: bool = False
    stappen: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class VeldRegel:
    code: str
    naam: str
    uitkomsten: Uitkomsten
    interventies: list[Interventie] = field(default_factory=list)


def _label(keuzes: Any, waarde: Any) -> str:
    if waarde is None:
        return "—"
    try:
        return str(keuzes(waarde).label)
    except ValueError:
        return str(waarde)


def verblijven(
    geopend_op: dt.datetime, stadium_nu: str, overgangen: list[Stadiumovergang]
) -> list[Verblijf]:
    eerste = overgangen[0].van if overgangen else stadium_nu
    result = [Verblijf(eerste, geopend_op, None, None)]
    for overgang in overgangen:
        result[-1].tot = overgang.tijdstip
        result.append(Verblijf(overgang.naar, overgang.tijdstip, None, overgang))
    return result


def _stap(stap: WyberStap, nu: dt.datetime) -> dict[str, Any]:
    consolidatie = consolidatie_van(stap)
    return {
        # World time: from its start until it was settled (or until the report).
        "dagen": dagen_tussen(stap.gestart_op, stap.geconsolideerd_op or nu),
        "volgnummer": stap.volgnummer,
        "doel": stap.doel,
        "fase": stap.get_fase_display(),
        "gestart_op": stap.gestart_op,
        "geconsolideerd_op": stap.geconsolideerd_op,
        "uitkomst": consolidatie.get_uitkomst_display() if consolidatie else "",
        "afgesproken": consolidatie.tekst if consolidatie else "",
        "heropent": stap.heropent.volgnummer if stap.heropent else None,
    }


def stadia(
    opdracht: Exportopdracht, overgangen: list[Stadiumovergang], nu: dt.datetime
) -> tuple[list[StadiumRegel], list[Verblijf]]:
    bestuursproces = opdracht.bestuursproces
    regels = {s.value: StadiumRegel(s.value, str(s.label)) for s in Stadium}
    reeks = verblijven(bestuursproces.geopend_op, bestuursproces.stadium, overgangen)
    for verblijf in reeks:
        regel = regels[verblijf.stadium]
        regel.bereikt.append(verblijf.van)
        regel.dagen += verblijf.dagen(nu)
    regels[bestuursproces.stadium].huidig = True
    for stap in wyberstappen(bestuursproces):
        regels[stap.stadium].stappen.append(_stap(stap, nu))
    return list(regels.values()), reeks


def velden(opdracht: Exportopdracht, cijfers: Kengetallen) -> list[VeldRegel]:
    """Per veld the visible interventions aimed at it, and how they worked out (counted by the
    kengetallen)."""
    uitkomsten = {v.code: v.uitkomsten for v in cijfers.interventies.per_veld}
    regels = {
        code: VeldRegel(code, str(naam), uitkomsten[code]) for code, naam in INTERVENTIEVELD_KEUZES
    }
    for interventie in interventies(opdracht.bestuursproces, opdracht.zichtbaar):
        for veld in interventie.velden.all():
            regels[veld.veld].interventies.append(interventie)
    return list(regels.values())


def verschuivingen(opdracht: Exportopdracht, nu: dt.datetime) -> list[dict[str, Any]]:
    """Every shift in world-time order, with the days since the party's previous shift of the
    same kind (None for its first)."""
    result = []
    vorige: dict[tuple[str, str], dt.datetime] = {}
    for v in selectors.verschuivingen(opdracht.bestuursproces, None, nu, opdracht.zichtbaar):
        keuzes = Standpunt if v["aspect"] == "standpunt" else Betrokkenheid
        sleutel = (v["partij"]["uuid"], v["aspect"])
        eerder = vorige.get(sleutel)
        vorige[sleutel] = v["tijdstip"]
        result.append(
            {
                **v,
                "van_label": _label(keuzes, v["van"]),
                "naar_label": _label(keuzes, v["naar"]),
                "dagen_sinds_vorige": dagen_tussen(eerder, v["tijdstip"]) if eerder else None,
            }
        )
    return result


@dataclass
class Betrokkenheidsperiode:
    partij: str
    betrokkenheid: str
    van: dt.datetime
    tot: dt.datetime | None
    dagen: int


def betrokkenheid(shifts: list[dict[str, Any]], nu: dt.datetime) -> list[Betrokkenheidsperiode]:
    """How long each party was aangehaakt, afwachtend or afgehaakt: the periods between its
    betrokkenheid changes, in world time, the last one until the report."""
    per_partij: dict[str, list[dict[str, Any]]] = {}
    for v in shifts:
        if v["aspect"] == "betrokkenheid":
            per_partij.setdefault(v["partij"]["naam"] or v["partij"]["uuid"], []).append(v)
    result = []
    for naam, wijzigingen in sorted(per_partij.items()):
        for nummer, v in enumerate(wijzigingen):
            volgende = (
                wijzigingen[nummer + 1]["tijdstip"] if nummer + 1 < len(wijzigingen) else None
            )
            result.append(
                Betrokkenheidsperiode(
                    naam,
                    v["naar_label"],
                    v["tijdstip"],
                    volgende,
                    dagen_tussen(v["tijdstip"], volgende or nu),
                )
            )
    return result


def positioneringen(opdracht: Exportopdracht) -> list[Positionering]:
    return list(selectors.positioneringen(opdracht.bestuursproces, opdracht.zichtbaar))


def grootste_verschuivingen(cijfers: Kengetallen) -> list[Standpuntverloop]:
    """The parties whose standpunt moved, the largest shifts first."""
    return [v for v in cijfers.standpunten if v.wisselingen][:GROOTSTE_VERSCHUIVINGEN]


@dataclass(frozen=True)
class Balansregel:
    kant: str
    velden: str
    aantal: int
    procent: float


def balansregels(cijfers: Kengetallen) -> list[Balansregel]:
    """The IK/WIJ/HET/ZIJ balance with the names of each side's velden and its share in
    percent."""
    return [
        Balansregel(
            kant=k.naam,
            velden=", ".join(str(VeldCode(code).label) for code in k.velden),
            aantal=k.aantal,
            procent=k.aandeel * 100,
        )
        for k in cijfers.balans.kanten
    ]


def synthese_grafieken(cijfers: Kengetallen) -> dict[str, SafeString]:
    """The two small charts of the synthesis: days per stadium, and per veld how the
    interventies aimed at it worked out."""

    def uitkomsten(u: Uitkomsten) -> tuple[Deel, ...]:
        return (
            Deel(u.ja, gettext("ja"), KLEUR_JA),
            Deel(u.deels, gettext("deels"), KLEUR_DEELS),
            Deel(u.nee, gettext("nee"), KLEUR_NEE),
            Deel(u.niet_geevalueerd, gettext("niet geëvalueerd"), LICHT),
        )

    return {
        "grafiek_duur": staven_svg(
            [Staaf(s.naam, (Deel(s.dagen, gettext("dagen")),)) for s in cijfers.stadia],
            titel=gettext("Dagen per stadium"),
        ),
        "grafiek_uitkomsten": staven_svg(
            [Staaf(v.naam, uitkomsten(v.uitkomsten)) for v in cijfers.interventies.per_veld],
            titel=gettext("Interventies per veld en hoe zij uitpakten"),
        ),
    }


def rapport_context(opdracht: Exportopdracht) -> dict[str, Any]:
    bestuursproces = opdracht.bestuursproces
    nu = opdracht.geexporteerd_op
    cijfers = kengetallen(bestuursproces, opdracht.zichtbaar, nu=nu)
    overgangen = list(selectors.stadiumovergangen(bestuursproces).order_by("tijdstip", "id"))
    stadiumregels, reeks = stadia(opdracht, overgangen, nu)
    items: list[TijdlijnItem] = tijdlijn(bestuursproces, None, nu, opdracht.zichtbaar)
    shifts = verschuivingen(opdracht, nu)
    return {
        "opdracht": opdracht,
        "bestuursproces": bestuursproces,
        "besluitmomenten": list(bestuursproces.besluitmomenten.order_by("datum", "volgorde")),
        "idee": selectors.huidig_idee(bestuursproces),
        "periode_van": bestuursproces.geopend_op,
        "periode_tot": nu,
        "stadia": stadiumregels,
        "heeft_stappen": any(regel.stappen for regel in stadiumregels),
        "verblijven": [(v, v.dagen(nu)) for v in reeks],
        "overgangen": overgangen,
        "velden": velden(opdracht, cijfers),
        "verschuivingen": shifts,
        "betrokkenheid": betrokkenheid(shifts, nu),
        "positioneringen": positioneringen(opdracht),
        "tijdlijn": items,
        "kengetallen": cijfers,
        "afgeschermd": cijfers.afgeschermd,
        "grootste_verschuivingen": grootste_verschuivingen(cijfers),
        "balans": balansregels(cijfers),
        # stadia and stappen are both in the book's order of the stadia.
        "per_stadium": list(zip(cijfers.stadia, cijfers.stappen, strict=True)),
        "stappen_totaal": sum(s.aantal for s in cijfers.stappen),
        "stappen_geconsolideerd": sum(s.geconsolideerd for s in cijfers.stappen),
        **synthese_grafieken(cijfers),
        **grafieken(opdracht, stadiumregels, nu),
    }


def grafieken(
    opdracht: Exportopdracht, stadiumregels: list[StadiumRegel], nu: dt.datetime
) -> dict[str, SafeString | None]:
    """The report's charts as inline SVG, from the same data the tables show."""
    bestuursproces = opdracht.bestuursproces
    bereikt = {
        regel.code: timezone.localdate(regel.bereikt[-1]) if regel.bereikt else None
        for regel in stadiumregels
    }
    veld = selectors.krachtenveld(bestuursproces, nu, opdracht.zichtbaar)
    balans = aandacht(bestuursproces, opdracht.zichtbaar, van=None, tot=timezone.localdate(nu))
    return {
        "grafiek_stadia": stadia_grafiek(
            bestuursproces.stadium, bereikt, titel=gettext("Voortgang door de stadia")
        ),
        "grafiek_krachtenveld": (
            krachtenveld_grafiek(veld, titel=gettext("Krachtenveld bij het opstellen"))
            if veld is not None
            else None
        ),
        "grafiek_aandacht": aandacht_grafiek(balans, titel=gettext("Aandacht per veld")),
    }
