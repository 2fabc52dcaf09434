"""Forms that call a service: keep the input when refused, say why at the field.

Every write of the workspace runs through :func:`verwerk`:

- a reading role never gets here (403, see ``toegang.taakpagina``);
- the form is checked; an irreversible step (``onomkeerbaar``) first shows a confirmation
  step that asks for a toelichting;
- the write is one transaction from its first read of the case, as an API write request is
  (``procesregie.transacties.schrijfverzoek``): the case is locked and read once with the
  member's role, for the version check (``versie.eis_versie``, the web's If-Match) and for
  the service, which runs in that transaction; a refusal rolls it back and lands on the
  form: ``OngeldigeInvoer`` per field, another ``DomainError`` (a ``Geschiedenisconflict``
  included) at its ``veld``, Django's ``ValidationError`` per field, ``PermissionDenied``
  for the form as a whole; the user's input stays as typed;
- on success: a message and a redirect (POST/redirect/GET), or for htmx ``HX-Redirect`` so
  the whole page shows the new state; on a refusal htmx gets the form fragment alone, a
  browser without JavaScript the whole page, both with status 400 (409 for a conflict);
- a form sent again after it was saved (Save pressed twice, a retry after a lost
  connection, Back and Save) writes nothing and leads where the first did
  (:mod:`werkruimte.verzending`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect

from cases.exceptions import DomainError, OngeldigeInvoer, PoortGesloten
from cases.models import Bestuursproces
from cases.selectors import bestuursproces_voor
from procesregie.transacties import markeer_vergrendeld, schrijfverzoek

from .navigatie import zaakkop
from .toegang import Zaak
from .versie import Versieconflict, Wijziging, eis_versie, versie_van
from .verzending import AL_VERWERKT, AlVerwerkt, Verzending


class Dienstformulier(forms.Form):
    """A form whose write is one service call.

    ``veldnamen`` maps a service's field name (snake_case, possibly dotted as
    ``opdracht.budget``) to this form's field where they differ; an error on a field the form
    does not have is shown above the form.
    """

    veldnamen: ClassVar[Mapping[str, str]] = {}
    onomkeerbaar: ClassVar[bool] = False

    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Made when the page is shown; a form sent again with it is written once (verzending).
    verzendsleutel = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Waarom deze wijziging? De toelichting komt in de geschiedenis van het proces."
        ),
    )

    def __init__(
        self, *args: Any, zaak: Zaak | None, versie: int | None = None, **kwargs: Any
    ) -> None:
        """``versie``: the case's version when the page read it already (a list of forms
        reads it once, not per row); else an unbound form reads it."""
        super().__init__(*args, **kwargs)
        # None for a form that creates the case itself: no case, no version to check.
        self.zaak = zaak
        self.weigering: Exception | None = None
        self.wijzigingen: list[Wijziging] = []
        self.aantal_wijzigingen = 0
        self.vraagt_bevestiging = False
        if not self.is_bound:
            self.initial.setdefault("verzendsleutel", uuid.uuid4().hex)
        if zaak is None:
            del self.fields["versie"]
        elif not self.is_bound:
            self.initial.setdefault(
                "versie", versie if versie is not None else versie_van(zaak.bestuursproces)
            )

    @property
    def bestuursproces(self) -> Bestuursproces:
        """The case the form works on; only a form that opens a case has none."""
        if self.zaak is None:
            raise RuntimeError("Dit formulier hoort niet bij een bestuursproces.")
        return self.zaak.bestuursproces

    @property
    def toelichting_tekst(self) -> str:
        return str(self.cleaned_data.get("toelichting") or "").strip()

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if self.onomkeerbaar and gegevens.get("bevestigd") and not self.toelichting_tekst:
            self.add_error(
                "toelichting",
                forms.ValidationError(
                    gettext("Deze stap is niet terug te draaien: geef een toelichting."),
                    code="required",
                ),
            )
        return gegevens

    # Refusals -----------------------------------------------------------------------------

    def veld_voor(self, naam: str | None) -> str | None:
        if not naam:
            return None
        for kandidaat in (naam, naam.rsplit(".", 1)[-1]):
            kandidaat = self.veldnamen.get(kandidaat, kandidaat)
            if kandidaat in self.fields and not self.fields[kandidaat].widget.is_hidden:
                return kandidaat
        return None

    def weiger(self, naam: str | None, teksten: Iterable[str]) -> None:
        veld = self.veld_voor(naam)
        for tekst in teksten:
            self.add_error(veld, tekst)

    def neem_weigering_op(self, fout: Exception) -> None:
        self.weigering = fout
        self.vraagt_bevestiging = False
        if isinstance(fout, PoortGesloten):
            # The API's detail names its 'forceren' flag; a page says it in its own words.
            if "forceren" in self.fields:
                hint = gettext("Wilt u toch door, kies dan 'Forceren' en licht toe waarom.")
            else:
                hint = gettext("Alleen de procesregisseur kan de overgang toch laten doorgaan.")
            self.weiger(fout.veld, [*fout.bezwaren, hint])
        elif isinstance(fout, OngeldigeInvoer):
            for naam, items in fout.fouten.items():
                self.weiger(naam, [tekst for _code, tekst in items])
        elif isinstance(fout, DomainError):
            self.weiger(fout.veld, [fout.detail])
        elif isinstance(fout, ValidationError):
            if hasattr(fout, "error_dict"):
                for naam, lijst in fout.message_dict.items():
                    self.weiger(None if naam == "__all__" else naam, lijst)
            else:
                self.weiger(None, fout.messages)
        elif isinstance(fout, PermissionDenied):
            self.weiger(None, [str(fout) or gettext("U mag deze wijziging niet maken.")])
        elif isinstance(fout, Versieconflict):
            self.wijzigingen = fout.wijzigingen
            self.aantal_wijzigingen = fout.aantal
            self.zet_waarde("versie", fout.huidig)
            self.add_error(
                None,
                gettext(
                    "Iemand anders heeft dit bestuursproces gewijzigd terwijl u dit formulier "
                    "invulde. Er is niets opgeslagen; uw invoer staat er nog. Bekijk wat er "
                    "veranderd is en verstuur opnieuw als uw wijziging nog klopt."
                ),
            )

    def zet_waarde(self, veld: str, waarde: Any) -> None:
        """Change one submitted value, keeping the rest as typed."""
        data = QueryDict(mutable=True)
        for sleutel in self.data:
            data.setlist(sleutel, _lijst(self.data, sleutel))
        data[self.add_prefix(veld)] = str(waarde)
        self.data = data

    @property
    def heeft_conflict(self) -> bool:
        return isinstance(self.weigering, Versieconflict)


def _lijst(data: Mapping[str, Any], sleutel: str) -> list[str]:
    if isinstance(data, QueryDict):
        return data.getlist(sleutel)
    waarde = data[sleutel]
    return [str(w) for w in waarde] if isinstance(waarde, list | tuple) else [str(waarde)]


class _Geweigerd:
    """The result of a refused call (a service may return None on success)."""


GEWEIGERD = _Geweigerd()


def _vergrendel(zaak: Zaak) -> Bestuursproces:
    """Lock the case row with the member's role, once for the version check and the service:
    the service takes this row instead of reading it again
    (:func:`procesregie.transacties.neem_vergrendeling`)."""
    if zaak.gebruiker is None:
        return Bestuursproces.objects.select_for_update().get(pk=zaak.bestuursproces.pk)
    vergrendeld = bestuursproces_voor(zaak.gebruiker, zaak.bestuursproces.uuid, vergrendel=True)
    markeer_vergrendeld(vergrendeld, zaak.gebruiker.pk)
    return vergrendeld


def voer_uit(formulier: Dienstformulier, aanroep: Callable[[], object]) -> bool:
    """Run the service call after the version check; on a refusal put it on the form."""
    return not isinstance(roep_aan(formulier, aanroep), _Geweigerd)


def roep_aan(
    formulier: Dienstformulier,
    aanroep: Callable[[], object],
    verzending: Verzending | None = None,
) -> object:
    """As :func:`voer_uit`, returning the service's result, or ``GEWEIGERD``. With a
    ``verzending``, a form saved before returns :class:`AlVerwerkt` and writes nothing; one
    saved now keeps the page it leads to."""
    try:
        with schrijfverzoek():
            if verzending is not None and (eerder := verzending.eerder()) is not None:
                return eerder
            if formulier.zaak is not None:
                vergrendeld = _vergrendel(formulier.zaak)
                versie = formulier.cleaned_data.get("versie")
                if versie is not None:
                    eis_versie(vergrendeld, versie)
            resultaat = aanroep()
            if verzending is not None:
                verzending.onthoud(resultaat)
            return resultaat
    except (DomainError, ValidationError, PermissionDenied, Versieconflict) as fout:
        formulier.neem_weigering_op(fout)
        return GEWEIGERD


def verwerk(
    request: HttpRequest,
    formulier: Dienstformulier,
    aanroep: Callable[[Dienstformulier], object],
    *,
    taak: str | None,
    sjabloon: str,
    fragment: str,
    volgende: str | Callable[[Any], str],
    gelukt: str,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Handle GET and POST of a task page with one service form (see the module docstring).

    ``volgende`` is the URL to go to after success, or a function of the service's result
    giving it. ``sjabloon`` is the full page, which includes ``fragment`` (the form alone); both get
    ``formulier``, ``context`` and, on a case's page (``taak``), ``kop``.
    """
    status = 200
    if request.method == "POST":
        if not formulier.is_valid():
            status = 400
        elif formulier.onomkeerbaar and not formulier.cleaned_data.get("bevestigd"):
            formulier.vraagt_bevestiging = True
            formulier.zet_waarde("bevestigd", "on")
        else:

            def naar(resultaat: object) -> str:
                return volgende(resultaat) if callable(volgende) else volgende

            resultaat = roep_aan(
                formulier, lambda: aanroep(formulier), Verzending.van(request, formulier, naar)
            )
            if not isinstance(resultaat, _Geweigerd):
                if isinstance(resultaat, AlVerwerkt):
                    messages.info(request, str(AL_VERWERKT))
                    url = resultaat.url
                else:
                    messages.success(request, gelukt)
                    url = naar(resultaat)
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(url)
                return redirect(url)
            status = 409 if formulier.heeft_conflict else 400
    inhoud = {**(context or {}), "formulier": formulier}
    if formulier.zaak is not None and taak is not None:
        inhoud["kop"] = zaakkop(formulier.zaak, taak)
    gekozen = fragment if getattr(request, "htmx", False) else sjabloon
    return render(request, gekozen, inhoud, status=status)


def samenvatting(formulier: Dienstformulier) -> list[tuple[str, str]]:
    """The filled-in fields as label and shown value, for the confirmation step."""
    regels: list[tuple[str, str]] = []
    for veld in formulier.visible_fields():
        if veld.name == "toelichting":
            continue
        waarde = formulier.cleaned_data.get(veld.name)
        if waarde in (None, "", [], False):
            continue
        keuzes = dict(getattr(veld.field, "choices", []) or [])
        if isinstance(waarde, list | tuple):
            tekst = ", ".join(str(keuzes.get(w, w)) for w in waarde)
        elif isinstance(waarde, bool):
            tekst = gettext("ja")
        else:
            tekst = str(keuzes.get(waarde, waarde))
        regels.append((str(veld.label), tekst))
    return regels
