"""Report jobs: every write on :class:`Exporttaak`, from the request to the clean-up, and the
one read that scopes jobs to their requester.

A job is asked for in a request (``vraag_rapport_aan``), which only records it and puts it on
the task queue; the worker then moves it through ``begin``, ``stap_klaar`` and ``rond_af`` or
``laat_mislukken`` (see :mod:`cases.exports.rapporttaak`). ``ruim_op`` deletes jobs and files
past the retention period and fails jobs whose worker vanished.

Jobs are not case history and append no event: exporting changes nothing in the case (the
streaming export does not log one either).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.exceptions import DomainError
from cases.models import (
    Bestuursproces,
    Exportfout,
    Exporttaak,
    ExporttaakStatus,
    RapportFormaat,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# The steps of each format, in order; a job's progress is how many of them are done.
STAPPEN = {
    RapportFormaat.HTML: (_("Voorbereiden"), _("Rapport opmaken"), _("Opslaan")),
    RapportFormaat.PDF: (
        _("Voorbereiden"),
        _("Rapport opmaken"),
        _("PDF opmaken"),
        _("Opslaan"),
    ),
    **{
        formaat: (_("Voorbereiden"), _("Gebeurtenissen schrijven"), _("Opslaan"))
        for formaat in (
            RapportFormaat.JSONL,
            RapportFormaat.CSV,
            RapportFormaat.XES,
            RapportFormaat.OCEL,
        )
    },
}


class TeVeelExporttaken(DomainError):
    """The limit of waiting and running jobs is reached (per user or in all); retry later."""

    status = 429
    code = "te-veel-exporttaken"
    titel = _("Te veel exporttaken tegelijk.")

    def __init__(self, detail: str, *, wacht: int) -> None:
        super().__init__(detail)
        self.wacht = wacht


def exporttaken_van(
    bestuursproces: Bestuursproces, gebruiker: AbstractBaseUser | AnonymousUser
) -> QuerySet[Exporttaak]:
    """The jobs ``gebruiker`` asked for in this case, newest first (with their requester)."""
    return Exporttaak.objects.filter(
        bestuursproces=bestuursproces, aanvrager_id=gebruiker.pk
    ).select_related("aanvrager")


def exporttaken_over_processen(
    gebruiker: AbstractBaseUser | AnonymousUser,
) -> QuerySet[Exporttaak]:
    """The jobs across cases ``gebruiker`` asked for, newest first (with their requester)."""
    return Exporttaak.objects.filter(
        bestuursproces__isnull=True, aanvrager_id=gebruiker.pk
    ).select_related("aanvrager")


def huidige_stap(taak: Exporttaak) -> str | None:
    """The label of the step the worker is on, while it is on one."""
    if taak.status != ExporttaakStatus.BEZIG:
        return None
    stappen = STAPPEN[RapportFormaat(taak.formaat)]
    return str(stappen[min(taak.stap, len(stappen) - 1)])


@transaction.atomic
def vraag_rapport_aan(
    *,
    bestuursproces: Bestuursproces | None,
    aanvrager: User,
    formaat: str,
    casus: str = "bestuursproces",
    gebeurtenistype: str = "",
) -> Exporttaak:
    """Record a report job and queue it for the worker; TeVeelExporttaken over a limit.
    Without a case, the job exports across cases (:mod:`cases.exports.overzicht`).
    ``casus`` and ``gebeurtenistype`` mean what they mean for the direct export
    (:class:`~cases.exports.gebeurtenissen.Exportopdracht`); the caller has validated them.

    The caller has checked that the user may export this case (or across cases); the worker
    checks it again when it starts, because a role can change while the job waits.
    """
    # Lock the requester's row, so two requests of one user cannot both pass the per-user
    # limit. The total limit is checked in the same transaction but not locked: at worst a
    # burst of different users exceeds it by the number of requests in flight.
    get_user_model().objects.select_for_update().filter(pk=aanvrager.pk).exists()
    actief = Exporttaak.objects.filter(status__in=ExporttaakStatus.actief())
    wacht = settings.EXPORT_TAKEN_RETRY_AFTER
    per_gebruiker = settings.EXPORT_TAKEN_PER_GEBRUIKER
    if actief.filter(aanvrager=aanvrager).count() >= per_gebruiker:
        raise TeVeelExporttaken(
            gettext(
                "Je hebt al %(aantal)d rapporten in de wachtrij of in de maak; vraag een "
                "nieuw rapport aan als er een klaar is."
            )
            % {"aantal": per_gebruiker},
            wacht=wacht,
        )
    if actief.count() >= settings.EXPORT_TAKEN_TOTAAL:
        raise TeVeelExporttaken(
            gettext("Er worden nu te veel rapporten gemaakt; probeer het straks opnieuw."),
            wacht=wacht,
        )
    taak = Exporttaak.objects.create(
        bestuursproces=bestuursproces,
        aanvrager=aanvrager,
        formaat=formaat,
        casus=casus,
        gebeurtenistype=gebeurtenistype,
        stappen=len(STAPPEN[RapportFormaat(formaat)]),
    )
    # Queued after the commit: a worker (or a non-database backend) must find the job.
    transaction.on_commit(lambda: _zet_in_wachtrij(taak.pk))
    return taak


def _zet_in_wachtrij(taak_pk: int) -> None:
    # Imported here: the task module imports this one for its writes.
    from .rapporttaak import maak_rapport

    resultaat = maak_rapport.enqueue(taak_pk)
    Exporttaak.objects.filter(pk=taak_pk).update(taak_id=str(resultaat.id)[:64])


def begin(taak: Exporttaak) -> bool:
    """Mark a waiting job as running; False when it is no longer waiting (failed meanwhile)."""
    nu = timezone.now()
    gestart = Exporttaak.objects.filter(pk=taak.pk, status=ExporttaakStatus.WACHTEND).update(
        status=ExporttaakStatus.BEZIG, gestart_op=nu, stap=0
    )
    if gestart:
        taak.status, taak.gestart_op, taak.stap = ExporttaakStatus.BEZIG, nu, 0
    return bool(gestart)


def stap_klaar(taak: Exporttaak) -> None:
    """One more step of the job is done (its progress, as the API shows it)."""
    taak.stap = min(taak.stap + 1, taak.stappen)
    Exporttaak.objects.filter(pk=taak.pk).update(stap=taak.stap)


@dataclass(frozen=True)
class Kenmerken:
    """What the finished report applied, for the download's X-Export-* headers."""

    bestandsnaam: str
    niveaus: str
    afgeschermd: int
    kop_volgnummer: int | None  # None across cases: each case has its own chain
    kop_hash: str
    # X-Export-Afgeschermd-Onderdelen; None across cases, whose direct export sends none.
    afgeschermd_onderdelen: str | None = None


