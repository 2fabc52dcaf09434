"""Revising the procesontwerp (book ch. 8): every revision is a new numbered version.

The procesontwerp also chooses the aanpak; a revision with another aanpak than the case's
sets the case's aanpak in the same transaction, carried by the same event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_positionering import procesontwerp_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import Aanpak, Bestuursproces, ProcesontwerpVersie
from procesregie.transacties import in_transactie

from ._common import eis_open, gebruiker_van, valideer, vergrendel

# "Een processtrategie moet samen te vatten zijn tot een paar eenvoudige zinnen" (§8.2).
MAX_PROCESSTRATEGIE = 1000
MAX_STAPPEN = 50
MAX_TITEL = 200
STAP_SLEUTELS = ("titel", "gepland", "omschrijving")

Fouten = dict[str, list[tuple[str, str]]]


def melding_processtrategie_te_lang() -> str:
    return gettext(
        "Vat de processtrategie samen in een paar eenvoudige zinnen die iedereen begrijpt: "
        "hoogstens %d tekens."
    ) % (MAX_PROCESSTRATEGIE,)


@dataclass(frozen=True)
class ProcesontwerpInhoud:
    """What a version of the procesontwerp says (book ch. 8)."""

    processtrategie: str
    aanpak: str
    spelregels: str = ""
    exitregels: str = ""
    communicatie: str = ""
    # Each {"titel", "gepland" (a date, ISO text or None), "omschrijving"}, in planned order.
    geplande_stappen: Sequence[Mapping[str, Any]] = ()

    def tekstvelden(self) -> dict[str, str]:
        return {
            "processtrategie": self.processtrategie,
            "aanpak": self.aanpak,
            "spelregels": self.spelregels,
            "exitregels": self.exitregels,
            "communicatie": self.communicatie,
        }


def _datum(waarde: Any) -> str | None:
    """A planned date as ISO text; ValueError for anything else than a date or None."""
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, dt.datetime):
        raise ValueError(waarde)
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, str) and len(waarde) == 10:
        return dt.date.fromisoformat(waarde).isoformat()
    raise ValueError(waarde)


def _stap(index: int, stap: Any, fouten: Fouten) -> dict[str, Any]:
    pad = f"geplande_stappen.{index}"
    if not isinstance(stap, Mapping):
        melding = gettext("Een geplande stap heeft een titel, gepland en omschrijving.")
        fouten[pad] = [("invalid", melding)]
        return {}
    for sleutel in sorted(set(stap) - set(STAP_SLEUTELS)):
        fouten[f"{pad}.{sleutel}"] = [("unknown", gettext("Onbekend veld."))]
    titel, omschrijving = stap.get("titel"), stap.get("omschrijving", "")
    if not isinstance(titel, str) or not titel.strip():
        fouten[f"{pad}.titel"] = [("required", gettext("Geef de stap een titel."))]
    elif len(titel) > MAX_TITEL:
        melding = gettext("Hoogstens %d tekens.") % (MAX_TITEL,)
        fouten[f"{pad}.titel"] = [("max_length", melding)]
    if not isinstance(omschrijving, str):
        fouten[f"{pad}.omschrijving"] = [("invalid", gettext("Geef tekst op."))]
    try:
        gepland = _datum(stap.get("gepland"))
    except ValueError:
        gepland = None
        melding = gettext("Geef een datum als JJJJ-MM-DD, of laat hem leeg.")
        fouten[f"{pad}.gepland"] = [("invalid", melding)]
    return {"titel": titel, "gepland": gepland, "omschrijving": omschrijving}


def geplande_stappen(stappen: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The planned steps in their stored form, or OngeldigeInvoer naming each wrong item."""
    if isinstance(stappen, str | bytes | Mapping) or not isinstance(stappen, Sequence):
        raise OngeldigeInvoer(
            {"geplande_stappen": [("not_a_list", gettext("Geef de geplande stappen als lijst."))]}
        )
    if len(stappen) > MAX_STAPPEN:
        melding = gettext("Plan hoogstens %d stappen vooruit.") % (MAX_STAPPEN,)
        raise OngeldigeInvoer({"geplande_stappen": [("max_length", melding)]})
    fouten: Fouten = {}
    genormaliseerd = [_stap(index, stap, fouten) for index, stap in enumerate(stappen)]
    if fouten:
        raise OngeldigeInvoer(fouten)
    return genormaliseerd


def inhoud_fouten(inhoud: ProcesontwerpInhoud) -> Fouten:
    """What a form can be told before the service runs: the processtrategie and the aanpak."""
    fouten: Fouten = {}
    strategie = inhoud.processtrategie
    if not isinstance(strategie, str) or not strategie.strip():
        melding = gettext("Beschrijf de processtrategie: de rode draad van de procesregie.")
        fouten["processtrategie"] = [("required", melding)]
    elif len(strategie) > MAX_PROCESSTRATEGIE:
        fouten["processtrategie"] = [("max_length", melding_processtrategie_te_lang())]
    if inhoud.aanpak not in Aanpak.values:
        melding = gettext("Kies een aanpak uit: %s.") % ", ".join(Aanpak.values)
        fouten["aanpak"] = [("invalid_choice", melding)]
    return fouten


def _ongewijzigd(
    huidig: ProcesontwerpVersie | None,
    inhoud: ProcesontwerpInhoud,
    stappen: list[dict[str, Any]],
    bestuursproces: Bestuursproces,
) -> bool:
    return (
        huidig is not None
        and all(getattr(huidig, veld) == waarde for veld, waarde in inhoud.tekstvelden().items())
        and huidig.geplande_stappen == stappen
        and bestuursproces.aanpak == inhoud.aanpak
    )


@in_transactie
def herzie_procesontwerp(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    inhoud: ProcesontwerpInhoud,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> ProcesontwerpVersie:
    """Record a new version of the procesontwerp; it becomes the current one.

    The same content again is not a new version (as for the idee): the current one is
    returned and nothing is written.
    """
    if actor.gebruiker is None:
        raise OngeldigeInvoer(
            {"gebruiker": [("required", gettext("Een procesontwerpversie heeft een auteur."))]}
        )
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    fouten = inhoud_fouten(inhoud)
    try:
        stappen = geplande_stappen(inhoud.geplande_stappen)
    except OngeldigeInvoer as fout:
        fouten.update(fout.fouten)
        stappen = []
    if fouten:
        raise OngeldigeInvoer(fouten)
    huidig = (
        ProcesontwerpVersie.objects.filter(bestuursproces=bestuursproces)
        .order_by("-versie")
        .first()
    )
    if _ongewijzigd(huidig, inhoud, stappen, bestuursproces):
        assert huidig is not None
        return huidig
    nu = tijdstip or timezone.now()
    versie = ProcesontwerpVersie(
        bestuursproces=bestuursproces,
        versie=(huidig.versie if huidig is not None else 0) + 1,
        geplande_stappen=stappen,
        toelichting=toelichting,
        auteur=gebruiker_van(actor),
        aangemaakt_op=nu,
        **inhoud.tekstvelden(),
    )
    valideer(versie, exclude=["auteur"])
    versie.save(force_insert=True)
    vorige_aanpak = bestuursproces.aanpak
    if vorige_aanpak != inhoud.aanpak:
        bestuursproces.aanpak = inhoud.aanpak
        bestuursproces.save(update_fields=["aanpak"])
    append_event(
        bestuursproces=bestuursproces,
        type="procesontwerp.herzien",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"procesontwerp": procesontwerp_gegevens(versie), "vorigeAanpak": vorige_aanpak},
    )
    return versie
