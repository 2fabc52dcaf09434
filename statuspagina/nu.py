"""The current state of a case as the status page shows it, read in a fixed number of queries.

The page shows a little of many parts of a case. Read the general way (the whole document of
:func:`cases.selectors.huidige_toestand` and a selector per section) that costs a query per
part and per prefetch; here the page reads only what it shows:

- one query for the case's small parts, each a subquery of the same row: the latest idee, the
  besluitmomenten, the latest wyber-stap and its consents, the organisaties (the short lists
  as JSON, :mod:`cases.selectors.jsonlijst`), when each stadium was last reached, per veld the
  latest intervention done, the last volgnummer, and for a role that does not read every
  level what it may not read (:func:`cases.selectors.afscherming.afscherming_annotaties`)
  and per veld the interventies of the attention window hidden from it
  (:func:`cases.selectors.aandacht.verborgen_annotaties`);
- one query each for the spelers and the opdrachtgevers, each with its current assessment for
  the viewer's level joined from the read model (``Huidige…Beoordeling``);
- one each for the besluiten, the afspraken, the bijeenkomsten (with their attendance counted
  in SQL and the name of their kind), the attention window's rows and the tijdlijn.

Every part is filtered on the viewer's levels exactly as the general selectors filter it; the
parts the page shares with the past-day page have the shape replay produces, and a test holds
the page built from here equal to the page built from the whole document for every role.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Count,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from cases.events.payloads import (
    bestuursproces_gegevens,
    formatteer_tijdstip,
    opdrachtgever_gegevens,
    opdrachtgeverbeoordeling_gegevens,
    organisatie_gegevens,
    speler_gegevens,
    spelerbeoordeling_gegevens,
)
from cases.events.replay import op_naam
from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Bijeenkomst,
    Gebeurtenis,
    IdeeVersie,
    Instemming,
    InterventieStatus,
    InterventieVeld,
    Opdrachtgever,
    Organisatie,
    Speler,
    Stadium,
    Stadiumovergang,
    WyberStap,
)
from cases.selectors import partijen
from cases.selectors.aandacht import balans, verborgen_annotaties, verborgen_uit
from cases.selectors.afscherming import afscherming_annotaties, afscherming_uit
from cases.selectors.besluiten import afspraken_toestand, besluiten_toestand
from cases.selectors.jsonlijst import json_lijst, uit_json_lijst
from cases.selectors.tijdlijn import tijdlijn
from cases.selectors.toestand import huidige_toestand
from instruments.models import INTERVENTIEVELDEN

from .bijeenkomsten import Bijeenkomstgegevens
from .pagina import Delen

BESLUITMOMENT = ["id", "uuid", "datum", "soort", "gevraagd", "volgorde"]
ORGANISATIE = ["uuid", "naam", "soort", "eigen_gemeente"]
INSTEMMING = [
    "id",
    "speler__uuid",
    "opdrachtgever__uuid",
    "status",
    "formeel_besloten",
    "formeel_besluit_nodig",
]
STAP = ["volgnummer", "doel", "fase", "stadium", "gestart_op", "consolidatie__id"]
IDEE = ["versie", "wat", "stip_op_de_horizon"]
PARTIJEN: dict[str, tuple[Any, Any, Any]] = {
    "spelers": (Speler, speler_gegevens, spelerbeoordeling_gegevens),
    "opdrachtgevers": (Opdrachtgever, opdrachtgever_gegevens, opdrachtgeverbeoordeling_gegevens),
}


def _van_het_proces(model: Any, **filters: Any) -> QuerySet[Any]:
    return model.objects.filter(bestuursproces=OuterRef("pk"), **filters)


def _eerste(rijen: QuerySet[Any], veld: str) -> Subquery:
    return Subquery(rijen.values(veld)[:1])


def _kern_annotaties(
    zichtbaar: frozenset[str], moment: dt.datetime, tot: dt.date
) -> dict[str, Any]:
    """The small parts of the case as subqueries of its row (``lees_nu``'s query 4)."""
    idee = _van_het_proces(IdeeVersie).order_by("-aangemaakt_op", "-versie")
    stap = _van_het_proces(WyberStap).order_by("-volgnummer")
    overgangen = _van_het_proces(Stadiumovergang, tijdstip__lte=moment)
    gedaan = _van_het_proces(
        InterventieVeld, interventie__zichtbaarheid__in=zichtbaar, interventie__datum__lte=tot
    ).exclude(interventie__status=InterventieStatus.GEPLAND)
    return {
        "laatste_volgnummer": _eerste(
            _van_het_proces(Gebeurtenis).order_by("-volgnummer"), "volgnummer"
        ),
        **{f"idee_{veld}": _eerste(idee, veld) for veld in IDEE},
        **{f"stap_{veld}": _eerste(stap, veld) for veld in STAP},
        "stap_instemmingen": json_lijst(
            _van_het_proces(
                Instemming,
                stap=Subquery(
                    WyberStap.objects.filter(bestuursproces=OuterRef(OuterRef("pk")))
                    .order_by("-volgnummer")
                    .values("pk")[:1]
                ),
            ),
            "bestuursproces",
            INSTEMMING,
        ),
        "lijst_besluitmomenten": json_lijst(
            _van_het_proces(Besluitmoment), "bestuursproces", BESLUITMOMENT
        ),
        "lijst_organisaties": json_lijst(
            _van_het_proces(Organisatie), "bestuursproces", ORGANISATIE
        ),
        # The stadium the case started in, and when each stadium was last reached (_stadia).
        "begin": _eerste(overgangen.order_by("tijdstip", "id"), "van"),
        **{
            f"bereikt_{stadium.value}": _eerste(
                overgangen.filter(naar=stadium).order_by("-tijdstip", "-id"), "tijdstip"
            )
            for stadium in Stadium
        },
        # Per veld the latest intervention done (the attention balance's "laatste").
        **{
            f"laatste_{veld}": _eerste(
                gedaan.filter(veld=veld).order_by("-interventie__datum"), "interventie__datum"
            )
            for veld in INTERVENTIEVELDEN
        },
        **afscherming_annotaties(zichtbaar),
        **verborgen_annotaties(zichtbaar, tot=tot),
    }


def _partijen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], deel: str
) -> list[dict[str, Any]]:
    """The spelers or opdrachtgevers (``deel``) in the shape replay gives, each with its
    current assessment for the viewer's level joined from the read model (one query)."""
    niveau = partijen.hoogste_niveau(zichtbaar)
    if niveau is None:
        # An unusual set of levels (no role has one): the general read.
        return list(huidige_toestand(bestuursproces, zichtbaar, delen=frozenset({deel}))[deel])
    model, gegevens, beoordeling_gegevens = PARTIJEN[deel]
    rijen = (
        model.objects.filter(bestuursproces=bestuursproces)
        .annotate(
            huidig=FilteredRelation(
                "huidige_beoordelingen", condition=Q(huidige_beoordelingen__niveau=niveau)
            )
        )
        .select_related("organisatie", "huidig__beoordeling__auteur")
    )
    return op_naam(
        {
            **gegevens(partij, partij.organisatie.uuid if partij.organisatie else None),
            # Django leaves the joined attribute unset when the party has no assessment.
            "huidigeBeoordeling": (
                beoordeling_gegevens(huidig.beoordeling)
                if (huidig := getattr(partij, "huidig", None))
                else None
            ),
        }
        for partij in rijen
    )


