"""Who may read and work on a case. Memberships are access, not history: they take effect
when recorded, may be recorded about a closed case, and are not on the tijdlijn."""

from __future__ import annotations

import copy
from typing import ClassVar

from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.models import Gebeurtenis

from . import Soort, registreer


class _Lidmaatschap(Soort):
    sleutels: ClassVar[tuple[str, ...]] = ("lidmaatschap",)
    moment = gettext_lazy("wanneer het werd vastgelegd")
    na_afronding = True
    datum_corrigeerbaar = False

    # Memberships are keyed by their uuid: a username can change between two events.
    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        lid = copy.deepcopy(e.payload["lidmaatschap"])
        staat["lidmaatschappen"][lid["uuid"]] = lid


@registreer
class Toegevoegd(_Lidmaatschap):
    code = "lidmaatschap.toegevoegd"
    label = gettext_lazy("Lid toegevoegd")


@registreer
class Gewijzigd(_Lidmaatschap):
    code = "lidmaatschap.gewijzigd"
    label = gettext_lazy("Rol van lid gewijzigd")
    sleutels = ("lidmaatschap", "vorigeRol")


@registreer
class Beeindigd(_Lidmaatschap):
    code = "lidmaatschap.beeindigd"
    label = gettext_lazy("Lidmaatschap beëindigd")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        del staat["lidmaatschappen"][e.payload["lidmaatschap"]["uuid"]]
