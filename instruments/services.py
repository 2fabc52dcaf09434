"""Loading the catalogue document into the database, idempotently.

Rows are found by their natural keys (veld code, (veld, nummer) of a sub-vraag, (veld, naam)
of a thema or competentie, instrument naam, kracht naam, strategie code), created when
missing and updated only where the document says something else. What the document leaves
``null`` (the book does not say) never overwrites what a beheerder filled in, and rows the
document does not mention are left alone: the catalogue is meant to grow in the admin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction

from .catalogus import Catalogus, CatalogusOngeldig, VeldData, lees_catalogus
from .models import Competentie, Instrument, Kracht, Strategie, SubVraag, Thema, Veld

__all__ = ["STANDAARD_PAD", "CatalogusOngeldig", "Verslag", "laad_catalogus"]

STANDAARD_PAD: Path = Path(settings.BASE_DIR) / "fixtures" / "catalogus.json"

# The order in which the report lists the tables.
SOORTEN = {
    Veld: "velden",
    SubVraag: "sub-vragen",
    Thema: "thema's",
    Competentie: "competenties",
    Instrument: "instrumenten",
    Kracht: "krachten",
    Strategie: "strategieën",
}


@dataclass
class Verslag:
    """What a load created, updated and left as it was, per table."""

    aangemaakt: Counter[str] = field(default_factory=Counter)
    bijgewerkt: Counter[str] = field(default_factory=Counter)
    ongewijzigd: Counter[str] = field(default_factory=Counter)

    @property
    def gewijzigd(self) -> bool:
        return bool(sum(self.aangemaakt.values()) + sum(self.bijgewerkt.values()))

    def regels(self) -> list[str]:
        return [
            f"{soort}: {self.aangemaakt[soort]} nieuw, {self.bijgewerkt[soort]} bijgewerkt, "
            f"{self.ongewijzigd[soort]} ongewijzigd"
            for soort in SOORTEN.values()
        ]


class _Tabel:
    """The rows of one model by natural key, read once, written only where they differ."""

    def __init__(self, model: type[models.Model], sleutel: tuple[str, ...], verslag: Verslag):
        self.model = model
        self.sleutel = sleutel
        self.soort = SOORTEN[model]
        self.verslag = verslag
        self.rijen: dict[tuple[Any, ...], Any] = {
            tuple(getattr(rij, naam) for naam in sleutel): rij
            for rij in model._default_manager.all()
        }

    def bewaar(self, sleutel: tuple[Any, ...], waarden: dict[str, Any]) -> Any:
        """The row with this key, created or updated to ``waarden``.

        A value of None stands for "the document does not say": it fills a new row's default
        but never overwrites an existing row.
        """
        rij = self.rijen.get(sleutel)
        if rij is None:
            rij = self.model._default_manager.create(
                **dict(zip(self.sleutel, sleutel, strict=True)),
                **{naam: waarde for naam, waarde in waarden.items() if waarde is not None},
            )
            self.rijen[sleutel] = rij
            self.verslag.aangemaakt[self.soort] += 1
            return rij
        anders = [
            naam
            for naam, waarde in waarden.items()
            if waarde is not None and getattr(rij, naam) != waarde
        ]
        if anders:
            for naam in anders:
                setattr(rij, naam, waarden[naam])
            rij.save(update_fields=anders)
            self.verslag.bijgewerkt[self.soort] += 1
        else:
            self.verslag.ongewijzigd[self.soort] += 1
        return rij


@transaction.atomic
def laad_catalogus(*, pad: Path = STANDAARD_PAD) -> Verslag:
    """Load the catalogue document at ``pad``; raise CatalogusOngeldig and store nothing when
    the document has errors."""
    catalogus = lees_catalogus(pad)
    verslag = Verslag()
    _laad(catalogus, verslag)
    return verslag


def _laad(catalogus: Catalogus, verslag: Verslag) -> None:
    velden = _Tabel(Veld, ("code",), verslag)
    tabellen = {
        "subvragen": _Tabel(SubVraag, ("veld_id", "nummer"), verslag),
        "themas": _Tabel(Thema, ("veld_id", "naam"), verslag),
        "competenties": _Tabel(Competentie, ("veld_id", "naam"), verslag),
        "instrumenten": _Tabel(Instrument, ("naam",), verslag),
    }
    _maak_volgorde_vrij(velden, [v.code for v in catalogus.velden])
    for volgorde, data in enumerate(catalogus.velden, start=1):
        veld = velden.bewaar(
            (data.code,),
            {
                "naam": data.naam,
                "kernvraag": data.kernvraag,
                "uitleg": data.uitleg or None,
                "volgorde": volgorde,
            },
        )
        _laad_veld(veld, data, tabellen)
    krachten = _Tabel(Kracht, ("naam",), verslag)
    _maak_volgorde_vrij(krachten, [k.naam for k in catalogus.krachten])
    for volgorde, kracht in enumerate(catalogus.krachten, start=1):
        krachten.bewaar((kracht.naam,), {"omschrijving": kracht.omschrijving, "volgorde": volgorde})
    strategieen = _Tabel(Strategie, ("code",), verslag)
    for volgorde, strategie in enumerate(catalogus.strategieen, start=1):
        strategieen.bewaar(
            (strategie.code,),
            {
                "naam": strategie.naam,
                "omschrijving": strategie.omschrijving or None,
                "volgorde": volgorde,
            },
        )


def _maak_volgorde_vrij(tabel: _Tabel, sleutels: list[Any]) -> None:
    """Move rows out of the way that hold a volgorde the document gives to another row.

    Only after a beheerder reordered rows (volgorde is unique): the document's order is then
    restored without tripping the constraint halfway; the other rows go to the end.
    """
    gewenst = {(sleutel,): nummer for nummer, sleutel in enumerate(sleutels, start=1)}
    nummers = set(gewenst.values())
    in_de_weg = [
        rij
        for key, rij in tabel.rijen.items()
        if rij.volgorde in nummers and gewenst.get(key) != rij.volgorde
    ]
    vrij = max((rij.volgorde for rij in tabel.rijen.values()), default=0) + len(sleutels)
    for index, rij in enumerate(in_de_weg, start=1):
        rij.volgorde = vrij + index
        rij.save(update_fields=["volgorde"])


def _laad_veld(veld: Veld, data: VeldData, tabellen: dict[str, _Tabel]) -> None:
    subvragen = {
        subvraag.nummer: tabellen["subvragen"].bewaar(
            (veld.pk, subvraag.nummer), {"tekst": subvraag.tekst}
        )
        for subvraag in data.subvragen
    }
    themas = {}
    for volgorde, thema in enumerate(data.themas, start=1):
        themas[thema.naam] = tabellen["themas"].bewaar(
            (veld.pk, thema.naam),
            {
                "subvraag_id": subvragen[thema.subvraag].pk if thema.subvraag else None,
                "volgorde": volgorde,
            },
        )
    for volgorde, competentie in enumerate(data.competenties, start=1):
        tabellen["competenties"].bewaar(
            (veld.pk, competentie.naam),
            {
                "omschrijving": competentie.omschrijving,
                "gedrag_en_houding": competentie.gedrag_en_houding,
                "volgorde": volgorde,
            },
        )
    for volgorde, instrument in enumerate(data.instrumenten, start=1):
        tabellen["instrumenten"].bewaar(
            (instrument.naam,),
            {
                "veld_id": veld.pk,
                "verdiepingsvraag": instrument.verdiepingsvraag,
                "subvraag_id": subvragen[instrument.subvraag].pk if instrument.subvraag else None,
                "thema_id": themas[instrument.thema].pk if instrument.thema else None,
                "doel": instrument.doel,
                "voorkeursinstrument": instrument.voorkeursinstrument,
                "bron": instrument.bron or None,
                "omschrijving": instrument.omschrijving,
                "volgorde": volgorde,
            },
        )
