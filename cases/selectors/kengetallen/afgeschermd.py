"""What the viewer of the figures may not see, counted per section (never shown)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext

from cases.models import Bestuursproces
from cases.selectors.afscherming import afscherming


@dataclass(frozen=True)
class Afgeschermd:
    """Per section the items above the viewer's visibility: counted, never shown."""

    interventies: int = 0
    beoordelingen: int = 0  # of spelers and opdrachtgevers (the krachtenveld)
    positioneringen: int = 0
    afspraken: int = 0

    @property
    def totaal(self) -> int:
        return self.interventies + self.beoordelingen + self.positioneringen + self.afspraken

    @property
    def melding(self) -> str:
        """The sentence for the reader, naming only the sections with something withheld."""
        delen = [
            (gettext("interventies"), self.interventies),
            (gettext("beoordelingen van partijen"), self.beoordelingen),
            (gettext("positioneringen"), self.positioneringen),
            (gettext("afspraken"), self.afspraken),
        ]
        opsomming = "; ".join(
            f"{naam}: {number_format(aantal, force_grouping=True)}"
            for naam, aantal in delen
            if aantal
        )
        return gettext(
            "Voor deze rol afgeschermd — %(opsomming)s. De cijfers in dit rapport gaan alleen "
            "over wat deze rol mag zien: wat ontbreekt, is afgeschermd, niet afwezig."
        ) % {"opsomming": opsomming}


def tel_afgeschermd(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> Afgeschermd:
    """How many items of each section the viewer may not see, as the exports and the status
    page count them (:func:`cases.selectors.afscherming.afscherming`: one query, none for a
    viewer of every level)."""
    telling = afscherming(bestuursproces, zichtbaar)
    return Afgeschermd(
        interventies=telling.aantal("interventies"),
        beoordelingen=telling.aantal("spelerbeoordelingen")
        + telling.aantal("opdrachtgeverbeoordelingen"),
        positioneringen=telling.aantal("positioneringen"),
        afspraken=telling.aantal("afspraken"),
    )
