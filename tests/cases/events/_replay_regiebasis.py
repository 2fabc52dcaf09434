"""The ground the Uitvoerder's handlers of the regisseur's own work (issue 5) stand on: the
proof that a refusal wrote nothing, and the helpers that turn generated values into rows and
dates of the case.

Every date rule of these services compares with the day the case was opened and with
"today", the Dutch date of the call's moment. The handlers pass that moment (``tijdstip``) to
the service, so the model predicts with the very same "today" and the outcome is exact, also
around midnight.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import Model as DjangoModel
from django.utils import timezone
from hypothesis import event

from cases import services
from cases.events import Actor
from cases.events.replay import zichtbaarheid_van
from cases.models import (
    Bestuursproces,
    Interventie,
    Opdrachtgever,
    Positionering,
    ProcesontwerpVersie,
    Speler,
    WyberStap,
)
from instruments.models import Instrument, Strategie
from tests.cases._interventies import INTERVENTIE_MODELLEN
from tests.cases.services._hulp import CASE_MODELLEN, gebeurtenissen_na, laatste_volgnummer
from tests.factories import open_proces

from ._replay_model import InterventieStand, Model

ALLE_MODELLEN: tuple[type[DjangoModel], ...] = (
    *CASE_MODELLEN,
    *INTERVENTIE_MODELLEN,
    Positionering,
    ProcesontwerpVersie,
)


def _van_een_zaak(model: type[DjangoModel]) -> bool:
    return any(veld.name == "bestuursproces" for veld in model._meta.concrete_fields)


def _rijen(bestuursproces: Bestuursproces) -> list[Any]:
    """The number of rows of every table, and every row of this case.

    Only this case's rows in full: the database keeps the rows of every earlier example of the
    property test, and reading them all for every refusal would make each example slower
    than the one before it; the counts still catch a row written elsewhere. Raw SQL, because
    this runs twice for every refused call and the ORM's query building was most of the cost.
    """
    naam = connection.ops.quote_name
    tabellen = [naam(model._meta.db_table) for model in ALLE_MODELLEN]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {tabel})" for tabel in tabellen)
        )
        rijen: list[Any] = [cursor.fetchone()]
        for model, tabel in zip(ALLE_MODELLEN, tabellen, strict=True):
            if model is not Bestuursproces and not _van_een_zaak(model):
                continue  # rows of a row of the case (a bijeenkomst's deelnemers): counted
            kolom = naam("id" if model is Bestuursproces else "bestuursproces_id")
            cursor.execute(
                f"SELECT * FROM {tabel} WHERE {kolom} = %s ORDER BY id", [bestuursproces.pk]
            )
            rijen.append(cursor.fetchall())
    return rijen


@contextlib.contextmanager
def schrijft_niets(bestuursproces: Bestuursproces) -> Iterator[None]:
    """Assert that the block leaves every table of a case as it was, those of issue 5 too."""
    voor = _rijen(bestuursproces)
    yield
    assert _rijen(bestuursproces) == voor


class RegieBasis:
    """The state and helpers the handlers of :class:`._replay_regie.RegieHandelingen` share.

    Each handler returns (the error it expects or None, a callable doing the call), or
    (None, None) when the case has no interventie yet. The model is updated only inside the
    callable's success path, after the call; a call the model expects to change nothing is
    checked to write nothing, and any other to append exactly one event of its type at the
    expected level.
    """

    # Set by the Uitvoerder's __init__.
    bestuursproces: Bestuursproces
    actor: Actor
    model: Model
    auteurs: dict[str, Actor]
    spelers: list[Speler]
    opdrachtgevers: list[Opdrachtgever]
    wyberstappen: list[WyberStap]
    interventies: list[Interventie]
    # The raw arguments of the procesontwerp the model holds, to offer the same again.
    laatste_ontwerp: tuple[Any, ...] | None

    @cached_property
    def geopend(self) -> dt.date:
        return timezone.localdate(self.bestuursproces.geopend_op)

    @cached_property
    def strategieen(self) -> list[Strategie]:
        return list(Strategie.objects.order_by("code")[:3])

    @cached_property
    def instrumenten(self) -> list[Instrument]:
        return list(Instrument.objects.order_by("naam")[:3])

    @cached_property
    def vreemde_stap(self) -> WyberStap:
        """A wyber-stap of another case (made on first use): linking it is refused."""
        ander = open_proces(self.actor.gebruiker)
        return services.start_wyberstap(actor=self.actor, bestuursproces=ander, doel="Elders")

    # --- helpers ------------------------------------------------------------------------------

    def _geen_interventie(self) -> Any:
        return None, None

    @staticmethod
    def _nu() -> tuple[dt.datetime, dt.date]:
        nu = timezone.now()
        return nu, timezone.localdate(nu)

    @staticmethod
    def _dag(dagen: int | None, vandaag: dt.date) -> dt.date | None:
        return None if dagen is None else vandaag + dt.timedelta(days=dagen)

    @staticmethod
    def _bij(rijen: list[Any], n: int | None) -> Any:
        return None if n is None or not rijen else rijen[n % len(rijen)]

    def _stap_keuze(self, keuze: int | str | None) -> tuple[WyberStap | None, bool]:
        """The wyber-stap chosen, and whether it is one of this case."""
        if keuze == "vreemd":
            return self.vreemde_stap, False
        return self._bij(self.wyberstappen, keuze if isinstance(keuze, int) else None), True

    def _partijen(self, rijen: list[Any], keuze: tuple[list[int], bool]) -> list[Any]:
        indices, dubbel = keuze
        gekozen: list[Any] = []
        for i in indices if rijen else []:
            if rijen[i % len(rijen)] not in gekozen:
                gekozen.append(rijen[i % len(rijen)])
        return gekozen + gekozen[:1] if dubbel else gekozen

    def _relaties(self, invoer: dict[str, Any], vandaag: dt.date) -> tuple[dict[str, Any], bool]:
        """The generated values turned into what the service takes: dates, rows of the case
        (or of another case), and whether a wyber-stap given is the case's own."""
        uit, eigen = dict(invoer), True
        for sleutel in ("datum", "uitgevoerd_op", "geevalueerd_op"):
            if sleutel in uit:
                uit[sleutel] = self._dag(uit[sleutel], vandaag)
        if "strategie" in uit:
            uit["strategie"] = self._bij(self.strategieen, uit["strategie"])
        if "instrument" in uit:
            uit["instrument"] = self._bij(self.instrumenten, uit["instrument"])
        if "wyberstap" in uit:
            uit["wyberstap"], eigen = self._stap_keuze(uit["wyberstap"])
        if "spelers" in uit:
            uit["spelers"] = self._partijen(self.spelers, uit["spelers"])
        if "opdrachtgevers" in uit:
            uit["opdrachtgevers"] = self._partijen(self.opdrachtgevers, uit["opdrachtgevers"])
        return uit, eigen

    @contextlib.contextmanager
    def _een_gebeurtenis(self, soort: str, niveau: str) -> Iterator[None]:
        """The call appends exactly one event, of this type, at this level."""
        voor = laatste_volgnummer(self.bestuursproces)
        yield
        [gebeurtenis] = gebeurtenissen_na(self.bestuursproces, voor)
        assert (gebeurtenis.type, zichtbaarheid_van(gebeurtenis)) == (soort, niveau)

    @contextlib.contextmanager
    def _niets_nieuws(self, soort: str) -> Iterator[None]:
        """The same content again is no new fact: the call succeeds and writes nothing."""
        event(f"{soort}: ongewijzigd, niets geschreven")
        voor = laatste_volgnummer(self.bestuursproces)
        with schrijft_niets(self.bestuursproces):
            yield
        assert laatste_volgnummer(self.bestuursproces) == voor

    def _interventie_bij(
        self, n: int, met_status: str | None = None
    ) -> tuple[int, InterventieStand]:
        """The n-th interventie; with ``met_status`` the n-th of those with that status, if
        any (so that the cycle moves on more often than it is refused for the wrong status)."""
        kandidaten = [
            i
            for i, stand in enumerate(self.model.interventies)
            if met_status is None or stand.status == met_status
        ] or list(range(len(self.interventies)))
        i = kandidaten[n % len(kandidaten)]
        return i, self.model.interventies[i]
