"""The parties: organisaties, spelers and opdrachtgevers, their dated assessments, their
betrokkenheid, and the notes about them.

Spelers and opdrachtgevers share their event shapes; each type is registered once under its
own code, the shared behaviour lives in the base classes here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events.replay_typen import Momentopname
from cases.events.verhaal import Beschrijving, Geheugen, Verwijzing, kort, label, met_reden
from cases.events.wereldtijd import eis, eis_bekend
from cases.models import Betrokkenheid, BetrokkenheidsActie, Gebeurtenis, Standpunt

from . import Objectwijziging, Relatie, Soort, registreer

VERZAMELING = {
    "speler": "spelers",
    "opdrachtgever": "opdrachtgevers",
    "organisatie": "organisaties",
}


def eis_partijen_bekend(
    staat: Momentopname, gegevens: Mapping[str, Any], soorten: Iterable[str] = VERZAMELING
) -> None:
    """The parties a fact names by kind (``speler``, ``opdrachtgever``, ``organisatie`` keys
    of ``gegevens``, each a uuid or empty) existed at the fact's moment: a fact of March
    2020 cannot name a party registered today (a strict fold refuses it, naming the party)."""
    for soort in soorten:
        eis_bekend(staat[VERZAMELING[soort]], gegevens.get(soort))


def eis_alle_bekend(staat: Momentopname, verzameling: str, uuids: Iterable[str]) -> None:
    """As :func:`eis_partijen_bekend`, for a list of parties of one kind (``spelers``...)."""
    for uuid in uuids:
        eis_bekend(staat[verzameling], uuid)


class Partijfeit(Soort):
    """A fact about one party; ``partij`` is its kind and the payload key of its uuid."""

    partij: ClassVar[str]

    @property
    def verzameling(self) -> str:
        return VERZAMELING[self.partij]

    def partij_uuid(self, e: Gebeurtenis) -> str:
        waarde = e.payload[self.partij]
        return str(waarde["uuid"] if isinstance(waarde, dict) else waarde)

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        return [Relatie(self.partij, self.partij_uuid(e), "partij")]


class Geregistreerd(Partijfeit):
    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        gegevens = copy.deepcopy(e.payload[self.partij])
        if self.partij != "organisatie":
            # The organisation it belongs to was known to the case by then.
            eis_partijen_bekend(staat, gegevens, ("organisatie",))
            gegevens["huidigeBeoordeling"] = None
            # Registered before parties could be marked: they decide formally (the default).
            gegevens.setdefault("formeelBesluitNodig", True)
        staat[self.verzameling][gegevens["uuid"]] = gegevens

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        relaties = super().objecten(e)
        organisatie = e.payload[self.partij].get("organisatie")
        if self.partij != "organisatie" and organisatie:
            relaties.append(Relatie("organisatie", str(organisatie), "organisatie"))
        return relaties

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        gegevens = e.payload[self.partij]
        uuid = str(gegevens["uuid"])
        kenmerken = ["naam", "soort", "veld", "betrokkenheid"]
        return [
            Objectwijziging(self.partij, uuid, k, gegevens[k]) for k in kenmerken if k in gegevens
        ]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        gegevens = e.payload[self.partij]
        g.partijen[gegevens["uuid"]] = gegevens["naam"]
        if self.partij != "organisatie":
            g.soorten[gegevens["uuid"]] = self.partij


class Gecorrigeerd(Partijfeit):
    """A correction of a party's attributes (``*.gewijzigd``): the original stays."""

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        partij = staat[self.verzameling][e.payload[self.partij]]
        eis_partijen_bekend(staat, e.payload["wijzigingen"], ("organisatie",))
        partij.update(copy.deepcopy(e.payload["wijzigingen"]))

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        uuid = self.partij_uuid(e)
        return [
            Objectwijziging(self.partij, uuid, k, v)
            for k, v in e.payload["wijzigingen"].items()
            if k in ("naam", "soort", "veld") and not isinstance(v, dict | list)
        ]

    def onthoud(self, e: Gebeurtenis, g: Geheugen) -> None:
        if "naam" in e.payload["wijzigingen"]:
            g.partijen[e.payload[self.partij]] = e.payload["wijzigingen"]["naam"]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        uuid = e.payload[self.partij]
        tekst = _("%(naam)s gecorrigeerd: %(velden)s") % {
            "naam": g.naam(uuid),
            "velden": ", ".join(sorted(e.payload["wijzigingen"])),
        }
        return met_reden(tekst, e.toelichting), Verwijzing(
            f"{self.partij}-detail", {self.partij: uuid}
        )


