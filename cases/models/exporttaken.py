"""An export job: the evaluation report of a case (html or pdf), or its event log (jsonl, csv,
xes, ocel) when it is too large for a request, or the event log across cases (csv, ocel),
made by a background worker.

Operational data, not case history: a job records who asked for which file and where it is,
so it is not in the event log (an export changes nothing in the case) and it is deleted with
its file after the retention period.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces


class ExporttaakStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wachtend")
    BEZIG = "bezig", _("bezig")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")

    @classmethod
    def actief(cls) -> frozenset[str]:
        """The states that count against the limits: the job still takes a worker's time."""
        return frozenset({cls.WACHTEND, cls.BEZIG})


class RapportFormaat(models.TextChoices):
    """What a job makes: the evaluation report, or the event log of a case too large to
    stream inside a request (the direct export sends those here, see EXPORT_DIRECT_MAX_*)."""

    HTML = "html", "html"
    PDF = "pdf", "pdf"
    JSONL = "jsonl", "jsonl"
    CSV = "csv", "csv"
    XES = "xes", "xes"
    OCEL = "ocel", "ocel"


class Exportfout(models.TextChoices):
    """Why a job failed; the message a client reads is the label, in its language."""

    GEEN_EXPORTRECHT = (
        "geen_exportrecht",
        _("De aanvrager is geen procesregisseur of evaluator van dit bestuursproces meer."),
    )
    GEEN_OVERZICHTSRECHT = (
        "geen_overzichtsrecht",
        _(
            "De aanvrager is van geen enkel bestuursproces meer evaluator en heeft ook het "
            "recht niet meer om alle bestuursprocessen te exporteren."
        ),
    )
    GEHEUGEN = (
        "geheugen",
        _(
            "Het rapport had meer geheugen nodig dan is toegestaan. Vraag de beheerder om de "
            "geheugengrens te verhogen, of kies het html-formaat."
        ),
    )
    TE_LANG = (
        "te_lang",
        _("Het maken van het rapport duurde langer dan is toegestaan en is afgebroken."),
    )
    ONDERBROKEN = (
        "onderbroken",
        _("De taak is onderbroken (de worker is gestopt); vraag het rapport opnieuw aan."),
    )
    ONVERWACHT = (
        "onverwacht",
        _("Het rapport kon door een onverwachte fout niet worden gemaakt; er is niets bewaard."),
    )


class Exporttaak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty for an export across cases: every case its requester may see when it runs
    # (cases.selectors.overzicht), not one.
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.CASCADE,
        related_name="exporttaken",
        null=True,
        db_index=False,  # an index in Meta starts with it
    )
    aanvrager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exporttaken"
    )
    formaat = models.CharField(max_length=5, choices=RapportFormaat.choices)
    status = models.CharField(
        max_length=8, choices=ExporttaakStatus.choices, default=ExporttaakStatus.WACHTEND
    )
    # Progress as steps: the job knows how many steps its format has, not how long each takes.
    stap = models.PositiveSmallIntegerField(default=0)
    stappen = models.PositiveSmallIntegerField()
    # What the request chose, as the direct export's query parameters: the case notion of an
    # XES file (one trace per object of that type) and the event type or sub-domain of a CSV
    # per type; the defaults are the whole case and every event.
    casus = models.CharField(max_length=20, default="bestuursproces")
    gebeurtenistype = models.CharField(max_length=60, blank=True)
    fout = models.CharField(max_length=20, choices=Exportfout.choices, blank=True)
    aangevraagd_op = models.DateTimeField(auto_now_add=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    # Set only once the whole file is stored: a job never points to half a file.
    bestand = models.FileField(upload_to="exports/", max_length=200, blank=True)
    # Room for an 80-character title, the longest event type or case notion, a date and
    # ".ocel.json" (cases.exports.formaten.bestandsnaam).
    bestandsnaam = models.CharField(max_length=160, blank=True)
    grootte = models.PositiveBigIntegerField(null=True, blank=True)
    # What the report applied, as the download's X-Export-* headers say it.
    niveaus = models.CharField(max_length=40, blank=True)
    afgeschermd = models.PositiveIntegerField(null=True, blank=True)
    # X-Export-Afgeschermd-Onderdelen as the direct export sends it ("interventies=6
    # reflecties=2", empty: nothing withheld). Null for a job that kept no such count (one
    # finished before it was kept, or one across cases): its download then says nothing
    # rather than that nothing was withheld.
    afgeschermd_onderdelen = models.TextField(null=True, blank=True)
    kop_volgnummer = models.PositiveIntegerField(null=True, blank=True)
    kop_hash = models.CharField(max_length=64, blank=True)
    taak_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-aangevraagd_op", "-id"]
        indexes = [
            models.Index(fields=["bestuursproces", "aanvrager"]),
            models.Index(fields=["status"]),
        ]
        verbose_name = _("exporttaak")
        verbose_name_plural = _("exporttaken")

    def __str__(self) -> str:
        return f"{self.formaat} {self.uuid} ({self.status})"
