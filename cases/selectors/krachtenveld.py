"""The krachtenveld (book §10.2, ch. 11; seed 001): who stands where, with what power.

Both reads fold the event log with the viewer's visibility, so they answer for any moment and
never show an assessment the viewer may not see. The shifts as known now are read from the
tijdlijn's read model (:class:`~cases.models.Verschuivingsregel`, one row per viewer level),
paged in SQL; as known at an earlier moment they are folded from the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from django.db.models import F, Q, QuerySet

from cases.events import soorten
from cases.events.soorten import partijen, soort
from cases.events.tijdlijnregels import VERSIE
from cases.events.tijdlijnvertelling import niveau_van, partij
from cases.events.vrijgave import als_zicht, leesbaar
from cases.events.wereldtijd import DATUMCORRECTIE, geschiedenis
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Macht,
    Standpunt,
    Tijdlijngeheugen,
    Tijdlijnstand,
    Verschuivingsregel,
)
from cases.vaste_termen import IsEenVan

from .toestand import momentopname

PARTIJEN = frozenset({"spelers", "opdrachtgevers"})


def hernoemingen() -> list[str]:
    """The types that may rename a speler or opdrachtgever (the shifts name parties by them)."""
    return [
        code
        for code, s in soorten.alle().items()
        if isinstance(s, partijen.Gecorrigeerd) and s.partij != "organisatie"
    ]


# An opdrachtgever's power is its doorzettingsmacht within its own organisation (book §10.3);
# its stevigheid plays the part a speler's invloed plays.
DOORZETTINGSMACHT = "doorzettingsmacht"
STANDPUNT_VOLGORDE = [
    Standpunt.VOORSTANDER,
    Standpunt.AFWACHTEND,
    Standpunt.TEGENSTANDER,
    Standpunt.ONBEKEND,
]
MACHT_VOLGORDE = [
    Macht.PRODUCTIEMACHT,
    Macht.BLOKKADEMACHT,
    DOORZETTINGSMACHT,
    Macht.DIFFUSE_MACHT,
    Macht.GEEN,
]


def _speler(speler: dict[str, Any]) -> dict[str, Any]:
    b = speler["huidigeBeoordeling"]
    return {
        "soort": "speler",
        "uuid": speler["uuid"],
        "naam": speler["naam"],
        "veld": speler["veld"],
        "betrokkenheid": speler["betrokkenheid"],
        "invloed": b["invloed"] if b else None,
        "uniekeMacht": b["uniekeMacht"] if b else None,
        "beoordeeldOp": b["tijdstip"] if b else None,
    }


def _opdrachtgever(opdrachtgever: dict[str, Any]) -> dict[str, Any]:
    b = opdrachtgever["huidigeBeoordeling"]
    return {
        "soort": "opdrachtgever",
        "uuid": opdrachtgever["uuid"],
        "naam": opdrachtgever["naam"],
        "veld": "opdrachtgevende",
        "betrokkenheid": opdrachtgever["betrokkenheid"],
        "invloed": b["stevigheid"] if b else None,
        "uniekeMacht": None,
        "beoordeeldOp": b["tijdstip"] if b else None,
    }


def krachtenveld(
    bestuursproces: Bestuursproces,
    tijdstip: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> dict[str, Any] | None:
    """Parties at ``tijdstip`` grouped by standpunt and macht; None before the case existed.

    World time; with ``bekend_op`` by what had been recorded then."""
    staat = momentopname(bestuursproces, tijdstip, zichtbaar, bekend_op=bekend_op, delen=PARTIJEN)
    return None if staat is None else krachtenveld_uit_staat(staat)


def krachtenveld_uit_staat(staat: dict[str, Any]) -> dict[str, Any]:
    """The krachtenveld of a case document (its spelers and opdrachtgevers as a viewer sees
    them), for pages that have read the document already."""
    groepen: dict[tuple[str, str], list[dict[str, Any]]] = {}
    niet_beoordeeld: list[dict[str, Any]] = []
    for speler in staat["spelers"]:
        b = speler["huidigeBeoordeling"]
        if b is None:
            niet_beoordeeld.append(_speler(speler))
        else:
            groepen.setdefault((b["standpunt"], b["macht"]), []).append(_speler(speler))
    for opdrachtgever in staat["opdrachtgevers"]:
        b = opdrachtgever["huidigeBeoordeling"]
        if b is None:
            niet_beoordeeld.append(_opdrachtgever(opdrachtgever))
        else:
            groepen.setdefault((b["steun"], DOORZETTINGSMACHT), []).append(
                _opdrachtgever(opdrachtgever)
            )
    volgorde = sorted(
        groepen,
        key=lambda k: (STANDPUNT_VOLGORDE.index(k[0]), MACHT_VOLGORDE.index(k[1])),  # type: ignore[arg-type]
    )
    return {
        "volgnummer": staat["volgnummer"],
        "groepen": [
            {
                "standpunt": standpunt,
                "macht": macht,
                "partijen": sorted(
                    groepen[(standpunt, macht)],
                    key=lambda p: (-(p["invloed"] or 0), p["naam"], p["uuid"]),
                ),
            }
            for standpunt, macht in volgorde
        ],
        "nietBeoordeeld": niet_beoordeeld,
    }


def _verschuiving(regel: Verschuivingsregel, partij: dict[str, str]) -> dict[str, Any]:
    e = regel.gebeurtenis
    return {
        "volgnummer": regel.volgnummer,
        "tijdstip": regel.tijdstip,
        "partij": partij,
        "aspect": regel.aspect,
        "van": regel.van,
        "naar": regel.naar,
        "toelichting": e.toelichting,
        "door": e.actor_gebruikersnaam,
        "doorNaam": e.actor_naam,
    }


class Verschuivingenreeks(Sequence[dict[str, Any]]):
    """Shifts read from the database only as far as they are used (``len`` counts in SQL,
    a slice reads one page and the names of its parties)."""

    def __init__(
        self,
        regels: QuerySet[Verschuivingsregel],
        niveau: str,
        tel: Callable[[], int | None] | None = None,
    ) -> None:
        self._regels = regels
        self._niveau = niveau
        self._tel = tel
        self._aantal: int | None = None

    def __len__(self) -> int:
        if self._aantal is None:
            self._aantal = self._tel() if self._tel is not None else None
        if self._aantal is None:
            self._aantal = self._regels.count()
        return self._aantal

    def _vertel(self, regels: list[Verschuivingsregel]) -> list[dict[str, Any]]:
        """The rows with their parties by their names at the end of the history."""
        if not regels:
            return []
        bekend: dict[tuple[str, str], str] = {
            (veld, sleutel): waarde
            for veld, sleutel, waarde in Tijdlijngeheugen.objects.filter(
                bestuursproces_id=regels[0].bestuursproces_id,
                niveau=self._niveau,
                veld__in=("partijen", "soorten"),
                sleutel__in={r.partij for r in regels},
            ).values_list("veld", "sleutel", "waarde")
        }
        return [
            _verschuiving(
                r,
                partij(
                    r.partij, bekend.get(("partijen", r.partij)), bekend.get(("soorten", r.partij))
                ),
            )
            for r in regels
        ]

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return self._vertel(list(self._regels[index]))
        return self._vertel([self._regels[index]])[0]

    def na(self, tijdstip: dt.datetime, volgnummer: int) -> Verschuivingenreeks:
        """The shifts after the one at ``(tijdstip, volgnummer)``, on the order's index (one
        per event and level): what was recorded meanwhile before it does not shift what
        follows."""
        verder = Q(tijdstip__gt=tijdstip) | Q(tijdstip=tijdstip, volgnummer__gt=volgnummer)
        return Verschuivingenreeks(self._regels.filter(verder), self._niveau)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for begin in itertools.count(0, 1000):
            deel = self._vertel(list(self._regels[begin : begin + 1000]))
            yield from deel
            if len(deel) < 1000:
                return


def verschuivingenreeks(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime | None,
    zichtbaar: frozenset[str],
) -> Verschuivingenreeks | None:
    """The shifts from ``van`` up to now or ``tot``, as known now, read lazily from the read
    model; None when the read model cannot answer: ``zichtbaar`` is not a role's set of
    levels, or a party may have been renamed after ``tot`` (the shifts name the parties as
    they were called at ``tot``)."""
    niveau = niveau_van(zichtbaar)
    if niveau is None:
        return None
    regels = Verschuivingsregel.objects.filter(bestuursproces=bestuursproces, niveau=niveau)
    if tot is not None:
        # Each on a partial index of its few events (a change of a party after tot, a
        # correction of such a change), not over the case's events after tot.
        alle = Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
        if (
            alle.filter(IsEenVan(F("type"), hernoemingen()), tijdstip__gt=tot).exists()
            or alle.filter(type=DATUMCORRECTIE, payload__type__in=hernoemingen()).exists()
        ):
            return None
        regels = regels.filter(tijdstip__lte=tot)
    if van is not None:
        regels = regels.filter(tijdstip__gte=van)
    tel = None
    if van is None and tot is None:
        # Every shift of the level: the count kept on Tijdlijnstand, not a count of the rows.
        tel = (
            Tijdlijnstand.objects.filter(bestuursproces=bestuursproces, versie=VERSIE)
            .values_list(f"verschuivingen_{niveau}", flat=True)
            .first
        )
    return Verschuivingenreeks(
        regels.order_by("tijdstip", "volgnummer")
        .select_related("gebeurtenis")
        .only(
            *(f.name for f in Verschuivingsregel._meta.concrete_fields),
            "gebeurtenis__toelichting",
            "gebeurtenis__actor_gebruikersnaam",
            "gebeurtenis__actor_naam",
        ),
        niveau,
        tel,
    )


def verschuivingen(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Who shifted standpunt (or steun) or betrokkenheid between ``van`` and ``tot``, and why,
    in the order it happened (world time; with ``bekend_op`` by what had been recorded then).

    A first assessment counts as a shift from ``None``: the party's position became known.
    """
    reeks = verschuivingenreeks(bestuursproces, van, tot, zichtbaar) if bekend_op is None else None
    if reeks is not None:
        return list(iter(reeks))  # iter: no count query for a length hint
    return verschuivingen_gevouwen(bestuursproces, van, tot, zichtbaar, bekend_op=bekend_op)


