"""Vlakke kosten (issue 16): the reads of a case from 1,000 to 100,000 events (one case per
size in the same run, each read measured on every size in turns), and the status page's
fixed number of queries.

Run on demand with ``make benchmark`` (SQLite, then PostgreSQL through scripts/met_postgres.py)
or alone::

    env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider -q -s -m benchmark \\
        tests/benchmarks/test_kosten_groei.py
    .venv/bin/python scripts/met_postgres.py -- .venv/bin/pytest -p no:cacheprovider -q -s \\
        -m benchmark tests/benchmarks/test_kosten_groei.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from cases import services
from cases.events import Actor, verifieer_keten
from cases.events.payloads import spelerbeoordeling_gegevens
from cases.events.tijdlijnregels import herbouw_vergrendeld
from cases.models import Bestuursproces, Gebeurtenis, SpelerBeoordeling, Zichtbaarheid
from cases.services._common import vergrendel
from cases.services._leesmodellen import herbouw_leesmodellen
from tests.cases._interventies import veld
from tests.cases.exports._massa import Feit, voeg_feiten_toe
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._kosten import (
    DATABASE,
    GROEI,
    RONDES,
    SNEL_VANAF,
    SPELERS,
    START,
    Statements,
    api,
    mediaan_en_piek,
    meld,
    ok,
    tijd,
)

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


# --- reads from 1k to 10k (or 100k) events ------------------------------------------------


class Groeiproces:
    """A case with 50 spelers and dated assessments at alternating visibility levels, built
    through the services and extended round by round (so its log is what a real case has)."""

    STANDPUNTEN = ("voorstander", "afwachtend", "tegenstander")
    MACHTEN = ("productiemacht", "blokkademacht", "diffuse_macht")

    def __init__(self, regisseur: Any, titel: str = "Groeiend proces") -> None:
        self.actor: Actor = actor_voor(regisseur)
        self.proces = open_proces(regisseur, titel=titel, tijdstip=START)
        self.moment = START
        self.ronde = 0
        self.spelers = [
            services.registreer_speler(
                actor=self.actor,
                bestuursproces=self.proces,
                naam=f"Speler {i:03d}",
                soort="groep",
                veld="verbindende",
                rol_in_proces="betrokkene",
                tijdstip=self._volgende(),
            )
            for i in range(SPELERS)
        ]

    def _volgende(self) -> dt.datetime:
        self.moment += dt.timedelta(minutes=1)
        return self.moment

    def _waarden(self, i: int) -> dict[str, Any]:
        """The i-th speler's assessment in this round."""
        return {
            "standpunt": self.STANDPUNTEN[(i + self.ronde) % 3],
            "macht": self.MACHTEN[i % 3],
            "invloed": 1 + (i + self.ronde) % 5,
            "vertrouwen": 1 + i % 5,
            "zichtbaarheid": ("proces", "kernteam", "regisseur")[self.ronde % 3],
            "tijdstip": self._volgende(),
        }

    def groei_tot(self, aantal: int) -> int:
        huidig = Gebeurtenis.objects.filter(bestuursproces=self.proces).count()
        while huidig < min(aantal, SNEL_VANAF):
            for i, speler in enumerate(self.spelers[: aantal - huidig]):
                services.beoordeel_speler(actor=self.actor, speler=speler, **self._waarden(i))
                huidig += 1
            self.ronde += 1
        if huidig < aantal:
            huidig += self._breid_in_bulk_uit(aantal - huidig)
        return huidig

    def _breid_in_bulk_uit(self, aantal: int) -> int:
        """The same assessments and events the service writes, in bulk (the service's Python
        per write would take hours for 100,000), then the read models rebuilt from the log as
        ``manage.py herbouw_leesmodellen`` and ``herbouw_tijdlijn`` do: the property tests hold
        a rebuild equal to what the services keep in step."""
        self.proces.refresh_from_db()
        beoordelingen: list[SpelerBeoordeling] = []
        while len(beoordelingen) < aantal:
            for i, speler in enumerate(self.spelers[: aantal - len(beoordelingen)]):
                waarden = self._waarden(i)
                beoordelingen.append(
                    SpelerBeoordeling(
                        speler=speler,
                        bestuursproces=self.proces,
                        stadium=self.proces.stadium,
                        auteur=self.actor.gebruiker,
                        toelichting="",
                        **waarden,
                    )
                )
            self.ronde += 1
        SpelerBeoordeling.objects.bulk_create(beoordelingen, batch_size=2000)
        spelers = {speler.pk: speler for speler in self.spelers}

        def feiten() -> Iterator[Feit]:
            for b in beoordelingen:
                payload: dict[str, Any] = {
                    "speler": str(spelers[b.speler_id].uuid),
                    "beoordeling": spelerbeoordeling_gegevens(b),
                }
                if b.zichtbaarheid != Zichtbaarheid.PROCES:
                    payload["zichtbaarheid"] = b.zichtbaarheid
                yield Feit("speler.beoordeeld", payload, b.tijdstip)

        toegevoegd = voeg_feiten_toe(self.proces, feiten())
        with transaction.atomic():
            herbouw_leesmodellen(vergrendel(self.proces.pk))
        herbouw_vergrendeld(self.proces.pk)
        assert verifieer_keten(self.proces) is None  # a chain the product accepts
        return toegevoegd


