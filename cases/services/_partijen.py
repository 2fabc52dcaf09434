"""What the services of besluiten, afspraken and bijeenkomsten check of the party a fact
names (:class:`cases.models.partijvelden.MetPartij`): that it is of this case, and that
exactly one party or name is given."""

from __future__ import annotations

from django.utils.translation import gettext

from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces


def eis_van_proces(bestuursproces: Bestuursproces, veld: str, obj: object | None) -> None:
    """What a fact names (a party, a step, a besluit) is of this case."""
    if obj is not None and getattr(obj, "bestuursproces_id", None) != bestuursproces.pk:
        raise OngeldigeInvoer({veld: [("does_not_exist", gettext("Hoort niet bij dit proces."))]})


def eis_precies_een(veld: str, code: str, melding: str, *waarden: object) -> None:
    """Exactly one of ``waarden`` is given: a party, or a name or code that is not empty."""
    if sum(waarde not in (None, "") for waarde in waarden) != 1:
        raise OngeldigeInvoer({veld: [(code, melding)]})
