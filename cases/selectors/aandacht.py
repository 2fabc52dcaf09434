"""Help while working: the attention balance across the velden and instrument suggestions.

The attention balance (book §2.3) counts the interventions a viewer may see per veld and per
side of the creatielemniscaat (IK, WIJ, HET, ZIJ), and names the velden that have had no
intervention for a while. Planned interventions are reported apart: attention given is what
was done (uitgevoerd or geëvalueerd), not what is on the agenda.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from cases.models import (
    ALLE_NIVEAUS,
    Bestuursproces,
    InterventieStatus,
    InterventieVeld,
)
from instruments.models import (
    INTERVENTIEVELDEN,
    LEMNISCAATKANT,
    Instrument,
    Lemniscaatkant,
    VeldCode,
)

STANDAARD_WEKEN = 6


@dataclass(frozen=True)
class VeldAandacht:
    veld: str
    veld_naam: str
    lemniscaatkant: str
    aantal: int
    gepland: int
    laatste: dt.date | None
    verwaarloosd: bool


@dataclass(frozen=True)
class KantAandacht:
    kant: str
    naam: str
    velden: tuple[str, ...]
    aantal: int
    aandeel: float


@dataclass(frozen=True)
class Aandacht:
    van: dt.date | None
    tot: dt.date
    weken: int
    totaal: int
    velden: list[VeldAandacht]
    kanten: list[KantAandacht]
    verwaarloosd: list[str]


def aandacht(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
    *,
    van: dt.date | None,
    tot: dt.date,
    weken: int = STANDAARD_WEKEN,
) -> Aandacht:
    """The attention balance between ``van`` and ``tot`` (dates of the interventions).

    A veld is *verwaarloosd* when no intervention aimed at it was done in the ``weken``
    weeks up to ``tot``. An intervention aiming at several velden counts for each of them,
    and once for a side of the lemniscaat.
    """
    # One query: the (interventie, veld, status, datum) rows the viewer may see up to tot.
    rijen = InterventieVeld.objects.filter(
        bestuursproces=bestuursproces,
        interventie__zichtbaarheid__in=zichtbaar,
        interventie__datum__lte=tot,
    ).values_list("interventie_id", "veld", "interventie__status", "interventie__datum")
    return balans(rijen, van=van, tot=tot, weken=weken)


def verborgen_annotaties(
    zichtbaar: frozenset[str], *, tot: dt.date, weken: int = STANDAARD_WEKEN
) -> dict[str, Any]:
    """Per veld, the interventies done in the ``weken`` up to ``tot`` that a viewer with
    ``zichtbaar`` may not see, as annotations of a query of cases (``verborgen_<veld>``), so
    that a page does not call a veld neglected when its attention is only hidden; none for a
    viewer who sees every level. Read them back with :func:`verborgen_uit`."""
    if zichtbaar >= ALLE_NIVEAUS:
        return {}
    verborgen = (
        InterventieVeld.objects.filter(
            bestuursproces=OuterRef("pk"),
            interventie__datum__gt=tot - dt.timedelta(weeks=weken),
            interventie__datum__lte=tot,
            # Attention given is what was done, as in the balance itself.
            interventie__status__in=[InterventieStatus.UITGEVOERD, InterventieStatus.GEEVALUEERD],
        )
        .exclude(interventie__zichtbaarheid__in=zichtbaar)
        .order_by()
    )
    return {
        f"verborgen_{veld}": Coalesce(
            Subquery(
                verborgen.filter(veld=veld)
                .values("veld")
                .annotate(n=Count("interventie", distinct=True))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )
        for veld in INTERVENTIEVELDEN
    }


def verborgen_uit(rij: Mapping[str, Any]) -> dict[str, int]:
    """Per veld code with any, the count of a row annotated with :func:`verborgen_annotaties`."""
    return {
        veld: rij[f"verborgen_{veld}"] for veld in INTERVENTIEVELDEN if rij.get(f"verborgen_{veld}")
    }


def aandacht_uit_staat(
    staat: Mapping[str, Any],
    *,
    van: dt.date | None,
    tot: dt.date,
    weken: int = STANDAARD_WEKEN,
) -> Aandacht:
    """The attention balance of a case document (:func:`cases.selectors.huidige_toestand` or a
    momentopname, already as its viewer sees it): at a past moment it counts what was known
    then, with the status each intervention had then."""
    rijen = (
        (i["uuid"], veld, i["status"], dt.date.fromisoformat(i["datum"]))
        for i in staat["interventies"]
        for veld in i["velden"]
    )
    return balans([rij for rij in rijen if rij[3] <= tot], van=van, tot=tot, weken=weken)


def balans(
    rijen: Iterable[tuple[Hashable, str, str, dt.date]],
    *,
    van: dt.date | None,
    tot: dt.date,
    weken: int = STANDAARD_WEKEN,
    laatste: dict[str, dt.date] | None = None,
) -> Aandacht:
    """The balance from (interventie, veld, status, datum) rows dated up to ``tot``.

    ``laatste`` (per veld, the latest intervention done up to ``tot``) when the rows are only
    those from ``van`` on; otherwise it is taken from the rows."""
    grens = tot - dt.timedelta(weeks=weken)
    gedaan: dict[str, set[Hashable]] = defaultdict(set)
    gepland: dict[str, set[Hashable]] = defaultdict(set)
    gegeven = laatste is not None
    laatste = dict(laatste or {})
    for interventie, veld, status, datum in rijen:
        is_gedaan = status != InterventieStatus.GEPLAND
        if is_gedaan and not gegeven and (veld not in laatste or datum > laatste[veld]):
            laatste[veld] = datum
        if van is not None and datum < van:
            continue
        (gedaan if is_gedaan else gepland)[veld].add(interventie)

    velden = [
        VeldAandacht(
            veld=code,
            veld_naam=str(VeldCode(code).label),
            lemniscaatkant=LEMNISCAATKANT[code],
            aantal=len(gedaan[code]),
            gepland=len(gepland[code]),
            laatste=laatste.get(code),
            verwaarloosd=code not in laatste or laatste[code] <= grens,
        )
        for code in INTERVENTIEVELDEN
    ]
    totaal = len(set[Hashable]().union(*gedaan.values()))
    kanten = []
    for kant in Lemniscaatkant:
        codes = tuple(code for code in INTERVENTIEVELDEN if LEMNISCAATKANT[code] == kant)
        aantal = len(set().union(*(gedaan[code] for code in codes)))
        kanten.append(
            KantAandacht(
                kant=kant.value,
                naam=str(kant.label),
                velden=codes,
                aantal=aantal,
                aandeel=round(aantal / totaal, 3) if totaal else 0.0,
            )
        )
    return Aandacht(
        van=van,
        tot=tot,
        weken=weken,
        totaal=totaal,
        velden=velden,
        kanten=kanten,
        verwaarloosd=[v.veld for v in velden if v.verwaarloosd],
    )


def instrument_suggesties(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], veld: str
) -> QuerySet[Instrument]:
    """The instruments of a veld, those not yet used in this case first.

    Use is counted over the interventions the viewer may see, so that a suggestion does not
    reveal an intervention hidden from them. Each instrument is annotated with ``gebruikt``
    (how often) and ``laatst_gebruikt`` (the latest intervention date).
    """
    in_dit_proces = Q(
        interventies__bestuursproces=bestuursproces,
        interventies__zichtbaarheid__in=zichtbaar,
    )
    return (
        Instrument.objects.filter(veld__code=veld)
        .select_related("veld", "thema", "subvraag")
        .annotate(
            gebruikt=Count("interventies", filter=in_dit_proces),
            laatst_gebruikt=Max("interventies__datum", filter=in_dit_proces),
        )
        .annotate(al_gebruikt=Case(When(gebruikt=0, then=Value(0)), default=Value(1)))
        .order_by("al_gebruikt", "volgorde", "naam")
    )


def aandacht_als_dict(resultaat: Aandacht) -> dict[str, Any]:
    """The balance in the shape the API and the status page show."""
    return {
        "van": resultaat.van,
        "tot": resultaat.tot,
        "weken": resultaat.weken,
        "totaal": resultaat.totaal,
        "velden": [asdict(v) for v in resultaat.velden],
        "kanten": [asdict(k) for k in resultaat.kanten],
        "verwaarloosd": resultaat.verwaarloosd,
    }
