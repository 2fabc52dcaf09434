"""Access to a case: members read, procesregisseur and kernteam write, others get 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from cases.models import Rol


class LidMetSchrijfrecht(BasePermission):
    """Reading needs membership; writing needs one of the view's ``schrijfrollen``.

    The view's ``get_bestuursproces()`` raises 404 for non-members before this decides, so a
    non-member never learns that a case exists.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        bestuursproces = view.get_bestuursproces()
        if request.method in SAFE_METHODS:
            return True
        return bestuursproces.mijn_rol in view.schrijfrollen


ALLEEN_REGISSEUR = frozenset({Rol.PROCESREGISSEUR})
MELDING_SCHRIJVEN = _("Alleen de procesregisseur en het kernteam kunnen dit dossier wijzigen.")
MELDING_REGISSEUR = _("Alleen de procesregisseur beheert de leden van dit bestuursproces.")
