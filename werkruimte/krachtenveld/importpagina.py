"""The import of a stakeholder list on the krachtenveld: upload and check every row (nothing
written), then import the previewed rows, all or nothing (``importeren`` does the work)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases.events import Actor
from cases.models import Zichtbaarheid

from ..formulieren import Dienstformulier, verwerk
from ..navigatie import zaakkop
from ..toegang import Zaak, eis_werkend, taakpagina
from . import TAAKCODE, importeren
from .formulieren import zichtbaarheden

SJABLOON = "werkruimte/taken/krachtenveld_import.html"


class BestandFormulier(forms.Form):
    bestand = forms.FileField(
        label=_("Lijst van partijen"),
        help_text=_("Een Excel-bestand (.xlsx) of een csv-bestand, hoogstens 2 MB en 500 rijen."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )


class ImportFormulier(Dienstformulier):
    token = forms.CharField(widget=forms.HiddenInput)
    dubbele_overslaan = forms.BooleanField(
        label=_("Rijen met een waarschijnlijk dubbele partij overslaan"),
        required=False,
        initial=True,
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag de geïmporteerde beoordelingen zien?"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.PROCES,
    )

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, **kwargs)
        del self.fields["toelichting"]
        veld = self.fields["zichtbaarheid"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = zichtbaarheden(zaak)


def _url(zaak: Zaak, naam: str) -> str:
    return reverse(f"werkruimte:{naam}", args=[zaak.bestuursproces.uuid])


def _context(zaak: Zaak) -> dict[str, Any]:
    """What both steps' page shows around the forms."""
    return {
        "terug": _url(zaak, "krachtenveld"),
        "upload_actie": _url(zaak, "krachtenveld-importeren"),
        "actie": _url(zaak, "krachtenveld-importeren-uitvoeren"),
        "kolommen": importeren.KOLOMMEN,
        "max_rijen": importeren.MAX_RIJEN,
    }


def _importpagina(
    request: HttpRequest, zaak: Zaak, inhoud: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(
        request,
        SJABLOON,
        {"kop": zaakkop(zaak, TAAKCODE), **_context(zaak), **inhoud},
        status=status,
    )


@taakpagina
def importeren_bestand(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """Upload a list and see every row checked; nothing is written yet."""
    eis_werkend(zaak)  # nothing to read here: the page is the upload form
    if request.method != "POST":
        return _importpagina(request, zaak, {"bestand_formulier": BestandFormulier()})
    bestand_formulier = BestandFormulier(request.POST, request.FILES)
    if not bestand_formulier.is_valid():
        return _importpagina(request, zaak, {"bestand_formulier": bestand_formulier}, 400)
    upload = bestand_formulier.cleaned_data["bestand"]
    try:
        if upload.size > importeren.MAX_BYTES:
            raise importeren.Bestandsfout(
                gettext("Dit bestand is groter dan %(grens)s MB. Splits de lijst in delen.")
                % {"grens": importeren.MAX_BYTES // (1024 * 1024)}
            )
        gelezen = importeren.lees_bestand(upload.name or "", upload.read())
    except importeren.Bestandsfout as fout:
        bestand_formulier.add_error("bestand", str(fout))
        return _importpagina(request, zaak, {"bestand_formulier": bestand_formulier}, 400)
    voorbeeld = importeren.controleer(zaak.bestuursproces, gelezen)
    formulier = None
    if voorbeeld.goed:
        formulier = ImportFormulier(
            zaak=zaak,
            initial={
                "token": importeren.verpak(
                    zaak.bestuursproces, int(request.user.pk or 0), voorbeeld.rijen
                )
            },
        )
    return _importpagina(
        request,
        zaak,
        {
            "bestand_formulier": BestandFormulier(),
            "voorbeeld": voorbeeld,
            "bestandsnaam": upload.name,
            "formulier": formulier,
        },
        200 if voorbeeld.goed else 400,
    )


@taakpagina
@require_POST
def importeren_uitvoeren(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    """Import the previewed rows: all or nothing."""
    formulier = ImportFormulier(request.POST, zaak=zaak)
    rijen: list[importeren.Rij] = []
    try:
        rijen = importeren.pak_uit(
            zaak.bestuursproces, int(request.user.pk or 0), request.POST.get("token", "")
        )
    except ValidationError as fout:  # forged, foreign or expired: start again
        messages.error(request, " ".join(fout.messages))
        return redirect(_url(zaak, "krachtenveld-importeren"))
    aantal = [0]

    def importeer(f: Dienstformulier) -> object:
        spelers = importeren.importeer(
            actor=Actor.uit_request(request),
            bestuursproces=zaak.bestuursproces,
            rijen=rijen,
            dubbele_overslaan=bool(f.cleaned_data.get("dubbele_overslaan")),
            zichtbaarheid=f.cleaned_data["zichtbaarheid"],
        )
        aantal[0] = len(spelers)
        return spelers

    antwoord = verwerk(
        request,
        formulier,
        importeer,
        taak=TAAKCODE,
        sjabloon=SJABLOON,
        fragment="werkruimte/taken/_krachtenveld_import_formulier.html",
        volgende=_url(zaak, "krachtenveld"),
        # Said after the import, with its count (a lazy string is read when the message is).
        gelukt=cast(str, lazy(lambda: importeren.samenvatting(aantal[0]), str)()),
        context={
            **_context(zaak),
            "bestand_formulier": BestandFormulier(),
            "voorbeeld": importeren.Voorbeeld(rijen),
        },
    )
    return antwoord


urlpatterns = [
    path("krachtenveld/importeren/", importeren_bestand, name="krachtenveld-importeren"),
    path(
        "krachtenveld/importeren/uitvoeren/",
        importeren_uitvoeren,
        name="krachtenveld-importeren-uitvoeren",
    ),
]
