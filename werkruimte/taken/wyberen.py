"""Wyberen: the steps of the process and their phases (divergeren, convergeren, consolideren).

Start a step with its doel; bring in options; choose, reject (with a reason) or merge them;
move the phase on (irreversible: confirmation and a toelichting); consolidate what was agreed
and fill in the consent matrix (party × ingestemd × formeel besloten), each row its own small
form, saved in place with htmx and as a plain POST without it; change who must consent with a
reason; reopen a settled step.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect

from cases import services
from cases.events import Actor
from cases.models import Fase, Instemming, Opdrachtgever, Optie, Speler, WyberStap

from ..formulieren import Dienstformulier, verwerk, voer_uit
from ..navigatie import zaakkop
from ..toegang import Zaak, taakpagina
from ..versie import versie_van
from ..wyberanker import ververs_bij_anker
from ..wyberformulieren import (
    BesluitFormulier,
    ConsolidatieFormulier,
    FaseFormulier,
    HeropenFormulier,
    InstemmersFormulier,
    InstemmingFormulier,
    OptieFormulier,
    Partijen,
    StartFormulier,
)
from ..wyberoverzicht import Instemmingsrij, Stapweergave, partijen, stappen
from . import Taak

TAAK = Taak(code="wyberen", label=_("Wyberen"), url_naam="werkruimte:wyberen", volgorde=40)

PAGINA = "werkruimte/taken/wyberen.html"
FRAGMENT = "werkruimte/taken/wyberen_formulier.html"
RIJ = "werkruimte/taken/wyberen_instemming.html"

# Form kind → URL name (each takes the case and the uuid of its step, option or consent).
ROUTES: dict[type[Dienstformulier], str] = {
    FaseFormulier: "wyber-fase",
    OptieFormulier: "wyber-optie",
    BesluitFormulier: "wyber-besluit",
    ConsolidatieFormulier: "wyber-consolidatie",
    InstemmingFormulier: "wyber-instemming",
    InstemmersFormulier: "wyber-instemmers",
    HeropenFormulier: "wyber-heropen",
}


def _url(zaak: Zaak) -> str:
    return reverse("werkruimte:wyberen", args=[zaak.bestuursproces.uuid])


def _actie(zaak: Zaak, soort: type[Dienstformulier], sleutel: uuid.UUID) -> str:
    return reverse(f"werkruimte:{ROUTES[soort]}", args=[zaak.bestuursproces.uuid, sleutel])


def _doel(formulier: Any) -> Any:
    """What a submitted form is about: its step, option or consent."""
    for attribuut in ("instemming", "optie", "stap"):
        if hasattr(formulier, attribuut):
            return getattr(formulier, attribuut)
    return None


def _zet_formulieren(
    zaak: Zaak,
    weergave: Stapweergave,
    partijen_: Partijen,
    standaard: list[Any],
    versie: int | None,
    gebonden: Dienstformulier | None,
) -> None:
    """The forms a step offers in its phase; the submitted form takes the place of its own."""
    stap = weergave.stap
    doel = _doel(gebonden)

    def zet(naam: str, soort: type[Dienstformulier], sleutel: Any, maak: Any) -> Any:
        formulier: Any = gebonden
        if not (isinstance(formulier, soort) and doel is not None and doel.pk == sleutel.pk):
            formulier = maak()
        formulier.actie = _actie(zaak, soort, sleutel.uuid)
        if naam:
            weergave.formulieren[naam] = formulier
        return formulier

    fase = Fase(stap.fase)
    if fase == Fase.DIVERGEREN:
        zet(
            "optie",
            OptieFormulier,
            stap,
            lambda: OptieFormulier(zaak=zaak, stap=stap, partijen=partijen_, versie=versie),
        )
    if fase == Fase.CONVERGEREN:
        for optie in weergave.opties:
            optie.besluitformulier = zet(  # type: ignore[attr-defined]
                "",
                BesluitFormulier,
                optie,
                lambda o=optie: BesluitFormulier(
                    zaak=zaak, optie=o, opties=weergave.opties, versie=versie
                ),
            )
    if fase in (Fase.DIVERGEREN, Fase.CONVERGEREN):
        zet("fase", FaseFormulier, stap, lambda: FaseFormulier(zaak=zaak, stap=stap, versie=versie))
    if fase == Fase.CONSOLIDEREN and weergave.consolidatie is None:
        zet(
            "consolidatie",
            ConsolidatieFormulier,
            stap,
            lambda: ConsolidatieFormulier(
                zaak=zaak, stap=stap, partijen=partijen_, standaard=standaard, versie=versie
            ),
        )
    if fase == Fase.CONSOLIDEREN and weergave.consolidatie is not None:
        for rij in weergave.rijen:
            rij.formulier = zet(
                "",
                InstemmingFormulier,
                rij.instemming,
                lambda i=rij.instemming: InstemmingFormulier(
                    zaak=zaak, instemming=i, versie=versie
                ),
            )
        zet(
            "instemmers",
            InstemmersFormulier,
            stap,
            lambda: InstemmersFormulier(
                zaak=zaak,
                stap=stap,
                partijen=partijen_,
                huidig=weergave.instemmers,
                versie=versie,
            ),
        )
    if fase == Fase.GECONSOLIDEERD:
        zet(
            "heropen",
            HeropenFormulier,
            stap,
            lambda: HeropenFormulier(zaak=zaak, stap=stap, versie=versie),
        )


def _pagina(
    request: HttpRequest, zaak: Zaak, gebonden: Dienstformulier | None = None
) -> HttpResponse:
    bestuursproces = zaak.bestuursproces
    weergaven = stappen(bestuursproces)
    context: dict[str, Any] = {"stappen": weergaven, "url": _url(zaak)}
    if not zaak.mag_werken:
        return render(request, PAGINA, {**context, "kop": zaakkop(zaak, TAAK.code)})
    versie = versie_van(bestuursproces)
    partijen_ = partijen(bestuursproces)
    # Who must consent by default is the same for every step of the case; read it only when
    # a consolidation form is shown.
    nodig = any(w.stap.fase == Fase.CONSOLIDEREN and w.consolidatie is None for w in weergaven)
    standaard = services.standaard_instemmers(weergaven[0].stap) if nodig else []
    for weergave in weergaven:
        _zet_formulieren(zaak, weergave, partijen_, standaard, versie, gebonden)
    start: Any = (
        gebonden
        if isinstance(gebonden, StartFormulier)
        else StartFormulier(zaak=zaak, versie=versie)
    )
    start.actie = reverse("werkruimte:wyber-start", args=[bestuursproces.uuid])
    context["start"] = start
    formulier = gebonden or start
    doel = _doel(formulier)
    anker = "#stappen-kop"
    if isinstance(doel, WyberStap):
        anker = f"#stap-{doel.volgnummer}"
    elif isinstance(doel, Optie | Instemming):
        anker = f"#stap-{doel.stap.volgnummer}"
    antwoord = verwerk(
        request,
        formulier,
        lambda f: _dienst(request, f),
        taak=TAAK.code,
        sjabloon=PAGINA,
        fragment=FRAGMENT,
        volgende=_url(zaak) + anker,
        gelukt=_gelukt(formulier),
        context=context,
    )
    return ververs_bij_anker(request, antwoord)


def _gelukt(formulier: Dienstformulier) -> str:
    return {
        StartFormulier: gettext("De stap is gestart."),
        FaseFormulier: gettext("De stap is naar de volgende fase."),
        OptieFormulier: gettext("De optie is ingebracht."),
        BesluitFormulier: gettext("Het besluit over de optie is vastgelegd."),
        ConsolidatieFormulier: gettext("De consolidatie is vastgelegd."),
        InstemmingFormulier: gettext("De instemming is vastgelegd."),
        InstemmersFormulier: gettext("Wie moet instemmen is gewijzigd."),
        HeropenFormulier: gettext("De stap is heropend in een nieuwe stap."),
    }.get(type(formulier), gettext("Opgeslagen."))


def _dienst(request: HttpRequest, f: Dienstformulier) -> object:
    actor = Actor.uit_request(request)
    g = f.cleaned_data
    if isinstance(f, StartFormulier):
        return services.start_wyberstap(
            actor=actor,
            bestuursproces=f.bestuursproces,
            doel=g["doel"],
            toelichting=f.toelichting_tekst,
            tijdstip=f.moment(),
        )
    if isinstance(f, FaseFormulier):
        return services.wijzig_fase(
            actor=actor,
            stap=f.stap,
            naar=g["naar"],
            toelichting=f.toelichting_tekst,
            tijdstip=f.moment(),
        )
    if isinstance(f, OptieFormulier):
        partij = f.inbrenger_partij()
        return services.breng_optie_in(
            actor=actor,
            stap=f.stap,
            titel=g["titel"],
            omschrijving=g.get("omschrijving") or "",
            speler=partij if isinstance(partij, Speler) else None,
            opdrachtgever=partij if isinstance(partij, Opdrachtgever) else None,
            toelichting=f.toelichting_tekst,
            tijdstip=f.moment(),
        )
    if isinstance(f, BesluitFormulier):
        return services.besluit_over_optie(
            actor=actor,
            optie=f.optie,
            status=g["status"],
            reden=g.get("reden") or "",
            samengevoegd_in=f.samenvoegen_met(),
            tijdstip=f.moment(),
        )
    if isinstance(f, ConsolidatieFormulier):
        return services.consolideer(
            actor=actor,
            stap=f.stap,
            uitkomst=g["uitkomst"],
            tekst=g["tekst"],
            document_titel=g.get("document_titel") or "",
            document_url=g.get("document_url") or "",
            instemmers=f.partijen.van(g["instemmers"]),
            toelichting=f.toelichting_tekst,
            tijdstip=f.moment(),
        )
    if isinstance(f, InstemmingFormulier):
        return services.leg_instemming_vast(
            actor=actor,
            instemming=f.instemming,
            status=g["status"],
            voorbehoud=g.get("voorbehoud") or "",
            formeel_besloten=bool(g.get("formeel_besloten")),
            besloten_op=g.get("besloten_op"),
            besluitreferentie=g.get("besluitreferentie") or "",
        )
    if isinstance(f, InstemmersFormulier):
        return services.wijzig_instemmers(
            actor=actor,
            stap=f.stap,
            reden=g["reden"],
            toevoegen=f.partijen.van(g.get("toevoegen") or []),
            verwijderen=f.partijen.van(g.get("verwijderen") or []),
            tijdstip=f.moment(),
        )
    assert isinstance(f, HeropenFormulier)
    return services.heropen_wyberstap(
        actor=actor,
        stap=f.stap,
        reden=g["reden"],
        doel=(g.get("doel") or "").strip() or None,
        tijdstip=f.moment(),
    )


@taakpagina
def wyberen(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    return _pagina(request, zaak)


@taakpagina
def start(request: HttpRequest, zaak: Zaak) -> HttpResponse:
    if request.method != "POST":
        return redirect(_url(zaak))
    return _pagina(request, zaak, StartFormulier(data=request.POST, zaak=zaak))


def _stap(zaak: Zaak, sleutel: uuid.UUID) -> WyberStap:
    stap = WyberStap.objects.filter(bestuursproces=zaak.bestuursproces, uuid=sleutel).first()
    if stap is None:
        raise Http404
    return stap


def _stapformulier(soort: type[Dienstformulier]) -> Any:
    """The view of a form about one step."""

    @taakpagina
    def view(request: HttpRequest, zaak: Zaak, sleutel: uuid.UUID) -> HttpResponse:
        stap = _stap(zaak, sleutel)
        if request.method != "POST":
            return redirect(f"{_url(zaak)}#stap-{stap.volgnummer}")
        extra: dict[str, Any] = {}
        if soort in (OptieFormulier, ConsolidatieFormulier, InstemmersFormulier):
            extra["partijen"] = partijen(zaak.bestuursproces)
        if soort is ConsolidatieFormulier:
            extra["standaard"] = []
        if soort is InstemmersFormulier:
            extra["huidig"] = [
                i.speler or i.opdrachtgever
                for i in Instemming.objects.filter(stap=stap).select_related(
                    "speler", "opdrachtgever"
                )
            ]
        formulier = soort(data=request.POST, zaak=zaak, stap=stap, **extra)
        return _pagina(request, zaak, formulier)

    return view


@taakpagina
def besluit(request: HttpRequest, zaak: Zaak, sleutel: uuid.UUID) -> HttpResponse:
    optie = (
        Optie.objects.filter(bestuursproces=zaak.bestuursproces, uuid=sleutel)
        .select_related("stap")
        .first()
    )
    if optie is None:
        raise Http404
    if request.method != "POST":
        return redirect(f"{_url(zaak)}#stap-{optie.stap.volgnummer}")
    opties = list(Optie.objects.filter(stap=optie.stap).order_by("ingebracht_op", "id"))
    formulier = BesluitFormulier(data=request.POST, zaak=zaak, optie=optie, opties=opties)
    return _pagina(request, zaak, formulier)


@taakpagina
def instemming(request: HttpRequest, zaak: Zaak, sleutel: uuid.UUID) -> HttpResponse:
    """One row of the consent matrix. Without JavaScript: the page as any other form. With
    htmx: the row alone, saved in place, with the case's new version for the page's other
    forms; when this consent settles the step, the whole page (the step changed phase)."""
    gevonden = (
        Instemming.objects.filter(bestuursproces=zaak.bestuursproces, uuid=sleutel)
        .select_related("stap", "speler", "opdrachtgever")
        .first()
    )
    if gevonden is None:
        raise Http404
    anker = f"{_url(zaak)}#stap-{gevonden.stap.volgnummer}"
    if request.method != "POST":
        return redirect(anker)
    formulier: InstemmingFormulier = InstemmingFormulier(
        data=request.POST, zaak=zaak, instemming=gevonden
    )
    if not getattr(request, "htmx", False):
        return _pagina(request, zaak, formulier)
    status, opgeslagen = 200, False
    if not formulier.is_valid():
        status = 400
    elif voer_uit(formulier, lambda: _dienst(request, formulier)):
        stap = WyberStap.objects.get(pk=gevonden.stap_id)
        if stap.fase == Fase.GECONSOLIDEERD:
            messages.success(
                request,
                gettext("Iedereen heeft ingestemd en formeel besloten: de stap is geconsolideerd."),
            )
            return ververs_bij_anker(request, HttpResponseClientRedirect(anker))
        gevonden.refresh_from_db()
        formulier = InstemmingFormulier(
            zaak=zaak, instemming=gevonden, versie=versie_van(zaak.bestuursproces)
        )
        opgeslagen = True
    else:
        status = 409 if formulier.heeft_conflict else 400
    formulier.actie = _actie(zaak, InstemmingFormulier, gevonden.uuid)  # type: ignore[attr-defined]
    rij = Instemmingsrij(
        instemming=gevonden,
        partij=Partijen.naam(gevonden.speler or gevonden.opdrachtgever),  # type: ignore[arg-type]
        formulier=formulier,
    )
    return render(
        request,
        RIJ,
        {"rij": rij, "stap": gevonden.stap, "opgeslagen": opgeslagen, "los": True},
        status=status,
    )


urlpatterns = [
    path("wyberen/", wyberen, name="wyberen"),
    path("wyberen/stap/", start, name="wyber-start"),
    path("wyberen/stap/<uuid:sleutel>/fase/", _stapformulier(FaseFormulier), name="wyber-fase"),
    path("wyberen/stap/<uuid:sleutel>/optie/", _stapformulier(OptieFormulier), name="wyber-optie"),
    path(
        "wyberen/stap/<uuid:sleutel>/consolidatie/",
        _stapformulier(ConsolidatieFormulier),
        name="wyber-consolidatie",
    ),
    path(
        "wyberen/stap/<uuid:sleutel>/instemmers/",
        _stapformulier(InstemmersFormulier),
        name="wyber-instemmers",
    ),
    path(
        "wyberen/stap/<uuid:sleutel>/heropen/",
        _stapformulier(HeropenFormulier),
        name="wyber-heropen",
    ),
    path("wyberen/optie/<uuid:sleutel>/besluit/", besluit, name="wyber-besluit"),
    path("wyberen/instemming/<uuid:sleutel>/", instemming, name="wyber-instemming"),
]
