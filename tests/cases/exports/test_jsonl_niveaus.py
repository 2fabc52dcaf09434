"""The streamed JSON Lines export against the canonical line builder, for every viewer.

The export writes a visible event's stored payload text as it is and formats the line
without building a dict (:func:`cases.exports.jsonl_regels.tekstregel`); whatever it does to be
fast, each line must stay byte for byte the canonical JSON of the event as the viewer may
read it (:func:`cases.exports.gebeurtenissen.gebeurtenis_rij`): visible, released and
withheld lines, and strings with characters that JSON escapes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from cases import services
from cases.events import Actor, canonieke_json
from cases.exports.gebeurtenissen import JSON_REGEL, gebeurtenis_rij
from cases.exports.jsonl import kop, schrijf, slot
from cases.models import Bestuursproces, Rol, Zicht, Zichtbaarheid
from cases.services.zichtbaarheid import verruim_zichtbaarheid
from tests.cases._vrijgeven import vrijgavedossier

from .conftest import exporteer, opdracht_voor

# Everything JSON escapes or keeps as it is: quotes, backslashes, line breaks, tabs, other
# control characters, non-ASCII (also the line separator U+2028, which JSON leaves alone).
LASTIG = 'regel 1\nregel 2\r\t"aanhalingstekens" \\back\\slash\\ \x01\x1f Zoë ☃ \u2028 €'


@pytest.fixture
def zaak(regisseur: Any) -> Bestuursproces:
    """Content at every level, one release to the evaluators, and awkward strings in the
    payload, the toelichting, the actor's name and the herkomst."""
    regisseur.first_name, regisseur.last_name = 'Zoë "Q"', "\\Back\tslash ☃"
    regisseur.save()
    dossier = vrijgavedossier(regisseur)
    actor = Actor(gebruiker=regisseur, herkomst='api-token@::1 "x" \\ ü')
    for zichtbaarheid in Zichtbaarheid.values:
        services.maak_notitie(
            actor=actor,
            bestuursproces=dossier.proces,
            tekst=f"{LASTIG} ({zichtbaarheid})",
            zichtbaarheid=zichtbaarheid,
        )
    verruim_zichtbaarheid(
        actor=actor,
        bestuursproces=dossier.proces,
        onderdeel="interventies",
        naar="evaluatie",
        selectie={"stadium": "voorstelbaar"},
        toelichting=LASTIG,
    )
    return dossier.proces


# Every role that exports, and a viewer who reads no level at all.
KIJKERS = [Rol.PROCESREGISSEUR, Rol.KERNTEAM, Rol.OPDRACHTGEVER, Rol.EVALUATOR, "geen lid"]


@pytest.mark.parametrize("kijker", KIJKERS)
def test_elke_regel_is_de_canonieke_regel_voor_elke_kijker(
    zaak: Bestuursproces, kijker: str
) -> None:
    if kijker == "geen lid":
        opdracht = replace(
            opdracht_voor(zaak, Rol.PROCESREGISSEUR),
            zichtbaar=Zicht(zaak=zaak.pk),
        )
    else:
        opdracht = opdracht_voor(zaak, kijker)
    zichtbaar = opdracht.zichtbaar
    rijen = list(opdracht.rijen())
    verwacht = (
        canonieke_json(kop(opdracht))
        + "\n"
        + "".join(
            JSON_REGEL.encode({**gebeurtenis_rij(rij, zichtbaar), "soort": "gebeurtenis"}) + "\n"
            for rij in rijen
        )
        + canonieke_json(slot(opdracht))
        + "\n"
    )
    tekst = b"".join(schrijf(opdracht)).decode("utf-8")

    # The same Exportopdracht (export time included): the whole file is compared.
    assert tekst == verwacht
    # Split on \n only: str.splitlines would also split inside a string at U+2028.
    regels = [json.loads(r) for r in tekst.rstrip("\n").split("\n")[1:-1]]
    afgeschermd = [r for r in regels if r["afgeschermd"]]
    vrijgegeven = [r for r in regels if r["vrijgegeven"] is not None]
    assert bool(afgeschermd) == (kijker != Rol.PROCESREGISSEUR)
    assert bool(vrijgegeven) == (kijker == Rol.EVALUATOR)
    assert all(r["toelichting"] is None and r["inhoudZout"] is None for r in afgeschermd)
    zichtbare_notities = [
        r["payload"]["notitie"]["tekst"]
        for r in regels
        if r["type"] == "notitie.gemaakt" and not r["afgeschermd"]
    ]
    assert {t.split(" (")[-1].rstrip(")") for t in zichtbare_notities if LASTIG in t} == set(
        zichtbaar
    )


def test_de_lastige_tekens_staan_er_ontsnapt_in(zaak: Bestuursproces) -> None:
    tekst = exporteer(zaak, "jsonl", Rol.PROCESREGISSEUR).decode("utf-8")

    # One line per event: no raw line break, carriage return or control character inside.
    assert not any(c in tekst.replace("\n", "") for c in "\r\t\x01\x1f")
    assert '\\"aanhalingstekens\\"' in tekst
    assert "\\\\back\\\\slash" in tekst
    assert "\\u0001" in tekst
    assert "\\u001f" in tekst
    assert "Zoë ☃ \u2028 €" in tekst  # non-ASCII kept as it is (UTF-8), U+2028 too
    assert '"actorNaam":"Zoë \\"Q\\" \\\\Back\\tslash ☃"' in tekst