def _bijeenkomsten(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[Bijeenkomstgegevens]:
    rijen = (
        Bijeenkomst.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .annotate(
            uitgenodigd=Count("deelnemers", filter=Q(deelnemers__uitgenodigd=True)),
            aanwezig=Count("deelnemers", filter=Q(deelnemers__aanwezig=True)),
        )
        .order_by()
        .values_list(
            "uuid",
            "datum",
            "titel",
            "soort__naam",
            "status",
            "reden_annulering",
            "uitgenodigd",
            "aanwezig",
        )
    )
    return [
        Bijeenkomstgegevens(str(uuid), *rest)  # type: ignore[arg-type]
        for uuid, *rest in rijen
    ]


def _stap(rij: dict[str, Any]) -> dict[str, Any] | None:
    """The latest wyber-stap with its consents, in the shape replay gives (the keys the page
    reads)."""
    if rij["stap_volgnummer"] is None:
        return None
    instemmingen = sorted(
        uit_json_lijst(Instemming, INSTEMMING, rij["stap_instemmingen"]), key=lambda i: i["id"]
    )
    return {
        "volgnummer": rij["stap_volgnummer"],
        "doel": rij["stap_doel"],
        "fase": rij["stap_fase"],
        "stadium": rij["stap_stadium"],
        "gestartOp": formatteer_tijdstip(rij["stap_gestart_op"]),
        "consolidatie": rij["stap_consolidatie__id"],
        "instemmingen": [
            {
                "speler": str(i["speler__uuid"]) if i["speler__uuid"] else None,
                "opdrachtgever": (
                    str(i["opdrachtgever__uuid"]) if i["opdrachtgever__uuid"] else None
                ),
                "status": i["status"],
                "formeelBesloten": i["formeel_besloten"],
                "formeelBesluitNodig": i["formeel_besluit_nodig"],
            }
            for i in instemmingen
        ],
    }


def lees_nu(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
    moment: dt.datetime,
    van: dt.datetime,
) -> Delen:
    """What the page shows of the case now (``moment``), as a viewer with levels
    ``zichtbaar`` sees it; ``van`` is the start of the tijdlijn and the attention window."""
    tot, vanaf = timezone.localdate(moment), timezone.localdate(van)
    annotaties = _kern_annotaties(zichtbaar, moment, tot)
    rij = (
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .annotate(**annotaties)
        .values(*annotaties)
        .get()
    )
    momenten = sorted(
        (
            Besluitmoment(**b)
            for b in uit_json_lijst(Besluitmoment, BESLUITMOMENT, rij["lijst_besluitmomenten"])
        ),
        key=lambda b: (b.volgorde, b.id),
    )
    staat: dict[str, Any] = {
        "bestuursproces": {
            **bestuursproces_gegevens(bestuursproces, momenten),
            "uitkomstSoort": bestuursproces.uitkomst_soort,
            "vervolgUrl": bestuursproces.vervolg_url,
        },
        "spelers": _partijen(bestuursproces, zichtbaar, "spelers"),
        "opdrachtgevers": _partijen(bestuursproces, zichtbaar, "opdrachtgevers"),
        "organisaties": op_naam(
            organisatie_gegevens(Organisatie(**o))
            for o in uit_json_lijst(Organisatie, ORGANISATIE, rij["lijst_organisaties"])
        ),
        "besluiten": besluiten_toestand(bestuursproces, zichtbaar),
        "afspraken": afspraken_toestand(bestuursproces, zichtbaar),
        "volgnummer": rij["laatste_volgnummer"] or 0,
    }
    stap = _stap(rij)
    staat["wyberstappen"] = [stap] if stap else []
    staat["idee"] = (
        None
        if rij["idee_versie"] is None
        else {
            "versie": rij["idee_versie"],
            "wat": rij["idee_wat"],
            "stipOpDeHorizon": rij["idee_stip_op_de_horizon"],
        }
    )
    rijen = InterventieVeld.objects.filter(
        bestuursproces=bestuursproces,
        interventie__zichtbaarheid__in=zichtbaar,
        interventie__datum__lte=tot,
        interventie__datum__gte=vanaf,
    ).values_list("interventie_id", "veld", "interventie__status", "interventie__datum")
    laatste = {
        veld: rij[f"laatste_{veld}"]
        for veld in INTERVENTIEVELDEN
        if rij[f"laatste_{veld}"] is not None
    }
    return Delen(
        staat=staat,
        begin=rij["begin"],
        bereikt={
            stadium.value: rij[f"bereikt_{stadium.value}"]
            for stadium in Stadium
            if rij[f"bereikt_{stadium.value}"] is not None
        },
        aandacht=balans(rijen, van=vanaf, tot=tot, laatste=laatste),
        verborgen_aandacht=verborgen_uit(rij),
        afscherming=afscherming_uit(rij),
        bijeenkomsten=_bijeenkomsten(bestuursproces, zichtbaar),
        tijdlijn=tijdlijn(bestuursproces, van, moment, zichtbaar),
    )