class Beoordeeld(Partijfeit):
    """A dated assessment; never overwritten, the latest visible one is current."""

    # The payload key of the assessment's standpunt (an opdrachtgever's steun, book §10.3).
    standpunt: ClassVar[str]
    momentveld = ("beoordeling", "tijdstip")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        beoordeling = copy.deepcopy(e.payload["beoordeling"])
        staat[self.verzameling][e.payload[self.partij]]["huidigeBeoordeling"] = beoordeling

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        return [
            Objectwijziging(
                self.partij,
                self.partij_uuid(e),
                "standpunt",
                e.payload["beoordeling"].get(self.standpunt),
            )
        ]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        uuid = e.payload[self.partij]
        standpunt = e.payload["beoordeling"].get(self.standpunt)
        if standpunt:
            tekst = _("%(naam)s beoordeeld: %(standpunt)s") % {
                "naam": g.naam(uuid),
                "standpunt": label(Standpunt, standpunt),
            }
        else:
            tekst = _("%(naam)s beoordeeld") % {"naam": g.naam(uuid)}
        return tekst, Verwijzing(f"{self.partij}-beoordelingen", {self.partij: uuid})


def _werkwoord(actie: str) -> str:
    werkwoorden: dict[str, str] = {
        BetrokkenheidsActie.AANSLUITEN: _("sloot aan"),
        BetrokkenheidsActie.AANHAKEN: _("haakte aan"),
        BetrokkenheidsActie.AFWACHTEN: _("wacht af"),
        BetrokkenheidsActie.AFHAKEN: _("haakte af"),
    }
    return str(werkwoorden.get(actie, actie))


class BetrokkenheidGewijzigd(Partijfeit):
    sleutels = ("wijziging",)
    tabel = ("cases.Betrokkenheidswijziging", ("wijziging", "uuid"), "tijdstip")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        wijziging = e.payload["wijziging"]
        partij = staat[self.verzameling][wijziging["partij"]]
        eis(
            partij["betrokkenheid"] == wijziging["van"],
            lambda: (
                _("%(naam)s was toen %(toen)s, niet %(van)s")
                % {
                    "naam": partij["naam"],
                    "toen": label(Betrokkenheid, partij["betrokkenheid"]),
                    "van": label(Betrokkenheid, wijziging["van"]),
                }
            ),
        )
        partij["betrokkenheid"] = wijziging["naar"]

    def partij_uuid(self, e: Gebeurtenis) -> str:
        return str(e.payload["wijziging"]["partij"])

    def wijzigingen(self, e: Gebeurtenis) -> list[Objectwijziging]:
        naar = e.payload["wijziging"]["naar"]
        return [Objectwijziging(self.partij, self.partij_uuid(e), "betrokkenheid", naar)]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        w = e.payload["wijziging"]
        tekst = f"{g.naam(w['partij'])} {_werkwoord(w['actie'])}"
        return met_reden(tekst, w["reden"]), Verwijzing(
            f"{self.partij}-betrokkenheid", {self.partij: w["partij"]}
        )


@registreer
class OrganisatieGeregistreerd(Geregistreerd):
    code = "organisatie.geregistreerd"
    label = gettext_lazy("Organisatie geregistreerd")
    partij = "organisatie"
    sleutels = ("organisatie",)


