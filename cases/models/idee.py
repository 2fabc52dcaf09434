"""The idee at the centre of the 7-veldenmodel, kept as numbered revisions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces


class IdeeVersie(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="ideeversies",
        db_index=False,  # ideeversie_uniek_per_proces starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    versie = models.PositiveIntegerField(_("versie"))
    wat = models.TextField(_("wat is het idee"))
    context = models.TextField(_("context waarin het is geboren"), blank=True)
    sterkte = models.TextField(
        _("wat maakt het sterk"),
        blank=True,
        help_text=_("Onderbouwing, maatschappelijke waarde, urgentie."),
    )
    eigenaren = models.TextField(_("idee-eigenaren"), blank=True)
    verrijking = models.TextField(_("verrijking"), blank=True)
    concretisering = models.TextField(_("concretisering in (deel)resultaten"), blank=True)
    framing = models.TextField(_("framing naar buiten"), blank=True)
    stip_op_de_horizon = models.TextField(_("stip op de horizon"), blank=True)
    toelichting = models.TextField(_("toelichting op de herziening"), blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))

    eigenaar_spelers = models.ManyToManyField(
        "cases.Speler",
        through="cases.IdeeEigenaar",
        related_name="+",
        blank=True,
        verbose_name=_("idee-eigenaren (spelers)"),
    )

    class Meta:
        verbose_name = _("ideeversie")
        verbose_name_plural = _("ideeversies")
        ordering = ["bestuursproces", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "versie"], name="ideeversie_uniek_per_proces"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bestuursproces} — idee v{self.versie}"


class IdeeEigenaar(models.Model):
    """A party named as idee-eigenaar in one version of the idee: a speler, an opdrachtgever
    (a raad, say) or an organisatie; anyone who came up with the idea is one (book §5.4).
    ``volgorde`` orders the owners of one kind."""

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    ideeversie = models.ForeignKey(
        IdeeVersie,
        on_delete=models.PROTECT,
        related_name="eigenaars",
        db_index=False,  # idee_eigenaar_uniek_per_versie starts with it
    )
    speler = models.ForeignKey(
        "cases.Speler", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        "cases.Opdrachtgever", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        "cases.Organisatie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("idee-eigenaar")
        verbose_name_plural = _("idee-eigenaren")
        ordering = ["ideeversie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["ideeversie", "speler"], name="idee_eigenaar_uniek_per_versie"
            ),
            models.UniqueConstraint(
                fields=["ideeversie", "opdrachtgever"],
                name="idee_eigenaar_opdrachtgever_uniek",
            ),
            models.UniqueConstraint(
                fields=["ideeversie", "organisatie"], name="idee_eigenaar_organisatie_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    speler__isnull=False, opdrachtgever__isnull=True, organisatie__isnull=True
                )
                | models.Q(
                    speler__isnull=True, opdrachtgever__isnull=False, organisatie__isnull=True
                )
                | models.Q(
                    speler__isnull=True, opdrachtgever__isnull=True, organisatie__isnull=False
                ),
                name="idee_eigenaar_een_partij",
            ),
        ]

    def __str__(self) -> str:
        return str(self.partij)

    @property
    def partij(self) -> models.Model:
        partij = self.speler or self.opdrachtgever or self.organisatie
        assert partij is not None
        return partij
