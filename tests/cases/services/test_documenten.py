"""voeg_document_toe / voeg_versie_toe: files in the case file, their versions and hashes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import storages

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Document, DocumentVersie
from cases.selectors import huidige_toestand
from cases.services._bestandscontrole import BestandTeGroot
from tests._bestanden import DOCX, ODT, PDF, PNG, TEKST, bestand, opgeslagen, sha256
from tests.cases._interventies import log
from tests.factories import actor_voor

from ._hulp import (
    REGISSEUR_NAAM,
    consolideer,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_speler,
    naar_consolideren,
    samenvatting,
    schrijft_niets,
    utc,
    verwacht,
)

pytestmark = pytest.mark.usefixtures("documentopslag")


def test_document_toevoegen_legt_bestand_rij_en_hash_in_de_gebeurtenis_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    document = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Verslag werksessie",
        bestand=bestand("verslag.pdf", PDF),
        zichtbaarheid="proces",
        toelichting="Na de sessie",
    )

    [versie] = DocumentVersie.objects.filter(document=document)
    assert (versie.nummer, versie.bestandsnaam, versie.inhoudstype, versie.grootte) == (
        1,
        "verslag.pdf",
        "application/pdf",
        len(PDF),
    )
    assert versie.sha256 == sha256(PDF)
    with storages["documenten"].open(versie.opslagnaam) as f:
        assert f.read() == PDF
    assert opgeslagen() == [versie.opslagnaam]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "document.toegevoegd",
        {
            "document": {
                "uuid": str(document.uuid),
                "titel": "Verslag werksessie",
                "zichtbaarheid": "proces",
                "consolidatie": None,
                "interventie": None,
                "besluit": None,
                "bijeenkomst": None,
                "auteur": "regisseur",
                "toegevoegdOp": utc(document.toegevoegd_op),
            },
            "versie": {
                "nummer": 1,
                "bestandsnaam": "verslag.pdf",
                "inhoudstype": "application/pdf",
                "grootte": len(PDF),
                "sha256": sha256(PDF),
                "auteur": "regisseur",
                "toegevoegdOp": utc(document.toegevoegd_op),
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Na de sessie",
    )
    assert gebeurtenis.tijdstip == document.toegevoegd_op == versie.toegevoegd_op


def test_nieuwe_versie_krijgt_het_volgende_nummer_en_haar_eigen_hash(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    document = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Intentieovereenkomst",
        bestand=bestand("overeenkomst.docx", DOCX),
        zichtbaarheid="regisseur",
    )
    versie = services.voeg_versie_toe(
        actor=actor, document=document, bestand=bestand("overeenkomst-v2.odt", ODT)
    )

    assert versie.nummer == 2
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "document.versie_toegevoegd",
        {
            "document": str(document.uuid),
            "versie": {
                "nummer": 2,
                "bestandsnaam": "overeenkomst-v2.odt",
                "inhoudstype": "application/vnd.oasis.opendocument.text",
                "grootte": len(ODT),
                "sha256": sha256(ODT),
                "auteur": "regisseur",
                "toegevoegdOp": utc(versie.toegevoegd_op),
            },
            "zichtbaarheid": "regisseur",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert len(opgeslagen()) == 2


@pytest.mark.parametrize(
    ("naam", "inhoud", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "bestandstype_niet_toegestaan"),
        ("pagina.html", b"<html></html>", "bestandstype_niet_toegestaan"),
        ("zonder-extensie", PDF, "bestandstype_niet_toegestaan"),
        ("vermomd.pdf", b"MZ\x90\x00 geen pdf", "inhoud_past_niet"),
        ("plaatje.png", PDF, "inhoud_past_niet"),
        ("tekst.docx", TEKST, "inhoud_past_niet"),
        ("odt-als-docx.docx", ODT, "inhoud_past_niet"),
        ("binair.txt", PNG, "inhoud_past_niet"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_verkeerd_bestand_wordt_geweigerd_en_laat_niets_achter(
    bestuursproces: Bestuursproces, actor: Actor, naam: str, inhoud: bytes, code: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor, bestuursproces=bestuursproces, titel="X", bestand=bestand(naam, inhoud)
        )
    assert [c for c, _ in fout.value.fouten["bestand"]] == [code]
    assert opgeslagen() == []


def test_te_groot_bestand_is_413(
    bestuursproces: Bestuursproces, actor: Actor, settings: Any
) -> None:
    settings.DOCUMENT_MAX_BYTES = len(PDF) - 1
    with schrijft_niets(), pytest.raises(BestandTeGroot) as fout:
        services.voeg_document_toe(
            actor=actor, bestuursproces=bestuursproces, titel="X", bestand=bestand()
        )
    assert fout.value.status == 413
    assert opgeslagen() == []


def test_mislukte_gebeurtenis_ruimt_het_opgeslagen_bestand_op(
    bestuursproces: Bestuursproces, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def weiger(**kwargs: Any) -> None:
        assert len(opgeslagen()) == 1  # the file was written before the event
        raise RuntimeError("database weg")

    monkeypatch.setattr("cases.services.documenten.append_event", weiger)
    with schrijft_niets(), pytest.raises(RuntimeError):
        services.voeg_document_toe(
            actor=actor, bestuursproces=bestuursproces, titel="X", bestand=bestand()
        )
    assert opgeslagen() == []


def test_document_bij_consolidatie_of_interventie(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap, _ = naar_consolideren(actor, bestuursproces, "Wonen", "Werken")
    consolidatie = consolideer(actor, stap, [maak_speler(actor, bestuursproces)])
    interventie = log(actor, bestuursproces, zichtbaarheid="kernteam")

    bij_consolidatie = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Raadsbesluit",
        bestand=bestand(),
        zichtbaarheid="proces",
        consolidatie=consolidatie,
    )
    bij_interventie = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Gespreksverslag",
        bestand=bestand("verslag.txt", TEKST),
        zichtbaarheid="regisseur",
        interventie=interventie,
    )

    payloads = [g.payload["document"] for g in gebeurtenissen_na(bestuursproces, 0)[-2:]]
    assert [(p["consolidatie"], p["interventie"]) for p in payloads] == [
        (str(consolidatie.uuid), None),
        (None, str(interventie.uuid)),
    ]
    assert Document.objects.get(pk=bij_consolidatie.pk).consolidatie == consolidatie
    assert Document.objects.get(pk=bij_interventie.pk).interventie == interventie


def test_document_niet_ruimer_dan_zijn_interventie_en_niet_van_een_ander_proces(
    bestuursproces: Bestuursproces, actor: Actor, ander_proces: Bestuursproces
) -> None:
    interventie = log(actor, bestuursproces, zichtbaarheid="kernteam")
    elders = log(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            zichtbaarheid="proces",
            interventie=interventie,
        )
    assert list(fout.value.fouten) == ["zichtbaarheid"]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            interventie=elders,
        )
    assert list(fout.value.fouten) == ["interventie"]
    assert opgeslagen() == []


def test_kernteam_kan_geen_regisseursdocument_maken_of_aanvullen(
    bestuursproces: Bestuursproces, actor: Actor, kernteamlid: Any
) -> None:
    document = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Persoonlijk",
        bestand=bestand(),
        zichtbaarheid="regisseur",
    )
    volgnummer = laatste_volgnummer(bestuursproces)
    with pytest.raises(OngeldigeInvoer):
        services.voeg_versie_toe(
            actor=actor_voor(kernteamlid), document=document, bestand=bestand()
        )
    assert laatste_volgnummer(bestuursproces) == volgnummer
    assert len(opgeslagen()) == 1


def test_replay_van_documenten_is_de_tabellen(bestuursproces: Bestuursproces, actor: Actor) -> None:
    for titel, niveau in (("Open", "proces"), ("Kern", "kernteam"), ("Eigen", "regisseur")):
        document = services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel=titel,
            bestand=bestand(),
            zichtbaarheid=niveau,
        )
        services.voeg_versie_toe(actor=actor, document=document, bestand=bestand("b.png", PNG))

    for zichtbaar in (
        frozenset({"proces"}),
        frozenset({"proces", "kernteam"}),
        frozenset({"proces", "kernteam", "regisseur"}),
    ):
        toestand = huidige_toestand(bestuursproces, zichtbaar)
        assert herbouw(geschiedenis(bestuursproces.pk), zichtbaar) == toestand
        assert len(toestand["documenten"]) == len(zichtbaar)
    assert [len(d["versies"]) for d in toestand["documenten"]] == [2, 2, 2]
