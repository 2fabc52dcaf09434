"""Rights that are not a membership of one case."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

#: Opening a case makes you its procesregisseur; only those given this right may.
BESTUURSPROCES_OPENEN = "cases.bestuursproces_openen"
#: The group that holds it (created by migration ``toegang.0001``).
PROCESREGISSEURS = "Procesregisseurs"

GEEN_RECHT_OM_TE_OPENEN = _(
    "U mag geen bestuursproces openen: daarvoor moet u in de groep 'Procesregisseurs' staan. "
    "Vraag de functioneel beheerder om u toe te voegen, of vraag een procesregisseur om het "
    "bestuursproces te openen en u lid te maken."
)


def mag_bestuursproces_openen(gebruiker: Any) -> bool:
    return bool(gebruiker.is_authenticated and gebruiker.has_perm(BESTUURSPROCES_OPENEN))


def procesregisseurs() -> Any:
    """The group with the right to open a case; made again if a beheerder removed it."""
    from django.contrib.auth.models import Group, Permission

    app, codenaam = BESTUURSPROCES_OPENEN.split(".")
    groep, _ = Group.objects.get_or_create(name=PROCESREGISSEURS)
    groep.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codenaam))
    return groep
