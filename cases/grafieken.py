"""Charts as inline SVG, drawn on the server: no script, no external request, the same picture
on the status page, in the HTML report and in its PDF.

Each function takes plain data and returns safe markup with ``role="img"``, a ``<title>`` and
a ``<desc>`` that says in words what the chart shows, so that a screen reader gets the content
too (pages also show the data as a table). Colour never carries meaning alone: betrokkenheid
has a marker shape, a neglected veld a text label.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Macht, Stadium, Standpunt
from cases.selectors.aandacht import Aandacht
from cases.selectors.krachtenveld import DOORZETTINGSMACHT, MACHT_VOLGORDE

TEKST = "#1b1b1b"
LIJN = "#6b6b6b"
ACCENT = "#154273"  # dark blue: contrast 10:1 on white
LICHT = "#e6ecf3"
LETTER = 'font-family="system-ui, sans-serif"'

_volgnummers = itertools.count(1)


def _id(soort: str) -> str:
    # Several charts can share a page; their title/desc ids must be unique on it.
    return f"{soort}-{next(_volgnummers)}"


def _svg(breedte: int, hoogte: int, titel: str, beschrijving: str, inhoud: list[str]) -> SafeString:
    ident = _id("grafiek")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {breedte} {hoogte}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'style="max-width:{breedte}px;height:auto">'
        f'<title id="{ident}-t">{escape(titel)}</title>'
        f'<desc id="{ident}-d">{escape(beschrijving)}</desc>' + "".join(inhoud) + "</svg>"
    )


def _tekst(x: float, y: float, tekst: str, *, grootte: int = 13, **extra: str) -> str:
    attributen = " ".join(f'{k.replace("_", "-")}="{escape(v)}"' for k, v in extra.items())
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{grootte}" fill="{TEKST}" {LETTER} '
        f"{attributen}>{escape(tekst)}</text>"
    )


def _tekstbreedte(tekst: str, grootte: int) -> float:
    """A generous estimate of the width of a line of text, so that a chart's viewBox holds its
    labels (text past the viewBox is drawn off the page in a PDF)."""
    return len(tekst) * grootte * 0.62


def _kort(tekst: str, lengte: int) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


# --- the stadia ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StadiumStap:
    naam: str
    bereikt_op: dt.date | None
    huidig: bool


def stadia_svg(stappen: Sequence[StadiumStap], *, titel: str) -> SafeString:
    """Five stadia on a line: reached ones filled, the current one ringed, each with its date."""
    afstand, marge, hoogte = 150, 60, 110
    breedte = marge * 2 + afstand * (len(stappen) - 1)
    huidig = next((i for i, s in enumerate(stappen) if s.huidig), -1)
    inhoud = [
        f'<line x1="{marge}" y1="40" x2="{breedte - marge}" y2="40" stroke="{LIJN}" '
        'stroke-width="3"/>'
    ]
    if huidig > 0:
        inhoud.append(
            f'<line x1="{marge}" y1="40" x2="{marge + afstand * huidig}" y2="40" '
            f'stroke="{ACCENT}" stroke-width="6"/>'
        )
    zinnen = []
    for i, stap in enumerate(stappen):
        x = marge + afstand * i
        bereikt = i <= huidig
        inhoud.append(
            f'<circle cx="{x}" cy="40" r="14" fill="{ACCENT if bereikt else "#ffffff"}" '
            f'stroke="{ACCENT if bereikt else LIJN}" stroke-width="3"/>'
        )
        if stap.huidig:
            inhoud.append(
                f'<circle cx="{x}" cy="40" r="21" fill="none" stroke="{ACCENT}" stroke-width="3"/>'
            )
        inhoud.append(
            _tekst(
                x,
                80,
                stap.naam,
                text_anchor="middle",
                font_weight="bold" if stap.huidig else "normal",
            )
        )
        datum = date_format(stap.bereikt_op, "j F Y") if stap.bereikt_op else ""
        if datum:
            inhoud.append(_tekst(x, 100, datum, grootte=12, text_anchor="middle"))
        zinnen.append(f"{stap.naam}: {_stand(stap, bereikt, datum)}")
    return _svg(breedte, hoogte, titel, "; ".join(zinnen) + ".", inhoud)


def _stand(stap: StadiumStap, bereikt: bool, datum: str) -> str:
    if stap.huidig:
        tekst = gettext("huidig stadium")
    elif bereikt:
        tekst = gettext("bereikt")
    elif datum:
        # A stadium beyond the current one with a date: the case fell back from it.
        return gettext("eerder bereikt op %(datum)s, nu niet meer") % {"datum": datum}
    else:
        return gettext("nog niet bereikt")
    if datum:
        tekst += " (" + gettext("bereikt op %(datum)s") % {"datum": datum} + ")"
    return tekst


# --- the krachtenveld ---------------------------------------------------------------------


@dataclass(frozen=True)
class Partij:
    naam: str
    standpunt: str  # the column's key
    macht: str  # the row's key
    betrokkenheid: str
    invloed: int | None = None


# betrokkenheid → (marker, colour, label); the marker shape carries the meaning, not the colour
MARKERS: dict[str, tuple[str, str, Any]] = {
    "aangehaakt": ("cirkel", "#2b7a3d", _("aangehaakt")),
    "afwachtend": ("ruit", "#8a5a00", _("afwachtend")),
    "afgehaakt": ("kruis", "#b3261e", _("afgehaakt")),
    "nog_te_betrekken": ("ring", "#4a4a4a", _("nog te betrekken")),
}


def _marker(x: float, y: float, betrokkenheid: str) -> str:
    vorm, kleur, _ = MARKERS.get(betrokkenheid, ("ring", "#4a4a4a", betrokkenheid))
    if vorm == "cirkel":
        return f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="{kleur}"/>'
    if vorm == "ruit":
        return f'<path d="M{x:.0f} {y - 7:.0f} l7 7 l-7 7 l-7 -7 z" fill="{kleur}"/>'
    if vorm == "kruis":
        return (
            f'<path d="M{x - 5:.0f} {y - 5:.0f} l10 10 M{x + 5:.0f} {y - 5:.0f} l-10 10" '
            f'stroke="{kleur}" stroke-width="3"/>'
        )
    return (
        f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="none" stroke="{kleur}" stroke-width="2"/>'
    )


def krachtenveld_svg(
    partijen: Sequence[Partij],
    *,
    titel: str,
    standpunten: Sequence[tuple[str, str]],
    machten: Sequence[tuple[str, str]],
) -> SafeString:
    """Parties in a grid of standpunt (columns) against macht (rows), each with a marker for
    its betrokkenheid. ``standpunten`` and ``machten`` are (key, label) in display order."""
    kolom, labelbreedte, regel, kop = 190, 150, 20, 40
    per_cel: dict[tuple[str, str], list[Partij]] = {}
    for partij in partijen:
        per_cel.setdefault((partij.macht, partij.standpunt), []).append(partij)
    rijhoogtes = [
        max([1, *(len(per_cel.get((m, s), [])) for s, _ in standpunten)]) * regel + 16
        for m, _ in machten
    ]
    breedte = labelbreedte + kolom * len(standpunten)
    legenda_y = kop + sum(rijhoogtes) + 24
    hoogte = legenda_y + 20
    inhoud = []
    for i, (_sleutel, label) in enumerate(standpunten):
        x = labelbreedte + kolom * i
        inhoud.append(_tekst(x + kolom / 2, 24, label, text_anchor="middle", font_weight="bold"))
    y = kop
    zinnen = []
    for (macht, macht_label), rijhoogte in zip(machten, rijhoogtes, strict=True):
        inhoud.append(
            f'<rect x="0" y="{y}" width="{breedte}" height="{rijhoogte}" fill="{LICHT}" '
            f'fill-opacity="0.5" stroke="#ffffff" stroke-width="2"/>'
        )
        inhoud.append(_tekst(8, y + 18, macht_label, font_weight="bold"))
        for i, (standpunt, standpunt_label) in enumerate(standpunten):
            x = labelbreedte + kolom * i
            for j, partij in enumerate(per_cel.get((macht, standpunt), [])):
                py = y + 14 + j * regel
                inhoud.append(_marker(x + 12, py, partij.betrokkenheid))
                inhoud.append(_tekst(x + 24, py + 4, _kort(partij.naam, 24), grootte=12))
                betrokken = MARKERS.get(partij.betrokkenheid, ("", "", partij.betrokkenheid))[2]
                zinnen.append(
                    f"{partij.naam}: {standpunt_label.lower()}, {macht_label.lower()}, {betrokken}"
                )
        y += rijhoogte
    x = 8
    for vorm_sleutel, (_vorm, _kleur, label) in MARKERS.items():
        inhoud.append(_marker(x + 6, legenda_y, vorm_sleutel))
        inhoud.append(_tekst(x + 18, legenda_y + 4, str(label), grootte=12))
        x += 150
    beschrijving = (
        "; ".join(zinnen) + "." if zinnen else gettext("Er zijn nog geen beoordeelde partijen.")
    )
    return _svg(breedte, hoogte, titel, beschrijving, inhoud)


# --- the attention balance ----------------------------------------------------------------


@dataclass(frozen=True)
class VeldBalk:
    naam: str
    aantal: int
    gepland: int
    verwaarloosd: bool


def aandacht_svg(velden: Sequence[VeldBalk], *, titel: str) -> SafeString:
    """One bar per veld: interventions done, planned ones lighter; neglected velden labelled."""
    labelbreedte, balkruimte, regel = 170, 320, 30
    hoogste = max([1, *(v.aantal + v.gepland for v in velden)])
    schaal = balkruimte / hoogste
    hoogte = regel * len(velden) + 10
    rechts = float(labelbreedte + balkruimte + 150)
    inhoud = []
    zinnen = []
    for i, veld in enumerate(velden):
        y = 5 + i * regel
        inhoud.append(_tekst(0, y + 18, veld.naam))
        gedaan = veld.aantal * schaal
        inhoud.append(
            f'<rect x="{labelbreedte}" y="{y + 4}" width="{gedaan:.0f}" height="18" '
            f'fill="{ACCENT}"/>'
        )
        if veld.gepland:
            inhoud.append(
                f'<rect x="{labelbreedte + gedaan:.0f}" y="{y + 4}" '
                f'width="{veld.gepland * schaal:.0f}" height="18" fill="{LICHT}" '
                f'stroke="{ACCENT}" stroke-dasharray="4 2"/>'
            )
        label = str(veld.aantal)
        if veld.gepland:
            label += " " + gettext("(+%(aantal)s gepland)") % {"aantal": veld.gepland}
        if veld.verwaarloosd:
            label += " — " + gettext("geen recente aandacht")
        eind = labelbreedte + (veld.aantal + veld.gepland) * schaal + 6
        inhoud.append(_tekst(eind, y + 18, label, grootte=12))
        rechts = max(rechts, eind + _tekstbreedte(label, 12))
        zinnen.append(f"{veld.naam}: {label}")
    return _svg(int(rechts) + 1, hoogte, titel, "; ".join(zinnen) + ".", inhoud)


# --- bars of parts (days per stadium, outcomes per veld) ------------------------------------


@dataclass(frozen=True)
class Deel:
    """One part of a bar: a count, its colour and its name (the name is also in the label, so
    the colour never carries the meaning alone)."""

    aantal: int
    naam: str
    kleur: str = ACCENT


@dataclass(frozen=True)
class Staaf:
    naam: str
    delen: tuple[Deel, ...]


def staven_svg(staven: Sequence[Staaf], *, titel: str) -> SafeString:
    """One horizontal bar per row, its parts side by side, labelled with the counts in words
    (Dutch number format), so that the chart reads without its colours."""
    labelbreedte, balkruimte, regel = 170, 250, 26
    hoogste = max([1, *(sum(d.aantal for d in s.delen) for s in staven)])
    schaal = balkruimte / hoogste
    hoogte = regel * len(staven) + 10
    rechts = float(labelbreedte + balkruimte + 100)
    inhoud = []
    zinnen = []
    for i, staaf in enumerate(staven):
        y = 5 + i * regel
        inhoud.append(_tekst(0, y + 16, _kort(staaf.naam, 24), grootte=12))
        x = float(labelbreedte)
        for deel in staaf.delen:
            if deel.aantal:
                lengte = deel.aantal * schaal
                inhoud.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{lengte:.1f}" height="16" '
                    f'fill="{deel.kleur}" stroke="{ACCENT}" stroke-width="0.5"/>'
                )
                x += lengte
        label = " · ".join(
            f"{d.naam} {number_format(d.aantal, force_grouping=True)}"
            for d in staaf.delen
            if d.aantal
        ) or number_format(0)
        inhoud.append(_tekst(x + 6, y + 16, label, grootte=11))
        rechts = max(rechts, x + 6 + _tekstbreedte(label, 11))
        zinnen.append(f"{staaf.naam}: {label}")
    return _svg(int(rechts) + 1, hoogte, titel, "; ".join(zinnen) + ".", inhoud)


# --- from the selectors' documents --------------------------------------------------------


def krachtenveld_grafiek(veld: Mapping[str, Any], *, titel: str) -> SafeString:
    """The chart of a :func:`cases.selectors.krachtenveld` document (parties not yet assessed
    have no place in the grid and are left out)."""
    partijen = [
        Partij(
            naam=p["naam"],
            standpunt=groep["standpunt"],
            macht=groep["macht"],
            betrokkenheid=p["betrokkenheid"],
            invloed=p["invloed"],
        )
        for groep in veld["groepen"]
        for p in groep["partijen"]
    ]
    machten = [(str(m), _macht_label(str(m))) for m in MACHT_VOLGORDE]
    gebruikt = {p.macht for p in partijen}
    return krachtenveld_svg(
        partijen,
        titel=titel,
        # Voorstanders on the right, as one reads a scale from against to for.
        standpunten=[
            (s.value, str(s.label))
            for s in (
                Standpunt.TEGENSTANDER,
                Standpunt.AFWACHTEND,
                Standpunt.ONBEKEND,
                Standpunt.VOORSTANDER,
            )
        ],
        machten=[m for m in machten if m[0] in gebruikt] or machten[:1],
    )


def _macht_label(macht: str) -> str:
    if macht == DOORZETTINGSMACHT:
        return str(_("Doorzettingsmacht"))
    return str(Macht(macht).label)


def aandacht_grafiek(balans: Aandacht, *, titel: str) -> SafeString:
    """The chart of a :func:`cases.selectors.aandacht.aandacht` result."""
    return aandacht_svg(
        [VeldBalk(v.veld_naam, v.aantal, v.gepland, v.verwaarloosd) for v in balans.velden],
        titel=titel,
    )


def stadia_grafiek(huidig: str, bereikt: Mapping[str, dt.date | None], *, titel: str) -> SafeString:
    """The five stadia with the date each was (last) reached; ``huidig`` is the current one."""
    return stadia_svg(
        [
            StadiumStap(str(stadium.label), bereikt.get(stadium.value), stadium.value == huidig)
            for stadium in Stadium
        ],
        titel=titel,
    )