def test_leesendpoints_groeien_met_het_log() -> None:
    """One case per size in the same database, each read measured on every size in turns, so
    that a busy machine slows the sizes alike and the growth is a ratio in one run."""
    regisseur: Any = GebruikerFactory(username="groei-regisseur")
    veld("verbindende")
    client = api(regisseur)
    pagina = Client()
    pagina.force_login(regisseur)
    processen: dict[int, Bestuursproces] = {}
    for doel in GROEI:
        begin = time.perf_counter()
        groei = Groeiproces(regisseur, titel=f"Groeiend proces ({doel:,})")
        aantal = groei.groei_tot(doel)
        processen[aantal] = groei.proces
        print(
            f"[{DATABASE}] {aantal:,} gebeurtenissen (opgebouwd in "
            f"{time.perf_counter() - begin:.0f} s; door de services tot {SNEL_VANAF:,})"
        )

    # Looking back to a moment early in the case (its spelers registered, none assessed yet):
    # what came after it, up to 100,000 events, must not be read.
    vroeg = (START + dt.timedelta(minutes=30)).isoformat()

    def lezingen(proces: Bestuursproces) -> dict[str, Callable[[], Any]]:
        basis = f"/api/v1/bestuursprocessen/{proces.uuid}"

        def get(client: Any, pad: str, **query: str) -> Callable[[], Any]:
            return lambda: ok(client.get(pad, query))

        return {
            "tijdlijn, eerste pagina": get(client, basis + "/tijdlijn"),
            "statuspagina": get(pagina, f"/processen/{proces.uuid}/"),
            "krachtenveld nu": get(client, basis + "/krachtenveld"),
            "momentopname": get(client, basis + "/momentopname"),
            "verschuivingen, eerste pagina": get(client, basis + "/krachtenveld/verschuivingen"),
            "spelers, eerste pagina": get(client, basis + "/spelers"),
            "krachtenveld op een vroeg moment": get(
                client, basis + "/krachtenveld", tijdstip=vroeg
            ),
            "momentopname op een vroeg moment": get(
                client, basis + "/momentopname", tijdstip=vroeg
            ),
            "verschuivingen tot een vroeg moment": get(
                client, basis + "/krachtenveld/verschuivingen", tot=vroeg
            ),
            "statuspagina op een vroege dag": get(
                pagina, f"/processen/{proces.uuid}/", op=START.date().isoformat()
            ),
            "gebeurtenissen, eerste pagina (referentie)": get(client, basis + "/gebeurtenissen"),
        }

    per_grootte = {aantal: lezingen(proces) for aantal, proces in processen.items()}
    klein, groot = min(per_grootte), max(per_grootte)
    for aantal in processen:
        with Statements() as queries:
            per_grootte[aantal]["statuspagina"]()
        meld(
            f"statuspagina hooguit 12 queries, vast ({aantal:,} gebeurtenissen)",
            f"{len(queries)} queries",
            len(queries) <= 12,
        )
    for naam in per_grootte[klein]:
        doen = {aantal: lezingen_[naam] for aantal, lezingen_ in per_grootte.items()}
        for doe in doen.values():
            doe()  # warm-up
        tijden: dict[int, list[float]] = {aantal: [] for aantal in doen}
        for _ in range(RONDES):
            for aantal, doe in doen.items():
                tijden[aantal].append(tijd(doe))
        medianen = {aantal: statistics.median(reeks) for aantal, reeks in tijden.items()}
        _, piek = mediaan_en_piek(doen[groot], 0)
        print(
            f"    {naam:44} "
            + "  ".join(f"{aantal:>7,}: {t * 1000:7.1f} ms" for aantal, t in medianen.items())
            + f"  piek bij {groot:,}: {piek:.1f} MiB"
        )
        groei_factor = medianen[groot] / medianen[klein]
        meld(
            f"{naam}: binnen 1,5× van {klein:,} tot {groot:,} gebeurtenissen, < 50 MiB",
            f"{groei_factor:.2f}× ("
            + " → ".join(f"{t * 1000:.0f}" for t in medianen.values())
            + f" ms), {piek:.1f} MiB",
            None if "referentie" in naam else groei_factor <= 1.5 and piek < 50,
        )
