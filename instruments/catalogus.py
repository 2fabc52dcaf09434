"""Reading and checking the catalogue document (fixtures/catalogus.json).

The document is written by hand, so everything in it is checked before anything is stored:
unknown keys (a typo would otherwise be ignored), codes outside the book's velden, themes or
sub-vragen that do not exist in their veld, and names used twice. Every problem is reported
with its place in the document.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from .models import Doel, VeldCode


class CatalogusOngeldig(ValueError):
    """The catalogue document cannot be loaded; the message names every problem."""


@dataclass(frozen=True)
class SubVraagData:
    nummer: int
    tekst: str


@dataclass(frozen=True)
class ThemaData:
    naam: str
    subvraag: int | None


@dataclass(frozen=True)
class CompetentieData:
    naam: str
    omschrijving: str
    gedrag_en_houding: str | None


@dataclass(frozen=True)
class InstrumentData:
    naam: str
    verdiepingsvraag: str
    subvraag: int | None
    thema: str | None
    doel: str | None
    voorkeursinstrument: bool | None
    bron: str
    omschrijving: str | None


@dataclass(frozen=True)
class VeldData:
    code: str
    naam: str
    kernvraag: str
    uitleg: str
    subvragen: tuple[SubVraagData, ...]
    themas: tuple[ThemaData, ...]
    competenties: tuple[CompetentieData, ...]
    instrumenten: tuple[InstrumentData, ...]


@dataclass(frozen=True)
class KrachtData:
    naam: str
    omschrijving: str


@dataclass(frozen=True)
class StrategieData:
    code: str
    naam: str
    omschrijving: str


@dataclass(frozen=True)
class Catalogus:
    velden: tuple[VeldData, ...]
    krachten: tuple[KrachtData, ...]
    strategieen: tuple[StrategieData, ...]


class _Lezer:
    """Collects every problem of the document instead of stopping at the first."""

    def __init__(self) -> None:
        self.fouten: list[str] = []

    def fout(self, plek: str, melding: str) -> None:
        self.fouten.append(f"{plek}: {melding}")

    def object(
        self,
        waarde: Any,
        plek: str,
        verplicht: AbstractSet[str],
        optioneel: AbstractSet[str] = frozenset(),
    ) -> dict[str, Any]:
        if not isinstance(waarde, dict):
            self.fout(plek, "verwacht een object")
            return {}
        for naam in sorted(set(waarde) - verplicht - optioneel):
            self.fout(plek, f"onbekende sleutel '{naam}'")
        for naam in sorted(verplicht - set(waarde)):
            self.fout(plek, f"sleutel '{naam}' ontbreekt")
        return waarde

    def lijst(self, waarde: Any, plek: str) -> list[Any]:
        if not isinstance(waarde, list):
            self.fout(plek, "verwacht een lijst")
            return []
        return waarde

    def tekst(self, waarde: Any, plek: str, *, leeg: bool = False) -> str:
        if not isinstance(waarde, str) or (not leeg and not waarde.strip()):
            self.fout(plek, "verwacht een tekst" if leeg else "verwacht een niet-lege tekst")
            return ""
        return waarde.strip()

    def of_null(self, waarde: Any, plek: str) -> str | None:
        return None if waarde is None else self.tekst(waarde, plek)

    def nummer(self, waarde: Any, plek: str) -> int | None:
        if waarde is None:
            return None
        if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 1:
            self.fout(plek, "verwacht een geheel getal van 1 of meer, of null")
            return None
        return waarde

    def uniek(self, namen: list[Any], plek: str, wat: str) -> None:
        gezien: set[Any] = set()
        for naam in namen:
            if naam in gezien:
                self.fout(plek, f"{wat} '{naam}' komt meer dan eens voor")
            gezien.add(naam)


def _subvragen(lezer: _Lezer, waarde: Any, plek: str) -> tuple[SubVraagData, ...]:
    result = []
    for index, item in enumerate(lezer.lijst(waarde, plek)):
        hier = f"{plek}[{index}]"
        item = lezer.object(item, hier, {"nummer", "tekst"})
        nummer = lezer.nummer(item.get("nummer"), f"{hier}.nummer")
        if "nummer" in item and nummer is None:
            lezer.fout(f"{hier}.nummer", "een sub-vraag heeft een nummer")
        result.append(SubVraagData(nummer or 0, lezer.tekst(item.get("tekst"), f"{hier}.tekst")))
    lezer.uniek([s.nummer for s in result], plek, "nummer")
    return tuple(result)


def _themas(lezer: _Lezer, waarde: Any, plek: str, nummers: set[int]) -> tuple[ThemaData, ...]:
    result = []
    for index, item in enumerate(lezer.lijst(waarde, plek)):
        hier = f"{plek}[{index}]"
        item = lezer.object(item, hier, {"naam"}, {"subvraag"})
        subvraag = lezer.nummer(item.get("subvraag"), f"{hier}.subvraag")
        if subvraag is not None and subvraag not in nummers:
            lezer.fout(f"{hier}.subvraag", f"dit veld heeft geen sub-vraag {subvraag}")
        result.append(ThemaData(lezer.tekst(item.get("naam"), f"{hier}.naam"), subvraag))
    lezer.uniek([t.naam for t in result], plek, "thema")
    return tuple(result)


def _competenties(lezer: _Lezer, waarde: Any, plek: str) -> tuple[CompetentieData, ...]:
    result = []
    for index, item in enumerate(lezer.lijst(waarde, plek)):
        hier = f"{plek}[{index}]"
        item = lezer.object(item, hier, {"naam", "omschrijving"}, {"gedragEnHouding"})
        result.append(
            CompetentieData(
                naam=lezer.tekst(item.get("naam"), f"{hier}.naam"),
                omschrijving=lezer.tekst(item.get("omschrijving"), f"{hier}.omschrijving"),
                gedrag_en_houding=lezer.of_null(
                    item.get("gedragEnHouding"), f"{hier}.gedragEnHouding"
                ),
            )
        )
    lezer.uniek([c.naam for c in result], plek, "competentie")
    return tuple(result)


def _instrumenten(
    lezer: _Lezer, waarde: Any, plek: str, bron: str, themas: tuple[ThemaData, ...]
) -> tuple[InstrumentData, ...]:
    thema_subvraag = {t.naam: t.subvraag for t in themas}
    result = []
    for index, item in enumerate(lezer.lijst(waarde, plek)):
        hier = f"{plek}[{index}]"
        item = lezer.object(
            item,
            hier,
            {"naam", "verdiepingsvraag"},
            {"subvraag", "thema", "doel", "voorkeursinstrument", "bron", "omschrijving"},
        )
        subvraag = lezer.nummer(item.get("subvraag"), f"{hier}.subvraag")
        thema = lezer.of_null(item.get("thema"), f"{hier}.thema")
        if thema is not None and thema not in thema_subvraag:
            lezer.fout(f"{hier}.thema", f"dit veld heeft geen thema '{thema}'")
        elif (
            thema is not None
            and subvraag is not None
            and thema_subvraag[thema] not in (None, subvraag)
        ):
            lezer.fout(f"{hier}.thema", f"thema '{thema}' hoort bij een andere sub-vraag")
        doel = item.get("doel")
        if doel is not None and doel not in Doel.values:
            lezer.fout(f"{hier}.doel", f"verwacht een van {', '.join(Doel.values)}, of null")
            doel = None
        voorkeur = item.get("voorkeursinstrument")
        if voorkeur is not None and not isinstance(voorkeur, bool):
            lezer.fout(f"{hier}.voorkeursinstrument", "verwacht true, false of null")
            voorkeur = None
        result.append(
            InstrumentData(
                naam=lezer.tekst(item.get("naam"), f"{hier}.naam"),
                verdiepingsvraag=lezer.tekst(
                    item.get("verdiepingsvraag"), f"{hier}.verdiepingsvraag"
                ),
                subvraag=subvraag,
                thema=thema,
                doel=doel,
                voorkeursinstrument=voorkeur,
                bron=lezer.tekst(item.get("bron", bron), f"{hier}.bron", leeg=True),
                omschrijving=lezer.of_null(item.get("omschrijving"), f"{hier}.omschrijving"),
            )
        )
    return tuple(result)


def _veld(lezer: _Lezer, waarde: Any, plek: str, bron: str) -> VeldData:
    item = lezer.object(
        waarde,
        plek,
        {"code", "naam", "kernvraag", "subvragen", "themas", "competenties", "instrumenten"},
        {"uitleg"},
    )
    code = item.get("code")
    if code not in VeldCode.values:
        lezer.fout(f"{plek}.code", f"verwacht een van {', '.join(VeldCode.values)}")
    subvragen = _subvragen(lezer, item.get("subvragen"), f"{plek}.subvragen")
    nummers = {s.nummer for s in subvragen}
    themas = _themas(lezer, item.get("themas"), f"{plek}.themas", nummers)
    instrumenten = _instrumenten(
        lezer, item.get("instrumenten"), f"{plek}.instrumenten", bron, themas
    )
    for index, instrument in enumerate(instrumenten):
        if instrument.subvraag is not None and instrument.subvraag not in nummers:
            lezer.fout(
                f"{plek}.instrumenten[{index}].subvraag",
                f"dit veld heeft geen sub-vraag {instrument.subvraag}",
            )
    return VeldData(
        code=str(code),
        naam=lezer.tekst(item.get("naam"), f"{plek}.naam"),
        kernvraag=lezer.tekst(item.get("kernvraag"), f"{plek}.kernvraag"),
        uitleg=lezer.tekst(item.get("uitleg", ""), f"{plek}.uitleg", leeg=True),
        subvragen=subvragen,
        themas=themas,
        competenties=_competenties(lezer, item.get("competenties"), f"{plek}.competenties"),
        instrumenten=instrumenten,
    )


def lees_catalogus(pad: Path) -> Catalogus:
    """The checked contents of the catalogue document at ``pad``."""
    try:
        document = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as fout:
        raise CatalogusOngeldig(f"{pad}: niet te lezen als JSON ({fout})") from fout
    lezer = _Lezer()
    document = lezer.object(
        document, "catalogus", {"velden", "krachten", "strategieen"}, {"toelichting", "bron"}
    )
    bron = lezer.tekst(document.get("bron", ""), "catalogus.bron", leeg=True)
    velden = tuple(
        _veld(lezer, veld, f"velden[{index}]", bron)
        for index, veld in enumerate(lezer.lijst(document.get("velden"), "velden"))
    )
    lezer.uniek([v.code for v in velden], "velden", "veld")
    lezer.uniek([i.naam for v in velden for i in v.instrumenten], "velden", "instrument")
    krachten = []
    for index, item in enumerate(lezer.lijst(document.get("krachten"), "krachten")):
        hier = f"krachten[{index}]"
        item = lezer.object(item, hier, {"naam", "omschrijving"})
        krachten.append(
            KrachtData(
                lezer.tekst(item.get("naam"), f"{hier}.naam"),
                lezer.tekst(item.get("omschrijving"), f"{hier}.omschrijving"),
            )
        )
    lezer.uniek([k.naam for k in krachten], "krachten", "kracht")
    strategieen = []
    for index, item in enumerate(lezer.lijst(document.get("strategieen"), "strategieen")):
        hier = f"strategieen[{index}]"
        item = lezer.object(item, hier, {"code", "naam"}, {"omschrijving"})
        code = lezer.tekst(item.get("code"), f"{hier}.code")
        if code and slugify(code) != code:
            lezer.fout(f"{hier}.code", "verwacht kleine letters, cijfers en streepjes")
        strategieen.append(
            StrategieData(
                code,
                lezer.tekst(item.get("naam"), f"{hier}.naam"),
                lezer.tekst(item.get("omschrijving", ""), f"{hier}.omschrijving", leeg=True),
            )
        )
    lezer.uniek([s.code for s in strategieen], "strategieen", "strategie")
    if lezer.fouten:
        raise CatalogusOngeldig(
            f"{pad} is ongeldig:\n" + "\n".join(f"- {fout}" for fout in lezer.fouten)
        )
    return Catalogus(tuple(velden), tuple(krachten), tuple(strategieen))
