"""Who may do what on a case's pages: the same membership rules as the API and the status page.

Members read every task; only the roles that may change the case file (``Rol.schrijvend()``:
procesregisseur and kernteam) get forms, and a POST from any other role is 403. Non-members
get 404 everywhere, so they do not learn that the case exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext

from cases.models import Bestuursproces, Rol
from cases.selectors import bestuursproces_voor

VEILIG = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Zaak:
    """The case as the requesting member reaches it, with that member's role."""

    bestuursproces: Bestuursproces
    rol: str
    # The member: a write locks the case with their role once, for the version check and the
    # service (werkruimte.formulieren.roep_aan).
    gebruiker: Any = None

    @property
    def mag_werken(self) -> bool:
        return self.rol in Rol.schrijvend()

    @property
    def is_regisseur(self) -> bool:
        return self.rol == Rol.PROCESREGISSEUR

    @property
    def rol_label(self) -> str:
        return str(Rol(self.rol).label)


def zaak_voor(request: HttpRequest, bestuursproces_uuid: uuid.UUID) -> Zaak:
    """The case for a member of it, or Http404."""
    bestuursproces = bestuursproces_voor(request.user, bestuursproces_uuid)
    return Zaak(bestuursproces, str(getattr(bestuursproces, "mijn_rol")), request.user)  # noqa: B009


def eis_werkend(zaak: Zaak) -> None:
    """403 for a member who only reads (opdrachtgever, evaluator)."""
    if not zaak.mag_werken:
        raise PermissionDenied(
            gettext(
                "Uw rol in dit bestuursproces is %(rol)s: u kunt het dossier lezen, maar niet "
                "wijzigen. Vraag de procesregisseur als er iets moet veranderen."
            )
            % {"rol": zaak.rol_label.lower()}
        )


Taakview = Callable[..., HttpResponseBase]


def eis_rol(zaak: Zaak, rollen: frozenset[str], melding: str) -> None:
    if zaak.rol not in rollen:
        raise PermissionDenied(melding)


def taakpagina(
    view: Callable[..., HttpResponseBase] | None = None,
    *,
    rollen: frozenset[str] | None = None,
    melding: str = "",
) -> Any:
    """A task page: login, membership (404), and 403 for a write by a reading role.

    The view is called as ``view(request, zaak, **kwargs)``. With ``rollen`` only those
    roles may use the page at all, reading and writing (the export: procesregisseur and
    evaluator); others get 403 with ``melding``.
    """

    def maak(view: Callable[..., HttpResponseBase]) -> Taakview:
        @login_required
        @wraps(view)
        def _taak(
            request: HttpRequest, bestuursproces: uuid.UUID, **kwargs: Any
        ) -> HttpResponseBase:
            zaak = zaak_voor(request, bestuursproces)
            if rollen is not None:
                eis_rol(zaak, rollen, melding)
            elif request.method not in VEILIG:
                eis_werkend(zaak)
            return view(request, zaak, **kwargs)

        return _taak

    return maak(view) if view is not None else maak
