"""herzie_procesontwerp: every revision is a new numbered version with its procesontwerp.herzien
event; a revision's aanpak becomes the case's aanpak."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, ProcesontwerpVersie
from cases.services.procesontwerp import ProcesontwerpInhoud

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    samenvatting,
    schrijft_niets,
    sluit_af,
    utc,
    verwacht,
)

STRATEGIE = (
    "Eerst verbinden, dan versnellen: we brengen de partijen rond de kade samen voordat we "
    "over geld praten."
)
VOLLEDIG = ProcesontwerpInhoud(
    processtrategie=STRATEGIE,
    aanpak="lineair",
    spelregels="Niets staat vast totdat alles vaststaat.",
    exitregels="Wie uitstapt, meldt dat in de stuurgroep.",
    communicatie="Na elke stuurgroep een nieuwsbrief.",
    geplande_stappen=(
        {"titel": "Verkenning", "gepland": dt.date(2026, 5, 1), "omschrijving": "Gesprekken"},
        {"titel": "Ontwerpateliers", "gepland": "2026-06-15"},
        {"titel": "Besluit"},
    ),
)
STAPPEN = [
    {"titel": "Verkenning", "gepland": "2026-05-01", "omschrijving": "Gesprekken"},
    {"titel": "Ontwerpateliers", "gepland": "2026-06-15", "omschrijving": ""},
    {"titel": "Besluit", "gepland": None, "omschrijving": ""},
]


@contextlib.contextmanager
def niets_geschreven() -> Iterator[None]:
    """No case table changed, procesontwerpversies included."""
    voor = list(ProcesontwerpVersie.objects.order_by("pk").values())
    with schrijft_niets():
        yield
    assert list(ProcesontwerpVersie.objects.order_by("pk").values()) == voor


def herzie(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> ProcesontwerpVersie:
    inhoud: dict[str, Any] = {"processtrategie": STRATEGIE, "aanpak": "cyclisch"} | velden
    return services.herzie_procesontwerp(
        actor=actor, bestuursproces=bestuursproces, inhoud=ProcesontwerpInhoud(**inhoud)
    )


def test_eerste_versie_met_haar_gebeurtenis_zet_ook_de_aanpak(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    assert bestuursproces.aanpak == "cyclisch"
    tijdstip = timezone.now()

    versie = services.herzie_procesontwerp(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=VOLLEDIG,
        toelichting="Eerste ontwerp na de verkenning",
        tijdstip=tijdstip,
    )

    assert (versie.versie, versie.auteur, versie.aangemaakt_op) == (1, regisseur, tijdstip)
    assert versie.geplande_stappen == STAPPEN
    assert selectors.huidig_procesontwerp(bestuursproces) == versie
    assert Bestuursproces.objects.get(pk=bestuursproces.pk).aanpak == "lineair"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "procesontwerp.herzien",
        {
            "procesontwerp": {
                "uuid": str(versie.uuid),
                "versie": 1,
                "processtrategie": STRATEGIE,
                "aanpak": "lineair",
                "spelregels": VOLLEDIG.spelregels,
                "exitregels": VOLLEDIG.exitregels,
                "communicatie": VOLLEDIG.communicatie,
                "geplandeStappen": STAPPEN,
                "toelichting": "Eerste ontwerp na de verkenning",
                "auteur": "regisseur",
                "aangemaaktOp": utc(tijdstip),
            },
            "vorigeAanpak": "cyclisch",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Eerste ontwerp na de verkenning",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_versies_lopen_door_en_de_aanpak_blijft_als_hij_niet_verandert(
    bestuursproces: Bestuursproces, actor: Actor, kernteamlid: Any
) -> None:
    eerste = herzie(actor, bestuursproces)
    tweede = herzie(actor_van(kernteamlid), bestuursproces, spelregels="Open kaart spelen")

    assert (eerste.versie, tweede.versie) == (1, 2)
    assert tweede.auteur == kernteamlid
    assert list(selectors.procesontwerpversies(bestuursproces).order_by("versie")) == [
        eerste,
        tweede,
    ]
    assert ProcesontwerpVersie.objects.get(pk=eerste.pk).spelregels == ""
    gebeurtenis = gebeurtenissen_na(bestuursproces, 4)[-1]
    assert gebeurtenis.payload["procesontwerp"]["versie"] == 2
    assert gebeurtenis.payload["vorigeAanpak"] == "cyclisch"
    assert Bestuursproces.objects.get(pk=bestuursproces.pk).aanpak == "cyclisch"


def actor_van(gebruiker: Any) -> Actor:
    return Actor(gebruiker=gebruiker, herkomst="test")


def test_dezelfde_inhoud_schrijft_niets(bestuursproces: Bestuursproces, actor: Actor) -> None:
    huidig = services.herzie_procesontwerp(
        actor=actor, bestuursproces=bestuursproces, inhoud=VOLLEDIG
    )
    with niets_geschreven():
        resultaat = services.herzie_procesontwerp(
            actor=actor,
            bestuursproces=bestuursproces,
            inhoud=VOLLEDIG,
            toelichting="Nog eens opgeslagen",
        )
    assert resultaat == huidig


def test_dezelfde_inhoud_na_een_andere_aanpak_van_het_proces_is_een_nieuwe_versie(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    herzie(actor, bestuursproces)
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={"aanpak": "flipperkast"}
    )

    versie = herzie(actor, bestuursproces)

    assert versie.versie == 2
    assert Bestuursproces.objects.get(pk=bestuursproces.pk).aanpak == "cyclisch"
    assert gebeurtenissen_na(bestuursproces, 5)[-1].payload["vorigeAanpak"] == "flipperkast"


def weigering(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> dict[str, Any]:
    with niets_geschreven(), pytest.raises(OngeldigeInvoer) as fout:
        herzie(actor, bestuursproces, **velden)
    return {veld: meldingen[0] for veld, meldingen in fout.value.fouten.items()}


@pytest.mark.parametrize("strategie", ["", "   "])
def test_zonder_processtrategie(
    bestuursproces: Bestuursproces, actor: Actor, strategie: str
) -> None:
    fouten = weigering(actor, bestuursproces, processtrategie=strategie)
    assert fouten == {
        "processtrategie": (
            "required",
            "Beschrijf de processtrategie: de rode draad van de procesregie.",
        )
    }


def test_processtrategie_in_een_paar_zinnen(bestuursproces: Bestuursproces, actor: Actor) -> None:
    assert herzie(actor, bestuursproces, processtrategie="x" * 1000).versie == 1
    fouten = weigering(actor, bestuursproces, processtrategie="x" * 1001)
    assert fouten == {
        "processtrategie": (
            "max_length",
            "Vat de processtrategie samen in een paar eenvoudige zinnen die iedereen begrijpt: "
            "hoogstens 1000 tekens.",
        )
    }


def test_onbekende_aanpak(bestuursproces: Bestuursproces, actor: Actor) -> None:
    assert weigering(actor, bestuursproces, aanpak="waterval") == {
        "aanpak": ("invalid_choice", "Kies een aanpak uit: lineair, flipperkast, cyclisch.")
    }


@pytest.mark.parametrize(
    ("stappen", "verwacht"),
    [
        ([{"titel": "Stap", "kleur": "rood"}], {"geplande_stappen.0.kleur": "unknown"}),
        ([{"titel": "Stap"}, {"gepland": None}], {"geplande_stappen.1.titel": "required"}),
        ([{"titel": "  "}], {"geplande_stappen.0.titel": "required"}),
        ([{"titel": 5}], {"geplande_stappen.0.titel": "required"}),
        ([{"titel": "x" * 201}], {"geplande_stappen.0.titel": "max_length"}),
        ([{"titel": "Stap", "gepland": "1 mei"}], {"geplande_stappen.0.gepland": "invalid"}),
        ([{"titel": "Stap", "gepland": "2026-02-30"}], {"geplande_stappen.0.gepland": "invalid"}),
        (
            [{"titel": "Stap", "gepland": dt.datetime(2026, 5, 1, tzinfo=dt.UTC)}],
            {"geplande_stappen.0.gepland": "invalid"},
        ),
        ([{"titel": "Stap", "omschrijving": None}], {"geplande_stappen.0.omschrijving": "invalid"}),
        (["Stap"], {"geplande_stappen.0": "invalid"}),
        ("Stap", {"geplande_stappen": "not_a_list"}),
        ([{"titel": f"Stap {n}"} for n in range(51)], {"geplande_stappen": "max_length"}),
    ],
)
def test_geplande_stappen_streng(
    bestuursproces: Bestuursproces, actor: Actor, stappen: Any, verwacht: dict[str, str]
) -> None:
    fouten = weigering(actor, bestuursproces, geplande_stappen=stappen)
    assert {veld: code for veld, (code, _melding) in fouten.items()} == verwacht


def test_vijftig_geplande_stappen_mag(bestuursproces: Bestuursproces, actor: Actor) -> None:
    stappen = [{"titel": f"Stap {n}"} for n in range(50)]
    assert len(herzie(actor, bestuursproces, geplande_stappen=stappen).geplande_stappen) == 50


def test_alle_fouten_tegelijk(bestuursproces: Bestuursproces, actor: Actor) -> None:
    fouten = weigering(
        actor, bestuursproces, processtrategie="", aanpak="", geplande_stappen=[{"titel": ""}]
    )
    assert set(fouten) == {"processtrategie", "aanpak", "geplande_stappen.0.titel"}


def test_vraagt_een_auteur(bestuursproces: Bestuursproces) -> None:
    assert set(weigering(Actor.beheer("import"), bestuursproces)) == {"gebruiker"}


def test_afgerond_proces(bestuursproces: Bestuursproces, actor: Actor) -> None:
    sluit_af(actor, bestuursproces)
    with niets_geschreven(), pytest.raises(ProcesAfgerond):
        herzie(actor, bestuursproces)