def rond_af(taak: Exporttaak, inhoud: File[bytes], kenmerken: Kenmerken) -> None:
    """Store the whole file, then mark the job klaar; nothing is left behind if either fails."""
    naam = default_storage.save(f"exports/{taak.uuid}.{taak.formaat}", inhoud)
    try:
        taak.bestand.name = naam
        taak.grootte = default_storage.size(naam)
        taak.bestandsnaam = kenmerken.bestandsnaam
        taak.niveaus = kenmerken.niveaus
        taak.afgeschermd = kenmerken.afgeschermd
        taak.afgeschermd_onderdelen = kenmerken.afgeschermd_onderdelen
        taak.kop_volgnummer = kenmerken.kop_volgnummer
        taak.kop_hash = kenmerken.kop_hash
        taak.stap = taak.stappen
        taak.status = ExporttaakStatus.KLAAR
        taak.klaar_op = timezone.now()
        taak.save(
            update_fields=[
                "bestand",
                "grootte",
                "bestandsnaam",
                "niveaus",
                "afgeschermd",
                "afgeschermd_onderdelen",
                "kop_volgnummer",
                "kop_hash",
                "stap",
                "status",
                "klaar_op",
            ]
        )
    except BaseException:
        default_storage.delete(naam)
        raise


def laat_mislukken(taak: Exporttaak, fout: Exportfout) -> None:
    """The job failed for reason ``fout``; it has no file (rond_af is the only one that
    stores one, and only at the end)."""
    taak.status = ExporttaakStatus.MISLUKT
    taak.fout = fout
    taak.klaar_op = timezone.now()
    Exporttaak.objects.filter(pk=taak.pk).update(
        status=taak.status, fout=taak.fout, klaar_op=taak.klaar_op
    )


@dataclass(frozen=True)
class Opgeruimd:
    verwijderd: int
    onderbroken: int


def ruim_op(nu: dt.datetime | None = None) -> Opgeruimd:
    """Delete finished jobs (and their files) past the retention period, and fail jobs that
    have been running or waiting so long that their worker must be gone."""
    nu = nu or timezone.now()
    grens = nu - dt.timedelta(hours=settings.EXPORT_BEWAARTERMIJN_UREN)
    verlopen = Exporttaak.objects.filter(
        status__in=[ExporttaakStatus.KLAAR, ExporttaakStatus.MISLUKT], klaar_op__lt=grens
    )
    verwijderd = 0
    for taak in verlopen.only("pk", "bestand"):
        # File first: a row without its file is a 404 at worst, a file without its row would
        # never be found again.
        if taak.bestand.name:
            default_storage.delete(taak.bestand.name)
        verwijderd += Exporttaak.objects.filter(pk=taak.pk).delete()[0]
    # A running job past twice its time limit has lost its worker (killed, machine restarted);
    # a waiting one is given the retention period, since a long queue is not a failure.
    max_duur = dt.timedelta(seconds=2 * settings.EXPORT_TAAK_MAX_SECONDEN)
    onderbroken = Exporttaak.objects.filter(
        status=ExporttaakStatus.BEZIG, gestart_op__lt=nu - max_duur
    ) | Exporttaak.objects.filter(status=ExporttaakStatus.WACHTEND, aangevraagd_op__lt=grens)
    aantal = onderbroken.update(
        status=ExporttaakStatus.MISLUKT, fout=Exportfout.ONDERBROKEN, klaar_op=nu
    )
    if verwijderd or aantal:
        logger.info("Exporttaken opgeruimd: %d verwijderd, %d onderbroken", verwijderd, aantal)
    return Opgeruimd(verwijderd=verwijderd, onderbroken=aantal)
