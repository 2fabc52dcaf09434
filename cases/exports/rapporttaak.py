"""The background task that makes one export job's file (Django's tasks API, django-tasks):
the evaluation report, or the event log of a case too large for the direct export.

The worker (``manage.py db_worker``) runs one task at a time, so one worker never holds more
than one report in memory; the PDF is laid out in a child process with its own limits
(:mod:`cases.exports.pdfproces`). The file is written in a temporary folder and stored only
when it is whole, so a failed job never leaves part of a file behind.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django_tasks import task

from cases.models import Bestuursproces, Exportfout, Exporttaak, Rol, Zichtbaarheid
from cases.selectors.overzicht import mag_over_processen_heen

from . import overzicht, taken
from .formaten import FORMATEN, afgeschermde_onderdelen, bestandsnaam
from .gebeurtenissen import Exportopdracht, bereid_voor
from .pdfproces import maak_pdf
from .rapport import html

logger = logging.getLogger(__name__)

# Formats written row by row, as the direct export streams them (the others are the report).
GEBEURTENISFORMATEN = frozenset({"jsonl", "csv", "xes", "ocel"})


class Mislukt(Exception):
    """The job cannot be finished for a reason the requester is told."""

    def __init__(self, fout: Exportfout) -> None:
        super().__init__(fout.label)
        self.fout = fout


@task()
def maak_rapport(taak_pk: int) -> str:
    """Make the file of job ``taak_pk``; what happened, for the task's own result."""
    taak = Exporttaak.objects.select_related("aanvrager").filter(pk=taak_pk).first()
    if taak is None or not taken.begin(taak):
        return "overgeslagen"
    try:
        _maak(taak)
    except Mislukt as fout:
        taken.laat_mislukken(taak, fout.fout)
    except (KeyboardInterrupt, SystemExit):
        # The worker was told to stop at once: the job is not finished, and says so.
        taken.laat_mislukken(taak, Exportfout.ONDERBROKEN)
        raise
    except Exception:
        logger.exception("Exporttaak %s mislukt", taak.uuid)
        taken.laat_mislukken(taak, Exportfout.ONVERWACHT)
    finally:
        taken.ruim_op()
    return str(taak.status)


def _opdracht(taak: Exporttaak) -> Exportopdracht:
    # The requester's visibility now, not when asking: a role may have changed meanwhile.
    bestuursproces = (
        Bestuursproces.objects.voor_lid(taak.aanvrager).filter(pk=taak.bestuursproces_id).first()
    )
    rol = getattr(bestuursproces, "mijn_rol", None)
    if bestuursproces is None or rol not in Rol.exporterend():
        raise Mislukt(Exportfout.GEEN_EXPORTRECHT)
    return bereid_voor(
        bestuursproces,
        exporteur=taak.aanvrager.get_username(),
        rol=rol,
        kanaal="api",
        zichtbaar=Zichtbaarheid.voor_rol(rol),
        casus=taak.casus,
        gebeurtenistype=taak.gebeurtenistype,
    )


def _kenmerken(taak: Exporttaak, opdracht: Exportopdracht) -> taken.Kenmerken:
    return taken.Kenmerken(
        bestandsnaam=bestandsnaam(opdracht, FORMATEN[taak.formaat]),
        niveaus=" ".join(opdracht.niveaus),
        afgeschermd=opdracht.afgeschermd,
        kop_volgnummer=opdracht.kop_volgnummer,
        kop_hash=opdracht.kop_hash,
        afgeschermd_onderdelen=afgeschermde_onderdelen(opdracht),
    )


def _maak_gebeurtenissen(taak: Exporttaak, opdracht: Exportopdracht, begin: float) -> None:
    """The event log in a streaming format, written as the direct export would stream it."""
    stukken = FORMATEN[taak.formaat].schrijver(opdracht)
    with _schrijf_naar_opslag(stukken, begin) as bestand:
        taken.stap_klaar(taak)
        taken.rond_af(taak, bestand, _kenmerken(taak, opdracht))


@contextmanager
def _schrijf_naar_opslag(stukken: Iterator[bytes], begin: float) -> Iterator[File[Any]]:
    """The file of a streaming format in a temporary file, checking the time limit between
    chunks; the caller stores it only when whole (so never a truncated file)."""
    grens = begin + settings.EXPORT_TAAK_MAX_SECONDEN
    with tempfile.TemporaryFile(prefix="procesregie-export-") as bestand:
        for stuk in stukken:
            bestand.write(stuk)
            if time.monotonic() > grens:
                raise Mislukt(Exportfout.TE_LANG)
        bestand.seek(0)
        yield File(bestand, name="export")


def _maak_over_processen(taak: Exporttaak, begin: float) -> None:
    """Every case the requester may see *now* (rights may change while a job waits)."""
    if not mag_over_processen_heen(taak.aanvrager):
        raise Mislukt(Exportfout.GEEN_OVERZICHTSRECHT)
    opdracht = overzicht.bereid_voor(taak.aanvrager, recht_gezien=True)
    taken.stap_klaar(taak)
    with _schrijf_naar_opslag(overzicht.schrijf(opdracht, taak.formaat), begin) as bestand:
        taken.stap_klaar(taak)
        kenmerken = taken.Kenmerken(
            bestandsnaam=overzicht.bestandsnaam(opdracht, taak.formaat),
            niveaus=" ".join(opdracht.niveaus),
            afgeschermd=opdracht.afgeschermd,
            kop_volgnummer=None,
            kop_hash="",
            afgeschermd_onderdelen=None,  # the direct export across cases has no such header
        )
        taken.rond_af(taak, bestand, kenmerken)


def _maak(taak: Exporttaak) -> None:
    begin = time.monotonic()
    if taak.bestuursproces_id is None:
        _maak_over_processen(taak, begin)
        return
    opdracht = _opdracht(taak)
    taken.stap_klaar(taak)
    if taak.formaat in GEBEURTENISFORMATEN:
        _maak_gebeurtenissen(taak, opdracht, begin)
        return
    pagina = html(opdracht)
    taken.stap_klaar(taak)
    kenmerken = _kenmerken(taak, opdracht)
    if taak.formaat == "html":
        taken.rond_af(taak, ContentFile(pagina.encode("utf-8")), kenmerken)
        return
    with tempfile.TemporaryDirectory(prefix="procesregie-rapport-") as map_:
        bron, doel = Path(map_) / "rapport.html", Path(map_) / "rapport.pdf"
        bron.write_text(pagina, "utf-8")
        del pagina  # the child reads it from disk; the worker need not hold it meanwhile
        resterend = settings.EXPORT_TAAK_MAX_SECONDEN - (time.monotonic() - begin)
        uitkomst = maak_pdf(
            bron, doel, geheugen_mb=settings.EXPORT_PDF_GEHEUGEN_MB, seconden=max(resterend, 1)
        )
        if not uitkomst.gelukt:
            if uitkomst.melding:
                logger.warning("PDF van exporttaak %s: %s", taak.uuid, uitkomst.melding)
            if uitkomst.te_lang:
                raise Mislukt(Exportfout.TE_LANG)
            raise Mislukt(Exportfout.GEHEUGEN if uitkomst.geheugen else Exportfout.ONVERWACHT)
        taken.stap_klaar(taak)
        with doel.open("rb") as bestand:
            taken.rond_af(taak, File(bestand), kenmerken)
