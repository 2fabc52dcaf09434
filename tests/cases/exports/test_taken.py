"""The report job's service and task: steps, failures without files, limits, clean-up."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cases.exports import taken
from cases.exports.pdfproces import maak_pdf
from cases.exports.rapporttaak import maak_rapport
from cases.models import Bestuursproces, Exporttaak, ExporttaakStatus

from ._opslag import lege_opslag, opgeslagen_bestanden  # noqa: F401 (autouse fixture)


def nieuwe_taak(bestuursproces: Bestuursproces, aanvrager: Any, formaat: str = "html") -> Any:
    # Not enqueued: the tests run the task themselves (maak_rapport.call).
    return taken.vraag_rapport_aan(
        bestuursproces=bestuursproces, aanvrager=aanvrager, formaat=formaat
    )


def test_de_taak_doorloopt_zijn_stappen_en_bewaart_het_hele_bestand(
    dossier: Bestuursproces, regisseur: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    taak = nieuwe_taak(dossier, regisseur)
    gezien: list[tuple[str, int, str | None]] = []
    echte_stap_klaar = taken.stap_klaar

    def stap_klaar(t: Exporttaak) -> None:
        echte_stap_klaar(t)
        opgeslagen = Exporttaak.objects.get(pk=t.pk)
        gezien.append((opgeslagen.status, opgeslagen.stap, taken.huidige_stap(opgeslagen)))

    monkeypatch.setattr(taken, "stap_klaar", stap_klaar)

    assert maak_rapport.call(taak.pk) == "klaar"

    assert gezien == [("bezig", 1, "Rapport opmaken"), ("bezig", 2, "Opslaan")]
    taak.refresh_from_db()
    assert (taak.status, taak.stap, taak.fout) == ("klaar", 3, "")
    assert opgeslagen_bestanden() == [f"{taak.uuid}.html"]
    with default_storage.open(taak.bestand.name) as bestand:
        assert b"Herinrichting Havenkwartier" in bestand.read()
    assert taak.grootte == default_storage.size(taak.bestand.name)


def test_een_taak_die_niet_meer_wacht_wordt_overgeslagen(
    dossier: Bestuursproces, regisseur: Any
) -> None:
    taak = nieuwe_taak(dossier, regisseur)
    taken.laat_mislukken(taak, taken.Exportfout.ONDERBROKEN)

    assert maak_rapport.call(taak.pk) == "overgeslagen"
    assert maak_rapport.call(taak.pk + 1000) == "overgeslagen"
    taak.refresh_from_db()
    assert taak.fout == "onderbroken"


@override_settings(EXPORT_PDF_GEHEUGEN_MB=64)
def test_een_pdf_boven_de_geheugengrens_mislukt_zonder_bestand(
    dossier: Bestuursproces, regisseur: Any
) -> None:
    taak = nieuwe_taak(dossier, regisseur, "pdf")

    maak_rapport.call(taak.pk)

    taak.refresh_from_db()
    assert (taak.status, taak.fout, taak.bestand.name) == ("mislukt", "geheugen", "")
    assert opgeslagen_bestanden() == []


def test_een_pdf_die_te_lang_duurt_wordt_afgebroken(tmp_path: Any) -> None:
    bron = tmp_path / "rapport.html"
    bron.write_text("<p>" + "Heel lang. " * 20000 + "</p>", "utf-8")

    uitkomst = maak_pdf(bron, tmp_path / "rapport.pdf", geheugen_mb=2048, seconden=0.01)

    assert (uitkomst.gelukt, uitkomst.te_lang) == (False, True)


def test_een_taak_die_te_lang_duurt_mislukt_zonder_bestand(
    dossier: Bestuursproces, regisseur: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    taak = nieuwe_taak(dossier, regisseur, "pdf")
    monkeypatch.setattr(
        "cases.exports.rapporttaak.maak_pdf",
        lambda *a, **k: taken_uitkomst(te_lang=True),
    )

    maak_rapport.call(taak.pk)

    taak.refresh_from_db()
    assert (taak.status, taak.fout, taak.klaar_op is not None) == ("mislukt", "te_lang", True)
    assert opgeslagen_bestanden() == []


def taken_uitkomst(**kwargs: Any) -> Any:
    from cases.exports.pdfproces import Uitkomst

    return Uitkomst(gelukt=False, **kwargs)


def test_als_het_vastleggen_mislukt_blijft_er_geen_bestand_achter(
    dossier: Bestuursproces, regisseur: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    taak = nieuwe_taak(dossier, regisseur)

    def weigert(self: Exporttaak, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database weg")

    monkeypatch.setattr(Exporttaak, "save", weigert)

    maak_rapport.call(taak.pk)

    taak.refresh_from_db()
    assert (taak.status, taak.fout, taak.bestand.name) == ("mislukt", "onverwacht", "")
    assert opgeslagen_bestanden() == []


@override_settings(EXPORT_TAKEN_PER_GEBRUIKER=3)
def test_opruimen_verwijdert_verlopen_taken_met_hun_bestand(
    dossier: Bestuursproces, regisseur: Any
) -> None:
    oud, nieuw, mislukt = (nieuwe_taak(dossier, regisseur) for _ in range(3))
    maak_rapport.call(oud.pk)
    maak_rapport.call(nieuw.pk)
    taken.laat_mislukken(mislukt, taken.Exportfout.ONVERWACHT)
    later = timezone.now() + dt.timedelta(hours=72, minutes=1)
    Exporttaak.objects.filter(pk=nieuw.pk).update(klaar_op=later - dt.timedelta(hours=1))

    with override_settings(EXPORT_BEWAARTERMIJN_UREN=72):
        opgeruimd = taken.ruim_op(later)

    assert (opgeruimd.verwijderd, opgeruimd.onderbroken) == (2, 0)
    assert list(Exporttaak.objects.values_list("pk", flat=True)) == [nieuw.pk]
    assert opgeslagen_bestanden() == [f"{nieuw.uuid}.html"]


@override_settings(
    EXPORT_TAAK_MAX_SECONDEN=60, EXPORT_BEWAARTERMIJN_UREN=24, EXPORT_TAKEN_PER_GEBRUIKER=3
)
def test_opruimen_laat_taken_zonder_worker_mislukken(
    dossier: Bestuursproces, regisseur: Any
) -> None:
    bezig, wachtend, vers = (nieuwe_taak(dossier, regisseur) for _ in range(3))
    taken.begin(bezig)
    nu = timezone.now()
    Exporttaak.objects.filter(pk=bezig.pk).update(gestart_op=nu - dt.timedelta(seconds=121))
    Exporttaak.objects.filter(pk=wachtend.pk).update(aangevraagd_op=nu - dt.timedelta(hours=25))

    opgeruimd = taken.ruim_op(nu)

    assert opgeruimd.onderbroken == 2
    statussen = dict(Exporttaak.objects.values_list("pk", "fout"))
    assert statussen == {bezig.pk: "onderbroken", wachtend.pk: "onderbroken", vers.pk: ""}
    assert Exporttaak.objects.get(pk=vers.pk).status == ExporttaakStatus.WACHTEND


def test_het_opruimcommando_zegt_wat_het_deed(dossier: Bestuursproces, regisseur: Any) -> None:
    taak = nieuwe_taak(dossier, regisseur)
    maak_rapport.call(taak.pk)
    Exporttaak.objects.filter(pk=taak.pk).update(klaar_op=timezone.now() - dt.timedelta(days=365))
    uit = StringIO()

    call_command("ruim_exports_op", stdout=uit)

    assert "1 exporttaken ouder dan 72 uur verwijderd" in uit.getvalue()
    assert not Exporttaak.objects.exists()
    assert opgeslagen_bestanden() == []