def verschuivingen_gevouwen(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """The shifts folded from the log (the read model's definition, and as known at
    ``bekend_op``)."""
    namen: dict[str, dict[str, str]] = {}
    standpunten: dict[str, str | None] = {}
    result: list[dict[str, Any]] = []

    def meld(e: Any, partij: str, aspect: str, oud: Any, nieuw: Any) -> None:
        if van is not None and e.tijdstip < van:
            return
        result.append(
            {
                "volgnummer": e.volgnummer,
                "tijdstip": e.tijdstip,
                "partij": namen.get(partij, {"uuid": partij, "naam": "", "soort": ""}),
                "aspect": aspect,
                "van": oud,
                "naar": nieuw,
                "toelichting": e.toelichting,
                "door": e.actor_gebruikersnaam,
                "doorNaam": e.actor_naam,
            }
        )

    # A read stopped by an error ends at once, inside the transaction.
    zicht = als_zicht(zichtbaar)  # released items too, loaded once
    with contextlib.closing(geschiedenis(bestuursproces.pk, tot=tot, bekend=bekend_op)) as reeks:
        for e in reeks:
            if not leesbaar(e, zicht):
                continue
            feit = soort(e.type)
            if isinstance(feit, partijen.Geregistreerd) and feit.partij != "organisatie":
                gegevens = e.payload[feit.partij]
                namen[gegevens["uuid"]] = {
                    "uuid": gegevens["uuid"],
                    "naam": gegevens["naam"],
                    "soort": feit.partij,
                }
            elif isinstance(feit, partijen.Gecorrigeerd) and feit.partij != "organisatie":
                if "naam" in e.payload["wijzigingen"]:
                    namen[e.payload[feit.partij]]["naam"] = e.payload["wijzigingen"]["naam"]
            elif isinstance(feit, partijen.Beoordeeld):
                partij = e.payload[feit.partij]
                nieuw = e.payload["beoordeling"][feit.standpunt]
                oud = standpunten.get(partij)
                standpunten[partij] = nieuw
                if nieuw != oud:
                    meld(e, partij, "standpunt", oud, nieuw)
            elif isinstance(feit, partijen.BetrokkenheidGewijzigd):
                w = e.payload["wijziging"]
                meld(e, w["partij"], "betrokkenheid", w["van"], w["naar"])
    return result
