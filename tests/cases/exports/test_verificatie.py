"""The standalone verifier of JSON Lines exports: intact files pass, any tampering is named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from cases.events import canonieke_json
from cases.exports.verificatie import verifieer_regels
from cases.models import Bestuursproces

from .conftest import AFGESCHERMD_VOOR_EVALUATOR, exporteer

Regels = list[str]


def regels_van(bestuursproces: Bestuursproces, rol: str | None = None) -> Regels:
    return exporteer(bestuursproces, "jsonl", rol).decode("utf-8").splitlines(keepends=True)


def bewerk(regels: Regels, index: int, wijziging: Callable[[dict[str, Any]], None]) -> Regels:
    regel = json.loads(regels[index])
    wijziging(regel)
    return [*regels[:index], canonieke_json(regel) + "\n", *regels[index + 1 :]]


def eerste_index(regels: Regels, voorwaarde: Callable[[dict[str, Any]], bool]) -> int:
    return next(i for i, r in enumerate(regels) if voorwaarde(json.loads(r)))


def zichtbaar_met_toelichting(regel: dict[str, Any]) -> bool:
    return regel.get("soort") == "gebeurtenis" and bool(regel.get("toelichting"))


def is_afgeschermd(regel: dict[str, Any]) -> bool:
    return regel.get("afgeschermd") is True


@pytest.mark.parametrize("rol", [None, "procesregisseur", "evaluator"])
def test_een_intacte_export_klopt(dossier: Bestuursproces, rol: str | None) -> None:
    meldingen: list[tuple[int, str]] = []
    uitslag = verifieer_regels(regels_van(dossier, rol), lambda n, t: meldingen.append((n, t)))

    assert uitslag.intact, uitslag.samenvatting()
    laatste = dossier.gebeurtenissen.order_by("-volgnummer").first()
    assert laatste is not None
    assert (uitslag.aantal, uitslag.kop_volgnummer, uitslag.kop_hash) == (
        laatste.volgnummer,
        laatste.volgnummer,
        laatste.hash,
    )
    verwacht = AFGESCHERMD_VOOR_EVALUATOR if rol == "evaluator" else 0
    assert uitslag.afgeschermd == len(meldingen) == verwacht
    assert all("afgeschermd" in t and "keten sluit" in t for _, t in meldingen)
    assert uitslag.samenvatting().startswith("Export intact:")
    assert laatste.hash in uitslag.samenvatting()


def _payload(regels: Regels) -> Regels:
    i = eerste_index(regels, lambda r: r.get("type") == "speler.geregistreerd")
    return bewerk(regels, i, lambda r: r["payload"]["speler"].update(naam="Iemand anders"))


def _toelichting(regels: Regels) -> Regels:
    i = eerste_index(regels, zichtbaar_met_toelichting)
    return bewerk(regels, i, lambda r: r.update(toelichting=r["toelichting"] + "!"))


def _hash(regels: Regels) -> Regels:
    return bewerk(regels, 3, lambda r: r.update(hash="f" * 64))


def _verwijderd(regels: Regels) -> Regels:
    return [*regels[:4], *regels[5:]]


def _verwisseld(regels: Regels) -> Regels:
    return [*regels[:4], regels[5], regels[4], *regels[6:]]


def _slot_afgekapt(regels: Regels) -> Regels:
    return [*regels[:-1], regels[-1][: len(regels[-1]) // 2]]


def _slot_weg(regels: Regels) -> Regels:
    return regels[:-1]


def _afgeschermde_hash(regels: Regels) -> Regels:
    i = eerste_index(regels, is_afgeschermd)
    return bewerk(regels, i, lambda r: r.update(hash="e" * 64))


def _ingevoegd(regels: Regels) -> Regels:
    return [*regels[:4], regels[3], *regels[4:]]


def _onthuld(regels: Regels) -> Regels:
    # Pretending a withheld event said something else: the hash cannot match.
    i = eerste_index(regels, is_afgeschermd)
    return bewerk(
        regels,
        i,
        lambda r: r.update(
            afgeschermd=False, payload={"verzonnen": True}, toelichting="", zichtbaarheid="proces"
        ),
    )


def _tweede_kop(regels: Regels) -> Regels:
    return [*regels[:2], regels[0], *regels[2:]]


def _kop_telling(regels: Regels) -> Regels:
    return bewerk(regels, 0, lambda r: r.update(afgeschermd=r["afgeschermd"] + 1))


@pytest.mark.parametrize(
    ("knoeien", "regelnummer", "woorden"),
    [
        (_payload, None, "klopt niet met de inhoud"),
        (_toelichting, None, "klopt niet met de inhoud"),
        (_hash, 4, "klopt niet met de inhoud"),
        (_verwijderd, 5, "volgnummer 4 verwacht, 5 gevonden"),
        (_verwisseld, 5, "volgnummer 4 verwacht, 5 gevonden"),
        (_ingevoegd, 5, "volgnummer 4 verwacht, 3 gevonden"),
        (_slot_afgekapt, -1, "geen geldige JSON"),
        (_slot_weg, -1, "het slot ontbreekt"),
        # Hash scheme 2: a redacted line's envelope is recomputed, so its hash is checked on
        # the line itself, not only by the next line's link.
        (_afgeschermde_hash, None, "klopt niet met de inhoud"),
        (_onthuld, None, "mist het zout van zijn inhoud"),
        (_tweede_kop, 3, "onbekende soort regel"),
        (_kop_telling, -1, "afgeschermde gebeurtenissen in de kop"),
    ],
)
def test_elke_bewerking_valt_op(
    dossier: Bestuursproces,
    knoeien: Callable[[Regels], Regels],
    regelnummer: int | None,
    woorden: str,
) -> None:
    regels = knoeien(regels_van(dossier, "evaluator"))

    uitslag = verifieer_regels(regels)

    assert not uitslag.intact
    assert uitslag.probleem is not None
    assert woorden in uitslag.probleem.tekst
    if regelnummer is not None:
        verwacht = len(regels) if regelnummer == -1 else regelnummer
        assert uitslag.probleem.regel == verwacht
    assert uitslag.samenvatting().startswith("Export NIET intact: regel ")


def test_een_bewerkte_afgeschermde_laatste_regel_valt_op_aan_haar_envelop(
    dossier: Bestuursproces, regisseur: Any
) -> None:
    from cases import services
    from tests.factories import actor_voor

    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=dossier, tekst="Slot", zichtbaarheid="regisseur"
    )
    regels = regels_van(dossier, "evaluator")
    regels = bewerk(regels, len(regels) - 2, lambda r: r.update(hash="e" * 64))

    uitslag = verifieer_regels(regels)

    assert uitslag.probleem is not None
    assert uitslag.probleem.regel == len(regels) - 1
    assert "klopt niet met de inhoud" in uitslag.probleem.tekst


def test_een_leeg_bestand_is_geen_export() -> None:
    uitslag = verifieer_regels([])

    assert uitslag.probleem is not None
    assert "leeg" in uitslag.probleem.tekst


# --- the management command ----------------------------------------------------------------


def test_commando_meldt_intact_met_code_0(
    dossier: Bestuursproces, tmp_path: Path, capsys: Any
) -> None:
    bestand = tmp_path / "export.jsonl"
    bestand.write_bytes(exporteer(dossier, "jsonl", "evaluator"))

    call_command("verifieer_export", str(bestand), verbosity=2)

    uit = capsys.readouterr().out
    assert "Export intact" in uit
    assert uit.count("keten sluit") == AFGESCHERMD_VOOR_EVALUATOR + 1  # each, and the summary


def test_commando_stopt_met_code_1_en_noemt_de_regel(
    dossier: Bestuursproces, tmp_path: Path, capsys: Any
) -> None:
    bestand = tmp_path / "export.jsonl"
    bestand.write_text("".join(_verwisseld(regels_van(dossier))), encoding="utf-8")

    with pytest.raises(SystemExit) as uitgang:
        call_command("verifieer_export", str(bestand))

    assert uitgang.value.code == 1
    assert "Export NIET intact: regel 5: volgnummer 4 verwacht" in capsys.readouterr().err


def test_commando_zonder_bestand_stopt_met_code_1(tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as uitgang:
        call_command("verifieer_export", str(tmp_path / "bestaat-niet.jsonl"))

    assert uitgang.value.code == 1
    assert "niet te lezen" in capsys.readouterr().err


def test_commando_werkt_zonder_bereikbare_database(dossier: Bestuursproces, tmp_path: Path) -> None:
    bestand = tmp_path / "export.jsonl"
    bestand.write_bytes(exporteer(dossier, "jsonl"))
    omgeving = {
        **os.environ,
        # A PostgreSQL server that is not there: any connection attempt fails.
        "DATABASE_URL": "postgres://niemand:geheim@127.0.0.1:9/geen",
        "DJANGO_SETTINGS_MODULE": "procesregie.settings",
    }

    goed = subprocess.run(
        [sys.executable, "manage.py", "verifieer_export", str(bestand)],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
    )
    bestand.write_text("".join(_hash(regels_van(dossier))), encoding="utf-8")
    fout = subprocess.run(
        [sys.executable, "manage.py", "verifieer_export", str(bestand)],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert goed.returncode == 0, goed.stderr
    assert "Export intact" in goed.stdout
    assert fout.returncode == 1
    assert "regel 4" in fout.stderr
