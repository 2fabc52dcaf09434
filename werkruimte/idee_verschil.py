"""What changed between two versions of a text: word by word for prose, line by line for lists.

The page renders each piece as plain text, ``<del>`` or ``<ins>``, each marked with a text
label for screen readers (most do not announce ``<del>``/``<ins>`` by themselves).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Soort = Literal["gelijk", "weg", "erbij"]

# Words, runs of whitespace and single punctuation marks: a diff on these keeps spacing intact
# and does not mark a whole sentence when one comma moved.
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Stuk:
    soort: Soort
    tekst: str


@dataclass(frozen=True)
class Veldverschil:
    """One field of a version beside the previous one."""

    naam: str
    label: str
    stukken: list[Stuk]
    per_regel: bool = False

    @property
    def gewijzigd(self) -> bool:
        return any(stuk.soort != "gelijk" for stuk in self.stukken)

    @property
    def leeg(self) -> bool:
        return not any(stuk.tekst.strip() for stuk in self.stukken)


def _samen(stukken: list[Stuk]) -> list[Stuk]:
    """Adjacent pieces of the same kind as one (fewer labels to hear)."""
    samen: list[Stuk] = []
    for stuk in stukken:
        if not stuk.tekst:
            continue
        if samen and samen[-1].soort == stuk.soort:
            samen[-1] = Stuk(stuk.soort, samen[-1].tekst + stuk.tekst)
        else:
            samen.append(stuk)
    return samen


def _verschil(oud: list[str], nieuw: list[str]) -> list[Stuk]:
    stukken: list[Stuk] = []
    matcher = difflib.SequenceMatcher(a=oud, b=nieuw, autojunk=False)
    for code, a1, a2, b1, b2 in matcher.get_opcodes():
        if code == "equal":
            stukken.append(Stuk("gelijk", "".join(oud[a1:a2])))
            continue
        if code in ("delete", "replace"):
            stukken.append(Stuk("weg", "".join(oud[a1:a2])))
        if code in ("insert", "replace"):
            stukken.append(Stuk("erbij", "".join(nieuw[b1:b2])))
    return _samen(stukken)


def woordverschil(oud: str, nieuw: str) -> list[Stuk]:
    """``nieuw`` against ``oud`` word by word."""
    return _verschil(_TOKENS.findall(oud or ""), _TOKENS.findall(nieuw or ""))


def regelverschil(oud: str, nieuw: str) -> list[Stuk]:
    """``nieuw`` against ``oud`` line by line (each line keeps its line break)."""
    return _verschil((oud or "").splitlines(keepends=True), (nieuw or "").splitlines(keepends=True))


def veldverschil(
    naam: str, label: str, oud: str | None, nieuw: str, *, per_regel: bool = False
) -> Veldverschil:
    """A field of ``nieuw`` against ``oud``; without a previous version everything is new."""
    if oud is None:
        stukken = [Stuk("gelijk", nieuw)] if nieuw else []
    elif per_regel:
        stukken = regelverschil(oud, nieuw)
    else:
        stukken = woordverschil(oud, nieuw)
    return Veldverschil(naam=naam, label=label, stukken=stukken, per_regel=per_regel)
