"""A service's refusal as form errors: at the field it names, with every input kept.

The admin saves by calling services after its forms validated. When a service refuses
(a :class:`~cases.exceptions.DomainError`), :meth:`Weigering.bij` notes which form was being
saved and where each reason belongs, and raises a :class:`Weigering`; the admin rolls the save
back and builds the same page again from the same post, with form classes that add those
reasons while they clean (:func:`met_weigering`). So the rules stay in the services: a rule
changed there is shown by the admin without a line here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from cases.exceptions import DomainError, OngeldigeInvoer

# (form prefix, form field or None for the form as a whole, reason)
Fout = tuple[str | None, str | None, str]


class Weigering(Exception):
    """A save refused by a service; where its reasons go on the page."""

    def __init__(self, fouten: list[Fout], reden: str) -> None:
        super().__init__(reden)
        self.fouten = fouten
        self.reden = reden

    @classmethod
    @contextlib.contextmanager
    def bij(cls, form: BaseForm, formveld: Callable[[str], str]) -> Iterator[None]:
        """Saving ``form``: a refusal becomes a Weigering; ``formveld`` maps a service's field
        name to the form's."""
        try:
            yield
        except DomainError as fout:
            raise cls(fouten_van(fout, form, formveld), fout.detail) from fout


def fouten_van(fout: DomainError, form: BaseForm, formveld: Callable[[str], str]) -> list[Fout]:
    """Each reason of a refusal at the field of ``form`` it names, or on the form itself."""
    if isinstance(fout, OngeldigeInvoer):
        per_veld = {veld: [reden for _code, reden in items] for veld, items in fout.fouten.items()}
    else:
        per_veld = {fout.veld or "": [fout.detail]}
    fouten: list[Fout] = []
    for veld, redenen in per_veld.items():
        naam = formveld(veld) if veld else None
        for reden in redenen:
            fouten.append((form.prefix, naam if naam in form.fields else None, str(reden)))
    return fouten


def weigering_van(request: HttpRequest) -> Weigering | None:
    return getattr(request, "_weigering", None)


def met_weigering(form_klasse: type[Any], weigering: Weigering) -> type[Any]:
    """The form class, adding the refusal's reasons that belong to a form with its prefix."""

    def clean(self: BaseForm) -> Any:
        data = super(klasse, self).clean()
        for prefix, veld, reden in weigering.fouten:
            if prefix == self.prefix:
                self.add_error(veld, reden)
        return data

    klasse: type[Any] = type(form_klasse.__name__, (form_klasse,), {"clean": clean})
    return klasse


class _Terugdraaien(Exception):
    """Undoes a trial run (never leaves :func:`proef`)."""


def proef(doe: Callable[[], Any]) -> None:
    """Call services as a trial and undo everything they wrote: their refusal (DomainError)
    comes out, so a page can refuse before it asks for a reason, by the services' own rules."""
    with contextlib.suppress(_Terugdraaien), transaction.atomic():
        doe()
        raise _Terugdraaien
