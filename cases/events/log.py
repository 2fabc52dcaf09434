"""Appending to a case's event log."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.exceptions import Geschiedenisconflict, OngeldigeInvoer
from cases.models import Bestuursproces, Gebeurtenis, Zichtbaarheid
from procesregie.opruimen import zonder_volledige_opruiming
from procesregie.transacties import zonder_eigen_savepoint

from .bundel import Bundel
from .canonical import (
    GENESIS_HASH,
    bereken_inhoud_hash,
    canonieke_json,
    envelop_hash,
    inhoud_hash_van_tekst,
)
from .checkpointmap import na_toevoegen
from .handtekening import onderteken
from .replay_typen import Momentopname
from .soorten import soort
from .standen import vergeet_na, vouw_tot
from .tijdlijnregels import Nazorg, vertel_bij
from .tijdlijnregels import herbouw as herbouw_tijdlijn
from .voorbereid import schuif_kop_en_voeg_in
from .wereldtijd import (
    DATUMCORRECTIE,
    Schending,
    laat_na,
    laatste_moment_na,
    streng_vouwen,
    vroegst_geraakt,
)

# A client's clock may run a little ahead of the server's: "now" from there is not the future.
KLOKSPELING = dt.timedelta(minutes=2)

# Called with the case and the end of its history after a fact was entered late, in the same
# transaction (the services register how their tables follow; see CasesConfig.ready).
_NA_LATE_INVOEGING: list[Callable[[Bestuursproces, Momentopname], None]] = []


def na_late_invoeging(functie: Callable[[Bestuursproces, Momentopname], None]) -> None:
    if functie not in _NA_LATE_INVOEGING:
        _NA_LATE_INVOEGING.append(functie)


if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    """Who does something, and from where; every service takes one."""

    gebruiker: User | None
    herkomst: str = ""

    @classmethod
    def uit_request(cls, request: HttpRequest) -> Actor:
        ip = request.META.get("REMOTE_ADDR", "")
        # DRF stores the authenticator on its own Request; plain Django requests use sessions.
        authenticator = getattr(request, "successful_authenticator", None)
        kanaal = "api-token" if type(authenticator).__name__ == "TokenAuthentication" else "web"
        gebruiker = getattr(request, "user", None)
        if gebruiker is not None and not gebruiker.is_authenticated:
            gebruiker = None
        return cls(gebruiker=gebruiker, herkomst=f"{kanaal}@{ip}")

    @classmethod
    def beheer(cls, commando: str, gebruiker: User | None = None) -> Actor:
        return cls(gebruiker=gebruiker, herkomst=f"beheer:{commando}")

    @property
    def gebruikersnaam(self) -> str:
        return self.gebruiker.get_username() if self.gebruiker is not None else ""

    @property
    def naam(self) -> str:
        if self.gebruiker is None:
            return ""
        volledig = getattr(self.gebruiker, "get_full_name", lambda: "")()
        return str(volledig or self.gebruiker.get_username())


def append_event(
    *,
    bestuursproces: Bestuursproces,
    type: str,
    actor: Actor,
    payload: dict[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
    zichtbaarheid: str = Zichtbaarheid.PROCES,
    nieuw: Iterable[Any] = (),
    bundel: Bundel | None = None,
) -> Gebeurtenis:
    """Append one event to the case's chain.

    Call inside the service's transaction after locking the case row
    (``select_for_update``): the lock is what keeps volgnummers gapless and the chain linear
    when several writers work on one case.

    Sensitive events name their ``zichtbaarheid``; it is stored in the payload (so the hash
    covers it) and viewers below that level see the event with its payload and toelichting
    withheld. Absent means ``proces``: every member may read it.

    ``tijdstip`` is when it happened (default now): not in the future, not before the case
    was opened. A fact dated before something already recorded is *late*: the whole history
    is then folded strictly in world-time order, and the first fact that no longer fits (this
    one at its moment, or a later one) refuses the write with :class:`Geschiedenisconflict`.

    ``nieuw`` names the uuids of rows the service created in this transaction (the notitie,
    the interventie): no earlier event can have named them, so the tijdlijn's read model
    knows nothing of them and is not asked. Name only rows made here; any other uuid in the
    payload is read as usual.

    ``bundel`` holds statements of the service that nothing reads before the event is
    written (an interventie's velden): they are written with the event and the tijdlijn's
    rows, in the same statement on PostgreSQL.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("append_event hoort binnen de transactie van een service.")
    geregistreerde_soort = soort(type)  # an unregistered type raises OnbekendeSoort
    ontbreekt = [sleutel for sleutel in geregistreerde_soort.sleutels if sleutel not in payload]
    if ontbreekt:
        raise ValueError(f"Gebeurtenis {type} mist {', '.join(ontbreekt)} in de gegevens.")
    # The chain head from the case row the service locked (no read of the log).
    laatste = bestuursproces.keten_volgnummer or None
    geregistreerd = timezone.now()
    if tijdstip is not None and timezone.is_naive(tijdstip):
        raise ValueError("Tijdstippen in gebeurtenissen moeten een tijdzone hebben.")
    tijdstip = toets_moment(bestuursproces, tijdstip or geregistreerd, geregistreerd, laatste)
    gebeurtenis = Gebeurtenis(
        bestuursproces=bestuursproces,
        type=geregistreerde_soort.code,
        actor=actor.gebruiker,
        actor_gebruikersnaam=actor.gebruikersnaam,
        actor_naam=actor.naam,
        herkomst=actor.herkomst[:200],
        tijdstip=tijdstip,
        geregistreerd=geregistreerd,
        toelichting=toelichting,
    )
    # The canonical text is kept on the row (exports write it as it is); the payload is that
    # text read back, as the database will hand it out.
    gebeurtenis.payload_tekst = canonieke_json(
        payload
        if zichtbaarheid == Zichtbaarheid.PROCES
        else {**payload, "zichtbaarheid": Zichtbaarheid(zichtbaarheid).value}
    )
    gebeurtenis.payload = json.loads(gebeurtenis.payload_tekst)
    laat, nazorg = _schuif_kop_en_voeg_in(
        bestuursproces,
        gebeurtenis,
        bundel if bundel is not None else Bundel(),
        nieuw={str(u) for u in nieuw},
    )
    if laat:
        # The strict fold and the rebuilds keep the whole history's state alive.
        with zonder_volledige_opruiming():
            vergeet_na(gebeurtenis)  # stands of the fold after its moment no longer hold
            eind = _toets_geschiedenis(bestuursproces, gebeurtenis)
            for functie in _NA_LATE_INVOEGING:
                functie(bestuursproces, eind)
            # The tijdlijn's read model is told again from the fact's moment, in this
            # transaction.
            herbouw_tijdlijn(bestuursproces, vanaf=vroegst_geraakt(gebeurtenis))
    elif nazorg is not None:
        nazorg.voer_uit()
    na_toevoegen(gebeurtenis.pk)  # a checkpoint after the commit, when it is its turn
    return gebeurtenis


def _schuif_kop_en_voeg_in(
    bestuursproces: Bestuursproces, gebeurtenis: Gebeurtenis, bundel: Bundel, nieuw: set[str]
) -> tuple[bool, Nazorg | None]:
    """Link the event to the chain head on the case row, seal, sign and insert it with
    ``bundel`` and (for a fact at the end of the history) the tijdlijn's rows, and move the
    head (and the latest moment of the history) to it, only from the head this copy of the
    row holds (one statement on PostgreSQL); whether the fact is late, and what follows its
    telling.

    The service's copy is the locked row, so this succeeds the first time. A copy that is
    stale (a nested service appended through its own copy, or a caller that did not lock)
    matches no row and writes nothing: the head is then read from the row and the event
    linked (and told) again. The UPDATE itself locks the row until the commit, so two
    writers never link to the same head; the unique (bestuursproces, volgnummer) constraint
    stays as the last guard. The latest moment only ever changes in this UPDATE, so the copy
    whose volgnummer matches holds it current.
    """
    # Its JSON Lines line at its own level, streamed as it is by the export (imported here:
    # the export's modules import this package).
    from cases.exports.jsonl_regels import regel_van

    for _poging in range(_POGINGEN):
        volgnummer = bestuursproces.keten_volgnummer
        vorig_moment = bestuursproces.laatste_moment
        gebeurtenis.volgnummer = volgnummer + 1
        gebeurtenis.vorige_hash = bestuursproces.keten_hash if volgnummer else GENESIS_HASH
        verzegel(gebeurtenis, bestuursproces.uuid)
        onderteken(gebeurtenis)  # issue 12 §7: HMAC under a key outside the database
        gebeurtenis.regel_tekst = regel_van(gebeurtenis)
        # A correction moves a fact: it is checked like a fact entered late. Whether this one
        # is late comes from the head it is linked to, so a stale copy cannot hide it.
        laat = gebeurtenis.volgnummer > 1 and (
            gebeurtenis.type == DATUMCORRECTIE or laat_na(vorig_moment, gebeurtenis.tijdstip)
        )
        deel = bundel.kopie()
        deel.hoort_bij(gebeurtenis)
        nazorg = None if laat else vertel_bij(bestuursproces, gebeurtenis, deel, nieuw=nieuw)
        moment = laatste_moment_na(vorig_moment, gebeurtenis)
        # A fact at the end of the history is written whole (the head, the event and what
        # goes with it), and nothing after it can refuse it: the service needs no savepoint
        # of its own for it. A late one is checked against the history after it is written.
        with nullcontext() if laat else zonder_eigen_savepoint():
            geschreven = schuif_kop_en_voeg_in(
                bestuursproces, volgnummer, gebeurtenis, moment, deel
            )
        if geschreven:
            bestuursproces.keten_volgnummer = gebeurtenis.volgnummer
            bestuursproces.keten_hash = gebeurtenis.hash
            bestuursproces.laatste_moment = moment
            return laat, nazorg
        (
            bestuursproces.keten_volgnummer,
            bestuursproces.keten_hash,
            bestuursproces.laatste_moment,
        ) = (
            Bestuursproces.objects.filter(pk=bestuursproces.pk)
            .values_list("keten_volgnummer", "keten_hash", "laatste_moment")
            .get()
        )
    raise RuntimeError("De ketenkop van dit bestuursproces bleef veranderen; niet toegevoegd.")


# A stale copy needs one more try; more only when another writer appends without the lock.
_POGINGEN = 5


def verzegel(gebeurtenis: Gebeurtenis, bestuursproces_uuid: Any) -> None:
    """Hash scheme 2: the content hashed apart (with a random salt), the event's hash over
    the envelope that carries the content hash (see cases/events/canonical.py)."""
    gebeurtenis.inhoud_zout = zout = secrets.token_hex(16)
    # The payload's canonical text is made once, before the event is sealed.
    gebeurtenis.inhoud_hash = (
        inhoud_hash_van_tekst(gebeurtenis.payload_tekst, gebeurtenis.toelichting, zout)
        if gebeurtenis.payload_tekst is not None
        else bereken_inhoud_hash(gebeurtenis)
    )
    gebeurtenis.hash = envelop_hash(gebeurtenis, bestuursproces_uuid, gebeurtenis.inhoud_hash)


def _datum(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def toets_moment(
    bestuursproces: Bestuursproces,
    tijdstip: dt.datetime,
    geregistreerd: dt.datetime | None = None,
    laatste: Any = True,
) -> dt.datetime:
    """A fact's world time: not in the future, not before the opening of the case.

    Services that read the case at a fact's moment call it first, so that a moment outside
    the case is refused as such rather than by a rule of the case at that moment.
    ``laatste`` is None only for the opening itself, which may lie anywhere in the past.
    """
    geregistreerd = geregistreerd or timezone.now()
    if tijdstip > geregistreerd + KLOKSPELING:
        raise OngeldigeInvoer({"tijdstip": [("toekomst", _("Dit tijdstip ligt in de toekomst."))]})
    if laatste is not None and tijdstip < bestuursproces.geopend_op:
        raise OngeldigeInvoer(
            {
                "tijdstip": [
                    (
                        "voor_opening",
                        _("Dit tijdstip ligt vóór de opening van het bestuursproces (%(datum)s).")
                        % {"datum": _datum(bestuursproces.geopend_op)},
                    )
                ]
            }
        )
    return min(tijdstip, geregistreerd)


def _toets_geschiedenis(bestuursproces: Bestuursproces, nieuw: Gebeurtenis) -> Momentopname:
    """Fold the whole history strictly; the end state, or the first fact that does not fit.

    It starts from the stored stand of the fold before the new fact's moment (the facts before
    it were checked already) and so costs what follows the fact, not the whole log."""
    try:
        with streng_vouwen():
            return vouw_tot(bestuursproces.pk)
    except Schending as schending:
        feit = schending.gebeurtenis
        verplaatst = nieuw.payload.get("gebeurtenis") if nieuw.type == DATUMCORRECTIE else None
        reden = _reden(bestuursproces, schending)
        if feit is None or feit.pk == nieuw.pk or feit.volgnummer == verplaatst:
            moment = feit.tijdstip if feit is not None else nieuw.tijdstip
            raise Geschiedenisconflict(
                _("Op %(moment)s kan dit niet: %(reden)s.")
                % {"moment": _datum(moment), "reden": reden}
            ) from schending
        raise Geschiedenisconflict(
            _(
                "Dit maakt een later feit onmogelijk: '%(soort)s' van %(moment)s "
                "(gebeurtenis %(volgnummer)s): %(reden)s."
            )
            % {
                "soort": soort(feit.type).label,
                "moment": _datum(feit.tijdstip),
                "volgnummer": feit.volgnummer,
                "reden": reden,
            },
            later_feit=feit.volgnummer,
        ) from schending


def _reden(bestuursproces: Bestuursproces, schending: Schending) -> str:
    """The reason of a refusal, naming what the fact refers to that did not yet exist then:
    a party or a step by its name (every member sees those), anything else by its kind only
    (an interventie or a note may be confidential)."""
    if schending.onbekend is None:
        return schending.reden
    try:
        sleutel = uuid.UUID(schending.onbekend)
    except ValueError:
        return schending.reden
    for model, naamveld in _benoembaar():
        gevonden = (
            model._default_manager.filter(bestuursproces=bestuursproces, uuid=sleutel)
            .values_list(naamveld or "pk", flat=True)
            .first()
        )
        if gevonden is None:
            continue
        wat = str(model._meta.verbose_name)
        if naamveld:
            wat = f"{wat} '{gevonden}'"
        return _("%(reden)s (%(wat)s)") % {"reden": schending.reden, "wat": wat}
    return schending.reden


def _benoembaar() -> list[tuple[type[models.Model], str]]:
    """The case's objects a reason may name, with the field that names them (empty: by their
    kind only)."""
    from cases import models as m

    return [
        (m.Speler, "naam"),
        (m.Opdrachtgever, "naam"),
        (m.Organisatie, "naam"),
        (m.WyberStap, "doel"),
        (m.Interventie, ""),
        (m.Besluit, ""),
        (m.Bijeenkomst, ""),
        (m.Document, ""),
        (m.Afspraak, ""),
    ]
