"""The stadium gate of issue #4: a forward move needs a step consolidated in the current stadium.

Registered once at start-up (``CasesConfig.ready``) with :func:`cases.services.registreer_poort`:
every forward stadium move without a consolidated step is refused (409 ``poort-gesloten``)
unless the procesregisseur forces it; the event then records what was missing.
"""

from __future__ import annotations

from django.utils.translation import gettext

from cases.models import Bestuursproces, Fase, Instemming, Stadium, Stadiumovergang, WyberStap


def _in_stadium_sinds(bestuursproces: Bestuursproces, stadium: Stadium) -> object:
    binnenkomst = (
        Stadiumovergang.objects.filter(bestuursproces=bestuursproces, naar=stadium)
        .order_by("-tijdstip", "-id")
        .values_list("tijdstip", flat=True)
        .first()
    )
    return binnenkomst or bestuursproces.geopend_op


def _wacht_op(stap: WyberStap) -> list[str]:
    result = []
    instemmingen = Instemming.objects.filter(stap=stap).select_related("speler", "opdrachtgever")
    for instemming in instemmingen:
        if instemming.rond:
            continue
        partij = instemming.speler or instemming.opdrachtgever
        if instemming.status != Instemming.Status.INGESTEMD:
            result.append(f"{partij} ({instemming.get_status_display().lower()})")
        else:
            result.append(gettext("%s (nog niet formeel besloten)") % (partij,))
    return result


def geconsolideerde_stap_vereist(
    bestuursproces: Bestuursproces, van: Stadium, naar: Stadium
) -> list[str]:
    """Objections to leaving ``van``: empty when a step in ``van`` was consolidated since the
    case entered it; otherwise what is missing, naming the parties still to consent or decide."""
    sinds = _in_stadium_sinds(bestuursproces, van)
    stappen = WyberStap.objects.filter(bestuursproces=bestuursproces, stadium=van)
    geconsolideerd = stappen.filter(fase=Fase.GECONSOLIDEERD, geconsolideerd_op__gte=sinds)
    # A reopened step was put back on the table: what it settled is open again.
    if geconsolideerd.filter(heropeningen__isnull=True).exists():
        return []
    lopend = stappen.filter(fase=Fase.CONSOLIDEREN).order_by("-volgnummer").first()
    heropend = geconsolideerd.order_by("-volgnummer").first()
    if lopend is None and heropend is not None:
        return [
            gettext(
                "Stap %(nummer)d (%(doel)s) is heropend; wat daar was afgesproken staat weer "
                "ter discussie."
            )
            % {"nummer": heropend.volgnummer, "doel": heropend.doel[:60]}
        ]
    if lopend is None:
        return [
            gettext("Er is sinds het bereiken van stadium %s geen wyber-stap geconsolideerd.")
            % (van.label.lower(),)
        ]
    return [
        gettext("Stap %(nummer)d (%(doel)s) is nog niet geconsolideerd; wacht op: %(wacht)s.")
        % {
            "nummer": lopend.volgnummer,
            "doel": lopend.doel[:60],
            "wacht": ", ".join(_wacht_op(lopend)) or gettext("de consolidatie"),
        }
    ]
