"""Releasing content: the procesregisseur widens the visibility of items, never narrows it.

"Vrijgeven voor evaluatie" is widening to the level ``evaluatie`` (read by evaluatoren,
kernteam and regisseur, not by opdrachtgevers); the regisseur may also widen to
``kernteam`` or to every member (``proces``). One call releases one kind of item
(``onderdeel``): the items named by uuid, or every item of that kind in a selection (the
interventies of a stadium, the assessments of one speler, all positioneringen).

The tables take the new level (so every read of them follows at once); the events about
the items keep the level they were logged at, and the release names their volgnummers, so
that the log, its exports and replay read them at the released level
(:mod:`cases.events.vrijgave`).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.events import Actor, append_event, tijdlijnregels
from cases.events.standen import vergeet_vanaf
from cases.events.vrijgave import VRIJGAVE, onderwerp
from cases.events.wereldtijd import DATUMCORRECTIE
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import (
    Afspraak,
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    Document,
    Gebeurtenis,
    Interventie,
    Lidmaatschap,
    Notitie,
    OpdrachtgeverBeoordeling,
    Positionering,
    Reflectie,
    Rol,
    SpelerBeoordeling,
    Stadium,
    Stadiumovergang,
    Zichtbaarheid,
)
from cases.vaste_termen import HeeftSleutel
from procesregie.transacties import in_transactie

from ._common import vergrendel
from ._leesmodellen import herbereken


@dataclass(frozen=True)
class Onderdeel:
    """A kind of item with a visibility: its model, its name in a release, and how each
    selection filter reads on it."""

    model: type[models.Model]
    naam: str  # singular, as the release's items name it
    filters: dict[str, str]  # selection key → lookup ("": see in_stadium)
    # Links that a reader of the item must be able to read too (a reflectie's interventie).
    bronnen: tuple[str, ...] = ()
    # For "stadium": the paths to the item's wyber-stap and to its own date; an item without
    # a step belongs to the stadium the case stood in on that date.
    in_stadium: tuple[str, str] | None = None


ONDERDELEN: dict[str, Onderdeel] = {
    "interventies": Onderdeel(
        Interventie, "interventie", {"stadium": ""}, in_stadium=("wyberstap", "datum")
    ),
    "reflecties": Onderdeel(
        Reflectie,
        "reflectie",
        {"stadium": ""},
        bronnen=("interventie",),
        in_stadium=("interventie__wyberstap", "interventie__datum"),
    ),
    "positioneringen": Onderdeel(
        Positionering, "positionering", {"stadium": ""}, in_stadium=("wyberstap", "sinds")
    ),
    "spelerbeoordelingen": Onderdeel(
        SpelerBeoordeling, "spelerbeoordeling", {"stadium": "stadium", "speler": "speler__uuid"}
    ),
    "opdrachtgeverbeoordelingen": Onderdeel(
        OpdrachtgeverBeoordeling,
        "opdrachtgeverbeoordeling",
        {"stadium": "stadium", "opdrachtgever": "opdrachtgever__uuid"},
    ),
    "notities": Onderdeel(
        Notitie, "notitie", {"speler": "speler__uuid", "opdrachtgever": "opdrachtgever__uuid"}
    ),
    "besluiten": Onderdeel(Besluit, "besluit", {}, bronnen=("bijeenkomst",)),
    "afspraken": Onderdeel(Afspraak, "afspraak", {}, bronnen=("besluit", "bijeenkomst")),
    "bijeenkomsten": Onderdeel(Bijeenkomst, "bijeenkomst", {}, bronnen=("interventies",)),
    "documenten": Onderdeel(Document, "document", {}, bronnen=("interventie",)),
}
# Levels one may release to: every level but the closed one.
DOELEN = (Zichtbaarheid.PROCES, Zichtbaarheid.EVALUATIE, Zichtbaarheid.KERNTEAM)


class VrijgevenNietToegestaan(DomainError):
    status = 403
    code = "vrijgeven-niet-toegestaan"
    titel = _("Alleen de procesregisseur mag zichtbaarheid verruimen.")

    def __init__(self) -> None:
        super().__init__(
            gettext("Alleen de procesregisseur van dit bestuursproces mag onderdelen vrijgeven.")
        )


class Vernauwing(DomainError):
    """A release that would make something less visible: visibility only ever widens."""

    status = 409
    code = "zichtbaarheid-vernauwd"
    titel = _("Zichtbaarheid kan alleen worden verruimd, niet beperkt.")


class NietsTeVerruimen(DomainError):
    status = 409
    code = "niets-te-verruimen"
    titel = _("Er is niets om vrij te geven.")


def _fout(veld: str, code: str, tekst: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, tekst)]})


def _controleer_invoer(
    onderdeel: str, naar: str, selectie: dict[str, str], uuids: Sequence[str] | None, reden: str
) -> Onderdeel:
    fouten: dict[str, list[tuple[str, str]]] = {}
    soort = ONDERDELEN.get(onderdeel)
    if soort is None:
        fouten["onderdeel"] = [
            ("invalid_choice", gettext("'%s' is geen onderdeel met een zichtbaarheid.") % onderdeel)
        ]
    if naar not in DOELEN:
        fouten["naar"] = [("invalid_choice", gettext("'%s' is geen geldige keuze.") % naar)]
    if not reden.strip():
        fouten["toelichting"] = [
            ("required", gettext("Geef een reden waarom u dit vrijgeeft (X-Audit-Toelichting)."))
        ]
    if soort is not None:
        for sleutel in selectie:
            if sleutel not in soort.filters:
                fouten[sleutel] = [
                    ("niet_van_toepassing", gettext("Dit onderdeel kent deze selectie niet."))
                ]
    if selectie.get("stadium") and selectie["stadium"] not in Stadium.values:
        fouten["stadium"] = [
            ("invalid_choice", gettext("'%s' is geen geldige keuze.") % selectie["stadium"])
        ]
    for sleutel in ("speler", "opdrachtgever"):
        if selectie.get(sleutel) and not _is_uuid(selectie[sleutel]):
            fouten[sleutel] = [("invalid", gettext("Geen geldige UUID."))]
    if uuids is not None and not all(_is_uuid(u) for u in uuids):
        fouten["uuids"] = [("invalid", gettext("Geen geldige UUID."))]
    if fouten:
        raise OngeldigeInvoer(fouten)
    assert soort is not None
    return soort


def _is_uuid(waarde: Any) -> bool:
    try:
        uuidlib.UUID(str(waarde))
    except ValueError:
        return False
    return True


def _in_stadium(bestuursproces: Bestuursproces, stadium: str, stap: str, datum: str) -> Q:
    """Items of a stadium: those of a wyber-stap in it, and those without a step dated on a
    day the case stood in it (from its stadiumovergangen; a move counts from its own day)."""
    overgangen = list(
        Stadiumovergang.objects.filter(bestuursproces=bestuursproces)
        .order_by("tijdstip", "pk")
        .values_list("tijdstip", "van", "naar")
    )
    huidig = overgangen[0][1] if overgangen else bestuursproces.stadium
    begin: dt.date | None = None
    perioden: list[tuple[dt.date | None, dt.date | None]] = []
    for tijdstip, _van, naar in overgangen:
        dag = timezone.localdate(tijdstip)
        if huidig == stadium:
            perioden.append((begin, dag - dt.timedelta(days=1)))
        huidig, begin = naar, dag
    if huidig == stadium:
        perioden.append((begin, None))
    gevonden = Q(**{f"{stap}__stadium": stadium})
    for van, tot in perioden:
        zonder_stap = Q(**{f"{stap}__isnull": True})
        if van is not None:
            zonder_stap &= Q(**{f"{datum}__gte": van})
        if tot is not None:
            zonder_stap &= Q(**{f"{datum}__lte": tot})
        gevonden |= zonder_stap
    return gevonden


def _gebeurtenissen_per_item(bestuursproces: Bestuursproces) -> dict[str, list[int]]:
    """Uuid of an item → volgnummers of the restricted events about it, corrections of their
    moments included (a correction of a withheld fact is withheld like the fact)."""
    per_item: dict[str, list[int]] = {}
    item_van: dict[int, str] = {}
    correcties: list[tuple[int, int]] = []
    rijen = (
        Gebeurtenis.objects.filter(
            HeeftSleutel(F("payload"), "zichtbaarheid"), bestuursproces=bestuursproces
        )
        .exclude(type=VRIJGAVE)
        .order_by("volgnummer")
        .values_list("volgnummer", "type", "payload")
    )
    for volgnummer, type_, payload in rijen.iterator(chunk_size=2000):
        if type_ == DATUMCORRECTIE:
            correcties.append((volgnummer, payload["gebeurtenis"]))
            continue
        item = onderwerp(payload)
        if item is not None:
            per_item.setdefault(item, []).append(volgnummer)
            item_van[volgnummer] = item
    for volgnummer, feit in correcties:
        if feit in item_van:
            per_item[item_van[feit]].append(volgnummer)
    return per_item


def _eis_bronnen(soort: Onderdeel, items: list[Any], naar: Zichtbaarheid) -> None:
    """Whoever reads a released item must be able to read what it links to."""
    for item in items:
        for bron_veld in soort.bronnen:
            gekoppeld = getattr(item, bron_veld)
            # A release is rare: a query per linked kind is fine.
            for bron in gekoppeld.all() if hasattr(gekoppeld, "all") else [gekoppeld]:
                if bron is None or Zichtbaarheid(bron.zichtbaarheid).rang <= naar.rang:
                    continue
                raise Vernauwing(
                    gettext(
                        "Dit onderdeel verwijst naar een %(bron)s die minder zichtbaar is; geef "
                        "die eerst vrij."
                    )
                    % {"bron": bron._meta.verbose_name},
                    veld=bron_veld,
                )


@in_transactie
def verruim_zichtbaarheid(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    onderdeel: str,
    naar: str,
    toelichting: str,
    uuids: Sequence[str] | None = None,
    selectie: dict[str, str] | None = None,
) -> Gebeurtenis:
    """Widen the visibility of items of one kind to ``naar``; the release's event.

    With ``uuids``, exactly those items (one of them already more open than ``naar`` is a
    narrowing: refused); without, every item in ``selectie`` that is more closed than
    ``naar`` (those already as open are left as they are). Nothing to widen is refused too.
    """
    selectie = {k: v for k, v in (selectie or {}).items() if v}
    soort = _controleer_invoer(onderdeel, naar, selectie, uuids, toelichting)
    doel = Zichtbaarheid(naar)
    bestuursproces = vergrendel(bestuursproces)
    if (
        actor.gebruiker is not None
        and not Lidmaatschap.objects.filter(
            bestuursproces=bestuursproces, gebruiker=actor.gebruiker, rol=Rol.PROCESREGISSEUR
        ).exists()
    ):
        raise VrijgevenNietToegestaan()
    rijen = soort.model._default_manager.filter(
        bestuursproces=bestuursproces,
        **{
            soort.filters[sleutel]: waarde
            for sleutel, waarde in selectie.items()
            if soort.filters[sleutel]
        },
    )
    if selectie.get("stadium") and soort.in_stadium is not None:
        rijen = rijen.filter(_in_stadium(bestuursproces, selectie["stadium"], *soort.in_stadium))
    if uuids is not None:
        rijen = rijen.filter(uuid__in=list(uuids))
    gekozen: list[Any] = list(rijen.order_by("pk"))
    if uuids is not None:
        gevonden = {str(item.uuid) for item in gekozen}
        ontbreekt = [u for u in uuids if str(u) not in gevonden]
        if ontbreekt:
            raise _fout(
                "uuids",
                "does_not_exist",
                gettext("Niet gevonden in dit bestuursproces: %s.")
                % ", ".join(map(str, ontbreekt)),
            )
        ruimer = [item for item in gekozen if Zichtbaarheid(item.zichtbaarheid).rang < doel.rang]
        if ruimer:
            raise Vernauwing(
                gettext(
                    "%(aantal)s van deze onderdelen zijn al ruimer zichtbaar dan '%(naar)s'; "
                    "zichtbaarheid wordt nooit beperkt."
                )
                % {"aantal": len(ruimer), "naar": doel.label.lower()},
                veld="naar",
            )
    te_verruimen = [item for item in gekozen if Zichtbaarheid(item.zichtbaarheid).rang > doel.rang]
    if not te_verruimen:
        raise NietsTeVerruimen(
            gettext("Alle gekozen onderdelen zijn al minstens zo ruim zichtbaar."), veld="naar"
        )
    _eis_bronnen(soort, te_verruimen, doel)
    per_item = _gebeurtenissen_per_item(bestuursproces)
    items = [
        {
            "onderdeel": soort.naam,
            "uuid": str(item.uuid),
            "van": item.zichtbaarheid,
            "gebeurtenissen": per_item.get(str(item.uuid), []),
        }
        for item in te_verruimen
    ]
    soort.model._default_manager.filter(pk__in=[item.pk for item in te_verruimen]).update(
        zichtbaarheid=doel.value
    )
    gebeurtenis = append_event(
        bestuursproces=bestuursproces,
        type=VRIJGAVE,
        actor=actor,
        toelichting=toelichting,
        zichtbaarheid=doel.value,
        payload={"naar": doel.value, "onderdeel": onderdeel, "selectie": selectie, "items": items},
    )
    _werk_leesmodellen_bij(bestuursproces, te_verruimen, items)
    return gebeurtenis


def _werk_leesmodellen_bij(
    bestuursproces: Bestuursproces, verruimd: list[Any], items: list[dict[str, Any]]
) -> None:
    """The read models that keep what a level sees follow the release, in its transaction:
    each party's current assessment per level, the stored stands of the fold from the first
    released event on, and the tijdlijn (rebuilt whole: a released event can teach a lower
    level names that later items use; releases are rare)."""
    partijen = {item.speler for item in verruimd if isinstance(item, SpelerBeoordeling)} | {
        item.opdrachtgever for item in verruimd if isinstance(item, OpdrachtgeverBeoordeling)
    }
    for partij in partijen:
        herbereken(partij)
    volgnummers = [v for item in items for v in item["gebeurtenissen"]]
    vroegste = Gebeurtenis.objects.filter(
        bestuursproces=bestuursproces, volgnummer__in=volgnummers
    ).aggregate(vroegste=Min("tijdstip"))["vroegste"]
    if vroegste is not None:
        vergeet_vanaf(bestuursproces.pk, vroegste)
    tijdlijnregels.herbouw(bestuursproces)
