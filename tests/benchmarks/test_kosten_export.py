"""Vlakke kosten (issue 16): the JSON Lines export against ``COPY ... TO STDOUT`` of the same
rows (a cursor read on SQLite), and its memory from 1,000 to 100,000 events; CSV, XES and
OCEL against the same reference, and the read of the corrected moments that those three do
before their first line, at each size (no goal).

Run on demand with ``make benchmark`` (SQLite, then PostgreSQL through scripts/met_postgres.py)
or alone::

    env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider -q -s -m benchmark \\
        tests/benchmarks/test_kosten_export.py
    .venv/bin/python scripts/met_postgres.py -- .venv/bin/pytest -p no:cacheprovider -q -s \\
        -m benchmark tests/benchmarks/test_kosten_export.py
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from cases.events.canonical import formatteer_tijdstip
from cases.exports.gebeurtenissen import CHUNK, JSON_REGEL, bereid_voor, zichtbare_inhoud
from cases.exports.wereldtijd import gecorrigeerde_momenten
from cases.models import Bestuursproces, Gebeurtenis, Rol
from tests.cases.exports._massa import voeg_gebeurtenissen_toe
from tests.factories import GebruikerFactory, open_proces, voeg_leden_toe

from ._kosten import (
    ALLES,
    DATABASE,
    EXPORT,
    RONDES,
    START,
    afwisselend,
    api,
    mediaan_en_piek,
    meld,
    ok,
)

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


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
    client = api(regisseur)
    # An evaluator reads every event but the regisseur's own (every tenth, _massa.GEHEIM_ELKE):
    # those lines go out withheld.
    evaluator = api(voeg_leden_toe(proces, regisseur)[Rol.EVALUATOR.value])
    referentie = "COPY" if DATABASE == "postgresql" else "cursor"
    pieken: dict[int, float] = {}
    correcties: dict[int, float] = {}
    aantal = Gebeurtenis.objects.filter(bestuursproces=proces).count()
    for doel in EXPORT:
        voeg_gebeurtenissen_toe(proces, doel - aantal)
        aantal = doel

        def export(formaat: str = "jsonl", door: Any = client) -> Callable[[], int]:
            def doe() -> int:
                response = ok(
                    door.get(
                        f"/api/v1/bestuursprocessen/{proces.uuid}/export", {"formaat": formaat}
                    )
                )
                return sum(len(stuk) for stuk in response.streaming_content)

            return doe

        rondes = 3 if doel >= 100_000 else RONDES
        # What CSV, XES and OCEL read before their first line: the corrected moments.
        opdracht = bereid_voor(
            proces, exporteur=None, rol=None, kanaal="benchmark", zichtbaar=ALLES
        )
        correcties[doel], _ = mediaan_en_piek(partial(gecorrigeerde_momenten, opdracht), 7)
        t_export, t_ref = afwisselend(export(), _referentie(proces), rondes)
        _, piek = mediaan_en_piek(export(), 0)
        pieken[doel] = piek
        ratio = t_ref / t_export
        # The export before issue 16 takes minutes at a million events: compared up to 100k.
        voorheen = ""
        if doel <= 100_000:
            t_export_2, t_voorheen = afwisselend(export(), _zoals_voorheen(proces), 3)
            voorheen = f"; {t_voorheen / t_export_2:.1f}× zo snel als met een model per rij"
        meld(
            f"jsonl-export ≥ 0,5 van {referentie} ({doel:,} gebeurtenissen)",
            f"{ratio:.2f} ({t_export:.2f} s tegen {t_ref:.2f} s; "
            f"{doel / t_export:,.0f} gebeurtenissen/s; piek {piek:.1f} MiB{voorheen})",
            ratio >= 0.5 if referentie == "COPY" else None,
        )
        t_evaluator, t_ref = afwisselend(export(door=evaluator), _referentie(proces), rondes)
        ratio = t_ref / t_evaluator
        meld(
            f"jsonl-export als evaluator ≥ 0,5 van {referentie} ({doel:,} gebeurtenissen, "
            "elke tiende afgeschermd)",
            f"{ratio:.2f} ({t_evaluator:.2f} s tegen {t_ref:.2f} s)",
            ratio >= 0.5 if referentie == "COPY" else None,
        )
        # CSV, XES and OCEL (no goal) at the largest size up to 100,000: beyond it they take
        # minutes.
        if doel == max([n for n in EXPORT if n <= 100_000] or EXPORT[:1]):
            for formaat in ("csv", "xes", "ocel"):
                t_export, t_ref = afwisselend(export(formaat), _referentie(proces), 3)
                meld(
                    f"{formaat}-export tegen {referentie} ({doel:,} gebeurtenissen)",
                    f"{t_ref / t_export:.2f} ({t_export:.2f} s tegen {t_ref:.2f} s)",
                    None,
                )
    klein, groot = min(correcties), max(correcties)
    meld(
        f"(geen doel) correcties voor een export in wereldtijd, {klein:,} tot {groot:,} "
        "gebeurtenissen",
        f"{correcties[groot] / correcties[klein]:.2f}× ("
        + " → ".join(f"{correcties[n] * 1000:.2f}" for n in EXPORT)
        + " ms)",
        None,
    )
    # Below one chunk of rows (2,000) the export holds fewer rows; flat means: no growth
    # once the chunks are full. A peak of a fraction of a MiB moves by a tenth of a MiB
    # from run to run (the interpreter's own allocations), so growth up to a quarter or
    # up to one bundle of the response (64 KiB) counts as flat.
    from cases.exports import gebeurtenissen

    vol = [n for n in EXPORT if n >= 2 * CHUNK] or EXPORT
    meld(
        f"geheugen van de export vlak van {EXPORT[0]:,} tot {EXPORT[-1]:,} gebeurtenissen",
        " → ".join(f"{pieken[n]:.2f}" for n in EXPORT) + " MiB",
        pieken[vol[-1]]
        <= max(1.25 * pieken[vol[0]], pieken[vol[0]] + gebeurtenissen.BUNDEL / 2**20),
    )
