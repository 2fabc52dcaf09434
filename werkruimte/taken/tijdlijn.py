"""Tijdlijn, gebeurtenissen en export: what happened (filtered, paged), the raw event log as
the role may see it, and the downloads for those who may export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.events.tijdlijnvertelling import begin_van
from cases.events.wereldtijd import einde_van
from cases.exports import taken as exporttaken
from cases.exports.formaten import FORMATEN, bestandsnaam
from cases.exports.gebeurtenissen import bereid_voor, zichtbare_inhoud
from cases.exports.koppen import zet_koppen, zet_taakkoppen
from cases.models import ExporttaakStatus, Gebeurtenis, RapportFormaat, Rol, Zichtbaarheid
from cases.selectors.tijdlijn import tijdlijnreeks
from statuspagina.selectors import soort_label

from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..velden import DatumVeld
from . import Taak

TAAK = Taak(code="tijdlijn", label=_("Tijdlijn"), url_naam="werkruimte:tijdlijn", volgorde=80)

PER_PAGINA = 25
MAG_EXPORTEREN = _(
    "Alleen de procesregisseur en de evaluator kunnen dit bestuursproces exporteren."
)
# The event formats stream at any size; the report is made whole, so above the threshold it
# is a background job (as in the API).
GEBEURTENISFORMATEN = ("jsonl", "csv", "xes")


class Filter(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    van = DatumVeld(label=_("Vanaf"), required=False)
    tot = DatumVeld(label=_("Tot en met"), required=False)

    def __init__(self, *args: Any, soorten: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        soort = self.fields["soort"]
        assert isinstance(soort, forms.ChoiceField)
        soort.choices = [("", gettext("Alle soorten")), *soorten]

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", gettext("'Tot en met' ligt vóór 'Vanaf'."))
        return gegevens

    def gekozen(self) -> tuple[str, dt.date | None, dt.date | None]:
        if not self.is_bound or not self.is_valid():
            return "", None, None
        return (
            self.cleaned_data.get("soort") or "",
            self.cleaned_data.get("van"),
            self.cleaned_data.get("tot"),
        )


def _context(request: HttpRequest, zaak: Zaak, onderdeel: str, **meer: Any) -> dict[str, Any]:
    return {
        "kop": zaakkop(zaak, TAAK.code),
        "onderdeel": onderdeel,
        "mag_exporteren": zaak.rol in Rol.exporterend(),
        **meer,
    }


@taakpagina
def tijdlijn(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """The tijdlijn of the whole case as the role may see it, newest first."""
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    # The read model in SQL: the types for the filter, the count, and only the page is told.
    items = tijdlijnreeks(zaak.bestuursproces, None, timezone.now(), zichtbaar, nieuwste_eerst=True)
    if items is None:  # a member always has a role's levels
        raise Http404
    soorten = sorted({(s, soort_label(s)) for s in items.soorten()}, key=lambda s: s[1])
    filters = Filter(request.GET or None, soorten=soorten)
    soort, van, tot = filters.gekozen()
    gekozen = items.filter(
        soort=soort,
        van=begin_van(van) if van is not None else None,
        tot=begin_van(tot + dt.timedelta(days=1)) if tot is not None else None,
    )
    pagina = Paginator(gekozen, PER_PAGINA).get_page(request.GET.get("pagina"))
    regels = [
        {
            "tijdstip": i.tijdstip,
            "soort": soort_label(i.soort),
            "omschrijving": i.omschrijving,
            "vastgelegd_op": i.geregistreerd if i.later_vastgelegd else None,
        }
        for i in pagina.object_list
    ]
    return render(
        request,
        "werkruimte/taken/tijdlijn.html",
        _context(
            request,
            zaak,
            "tijdlijn",
            filters=filters,
            pagina=pagina,
            regels=regels,
            totaal=len(items),
        ),
        status=400 if filters.errors else 200,
    )


@taakpagina
def gebeurtenissen(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """The event log itself, newest first: what an evaluator checks against an export."""
    zichtbaar = Zichtbaarheid.voor_rol(zaak.rol)
    reeks = Gebeurtenis.objects.filter(bestuursproces=zaak.bestuursproces)
    soorten = sorted(
        {(t, soort_label(t)) for t in reeks.values_list("type", flat=True).distinct()},
        key=lambda s: s[1],
    )
    filters = Filter(request.GET or None, soorten=soorten)
    soort, van, tot = filters.gekozen()
    if soort:
        reeks = reeks.filter(type=soort)
    if van:
        reeks = reeks.filter(tijdstip__gte=einde_van(van - dt.timedelta(days=1)))
    if tot:
        reeks = reeks.filter(tijdstip__lte=einde_van(tot))
    pagina = Paginator(reeks.order_by("-volgnummer"), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    regels = []
    for g in pagina.object_list:
        inhoud = zichtbare_inhoud(g, zichtbaar)
        regels.append(
            {
                "volgnummer": g.volgnummer,
                "tijdstip": g.tijdstip,
                "geregistreerd": g.geregistreerd,
                "soort": soort_label(g.type),
                "wie": g.actor_naam or g.actor_gebruikersnaam or gettext("het systeem"),
                "toelichting": inhoud.toelichting or "",
                "afgeschermd": inhoud.afgeschermd,
                "hash": g.hash[:12],
            }
        )
    return render(
        request,
        "werkruimte/taken/gebeurtenissen.html",
        _context(request, zaak, "gebeurtenissen", filters=filters, pagina=pagina, regels=regels),
        status=400 if filters.errors else 200,
    )


# What each format holds, for a reader who does not know the codes.
RAPPORTKEUZES = [
    (RapportFormaat.PDF, _("Evaluatierapport als PDF")),
    (RapportFormaat.HTML, _("Evaluatierapport als webpagina (HTML)")),
    (RapportFormaat.JSONL, _("Gebeurtenissen als JSON Lines")),
    (RapportFormaat.CSV, _("Gebeurtenissen als spreadsheet (CSV)")),
    (RapportFormaat.XES, _("Gebeurtenissen voor process mining (XES)")),
    (RapportFormaat.OCEL, _("Objecten en gebeurtenissen voor process mining (OCEL 2.0)")),
]


class RapportFormulier(forms.Form):
    formaat = forms.ChoiceField(
        label=_("Formaat van het rapport"),
        choices=RAPPORTKEUZES,
        widget=forms.RadioSelect,
        initial=RapportFormaat.PDF,
    )


def _exporttaken(zaak: Zaak, request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "uuid": t.uuid,
            "formaat": t.formaat,
            "status": t.status,
            "status_label": t.get_status_display(),
            "stap": t.stap,
            "stappen": t.stappen,
            "huidige_stap": exporttaken.huidige_stap(t),
            "fout": t.get_fout_display() if t.fout else "",
            "aangevraagd_op": t.aangevraagd_op,
            "klaar": t.status == ExporttaakStatus.KLAAR and bool(t.bestand.name),
            "actief": t.status in ExporttaakStatus.actief(),
        }
        for t in exporttaken.exporttaken_van(zaak.bestuursproces, request.user).order_by(
            "-aangevraagd_op"
        )[:10]
    ]


@taakpagina(rollen=Rol.exporterend(), melding=str(MAG_EXPORTEREN))
def export(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """Downloads and report jobs; a POST asks for a report as a job."""
    url = reverse("werkruimte:export", args=[zaak.bestuursproces.uuid])
    formulier = RapportFormulier(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if formulier.is_valid():
            try:
                exporttaken.vraag_rapport_aan(
                    bestuursproces=zaak.bestuursproces,
                    aanvrager=request.user,  # type: ignore[arg-type]
                    formaat=formulier.cleaned_data["formaat"],
                )
            except exporttaken.TeVeelExporttaken as fout:
                formulier.add_error(None, fout.detail)
                status = 429
            else:
                messages.success(
                    request,
                    gettext("Het rapport wordt gemaakt. Deze pagina toont de voortgang."),
                )
                return redirect(url)
        else:
            status = 400
    taken = _exporttaken(zaak, request)
    if getattr(request, "htmx", False) and request.method == "GET":
        return render(
            request,
            "werkruimte/taken/_exporttaken.html",
            {"taken": taken, "kop": zaakkop(zaak, TAAK.code)},
        )
    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak.bestuursproces).count()
    drempel = settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN
    return render(
        request,
        "werkruimte/taken/export.html",
        _context(
            request,
            zaak,
            "export",
            formulier=formulier,
            taken=taken,
            actie=url,
            formaten=[FORMATEN[code] for code in GEBEURTENISFORMATEN],
            rapport_direct=aantal <= drempel,
            drempel=drempel,
        ),
        status=status,
    )


@taakpagina(rollen=Rol.exporterend(), melding=str(MAG_EXPORTEREN))
def download(request: HttpRequest, zaak: Zaak, formaat: str) -> HttpResponseBase:
    """A direct download, streamed as the API's export (event formats at any size; the
    report only up to the threshold)."""
    if formaat not in FORMATEN:
        raise Http404
    gekozen = FORMATEN[formaat]
    opdracht = bereid_voor(
        zaak.bestuursproces,
        exporteur=request.user.get_username(),
        rol=zaak.rol,
        kanaal="web",
        zichtbaar=Zichtbaarheid.voor_rol(zaak.rol),
    )
    if formaat not in GEBEURTENISFORMATEN and (
        opdracht.aantal > settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN
    ):
        messages.warning(
            request,
            gettext(
                "Dit bestuursproces is te groot voor een direct rapport: vraag het aan als taak."
            ),
        )
        return redirect(reverse("werkruimte:export", args=[zaak.bestuursproces.uuid]))
    response = StreamingHttpResponse(gekozen.schrijver(opdracht), content_type=gekozen.media_type)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(opdracht, gekozen)}"'
    zet_koppen(response, opdracht)
    return response


@taakpagina(rollen=Rol.exporterend(), melding=str(MAG_EXPORTEREN))
def taakbestand(request: HttpRequest, zaak: Zaak, taak: Any) -> HttpResponseBase:
    """The file of one of the member's own finished jobs (another's job is a 404)."""
    exporttaak = (
        exporttaken.exporttaken_van(zaak.bestuursproces, request.user).filter(uuid=taak).first()
    )
    if exporttaak is None or exporttaak.status != ExporttaakStatus.KLAAR:
        raise Http404
    response = FileResponse(
        exporttaak.bestand.open("rb"),
        as_attachment=True,
        filename=exporttaak.bestandsnaam,
        content_type=FORMATEN[exporttaak.formaat].media_type,
    )
    zet_taakkoppen(response, exporttaak)
    return response


urlpatterns = [
    path("tijdlijn/", tijdlijn, name="tijdlijn"),
    path("tijdlijn/gebeurtenissen/", gebeurtenissen, name="gebeurtenissen"),
    path("tijdlijn/export/", export, name="export"),
    path("tijdlijn/export/<str:formaat>/", download, name="download"),
    path("tijdlijn/export/taken/<uuid:taak>/", taakbestand, name="exportbestand"),
]
