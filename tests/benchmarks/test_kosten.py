"""Vlakke kosten (issue 16): each goal as a ratio against a reference measured in the same run.

Run on demand with ``make benchmark`` (SQLite, then PostgreSQL through scripts/met_postgres.py)
or alone::

    env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider -q -s -m benchmark \
        tests/benchmarks/test_kosten.py
    .venv/bin/python scripts/met_postgres.py -- .venv/bin/pytest -p no:cacheprovider -q -s \\
        -m benchmark tests/benchmarks/test_kosten.py

The references live here, not in the product: a bare DRF list and a bare one-row insert
endpoint (this module is the URLconf of its tests, with the product's URLs behind them),
django-simple-history on a note-shaped model (the test-only app ``tests/benchmarks/historie``)
and, on PostgreSQL, ``COPY ... TO STDOUT`` of the exported rows (on SQLite: reading the same
rows with a plain cursor). A and B are measured interleaved and compared as medians, so a busy
machine slows both alike. Sizes scale with BENCHMARK_KOSTEN_* (see docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import include, path
from django.utils import timezone
from rest_framework import generics, serializers
from rest_framework.test import APIClient

from cases import services
from cases.events import Actor, append_event, verifieer_keten
from cases.events.canonical import formatteer_tijdstip
from cases.events.payloads import notitie_gegevens, spelerbeoordeling_gegevens
from cases.events.tijdlijnregels import herbouw_vergrendeld
from cases.exports.gebeurtenissen import CHUNK, JSON_REGEL, bereid_voor, zichtbare_inhoud
from cases.models import Bestuursproces, Gebeurtenis, Notitie, SpelerBeoordeling, Zichtbaarheid
from cases.services._common import vergrendel
from cases.services._leesmodellen import herbouw_leesmodellen
from tests.benchmarks.historie.models import HistorischeNotitie
from tests.cases._interventies import veld
from tests.cases.exports._massa import Feit, voeg_feiten_toe, voeg_gebeurtenissen_toe
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

DATABASE = connection.vendor
GETAL = os.environ.get
# Cases in the list (the user is a member of each), and the event counts of the growth and
# export measurements.
LIJST_PROCESSEN = int(GETAL("BENCHMARK_KOSTEN_PROCESSEN", "200"))
GROEI = [int(n) for n in GETAL("BENCHMARK_KOSTEN_GROEI", "1000,10000,100000").split(",")]
EXPORT = [int(n) for n in GETAL("BENCHMARK_KOSTEN_EXPORT", "1000,10000,100000").split(",")]
RONDES = int(GETAL("BENCHMARK_KOSTEN_RONDES", "7"))
# Up to this many events the growth case is built through the services, beyond it in bulk.
SNEL_VANAF = int(GETAL("BENCHMARK_KOSTEN_SNEL_VANAF", "1000"))
START = dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC)
SPELERS = 50
ALLES = Zichtbaarheid.voor_rol("procesregisseur")


# --- references, defined here and nowhere in the product ----------------------------------


class KaleProcesSerializer(serializers.ModelSerializer[Bestuursproces]):
    class Meta:
        model = Bestuursproces
        fields = ["uuid", "titel", "omschrijving", "procesrol", "aanpak", "status", "geopend_op"]


class KaleLijst(generics.ListAPIView[Bestuursproces]):
    """A list as DRF makes it with nothing on top: same pagination, renderer, authentication."""

    serializer_class = KaleProcesSerializer
    queryset = Bestuursproces.objects.order_by("-geopend_op", "-pk")


class KaleGroepSerializer(serializers.ModelSerializer[Group]):
    class Meta:
        model = Group
        fields = ["name"]


class KaleInsert(generics.CreateAPIView[Group]):
    """One validated row inserted: the least an endpoint that writes can do."""

    serializer_class = KaleGroepSerializer


urlpatterns = [
    path("kaal/lijst", KaleLijst.as_view()),
    path("kaal/insert", KaleInsert.as_view()),
    path("", include("procesregie.urls")),
]


# --- measuring -----------------------------------------------------------------------------

UITKOMSTEN: list[tuple[str, str, str]] = []


def _meld(doel: str, meting: str, gehaald: bool | None) -> None:
    oordeel = "-" if gehaald is None else ("gehaald" if gehaald else "NIET gehaald")
    UITKOMSTEN.append((doel, meting, oordeel))
    print(f"[{DATABASE}] {doel}: {meting} → {oordeel}")


def _tijd(doe: Callable[[], Any]) -> float:
    begin = time.perf_counter()
    doe()
    return time.perf_counter() - begin


def _afwisselend(
    a: Callable[[], Any], b: Callable[[], Any], rondes: int = RONDES
) -> tuple[float, float]:
    """Medians of A and B, measured in turns (after one warm-up each)."""
    a(), b()
    tijden_a, tijden_b = [], []
    for _ in range(rondes):
        tijden_a.append(_tijd(a))
        tijden_b.append(_tijd(b))
    return statistics.median(tijden_a), statistics.median(tijden_b)


def _mediaan_en_piek(doe: Callable[[], Any], rondes: int = 3) -> tuple[float, float]:
    tijden = [_tijd(doe) for _ in range(rondes)] or [0.0]
    tracemalloc.start()
    try:
        doe()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return statistics.median(tijden), piek / 2**20


class Statements:
    """Counts the SQL statements the block runs on the default connection."""

    def __init__(self) -> None:
        self.aantal = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.aantal += 1
        return execute(sql, params, many, context)

    def __len__(self) -> int:
        return self.aantal

    def __enter__(self) -> Statements:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *fout: Any) -> None:
        self._wrapper.__exit__(*fout)


def _api(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content[:500]
    return response


# --- case list and interventie POST against the bare endpoints ----------------------------


def test_bestuursprocessenlijst_tegen_een_kale_lijst() -> None:
    regisseur: Any = GebruikerFactory(username="lijst-regisseur")
    for i in range(LIJST_PROCESSEN):
        open_proces(regisseur, titel=f"Proces {i:04d}")
    client = _api(regisseur)

    def lijst() -> Any:
        return _ok(client.get("/api/v1/bestuursprocessen"))

    def kaal() -> Any:
        return _ok(client.get("/kaal/lijst"))

    with Statements() as queries:
        lijst()
    with override_settings(ROOT_URLCONF=__name__):
        assert len(lijst().json()["results"]) == len(kaal().json()["results"])
        t_lijst, t_kaal = _afwisselend(lijst, kaal, RONDES * 3)
    ratio = t_kaal / t_lijst
    _meld(
        "bestuursprocessenlijst ≥ 0,5 van een kale DRF-lijst",
        f"{ratio:.2f} ({t_lijst * 1000:.1f} ms tegen {t_kaal * 1000:.1f} ms, "
        f"{len(queries)} queries, {LIJST_PROCESSEN} processen, pagina van 20)",
        ratio >= 0.5,
    )


def test_interventie_loggen_tegen_een_kale_insert() -> None:
    regisseur: Any = GebruikerFactory(username="interventie-regisseur")
    veld("verbindende")
    proces = open_proces(regisseur, titel="Interventies", tijdstip=START)
    client = _api(regisseur)
    pad = f"/api/v1/bestuursprocessen/{proces.uuid}/interventies"
    gegevens = {
        "titel": "Keukentafelgesprek",
        "datum": "2024-02-01",
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogdEffect": "Hij doet mee",
    }

    def interventie() -> Any:
        return _ok(client.post(pad, gegevens, format="json"), 201)

    def kaal() -> Any:
        return _ok(client.post("/kaal/insert", {"name": uuid.uuid4().hex}, format="json"), 201)

    with Statements() as queries:
        interventie()
    with override_settings(ROOT_URLCONF=__name__):
        t_interventie, t_kaal = _afwisselend(interventie, kaal, RONDES * 5)
    ratio = t_kaal / t_interventie
    _meld(
        "interventie loggen (POST) ≥ 0,5 van een kale insert",
        f"{ratio:.2f} ({t_interventie * 1000:.1f} ms tegen {t_kaal * 1000:.1f} ms, "
        f"{len(queries)} statements)",
        ratio >= 0.5,
    )


def test_gebeurtenislog_tegen_simple_history() -> None:
    regisseur: Any = GebruikerFactory(username="historie-regisseur")
    proces = open_proces(regisseur, titel="Historie", tijdstip=START)
    actor = actor_voor(regisseur)
    schrijvers = 20

    def met_gebeurtenis() -> None:
        for i in range(schrijvers):
            services.maak_notitie(
                actor=actor, bestuursproces=proces, tekst=f"Notitie {i}", zichtbaarheid="proces"
            )

    def met_simple_history() -> None:
        for i in range(schrijvers):
            with transaction.atomic():
                HistorischeNotitie.objects.create(
                    bestuursproces=proces,
                    tekst=f"Notitie {i}",
                    zichtbaarheid="proces",
                    auteur=regisseur,
                )

    # 1. The goal as the issue states it: the whole service (lock with the role, the rules,
    # the row, the event, the tijdlijn's read model) against a row and its history row.
    with Statements() as service_statements:
        services.maak_notitie(
            actor=actor, bestuursproces=proces, tekst="Geteld", zichtbaarheid="proces"
        )
    t_log, t_historie = _afwisselend(met_gebeurtenis, met_simple_history)
    assert HistorischeNotitie.geschiedenis.count() == HistorischeNotitie.objects.count()
    ratio = t_log / t_historie
    _meld(
        "schrijven in het gebeurtenislog ≤ de tijd van django-simple-history",
        f"{ratio:.2f}× ({t_log / schrijvers * 1000:.2f} ms tegen "
        f"{t_historie / schrijvers * 1000:.2f} ms per notitie; de hele service, "
        f"{len(service_statements)} statements)",
        ratio <= 1.0,
    )

    # 2. Only the log's part, not the goal: the same row and append_event in one transaction
    # (chain head, hashes, HMAC, the event, the tijdlijn's item) against the row and
    # simple-history's history row; no lock, no rules, as simple-history has none.
    kopie = Bestuursproces.objects.get(pk=proces.pk)

    def rij_met_append_event() -> None:
        for i in range(schrijvers):
            with transaction.atomic():
                notitie = Notitie.objects.create(
                    bestuursproces=kopie,
                    tekst=f"Notitie {i}",
                    zichtbaarheid="proces",
                    auteur=regisseur,
                    tijdstip=timezone.now(),
                )
                append_event(
                    bestuursproces=kopie,
                    type="notitie.gemaakt",
                    actor=actor,
                    tijdstip=notitie.tijdstip,
                    nieuw=[notitie.uuid],
                    payload={"notitie": notitie_gegevens(notitie, None, None)},
                )

    with Statements() as log_statements:
        rij_met_append_event()
    t_append, t_historie = _afwisselend(rij_met_append_event, met_simple_history)
    assert verifieer_keten(proces) is None
    _meld(
        "(geen doel) alleen het log: rij + append_event tegen rij + historierij",
        f"{t_append / t_historie:.2f}× ({t_append / schrijvers * 1000:.2f} ms tegen "
        f"{t_historie / schrijvers * 1000:.2f} ms per notitie, "
        f"{len(log_statements) / schrijvers:.0f} statements per notitie)",
        None,
    )


# --- the export against COPY, and its memory from 1k to 100k events -----------------------


def _kolommen() -> str:
    return (
        "volgnummer, type, tijdstip, geregistreerd, actor_gebruikersnaam, actor_naam, "
        "herkomst, toelichting, payload, vorige_hash, hash"
    )


def _referentie(proces: Bestuursproces) -> Callable[[], int]:
    """The rows the export writes, as the database hands them out at its fastest."""
    sql = (
        f"SELECT {_kolommen()} FROM cases_gebeurtenis WHERE bestuursproces_id = {proces.pk:d} "
        "ORDER BY volgnummer"
    )
    if DATABASE == "postgresql":

        def copy() -> int:
            grootte = 0
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY ({sql}) TO STDOUT") as kopie,
            ):
                for stuk in kopie:
                    grootte += len(stuk)
            return grootte

        return copy

    def lees() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return sum(len(rij) for rij in cursor.fetchall())

    return lees


def _zoals_voorheen(proces: Bestuursproces) -> Callable[[], int]:
    """The export as it was before issue 16: a model instance per row, a dict per line, the
    canonical encoder with sorted keys and ``strftime`` per timestamp (same bytes)."""
    opdracht = bereid_voor(
        proces, exporteur="x", rol="procesregisseur", kanaal="api", zichtbaar=ALLES
    )

    def doe() -> int:
        grootte = 0
        for e in (
            Gebeurtenis.objects.filter(bestuursproces=proces)
            .order_by("volgnummer")
            .iterator(chunk_size=500)
        ):
            inhoud = zichtbare_inhoud(e, opdracht.zichtbaar)
            rij = {
                "volgnummer": e.volgnummer,
                "type": e.type,
                "tijdstip": formatteer_tijdstip(e.tijdstip),
                "geregistreerd": formatteer_tijdstip(e.geregistreerd),
                "actor": e.actor_gebruikersnaam,
                "actorNaam": e.actor_naam,
                "herkomst": e.herkomst,
                "toelichting": inhoud.toelichting,
                "payload": inhoud.payload,
                "zichtbaarheid": inhoud.zichtbaarheid,
                "afgeschermd": inhoud.afgeschermd,
                "vorigeHash": e.vorige_hash,
                "hash": e.hash,
                "soort": "gebeurtenis",
            }
            grootte += len(JSON_REGEL.encode(rij)) + 1
        return grootte

    return doe


@override_settings(EXPORT_DIRECT_MAX_GEBEURTENISSEN=10**9)
def test_export_tegen_copy_en_geheugen() -> None:
    regisseur: Any = GebruikerFactory(username="export-regisseur")
    proces = open_proces(regisseur, titel="Export", tijdstip=START)
    client = _api(regisseur)
    referentie = "COPY" if DATABASE == "postgresql" else "cursor"
    pieken: dict[int, float] = {}
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    for doel in EXPORT:
        voeg_gebeurtenissen_toe(proces, doel - aantal)
        aantal = doel

        def export(formaat: str = "jsonl") -> Callable[[], int]:
            def doe() -> int:
                response = _ok(
                    client.get(
                        f"/api/v1/bestuursprocessen/{proces.uuid}/export", {"formaat": formaat}
                    )
                )
                return sum(len(stuk) for stuk in response.streaming_content)

            return doe

        rondes = 3 if doel >= 100_000 else RONDES
        t_export, t_ref = _afwisselend(export(), _referentie(proces), rondes)
        t_export_2, t_voorheen = _afwisselend(export(), _zoals_voorheen(proces), 3)
        _, piek = _mediaan_en_piek(export(), 0)
        pieken[doel] = piek
        ratio = t_ref / t_export
        _meld(
            f"jsonl-export ≥ 0,5 van {referentie} ({doel:,} gebeurtenissen)",
            f"{ratio:.2f} ({t_export:.2f} s tegen {t_ref:.2f} s; "
            f"{doel / t_export:,.0f} gebeurtenissen/s; piek {piek:.1f} MiB; "
            f"{t_voorheen / t_export_2:.1f}× zo snel als met een model per rij)",
            ratio >= 0.5 if referentie == "COPY" else None,
        )
        if doel == EXPORT[-1]:
            for formaat in ("csv", "xes"):
                t_export, t_ref = _afwisselend(export(formaat), _referentie(proces), 3)
                _meld(
                    f"{formaat}-export tegen {referentie} ({doel:,} gebeurtenissen)",
                    f"{t_ref / t_export:.2f} ({t_export:.2f} s tegen {t_ref:.2f} s)",
                    None,
                )
    # Below one chunk of rows (2,000) the export holds fewer rows; flat means: no growth
    # once the chunks are full. A peak of a fraction of a MiB moves by a tenth of a MiB
    # from run to run (the interpreter's own allocations), so growth up to a quarter or
    # up to one bundle of the response (64 KiB) counts as flat.
    from cases.exports import gebeurtenissen

    vol = [n for n in EXPORT if n >= 2 * CHUNK] or EXPORT
    _meld(
        f"geheugen van de export vlak van {EXPORT[0]:,} tot {EXPORT[-1]:,} gebeurtenissen",
        " → ".join(f"{pieken[n]:.2f}" for n in EXPORT) + " MiB",
        pieken[vol[-1]]
        <= max(1.25 * pieken[vol[0]], pieken[vol[0]] + gebeurtenissen.BUNDEL / 2**20),
    )


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
    api = _api(regisseur)
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

    def lezingen(proces: Bestuursproces) -> dict[str, Callable[[], Any]]:
        basis = f"/api/v1/bestuursprocessen/{proces.uuid}"

        def get(client: Any, pad: str) -> Callable[[], Any]:
            return lambda: _ok(client.get(pad))

        return {
            "tijdlijn, eerste pagina": get(api, basis + "/tijdlijn"),
            "statuspagina": get(pagina, f"/processen/{proces.uuid}/"),
            "krachtenveld nu": get(api, basis + "/krachtenveld"),
            "momentopname": get(api, basis + "/momentopname"),
            "verschuivingen, eerste pagina": get(api, basis + "/krachtenveld/verschuivingen"),
            "spelers, eerste pagina": get(api, basis + "/spelers"),
            "gebeurtenissen, eerste pagina (referentie)": get(api, basis + "/gebeurtenissen"),
        }

    per_grootte = {aantal: lezingen(proces) for aantal, proces in processen.items()}
    klein, groot = min(per_grootte), max(per_grootte)
    for aantal in processen:
        with Statements() as queries:
            per_grootte[aantal]["statuspagina"]()
        _meld(
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
                tijden[aantal].append(_tijd(doe))
        medianen = {aantal: statistics.median(reeks) for aantal, reeks in tijden.items()}
        _, piek = _mediaan_en_piek(doen[groot], 0)
        print(
            f"    {naam:44} "
            + "  ".join(f"{aantal:>7,}: {t * 1000:7.1f} ms" for aantal, t in medianen.items())
            + f"  piek bij {groot:,}: {piek:.1f} MiB"
        )
        groei_factor = medianen[groot] / medianen[klein]
        _meld(
            f"{naam}: binnen 1,5× van {klein:,} tot {groot:,} gebeurtenissen, < 50 MiB",
            f"{groei_factor:.2f}× ("
            + " → ".join(f"{t * 1000:.0f}" for t in medianen.values())
            + f" ms), {piek:.1f} MiB",
            None if "referentie" in naam else groei_factor <= 1.5 and piek < 50,
        )