@registreer
class OrganisatieGewijzigd(Gecorrigeerd):
    code = "organisatie.gewijzigd"
    label = gettext_lazy("Organisatie gewijzigd")
    partij = "organisatie"
    sleutels = ("organisatie", "wijzigingen", "vorigeWaarden")


@registreer
class SpelerGeregistreerd(Geregistreerd):
    code = "speler.geregistreerd"
    label = gettext_lazy("Speler geregistreerd")
    partij = "speler"
    sleutels = ("speler",)


@registreer
class SpelerGewijzigd(Gecorrigeerd):
    code = "speler.gewijzigd"
    label = gettext_lazy("Speler gewijzigd")
    partij = "speler"
    sleutels = ("speler", "wijzigingen", "vorigeWaarden")


@registreer
class SpelerBeoordeeld(Beoordeeld):
    code = "speler.beoordeeld"
    label = gettext_lazy("Speler beoordeeld")
    partij = "speler"
    standpunt = "standpunt"
    sleutels = ("speler", "beoordeling")
    tabel = ("cases.SpelerBeoordeling", ("beoordeling", "uuid"), "tijdstip")


@registreer
class SpelerBetrokkenheidGewijzigd(BetrokkenheidGewijzigd):
    code = "speler.betrokkenheid_gewijzigd"
    label = gettext_lazy("Betrokkenheid van speler gewijzigd")
    partij = "speler"


@registreer
class OpdrachtgeverGeregistreerd(Geregistreerd):
    code = "opdrachtgever.geregistreerd"
    label = gettext_lazy("Opdrachtgever geregistreerd")
    partij = "opdrachtgever"
    sleutels = ("opdrachtgever",)


@registreer
class OpdrachtgeverGewijzigd(Gecorrigeerd):
    code = "opdrachtgever.gewijzigd"
    label = gettext_lazy("Opdrachtgever gewijzigd")
    partij = "opdrachtgever"
    sleutels = ("opdrachtgever", "wijzigingen", "vorigeWaarden")


@registreer
class OpdrachtgeverBeoordeeld(Beoordeeld):
    code = "opdrachtgever.beoordeeld"
    label = gettext_lazy("Opdrachtgever beoordeeld")
    partij = "opdrachtgever"
    standpunt = "steun"
    sleutels = ("opdrachtgever", "beoordeling")
    tabel = ("cases.OpdrachtgeverBeoordeling", ("beoordeling", "uuid"), "tijdstip")


@registreer
class OpdrachtgeverBetrokkenheidGewijzigd(BetrokkenheidGewijzigd):
    code = "opdrachtgever.betrokkenheid_gewijzigd"
    label = gettext_lazy("Betrokkenheid van opdrachtgever gewijzigd")
    partij = "opdrachtgever"


@registreer
class NotitieGemaakt(Soort):
    code = "notitie.gemaakt"
    label = gettext_lazy("Notitie gemaakt")
    sleutels = ("notitie",)
    momentveld = ("notitie", "tijdstip")
    tabel = ("cases.Notitie", ("notitie", "uuid"), "tijdstip")

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        notitie = e.payload["notitie"]
        eis_partijen_bekend(staat, notitie, ("speler", "opdrachtgever"))
        staat["notities"].append(copy.deepcopy(notitie))

    def objecten(self, e: Gebeurtenis) -> list[Relatie]:
        n = e.payload["notitie"]
        return [
            Relatie(soort, str(n[soort]), "over")
            for soort in ("speler", "opdrachtgever")
            if n.get(soort)
        ]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        n = e.payload["notitie"]
        over = n.get("speler") or n.get("opdrachtgever")
        if over:
            tekst = _("Notitie over %(naam)s: %(tekst)s") % {
                "naam": g.naam(over),
                "tekst": kort(n["tekst"]),
            }
        else:
            tekst = _("Notitie: %(tekst)s") % {"tekst": kort(n["tekst"])}
        return tekst, Verwijzing("notities")
