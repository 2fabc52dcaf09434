"""The append-only, hash-chained event log of a case (DESIGN §4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.querysets import GebeurtenisQuerySet

from .bestuursproces import Bestuursproces

# The events that vouch for a document version (its SHA-256): every export lists them.
DOCUMENTVERSIES = ("document.toegevoegd", "document.versie_toegevoegd")
# The changes of a speler or opdrachtgever, which may rename it (the shifts up to a moment
# name the parties as they were called then). Sorted, as cases/vaste_termen.py writes them:
# SQLite matches a query's list to the index's as written.
PARTIJWIJZIGINGEN = ("opdrachtgever.gewijzigd", "speler.gewijzigd")
# The event that moves the opening earlier: for the history it corrects the opening's moment,
# as a date correction does another fact's (the opening's own event keeps its recorded time).
OPENING_VERVROEGD = "bestuursproces.opening_vervroegd"


class Gebeurtenis(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="gebeurtenissen",
        verbose_name=_("bestuursproces"),
        # Every index of Meta starts with this column, so an index of its own would only
        # cost each append a write (migration 0011).
        db_index=False,
    )
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    # Validated by append_event against the registered types, not by database choices: a new
    # event type needs no migration.
    type = models.CharField(_("type"), max_length=64)
    # The FK is a convenience for queries; the snapshots are what the hash covers, so the
    # chain stays verifiable when a user is renamed.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_gebruikersnaam = models.CharField(_("gebruikersnaam actor"), max_length=150, blank=True)
    actor_naam = models.CharField(_("naam actor"), max_length=300, blank=True)
    herkomst = models.CharField(
        _("herkomst"), max_length=200, blank=True, help_text=_("IP-adres of API-client.")
    )
    tijdstip = models.DateTimeField(_("tijdstip"), help_text=_("Wanneer het gebeurde."))
    geregistreerd = models.DateTimeField(
        _("geregistreerd"),
        default=timezone.now,
        editable=False,
        help_text=_("Wanneer het werd vastgelegd."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    payload = models.JSONField(_("gegevens"), default=dict)
    # The payload's canonical JSON text (cases/events/canonical.py), as it went into the hash:
    # an export writes it as it is instead of decoding and re-encoding every payload. Derived
    # from ``payload`` (the verifier checks that they agree); NULL only for rows written
    # outside ``append_event`` (migration 0023 filled the older ones).
    payload_tekst = models.TextField(_("gegevens (canonieke tekst)"), null=True, editable=False)
    # The event's JSON Lines line as every reader who may see it at its own level gets it
    # (cases/exports/jsonl_regels.py ``zichtbare_regel``, without the newline): it depends on the
    # event alone, so the export streams it as it is. Derived from the columns above, all
    # of which the hash covers (an export line's fields are verified, not this text); NULL
    # for rows written outside ``append_event``, which the export builds as before.
    regel_tekst = models.TextField(_("exportregel"), null=True, editable=False)
    vorige_hash = models.CharField(_("vorige hash"), max_length=64)
    # Unique through Meta.constraints: unique=True would add, on PostgreSQL, a second index
    # for LIKE queries that nothing runs on a hash.
    hash = models.CharField(_("hash"), max_length=64)
    # HMAC-SHA256 over the hash under a key kept outside the database (cases/events/
    # handtekening.py). NULL only for events recorded before signing existed: a NOT NULL
    # column would make SQLite rebuild the table and lose migration 0002's triggers, and
    # the triggers forbid filling the old rows in.
    handtekening = models.CharField(
        _("handtekening"), max_length=64, null=True, blank=True, editable=False
    )

    # Hash scheme 2 (cases/events/canonical.py): the content (payload, toelichting, salt)
    # hashed apart, so a redacted export line stays verifiable. NULL for events recorded
    # before it (scheme 1), which keep their hash; nullable for the same reason as above.
    inhoud_hash = models.CharField(
        _("inhoudshash"), max_length=64, null=True, blank=True, editable=False
    )
    inhoud_zout = models.CharField(
        _("zout van de inhoud"), max_length=32, null=True, blank=True, editable=False
    )

    objects = GebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["bestuursproces", "volgnummer"]
        indexes = [
            # Reads fold a case's history in world-time order (tijdstip, volgnummer).
            models.Index(
                fields=["bestuursproces", "tijdstip", "volgnummer"], name="gebeurtenis_wereldtijd"
            ),
            # The few corrections of a fact's moment, which every read of the history and
            # every check "did anything happen after this?" looks up first.
            models.Index(
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_datumcorrecties",
                condition=models.Q(type="gebeurtenis.datum_gecorrigeerd"),
            ),
            # The few moves of the opening earlier, which an export in world time reads with
            # the date corrections before its first line (cases/exports/wereldtijd.py).
            models.Index(
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_vervroegingen",
                condition=models.Q(type=OPENING_VERVROEGD),
            ),
            # The few releases of a case, which every read for a restricted viewer loads
            # once (cases/events/vrijgave.py).
            models.Index(
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_vrijgaven",
                condition=models.Q(type="zichtbaarheid.verruimd"),
            ),
            # The events logged above the open level, which an export for a viewer below the
            # closed level counts as withheld for its header before it streams.
            models.Index(
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_afgeschermd",
                condition=models.Q(payload__has_key="zichtbaarheid"),
            ),
            # The few events that vouch for a document version, which every export lists in
            # its header (cases/exports/documenten.py); without it that list read every
            # event of the case before the first line.
            models.Index(
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_documenten",
                condition=models.Q(type__in=DOCUMENTVERSIES),
            ),
            # The changes of a party after a moment, which a look back at the shifts asks
            # for first (cases/selectors/krachtenveld.py); by world time.
            models.Index(
                fields=["bestuursproces", "tijdstip"],
                name="gebeurtenis_partijwijzigingen",
                condition=models.Q(type__in=PARTIJWIJZIGINGEN),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "volgnummer"], name="gebeurtenis_volgnummer_uniek"
            ),
            models.UniqueConstraint(fields=["hash"], name="gebeurtenis_hash_uniek"),
            models.CheckConstraint(
                condition=models.Q(volgnummer__gte=1), name="gebeurtenis_volgnummer_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.volgnummer} {self.type}"
