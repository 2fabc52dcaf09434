"""Exports after a release: the evaluator reads what was released and nothing else, and a
redacted line of hash scheme 2 is verified by its envelope."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cases.events import canonieke_json, log, verifieer_keten
from cases.events.canonical import bereken_hash
from cases.exports.formaten import FORMATEN
from cases.exports.verificatie import verifieer_regels
from cases.models import Gebeurtenis, Rol
from cases.services.zichtbaarheid import verruim_zichtbaarheid
from tests.cases._vrijgeven import (
    BUITEN_STADIUM,
    IN_STADIUM,
    OORDEEL,
    Vrijgavedossier,
    vrijgavedossier,
)
from tests.factories import actor_voor

from .conftest import exporteer

FORMATEN_MET_INHOUD = ["jsonl", "csv", "xes", "ocel"]


@pytest.fixture
def zaak(regisseur: Any) -> Vrijgavedossier:
    return vrijgavedossier(regisseur)


def _geef_vrij(zaak: Vrijgavedossier, regisseur: Any) -> None:
    verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=zaak.proces,
        onderdeel="interventies",
        naar="evaluatie",
        selectie={"stadium": "voorstelbaar"},
        toelichting="Voor de evaluatie",
    )


def _regels(zaak: Vrijgavedossier, rol: str) -> list[str]:
    return exporteer(zaak.proces, "jsonl", rol).decode("utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("formaat", FORMATEN_MET_INHOUD)
def test_kanarie_vrijgegeven_wel_de_rest_niet(
    zaak: Vrijgavedossier, regisseur: Any, formaat: str
) -> None:
    assert formaat in FORMATEN
    voor = exporteer(zaak.proces, formaat, Rol.EVALUATOR).decode("utf-8")
    assert IN_STADIUM not in voor

    _geef_vrij(zaak, regisseur)

    evaluator = exporteer(zaak.proces, formaat, Rol.EVALUATOR).decode("utf-8")
    opdrachtgever = exporteer(zaak.proces, formaat, Rol.OPDRACHTGEVER).decode("utf-8")
    assert IN_STADIUM in evaluator
    assert BUITEN_STADIUM not in evaluator
    assert OORDEEL not in evaluator
    assert IN_STADIUM not in opdrachtgever


def test_de_kop_telt_wat_na_vrijgeven_nog_is_afgeschermd(
    zaak: Vrijgavedossier, regisseur: Any
) -> None:
    voor = json.loads(_regels(zaak, Rol.EVALUATOR)[0])["afgeschermd"]

    _geef_vrij(zaak, regisseur)

    kop, *gebeurtenissen, _slot = (json.loads(r) for r in _regels(zaak, Rol.EVALUATOR))
    afgeschermd = [g for g in gebeurtenissen if g["afgeschermd"]]
    vrijgegeven = [g for g in gebeurtenissen if g["vrijgegeven"]]
    # Four events of the three interventies were released; the release itself is readable.
    assert kop["afgeschermd"] == len(afgeschermd) == voor - 4
    assert {g["vrijgegeven"] for g in vrijgegeven} == {"evaluatie"}
    assert all(g["zichtbaarheid"] == "kernteam" for g in vrijgegeven)
    assert len(vrijgegeven) == 4


@pytest.mark.parametrize("rol", [Rol.EVALUATOR, Rol.OPDRACHTGEVER, Rol.KERNTEAM])
def test_een_afgeschermde_export_is_helemaal_controleerbaar(
    zaak: Vrijgavedossier, regisseur: Any, rol: str
) -> None:
    _geef_vrij(zaak, regisseur)

    uitslag = verifieer_regels(_regels(zaak, rol))

    assert uitslag.intact, uitslag.probleem
    assert uitslag.afgeschermd > 0
    assert uitslag.afgeschermd_gecontroleerd == uitslag.afgeschermd
    assert verifieer_keten(zaak.proces) is None


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("type", "notitie.gemaakt"),
        ("actor", "iemand-anders"),
        ("tijdstip", "2020-01-01T00:00:00.000000Z"),
        ("zichtbaarheid", "evaluatie"),
        ("inhoudHash", "a" * 64),
    ],
)
def test_een_bewerkte_afgeschermde_regel_valt_op(
    zaak: Vrijgavedossier, veld: str, waarde: str
) -> None:
    regels = _regels(zaak, Rol.OPDRACHTGEVER)
    index = next(i for i, r in enumerate(regels) if json.loads(r).get("afgeschermd") is True)
    regel = json.loads(regels[index])
    assert regel[veld] != waarde
    regel[veld] = waarde
    if veld == "zichtbaarheid":
        regel["payload"]["zichtbaarheid"] = waarde
    regels[index] = canonieke_json(regel) + "\n"

    uitslag = verifieer_regels(regels)

    assert uitslag.probleem is not None
    assert uitslag.probleem.regel == index + 1
    assert "klopt niet met de inhoud" in uitslag.probleem.tekst


def test_een_inhoudshash_weghalen_valt_op(zaak: Vrijgavedossier) -> None:
    regels = _regels(zaak, Rol.OPDRACHTGEVER)
    index = next(i for i, r in enumerate(regels) if json.loads(r).get("afgeschermd") is True)
    regel = json.loads(regels[index])
    regel["inhoudHash"] = None
    regels[index] = canonieke_json(regel) + "\n"

    uitslag = verifieer_regels(regels)

    assert uitslag.probleem is not None
    assert "geen inhoudHash" in uitslag.probleem.tekst


def _schema_1(gebeurtenis: Gebeurtenis, bestuursproces_uuid: Any) -> None:
    """How events were sealed before the content hash (hash scheme 1)."""
    gebeurtenis.hash = bereken_hash(gebeurtenis, bestuursproces_uuid)


def test_oude_en_nieuwe_gebeurtenissen_in_een_keten(
    regisseur: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events from before the content hash keep their hash; the chain verifies across the
    change, in the database and in an export (their redacted lines are counted apart)."""
    with monkeypatch.context() as m:
        m.setattr(log, "verzegel", _schema_1)
        zaak = vrijgavedossier(regisseur)
    oud = Gebeurtenis.objects.filter(bestuursproces=zaak.proces).count()
    _geef_vrij(zaak, regisseur)
    gebeurtenissen = Gebeurtenis.objects.filter(bestuursproces=zaak.proces)
    assert not gebeurtenissen.filter(inhoud_hash__isnull=False, volgnummer__lte=oud).exists()
    assert Gebeurtenis.objects.get(bestuursproces=zaak.proces, volgnummer=oud + 1).inhoud_hash

    assert verifieer_keten(zaak.proces) is None
    uitslag = verifieer_regels(_regels(zaak, Rol.OPDRACHTGEVER))
    assert uitslag.intact, uitslag.probleem
    assert uitslag.afgeschermd > 0
    # Only the release (at evaluatie, withheld from an opdrachtgever) is of scheme 2.
    assert uitslag.afgeschermd_gecontroleerd == 1
    assert "van vóór de inhoudshash" in uitslag.samenvatting()
