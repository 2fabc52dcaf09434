"""The JSON Lines line stored with each event (``Gebeurtenis.regel_tekst``).

The export streams it as it is for a viewer who reads the event at its own level, so it must
be byte for byte the canonical line of that event (:func:`cases.exports.gebeurtenissen.
gebeurtenis_rij`) for every kind of event at every level, and a stored line that was changed
afterwards must not pass unnoticed: neither the chain check of the database nor the
verification of an export file.
"""

from __future__ import annotations

import importlib
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from cases import services
from cases.events import Actor, verifieer_keten
from cases.exports.gebeurtenissen import JSON_REGEL, bereid_voor, gebeurtenis_rij
from cases.exports.jsonl_regels import regel_van
from cases.exports.verificatie import verifieer_regels
from cases.models import ALLE_NIVEAUS, Bestuursproces, Gebeurtenis, Zichtbaarheid
from tests._rollen import til_onveranderlijkheid_op
from tests.cases._evaluatiecasus import bouw_evaluatiecasus

from .conftest import exporteer
from .test_jsonl_niveaus import LASTIG


@pytest.fixture
def casus(regisseur: Any) -> Bestuursproces:
    """The evaluation case (stadia, wyber-stappen, spelers, interventies at every level,
    positioneringen, afspraken, ...) plus notes with awkward strings at every level, a release
    and a late date correction."""
    regisseur.first_name, regisseur.last_name = 'Zoë "Q"', "\\Back\tslash ☃"
    regisseur.save()
    proces = bouw_evaluatiecasus(regisseur).proces
    actor = Actor(gebruiker=regisseur, herkomst='api-token@::1 "x" \\ ü')
    for zichtbaarheid in Zichtbaarheid.values:
        services.maak_notitie(
            actor=actor,
            bestuursproces=proces,
            tekst=f"{LASTIG} ({zichtbaarheid})",
            zichtbaarheid=zichtbaarheid,
        )
    from cases.services.zichtbaarheid import verruim_zichtbaarheid

    verruim_zichtbaarheid(
        actor=actor,
        bestuursproces=proces,
        onderdeel="interventies",
        naar="evaluatie",
        selectie={},
        toelichting=LASTIG,
    )
    return proces


def test_de_opgeslagen_regel_is_de_canonieke_regel_op_het_eigen_niveau(
    casus: Bestuursproces,
) -> None:
    opdracht = bereid_voor(
        casus, exporteur="x", rol="procesregisseur", kanaal="api", zichtbaar=ALLE_NIVEAUS
    )
    opgeslagen = list(
        Gebeurtenis.objects.filter(bestuursproces=casus)
        .order_by("volgnummer")
        .values_list("regel_tekst", flat=True)
    )
    rijen = list(opdracht.rijen())
    assert len(rijen) == len(opgeslagen)
    for rij, regel in zip(rijen, opgeslagen, strict=True):
        niveau = rij[8].get("zichtbaarheid", "proces")
        # Read at its own level only (a viewer of that level and no other): not withheld,
        # not released, whatever the case's releases say.
        for zichtbaar in (frozenset({niveau}), ALLE_NIVEAUS):
            verwacht = {**gebeurtenis_rij(rij, zichtbaar), "soort": "gebeurtenis"}
            assert regel == JSON_REGEL.encode(verwacht), rij[:2]
    soorten = {rij[1] for rij in rijen}
    niveaus = {rij[8].get("zichtbaarheid", "proces") for rij in rijen}
    assert niveaus == set(Zichtbaarheid.values)
    assert len(soorten) >= 20  # every kind the evaluation case writes, not one or two
    assert "zichtbaarheid.verruimd" in soorten


def _knoei(gebeurtenis: Gebeurtenis, **velden: Any) -> None:
    regel = json.loads(gebeurtenis.regel_tekst or "")
    regel.update(velden)
    til_onveranderlijkheid_op()
    Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(regel_tekst=JSON_REGEL.encode(regel))


def _regels(proces: Bestuursproces) -> list[str]:
    # Split at newlines only: a line may hold U+2028, which str.splitlines would split at.
    tekst = exporteer(proces, "jsonl", "procesregisseur").decode()
    return [regel + "\n" for regel in tekst.split("\n")[:-1]]


@pytest.mark.parametrize(
    "velden",
    [
        {"toelichting": "Iets anders"},
        {"payload": {"notitie": {"tekst": "Herschreven"}, "zichtbaarheid": "proces"}},
        {"actorNaam": "Iemand anders"},
        {"hash": "e" * 64},
    ],
)
def test_een_bewerkte_opgeslagen_regel_valt_op(
    casus: Bestuursproces, velden: dict[str, Any]
) -> None:
    gebeurtenis = (
        Gebeurtenis.objects.filter(bestuursproces=casus, type="notitie.gemaakt")
        .order_by("volgnummer")
        .first()
    )
    assert gebeurtenis is not None
    assert verifieer_regels(_regels(casus)).intact
    assert verifieer_keten(casus) is None
    _knoei(gebeurtenis, **velden)

    # The export streams the changed line as it is; the file's own verification finds that
    # the line's fields no longer give the hash the chain links (line 1 is the header).
    regels = _regels(casus)
    assert json.loads(regels[gebeurtenis.volgnummer])["volgnummer"] == gebeurtenis.volgnummer
    uitslag = verifieer_regels(regels)
    assert not uitslag.intact
    assert uitslag.probleem is not None
    assert uitslag.probleem.regel in (gebeurtenis.volgnummer + 1, gebeurtenis.volgnummer + 2)
    # The database's own chain check names the event before any export is made.
    breuk = verifieer_keten(casus)
    assert breuk is not None
    assert breuk.volgnummer == gebeurtenis.volgnummer
    assert "exportregel" in breuk.reden


def test_de_migratie_vult_de_regel_van_bestaande_gebeurtenissen_in(
    casus: Bestuursproces,
) -> None:
    # Migration 0034 on events recorded before it: every event with its payload text gets the
    # line append_event would have stored; one without that text keeps NULL (the export builds
    # it); the append-only protection is back afterwards.
    vul = importlib.import_module("cases.migrations.0034_gebeurtenis_regel_tekst").vul
    gebeurtenissen = Gebeurtenis.objects.filter(bestuursproces=casus).order_by("volgnummer")
    zonder_tekst = gebeurtenissen.last()
    assert zonder_tekst is not None
    til_onveranderlijkheid_op()
    gebeurtenissen.update(regel_tekst=None)
    Gebeurtenis.objects.filter(pk=zonder_tekst.pk).update(payload_tekst=None)

    vul(apps, SimpleNamespace(connection=connection))

    for gebeurtenis in gebeurtenissen:
        if gebeurtenis.pk == zonder_tekst.pk:
            assert gebeurtenis.regel_tekst is None
        else:
            assert gebeurtenis.regel_tekst == regel_van(gebeurtenis)
    with pytest.raises(DatabaseError), transaction.atomic():
        Gebeurtenis.objects.filter(pk=zonder_tekst.pk).update(regel_tekst="{}")
