"""Consolidating a wyber-stap: what was agreed, who must consent, and when it is settled.

"Niets staat vast totdat alle partijen hebben ingestemd en hierover formeel, binnen hun eigen
organisatie, hebben besloten": the step becomes geconsolideerd only when every required party
(one Instemming each) has consented and formally decided. A settled step can be reopened in a
new step; its consolidation stays in the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import consolidatie_gegevens, instemming_gegevens
from cases.events.replay_typen import Momentopname
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Besluit,
    Bestuursproces,
    Betrokkenheid,
    Consolidatie,
    Fase,
    Instemming,
    Opdrachtgever,
    Speler,
    WyberStap,
)
from procesregie.transacties import in_transactie

from ._common import gebruiker_van, valideer
from ._wereldtijd import is_laat, stand_op
from .besluiten import besluit_als_formeel_besluit
from .wyberen import eis_fase, start_wyberstap, vergrendel_stap

Partij = Speler | Opdrachtgever


def fout(veld: str, code: str, reden: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, reden)]})


def standaard_instemmers(stap: WyberStap, toen: Momentopname | None = None) -> list[Partij]:
    """Who must consent unless the regisseur says otherwise: every speler and opdrachtgever
    that has not afgehaakt ("niets staat vast totdat alle partijen hebben ingestemd"), the
    afwachtende and the not yet involved included. The regisseur narrows or widens the set
    with a reason (:func:`wijzig_instemmers`).

    With ``toen`` (the case as it stood at a consolidation entered late) only the parties the
    case held then, by their betrokkenheid then: a party registered afterwards cannot have
    been asked, and the history refuses a consolidation that names it."""
    spelers = Speler.objects.filter(bestuursproces_id=stap.bestuursproces_id).order_by("naam")
    opdrachtgevers = Opdrachtgever.objects.filter(bestuursproces_id=stap.bestuursproces_id)
    opdrachtgevers = opdrachtgevers.order_by("naam")
    if toen is None:
        spelers = spelers.exclude(betrokkenheid=Betrokkenheid.AFGEHAAKT)
        opdrachtgevers = opdrachtgevers.exclude(betrokkenheid=Betrokkenheid.AFGEHAAKT)
        return [*spelers, *opdrachtgevers]

    def toen_betrokken(partij: Partij, verzameling: str) -> bool:
        gegevens = toen[verzameling].get(str(partij.uuid))
        return gegevens is not None and gegevens["betrokkenheid"] != Betrokkenheid.AFGEHAAKT

    return [
        *(s for s in spelers if toen_betrokken(s, "spelers")),
        *(o for o in opdrachtgevers if toen_betrokken(o, "opdrachtgevers")),
    ]


def _instemming_voor(stap: WyberStap, partij: Partij) -> Instemming:
    if partij.bestuursproces_id != stap.bestuursproces_id:
        raise fout(
            "instemmers",
            "does_not_exist",
            gettext("%s hoort niet bij dit proces.") % (partij,),
        )
    return Instemming(
        bestuursproces_id=stap.bestuursproces_id,
        stap=stap,
        speler=partij if isinstance(partij, Speler) else None,
        opdrachtgever=partij if isinstance(partij, Opdrachtgever) else None,
        formeel_besluit_nodig=partij.formeel_besluit_nodig,
    )


@in_transactie
def consolideer(
    *,
    actor: Actor,
    stap: WyberStap,
    uitkomst: str,
    tekst: str,
    document_titel: str = "",
    document_url: str = "",
    instemmers: Sequence[Partij] | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Consolidatie:
    """Record what was agreed and whose consent it needs (by default: standaard_instemmers)."""
    bestuursproces, stap = vergrendel_stap(stap, tijdstip)
    eis_fase(stap, Fase.CONSOLIDEREN, gettext("Een consolidatie vastleggen"))
    if Consolidatie.objects.filter(stap=stap).exists():
        raise OngeldigeOvergang(
            gettext("Stap %d heeft al een consolidatie.") % (stap.volgnummer,),
            code="al-geconsolideerd",
        )
    if instemmers is None:
        # Entered late, the default is the parties of that moment (a rare write: the case
        # is folded to it once more).
        toen = None
        if tijdstip is not None and is_laat(bestuursproces, tijdstip):
            toen = stand_op(bestuursproces, tijdstip)
        partijen = standaard_instemmers(stap, toen)
    else:
        partijen = list(instemmers)
    if not partijen:
        raise OngeldigeInvoer(
            {
                "instemmers": [
                    (
                        "required",
                        gettext("Een consolidatie vraagt minstens één partij die instemt."),
                    )
                ]
            }
        )
    if len({(type(p), p.pk) for p in partijen}) != len(partijen):
        raise fout("instemmers", "unique", gettext("Elke partij staat er één keer in."))
    nu = tijdstip or timezone.now()
    consolidatie = Consolidatie(
        bestuursproces=bestuursproces,
        stap=stap,
        uitkomst=uitkomst,
        tekst=tekst,
        document_titel=document_titel,
        document_url=document_url,
        tijdstip=nu,
        door=gebruiker_van(actor),
    )
    valideer(consolidatie)
    consolidatie.save(force_insert=True)
    instemmingen = Instemming.objects.bulk_create(_instemming_voor(stap, p) for p in partijen)
    append_event(
        bestuursproces=bestuursproces,
        type="consolidatie.vastgelegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={
            "stap": str(stap.uuid),
            "consolidatie": consolidatie_gegevens(consolidatie),
            "instemmingen": [instemming_gegevens(i) for i in instemmingen],
        },
    )
    return consolidatie


def _rond_af_als_iedereen_rond_is(actor: Actor, stap: WyberStap, nu: dt.datetime) -> None:
    instemmingen = list(Instemming.objects.filter(stap=stap))
    if instemmingen and all(i.rond for i in instemmingen):
        stap.fase = Fase.GECONSOLIDEERD
        stap.geconsolideerd_op = nu
        stap.save(update_fields=["fase", "geconsolideerd_op"])
        append_event(
            bestuursproces=stap.bestuursproces,
            type="wyberstap.fase_gewijzigd",
            actor=actor,
            toelichting="Alle vereiste partijen hebben ingestemd en formeel besloten.",
            tijdstip=nu,
            payload={"stap": str(stap.uuid), "van": Fase.CONSOLIDEREN.value, "naar": stap.fase},
        )


def _eis_besluitdatum_in_het_proces(besloten_op: dt.date, geopend: dt.datetime) -> None:
    """A formal decision is a fact of the case: not in the future, not before its opening."""
    if besloten_op > timezone.localdate():
        raise fout(
            "besloten_op", "toekomst", gettext("Een formeel besluit ligt niet in de toekomst.")
        )
    if besloten_op < timezone.localdate(geopend):
        raise fout(
            "besloten_op",
            "voor_opening",
            gettext("Deze datum ligt vóór de opening van het bestuursproces (%(datum)s).")
            % {"datum": formats.date_format(timezone.localtime(geopend), "j F Y")},
        )


def _eis_besloten_op_of_voor(besloten_op: dt.date, tijdstip: dt.datetime) -> None:
    """A party is rond only once it has decided: a consent at ``tijdstip`` cannot rest on a
    formal decision of a later day, or the step would be settled before that decision."""
    dag = timezone.localdate(tijdstip)
    if besloten_op > dag:
        raise fout(
            "besloten_op",
            "na_tijdstip",
            gettext(
                "Het formele besluit van %(besloten_op)s was op %(dag)s, het tijdstip van deze "
                "instemming, nog niet genomen; kies een tijdstip op of na de besluitdatum."
            )
            % {
                "besloten_op": formats.date_format(besloten_op, "j F Y"),
                "dag": formats.date_format(dag, "j F Y"),
            },
        )


@in_transactie
def leg_instemming_vast(
    *,
    actor: Actor,
    instemming: Instemming,
    status: str,
    voorbehoud: str = "",
    formeel_besloten: bool = False,
    besloten_op: dt.date | None = None,
    besluitreferentie: str = "",
    besluit: Besluit | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Instemming:
    """Record where a party stands; the step is settled when every party is rond.

    Without ``tijdstip`` a formal decision dated ``besloten_op`` happened on that day; with
    it, the decision lies on or before that moment's day. With ``besluit`` (a besluit of the
    case) that besluit is the formal decision: its date and kenmerk (or titel) become
    ``besloten_op`` and ``besluitreferentie``."""
    if besluit is not None:
        formeel_besloten, besloten_op, besluitreferentie, tijdstip = besluit_als_formeel_besluit(
            instemming, besluit, besluitreferentie, tijdstip
        )
    if formeel_besloten and besloten_op is not None:
        geopend = Bestuursproces.objects.values_list("geopend_op", flat=True).get(
            pk=instemming.bestuursproces_id
        )
        _eis_besluitdatum_in_het_proces(besloten_op, geopend)
        if tijdstip is not None:
            _eis_besloten_op_of_voor(besloten_op, tijdstip)
        if besloten_op < timezone.localdate():
            # A decision of an earlier day happened on that day. One of today happens now,
            # taken once the step is locked: a request that waited for another's lock on
            # the same step comes after what that one wrote, not before it.
            tijdstip = tijdstip or moment_van_datum(besloten_op, niet_voor=geopend)
    _, stap = vergrendel_stap(instemming.stap, tijdstip)
    eis_fase(stap, Fase.CONSOLIDEREN, gettext("Een instemming vastleggen"))
    instemming = Instemming.objects.select_related("speler", "opdrachtgever").get(pk=instemming.pk)
    if status not in Instemming.Status.values:
        raise fout("status", "invalid_choice", gettext("'%s' is geen geldige keuze.") % (status,))
    if formeel_besloten and status == Instemming.Status.NOG_GEEN_REACTIE:
        raise fout(
            "formeel_besloten", "invalid", gettext("Een formeel besluit hoort bij een reactie.")
        )
    instemming.status = status
    instemming.voorbehoud = voorbehoud
    instemming.formeel_besloten = formeel_besloten
    instemming.besloten_op = besloten_op if formeel_besloten else None
    instemming.besluitreferentie = besluitreferentie if formeel_besloten else ""
    # Whether the party decides formally, as it stands when it answers.
    partij = instemming.speler or instemming.opdrachtgever
    assert partij is not None  # the check constraint: exactly one of the two
    instemming.formeel_besluit_nodig = partij.formeel_besluit_nodig
    instemming.besluit = besluit
    valideer(instemming)
    instemming.save(
        update_fields=[
            "status",
            "voorbehoud",
            "formeel_besloten",
            "besloten_op",
            "besluitreferentie",
            "formeel_besluit_nodig",
            "besluit",
        ]
    )
    nu = tijdstip or timezone.now()
    append_event(
        bestuursproces=stap.bestuursproces,
        type="instemming.vastgelegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"stap": str(stap.uuid), "instemming": instemming_gegevens(instemming)},
    )
    _rond_af_als_iedereen_rond_is(actor, stap, nu)
    return instemming


@in_transactie
def wijzig_instemmers(
    *,
    actor: Actor,
    stap: WyberStap,
    reden: str,
    toevoegen: Iterable[Partij] = (),
    verwijderen: Iterable[Partij] = (),
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """Adjust who must consent, with a reason; removing the last holdout may settle the step."""
    if not reden.strip():
        raise fout("reden", "required", gettext("Geef de reden van deze wijziging."))
    _, stap = vergrendel_stap(stap, tijdstip)
    eis_fase(stap, Fase.CONSOLIDEREN, gettext("De vereiste instemmers wijzigen"))
    if not Consolidatie.objects.filter(stap=stap).exists():
        # Without a consolidation there is nothing to consent to (and nothing to settle).
        raise OngeldigeOvergang(
            gettext("Stap %d heeft nog geen consolidatie; leg die eerst vast.")
            % (stap.volgnummer,),
            code="geen-consolidatie",
        )
    erbij, eraf = list(toevoegen), list(verwijderen)
    if not erbij and not eraf:
        # Nothing to change is no fact for the log.
        raise fout(
            "toevoegen",
            "required",
            gettext("Geef minstens één partij om toe te voegen of te verwijderen."),
        )
    bestaand = {(i.speler_id, i.opdrachtgever_id): i for i in Instemming.objects.filter(stap=stap)}

    def sleutel(p: Partij) -> tuple[int | None, int | None]:
        return (p.pk, None) if isinstance(p, Speler) else (None, p.pk)

    for veld, partijen in (("toevoegen", erbij), ("verwijderen", eraf)):
        if len({sleutel(p) for p in partijen}) != len(partijen):
            raise fout(veld, "unique", gettext("Elke partij staat er één keer in."))
    if any(p.bestuursproces_id != stap.bestuursproces_id for p in erbij):
        raise fout("toevoegen", "does_not_exist", gettext("Deze partij hoort niet bij dit proces."))
    if any(sleutel(p) in bestaand for p in erbij):
        raise fout("toevoegen", "unique", gettext("Deze partij moet al instemmen."))
    if any(sleutel(p) not in bestaand for p in eraf):
        raise fout(
            "verwijderen", "does_not_exist", gettext("Deze partij hoeft niet in te stemmen.")
        )
    if len(bestaand) + len(erbij) - len(eraf) < 1:
        raise fout(
            "verwijderen", "invalid", gettext("Er blijft minstens één partij die moet instemmen.")
        )
    nieuw = Instemming.objects.bulk_create(_instemming_voor(stap, p) for p in erbij)
    weg = [bestaand[sleutel(p)] for p in eraf]
    # The consent records go; what they said stays in the event log.
    Instemming.objects.filter(pk__in=[i.pk for i in weg]).delete()
    nu = tijdstip or timezone.now()
    append_event(
        bestuursproces=stap.bestuursproces,
        type="instemmers.gewijzigd",
        actor=actor,
        toelichting=reden,
        tijdstip=nu,
        payload={
            "stap": str(stap.uuid),
            "toegevoegd": [instemming_gegevens(i) for i in nieuw],
            "verwijderd": [str(i.uuid) for i in weg],
        },
    )
    _rond_af_als_iedereen_rond_is(actor, stap, nu)
    return stap


@in_transactie
def heropen_wyberstap(
    *,
    actor: Actor,
    stap: WyberStap,
    reden: str,
    doel: str | None = None,
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """Put a settled step back on the table ("opnieuw ter discussie stellen") in a new step."""
    if not reden.strip():
        raise fout("reden", "required", gettext("Geef de reden van de heropening."))
    _, stap = vergrendel_stap(stap, tijdstip)
    eis_fase(stap, Fase.GECONSOLIDEERD, gettext("Een stap heropenen"))
    return start_wyberstap(
        actor=actor,
        bestuursproces=stap.bestuursproces,
        doel=doel or stap.doel,
        heropent=stap,
        heropeningsreden=reden,
        tijdstip=tijdstip,
    )
