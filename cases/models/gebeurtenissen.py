"""The append-only, hash-chained event log of a case (DESIGN §4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces


class GebeurtenisType(models.TextChoices):
    """Every event type the log accepts; a service appends the event named for its verb."""

    BESTUURSPROCES_GEOPEND = "bestuursproces.geopend", _("Bestuursproces geopend")
    BESTUURSPROCES_GEWIJZIGD = "bestuursproces.gewijzigd", _("Bestuursproces gewijzigd")
    OPENING_VERVROEGD = "bestuursproces.opening_vervroegd", _("Opening vervroegd")
    STATUS_GEWIJZIGD = "status.gewijzigd", _("Status gewijzigd")
    IDEE_HERZIEN = "idee.herzien", _("Idee herzien")
    STADIUM_GEWIJZIGD = "stadium.gewijzigd", _("Stadium gewijzigd")
    LIDMAATSCHAP_TOEGEVOEGD = "lidmaatschap.toegevoegd", _("Lid toegevoegd")
    LIDMAATSCHAP_GEWIJZIGD = "lidmaatschap.gewijzigd", _("Rol van lid gewijzigd")
    LIDMAATSCHAP_BEEINDIGD = "lidmaatschap.beeindigd", _("Lidmaatschap beëindigd")
    ORGANISATIE_GEREGISTREERD = "organisatie.geregistreerd", _("Organisatie geregistreerd")
    ORGANISATIE_GEWIJZIGD = "organisatie.gewijzigd", _("Organisatie gewijzigd")
    SPELER_GEREGISTREERD = "speler.geregistreerd", _("Speler geregistreerd")
    SPELER_GEWIJZIGD = "speler.gewijzigd", _("Speler gewijzigd")
    SPELER_BEOORDEELD = "speler.beoordeeld", _("Speler beoordeeld")
    SPELER_BETROKKENHEID_GEWIJZIGD = (
        "speler.betrokkenheid_gewijzigd",
        _("Betrokkenheid van speler gewijzigd"),
    )
    OPDRACHTGEVER_GEREGISTREERD = "opdrachtgever.geregistreerd", _("Opdrachtgever geregistreerd")
    OPDRACHTGEVER_GEWIJZIGD = "opdrachtgever.gewijzigd", _("Opdrachtgever gewijzigd")
    OPDRACHTGEVER_BEOORDEELD = "opdrachtgever.beoordeeld", _("Opdrachtgever beoordeeld")
    OPDRACHTGEVER_BETROKKENHEID_GEWIJZIGD = (
        "opdrachtgever.betrokkenheid_gewijzigd",
        _("Betrokkenheid van opdrachtgever gewijzigd"),
    )
    NOTITIE_GEMAAKT = "notitie.gemaakt", _("Notitie gemaakt")
    WYBERSTAP_GESTART = "wyberstap.gestart", _("Wyber-stap gestart")
    WYBERSTAP_FASE_GEWIJZIGD = "wyberstap.fase_gewijzigd", _("Fase van wyber-stap gewijzigd")
    OPTIE_INGEBRACHT = "optie.ingebracht", _("Optie ingebracht")
    OPTIE_BESLOTEN = "optie.besloten", _("Over optie besloten")
    CONSOLIDATIE_VASTGELEGD = (
        "consolidatie.vastgelegd",
        _("Consolidatie vastgelegd"),
    )
    INSTEMMING_VASTGELEGD = "instemming.vastgelegd", _("Instemming vastgelegd")
    INSTEMMERS_GEWIJZIGD = "instemmers.gewijzigd", _("Vereiste instemmers gewijzigd")
    POSITIONERING_GEKOZEN = "positionering.gekozen", _("Positionering gekozen")
    PROCESONTWERP_HERZIEN = "procesontwerp.herzien", _("Procesontwerp herzien")
    INTERVENTIE_GELOGD = "interventie.gelogd", _("Interventie gelogd")
    INTERVENTIE_GEWIJZIGD = "interventie.gewijzigd", _("Interventie gewijzigd")
    INTERVENTIE_UITGEVOERD = "interventie.uitgevoerd", _("Interventie uitgevoerd")
    INTERVENTIE_GEEVALUEERD = "interventie.geevalueerd", _("Interventie geëvalueerd")
    REFLECTIE_VASTGELEGD = "reflectie.vastgelegd", _("Reflectie vastgelegd")


class Gebeurtenis(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="gebeurtenissen",
        verbose_name=_("bestuursproces"),
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
    vorige_hash = models.CharField(_("vorige hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # HMAC-SHA256 over the hash under a key kept outside the database (cases/events/
    # handtekening.py). NULL only for events recorded before signing existed: a NOT NULL
    # column would make SQLite rebuild the table and lose migration 0002's triggers, and
    # the triggers forbid filling the old rows in.
    handtekening = models.CharField(
        _("handtekening"), max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["bestuursproces", "volgnummer"]
        indexes = [
            # Reads fold a case's history in world-time order (tijdstip, volgnummer).
            models.Index(
                fields=["bestuursproces", "tijdstip", "volgnummer"], name="gebeurtenis_wereldtijd"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "volgnummer"], name="gebeurtenis_volgnummer_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(volgnummer__gte=1), name="gebeurtenis_volgnummer_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.volgnummer} {self.type}"
