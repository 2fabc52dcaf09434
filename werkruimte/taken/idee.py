"""Idee en procesontwerp: revise either, and see what each version changed against the one
before it (word by word, the planned steps line by line)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.exceptions import DomainError
from cases.models import Aanpak, IdeeVersie, ProcesontwerpVersie, Speler
from cases.services.idee import IdeeInhoud
from cases.services.procesontwerp import MAX_PROCESSTRATEGIE, ProcesontwerpInhoud

from ..formulieren import Dienstformulier, verwerk
from ..idee_versies import (
    IDEEVELDEN,
    ideeoverzicht,
    ideeversies,
    procesontwerpoverzicht,
    procesontwerpversies,
)
from ..toegang import Zaak, taakpagina
from ..velden import DatumVeld, TijdstipMixin
from ..wyberanker import ververs_bij_anker
from . import Taak

TAAK = Taak(code="idee", label=_("Idee en procesontwerp"), url_naam="werkruimte:idee", volgorde=30)

# Empty rows for new planned steps below the existing ones.
LEGE_STAPPEN = 3


def _tekstveld(label: Any, *, required: bool = False, rows: int = 3, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class IdeeFormulier(TijdstipMixin, Dienstformulier):
    wat = _tekstveld(_("Wat is het idee?"), required=True, rows=4)
    context = _tekstveld(_("Context waarin het is geboren"))
    sterkte = _tekstveld(
        _("Wat maakt het sterk?"),
        help_text=_("Onderbouwing, maatschappelijke waarde, urgentie."),
    )
    eigenaren = _tekstveld(
        _("Idee-eigenaren"), help_text=_("Wie het idee dragen, ook als zij geen speler zijn.")
    )
    eigenaar_spelers = forms.MultipleChoiceField(
        label=_("Idee-eigenaren onder de spelers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verrijking = _tekstveld(_("Verrijking"))
    concretisering = _tekstveld(_("Concretisering in (deel)resultaten"))
    framing = _tekstveld(_("Framing naar buiten"))
    stip_op_de_horizon = _tekstveld(_("Stip op de horizon"), rows=2)

    field_order = [
        *IDEEVELDEN[:4],
        "eigenaar_spelers",
        *IDEEVELDEN[4:],
        "toelichting",
        "tijdstip",
        "tijdstip_tijd",
    ]

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        huidig: IdeeVersie | None,
        spelers: list[Speler],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix="idee", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.actie = reverse("werkruimte:idee", args=[zaak.bestuursproces.uuid])
        self.knop = gettext("Idee herzien")
        self.html_id = "ideeformulier"
        self.fields["toelichting"].help_text = _(
            "Waarom deze herziening? Dit staat bij de versie en in de geschiedenis."
        )
        keuzes = self.fields["eigenaar_spelers"]
        assert isinstance(keuzes, forms.MultipleChoiceField)
        keuzes.choices = [(str(s.uuid), s.naam) for s in spelers]
        if not spelers:
            del self.fields["eigenaar_spelers"]
        if huidig is not None and not self.is_bound:
            for naam in IDEEVELDEN:
                self.initial[naam] = getattr(huidig, naam)
            self.initial["eigenaar_spelers"] = [
                str(e.speler.uuid) for e in huidig.eigenaars.all() if e.speler is not None
            ]
        # The form chooses among the spelers; owners of other kinds (set through the API) stay.
        eigenaars = list(huidig.eigenaars.all()) if huidig is not None else []
        self.eigenaar_opdrachtgevers = tuple(
            e.opdrachtgever.uuid for e in eigenaars if e.opdrachtgever is not None
        )
        self.eigenaar_organisaties = tuple(
            e.organisatie.uuid for e in eigenaars if e.organisatie is not None
        )

    def inhoud(self) -> IdeeInhoud:
        gegevens = self.cleaned_data
        return IdeeInhoud(
            **{naam: str(gegevens.get(naam) or "").strip() for naam in IDEEVELDEN},
            eigenaar_spelers=tuple(uuid.UUID(u) for u in gegevens.get("eigenaar_spelers") or []),
            eigenaar_opdrachtgevers=self.eigenaar_opdrachtgevers,
            eigenaar_organisaties=self.eigenaar_organisaties,
        )


class ProcesontwerpFormulier(TijdstipMixin, Dienstformulier):
    processtrategie = _tekstveld(
        _("Processtrategie"),
        required=True,
        rows=4,
        max_length=MAX_PROCESSTRATEGIE,
        help_text=_("De rode draad van de procesregie, in een paar eenvoudige zinnen."),
    )
    aanpak = forms.ChoiceField(label=_("Aanpak"), choices=Aanpak.choices, widget=forms.RadioSelect)
    spelregels = _tekstveld(_("Spelregels"))
    exitregels = _tekstveld(_("Exitregels"))
    communicatie = _tekstveld(_("Communicatie"))
    aantal_stappen = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, zaak: Zaak, huidig: ProcesontwerpVersie | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix="ontwerp", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.actie = reverse("werkruimte:procesontwerp", args=[zaak.bestuursproces.uuid])
        self.knop = gettext("Procesontwerp herzien")
        self.html_id = "procesontwerpformulier"
        self.fields["toelichting"].help_text = _(
            "Waarom deze herziening? Dit staat bij de versie en in de geschiedenis."
        )
        stappen = list(huidig.geplande_stappen) if huidig is not None else []
        if self.is_bound:
            try:
                aantal = int(self.data.get(self.add_prefix("aantal_stappen")) or 0)
            except ValueError:
                aantal = 0
            aantal = min(max(aantal, 0), 60)
        else:
            aantal = len(stappen) + LEGE_STAPPEN
            self.initial["aantal_stappen"] = aantal
            self.initial["aanpak"] = zaak.bestuursproces.aanpak
            if huidig is not None:
                for naam in ("processtrategie", "spelregels", "exitregels", "communicatie"):
                    self.initial[naam] = getattr(huidig, naam)
                self.initial["aanpak"] = huidig.aanpak
        self.aantal = aantal
        # The form rows that held a planned step, in the order sent to the service.
        self.rijen: list[int] = []
        for index in range(aantal):
            nummer = index + 1
            self.fields[f"stap_{index}_titel"] = forms.CharField(
                label=_("Stap %(nummer)d: titel") % {"nummer": nummer}, required=False
            )
            self.fields[f"stap_{index}_gepland"] = DatumVeld(
                label=_("Stap %(nummer)d: gepland op") % {"nummer": nummer}, required=False
            )
            self.fields[f"stap_{index}_omschrijving"] = _tekstveld(
                _("Stap %(nummer)d: omschrijving") % {"nummer": nummer}, rows=2
            )
            if index < len(stappen) and not self.is_bound:
                stap = stappen[index]
                self.initial[f"stap_{index}_titel"] = stap.get("titel", "")
                self.initial[f"stap_{index}_gepland"] = stap.get("gepland") or ""
                self.initial[f"stap_{index}_omschrijving"] = stap.get("omschrijving", "")
        self.order_fields(
            [
                "processtrategie",
                "aanpak",
                "spelregels",
                "exitregels",
                "communicatie",
                *[
                    f"stap_{i}_{deel}"
                    for i in range(aantal)
                    for deel in ("titel", "gepland", "omschrijving")
                ],
                "toelichting",
                "tijdstip",
                "tijdstip_tijd",
            ]
        )

    def veld_voor(self, naam: str | None) -> str | None:
        # The service names a planned step's field as geplande_stappen.<index>.<part>; the
        # indexes are those of the filled-in rows, which :meth:`inhoud` remembers.
        if naam and naam.startswith("geplande_stappen."):
            delen = naam.split(".")
            if len(delen) == 3 and delen[1].isdigit() and int(delen[1]) < len(self.rijen):
                veld = f"stap_{self.rijen[int(delen[1])]}_{delen[2]}"
                if veld in self.fields:
                    return veld
            return None
        return super().veld_voor(naam)

    def inhoud(self) -> ProcesontwerpInhoud:
        gegevens = self.cleaned_data
        stappen = []
        self.rijen = []
        for index in range(self.aantal):
            titel = str(gegevens.get(f"stap_{index}_titel") or "").strip()
            gepland = gegevens.get(f"stap_{index}_gepland")
            omschrijving = str(gegevens.get(f"stap_{index}_omschrijving") or "").strip()
            if not (titel or gepland or omschrijving):
                continue
            self.rijen.append(index)
            stappen.append({"titel": titel, "gepland": gepland, "omschrijving": omschrijving})
        return ProcesontwerpInhoud(
            processtrategie=str(gegevens.get("processtrategie") or "").strip(),
            aanpak=str(gegevens.get("aanpak") or ""),
            spelregels=str(gegevens.get("spelregels") or "").strip(),
            exitregels=str(gegevens.get("exitregels") or "").strip(),
            communicatie=str(gegevens.get("communicatie") or "").strip(),
            geplande_stappen=stappen,
        )


def _gevraagd(request: HttpRequest, naam: str) -> int | None:
    waarde = request.GET.get(naam, "")
    return int(waarde) if waarde.isdigit() else None


def _pagina(
    request: HttpRequest,
    zaak: Zaak,
    *,
    gebonden: IdeeFormulier | ProcesontwerpFormulier | None = None,
) -> HttpResponse:
    """The page, with ``gebonden`` (the submitted form) in its place and the other one fresh."""
    bestuursproces = zaak.bestuursproces
    ideeen = ideeversies(bestuursproces)
    ontwerpen = procesontwerpversies(bestuursproces)
    spelers = list(Speler.objects.filter(bestuursproces=bestuursproces).order_by("naam", "id"))
    idee_formulier = (
        gebonden
        if isinstance(gebonden, IdeeFormulier)
        else IdeeFormulier(zaak=zaak, huidig=ideeen[0] if ideeen else None, spelers=spelers)
    )
    ontwerp_formulier = (
        gebonden
        if isinstance(gebonden, ProcesontwerpFormulier)
        else ProcesontwerpFormulier(zaak=zaak, huidig=ontwerpen[0] if ontwerpen else None)
    )
    formulier = gebonden or idee_formulier
    url = reverse("werkruimte:idee", args=[bestuursproces.uuid])

    def herzie(f: Dienstformulier) -> object:
        actor = Actor.uit_request(request)
        if isinstance(f, IdeeFormulier):
            vorige = ideeen[0].versie if ideeen else 0
            versie: IdeeVersie | ProcesontwerpVersie = services.herzie_idee(
                actor=actor,
                bestuursproces=bestuursproces,
                inhoud=f.inhoud(),
                toelichting=f.toelichting_tekst,
                tijdstip=f.moment(),
            )
        else:
            assert isinstance(f, ProcesontwerpFormulier)
            vorige = ontwerpen[0].versie if ontwerpen else 0
            versie = services.herzie_procesontwerp(
                actor=actor,
                bestuursproces=bestuursproces,
                inhoud=f.inhoud(),
                toelichting=f.toelichting_tekst,
                tijdstip=f.moment(),
            )
        if versie.versie == vorige:
            # The service wrote nothing (the same content is no new version); say so rather
            # than report a revision.
            raise DomainError(
                gettext(
                    "Er is niets veranderd ten opzichte van versie %(versie)d: er is geen nieuwe "
                    "versie gemaakt."
                )
                % {"versie": vorige}
            )
        return versie

    is_idee = isinstance(formulier, IdeeFormulier)
    antwoord = verwerk(
        request,
        formulier,
        herzie,
        taak=TAAK.code,
        sjabloon="werkruimte/taken/idee.html",
        fragment="werkruimte/taken/idee_formulier.html",
        volgende=url + ("#idee-kop" if is_idee else "#procesontwerp-kop"),
        gelukt=gettext("Het idee is herzien.")
        if is_idee
        else gettext("Het procesontwerp is herzien."),
        context={
            "idee_formulier": idee_formulier,
            "ontwerp_formulier": ontwerp_formulier,
            "idee": ideeoverzicht(ideeen, _gevraagd(request, "idee")),
            "procesontwerp": procesontwerpoverzicht(ontwerpen, _gevraagd(request, "procesontwerp")),
            "url": url,
        },
    )
    return ververs_bij_anker(request, antwoord)


@taakpagina
def idee(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return _pagina(request, zaak)
    ideeen = ideeversies(zaak.bestuursproces)
    spelers = list(Speler.objects.filter(bestuursproces=zaak.bestuursproces).order_by("naam", "id"))
    formulier = IdeeFormulier(
        request.POST, zaak=zaak, huidig=ideeen[0] if ideeen else None, spelers=spelers
    )
    return _pagina(request, zaak, gebonden=formulier)


@taakpagina
def procesontwerp(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        url = reverse("werkruimte:idee", args=[zaak.bestuursproces.uuid])
        return redirect(url + "#procesontwerp-kop")
    formulier = ProcesontwerpFormulier(request.POST, zaak=zaak, huidig=None)
    return _pagina(request, zaak, gebonden=formulier)


urlpatterns = [
    path("idee/", idee, name="idee"),
    path("idee/procesontwerp/", procesontwerp, name="procesontwerp"),
]
