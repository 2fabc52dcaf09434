"""Documents in the case file (verslag, raadsbesluit, intentieovereenkomst) and their versions.

The file itself lives in the ``documenten`` storage (Django's storage API); a version row keeps
where, how large, which type and the SHA-256 of its content, which its event repeats so that
the chain vouches for the file. A document links to at most one thing it belongs to; each
kind of link is one nullable foreign key: a consolidatie, an interventie, a besluit (the
raadsbesluit itself) or a bijeenkomst (its verslag, its agenda).
"""

from __future__ import annotations

import functools
import itertools
import operator
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .interventies import Interventie
from .wyberen import Consolidatie
from .zichtbaarheid import Zichtbaarheid

# The link fields of a document, in the order the API and the payload name them.
KOPPELINGEN = ("consolidatie", "interventie", "besluit", "bijeenkomst")

# No two links at once: each pair of link fields has at least one of the two empty.
_HOOGSTENS_EEN_KOPPELING = ~functools.reduce(
    operator.or_,
    (
        models.Q(**{f"{a}__isnull": False, f"{b}__isnull": False})
        for a, b in itertools.combinations(KOPPELINGEN, 2)
    ),
)


class Document(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="documenten"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid.choices
    )
    consolidatie = models.ForeignKey(
        Consolidatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
        verbose_name=_("consolidatie"),
    )
    interventie = models.ForeignKey(
        Interventie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
        verbose_name=_("interventie"),
    )
    besluit = models.ForeignKey(
        "cases.Besluit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
        verbose_name=_("besluit"),
    )
    bijeenkomst = models.ForeignKey(
        "cases.Bijeenkomst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documenten",
        verbose_name=_("bijeenkomst"),
    )
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["bestuursproces", "toegevoegd_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_HOOGSTENS_EEN_KOPPELING,
                name="document_hoogstens_een_koppeling",
            )
        ]

    def __str__(self) -> str:
        return self.titel


class DocumentVersie(models.Model):
    """One uploaded file of a document; numbered 1, 2, 3, ... per document."""

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="versies",
        db_index=False,  # documentversie_uniek starts with it
    )
    nummer = models.PositiveIntegerField(_("versie"))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    inhoudstype = models.CharField(_("inhoudstype"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The name in the documenten storage; never shown, never a public URL.
    opslagnaam = models.CharField(max_length=255, editable=False)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"))

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["document", "nummer"], name="documentversie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.document.titel} v{self.nummer}"
