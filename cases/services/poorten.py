"""The stadium gate of issue #4: a forward move needs a step consolidated in the current stadium.

Registered once at start-up (``CasesConfig.ready``) with :func:`cases.services.registreer_poort`:
every forward stadium move without a consolidated step is refused (409 ``poort-gesloten``)
unless the procesregisseur forces it; the event then records what was missing.

The gate reads the case as it stood at the moment of the move (the folded history, see
:mod:`cases.events.poorten`), so a move entered late is judged by the steps of its own time.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cases.events.replay_typen import Momentopname
from cases.events.wereldtijd import is_streng
from cases.models import Fase, Instemming, Opdrachtgever, Stadium


def _partijnaam(staat: Momentopname, instemming: dict[str, Any]) -> str:
    """A party as the gate names it: a speler by name, an opdrachtgever with its role."""
    if instemming["speler"]:
        speler = staat["spelers"].get(instemming["speler"])
        return str(speler["naam"]) if speler else _("een onbekende partij")
    opdrachtgever = staat["opdrachtgevers"].get(instemming["opdrachtgever"])
    if opdrachtgever is None:
        return _("een onbekende partij")
    rol = Opdrachtgever.Rol(opdrachtgever["rol"]).label
    return f"{opdrachtgever['naam']} ({rol})"


def _wacht_op(staat: Momentopname, stap: dict[str, Any]) -> list[str]:
    result = []
    for instemming in stap["instemmingen"].values():
        if instemming["status"] == Instemming.Status.INGESTEMD and (
            instemming["formeelBesloten"] or not instemming.get("formeelBesluitNodig", True)
        ):
            continue
        naam = _partijnaam(staat, instemming)
        if instemming["status"] != Instemming.Status.INGESTEMD:
            status = Instemming.Status(instemming["status"]).label.lower()
            result.append(f"{naam} ({status})")
        else:
            result.append(_("%(naam)s (nog niet formeel besloten)") % {"naam": naam})
    return result


def geconsolideerde_stap_vereist(staat: Momentopname, van: str, naar: str) -> list[str]:
    """Objections to leaving ``van``: empty when a step in ``van`` was consolidated since the
    case entered it; otherwise what is missing, naming the parties still to consent or decide.

    Shown on their own (a refused or forced move, the stadium page) they are sentences. The
    strict fold asks the gate only about a move at its own moment, and its objection becomes
    the reason in "Op ... kan dit niet: ...": worded about that moment, like every reason of
    the history (lower-case, no final period)."""
    toen = is_streng()
    sinds = staat["_tijden"]["stadiumSinds"]
    geconsolideerd_op: dict[str, Any] = staat["_tijden"]["geconsolideerdOp"]
    stappen = sorted(
        (s for s in staat["wyberstappen"].values() if s["stadium"] == van),
        key=lambda s: s["volgnummer"],
    )
    heropend = {s["heropent"] for s in staat["wyberstappen"].values() if s["heropent"]}
    geconsolideerd = [
        s
        for s in stappen
        if s["fase"] == Fase.GECONSOLIDEERD
        and (sinds is None or geconsolideerd_op.get(s["uuid"], sinds) >= sinds)
    ]
    # A reopened step was put back on the table: what it settled is open again.
    if any(s["uuid"] not in heropend for s in geconsolideerd):
        return []
    lopend = next((s for s in reversed(stappen) if s["fase"] == Fase.CONSOLIDEREN), None)
    if lopend is None and geconsolideerd:
        stap = geconsolideerd[-1]
        heropend_tekst = (
            _(
                "stap %(nummer)s (%(doel)s) was toen heropend; wat daar was afgesproken stond "
                "weer ter discussie"
            )
            if toen
            else _(
                "Stap %(nummer)s (%(doel)s) is heropend; wat daar was afgesproken staat weer "
                "ter discussie."
            )
        )
        return [heropend_tekst % {"nummer": stap["volgnummer"], "doel": stap["doel"][:60]}]
    if lopend is None:
        geen_stap = (
            _(
                "er was toen sinds het bereiken van stadium %(stadium)s geen wyber-stap "
                "geconsolideerd"
            )
            if toen
            else _(
                "Er is sinds het bereiken van stadium %(stadium)s geen wyber-stap geconsolideerd."
            )
        )
        return [geen_stap % {"stadium": Stadium(van).label.lower()}]
    wacht = (
        _(
            "stap %(nummer)s (%(doel)s) was toen nog niet geconsolideerd; er werd gewacht op: "
            "%(wie)s"
        )
        if toen
        else _("Stap %(nummer)s (%(doel)s) is nog niet geconsolideerd; wacht op: %(wie)s.")
    )
    return [
        wacht
        % {
            "nummer": lopend["volgnummer"],
            "doel": lopend["doel"][:60],
            "wie": ", ".join(_wacht_op(staat, lopend)) or _("de consolidatie"),
        }
    ]
