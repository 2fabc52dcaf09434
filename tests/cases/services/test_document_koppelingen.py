"""voeg_document_toe with a besluit or a bijeenkomst: the raadsbesluit itself, a verslag."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer
from cases.models import Besluit, Bestuursproces, Bijeenkomst, Bijeenkomstsoort, Document
from cases.selectors import huidige_toestand
from tests._bestanden import bestand, opgeslagen
from tests.factories import actor_voor

from ._hulp import gebeurtenissen_na, laatste_volgnummer, schrijft_niets

pytestmark = pytest.mark.usefixtures("documentopslag")


def besluit(actor: Actor, proces: Bestuursproces, zichtbaarheid: str = "proces") -> Besluit:
    return services.leg_besluit_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Raadsbesluit havenfront",
        orgaan="raad",
        datum=timezone.localdate(),
        zichtbaarheid=zichtbaarheid,
    )


def bijeenkomst(actor: Actor, proces: Bestuursproces, zichtbaarheid: str = "proces") -> Bijeenkomst:
    return services.leg_bijeenkomst_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Werksessie",
        soort=Bijeenkomstsoort.objects.get(code="werksessie"),
        datum=timezone.localdate(),
        zichtbaarheid=zichtbaarheid,
    )


@pytest.mark.parametrize("soort", ["besluit", "bijeenkomst"])
def test_document_hoort_bij_een_besluit_of_bijeenkomst(
    bestuursproces: Bestuursproces, actor: Actor, soort: str
) -> None:
    doel: Any = (besluit if soort == "besluit" else bijeenkomst)(actor, bestuursproces)
    document = services.voeg_document_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Het stuk",
        bestand=bestand(),
        zichtbaarheid="proces",
        **{soort: doel},
    )

    assert getattr(Document.objects.get(pk=document.pk), soort) == doel
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)
    koppelingen = {
        k: gebeurtenis.payload["document"][k]
        for k in ("consolidatie", "interventie", "besluit", "bijeenkomst")
    }
    assert koppelingen == {
        "consolidatie": None,
        "interventie": None,
        "besluit": None,
        "bijeenkomst": None,
        soort: str(doel.uuid),
    }
    toestand = huidige_toestand(bestuursproces)
    assert toestand["documenten"][0][soort] == str(doel.uuid)
    assert herbouw(geschiedenis(bestuursproces.pk)) == toestand


def test_een_document_hoort_bij_hoogstens_een_ding(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    b, bk = besluit(actor, bestuursproces), bijeenkomst(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            besluit=b,
            bijeenkomst=bk,
        )
    assert list(fout.value.fouten) == ["bijeenkomst"]
    assert opgeslagen() == []


@pytest.mark.parametrize("soort", ["besluit", "bijeenkomst"])
def test_document_van_een_ander_proces_of_ruimer_zichtbaar_wordt_geweigerd(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor, soort: str
) -> None:
    maak = besluit if soort == "besluit" else bijeenkomst
    elders: Any = maak(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            **{soort: elders},
        )
    assert [code for code, _ in fout.value.fouten[soort]] == ["does_not_exist"]

    besloten: Any = maak(actor, bestuursproces, "kernteam")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            zichtbaarheid="proces",
            **{soort: besloten},
        )
    assert [code for code, _ in fout.value.fouten["zichtbaarheid"]] == [f"ruimer_dan_{soort}"]
    assert opgeslagen() == []


def test_wat_de_auteur_niet_mag_zien_bestaat_voor_hem_niet(
    bestuursproces: Bestuursproces, actor: Actor, kernteamlid: Any
) -> None:
    eigen = besluit(actor, bestuursproces, "regisseur")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_document_toe(
            actor=actor_voor(kernteamlid),
            bestuursproces=bestuursproces,
            titel="X",
            bestand=bestand(),
            zichtbaarheid="kernteam",
            besluit=eigen,
        )
    assert [code for code, _ in fout.value.fouten["besluit"]] == ["does_not_exist"]


def test_oude_documentgebeurtenis_zonder_de_nieuwe_koppelingen_vouwt_met_none(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    """Events recorded before a document could belong to a besluit lack the keys."""
    from cases.events.soorten import soort

    services.voeg_document_toe(
        actor=actor, bestuursproces=bestuursproces, titel="Oud", bestand=bestand()
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)
    for sleutel in ("besluit", "bijeenkomst"):
        del gebeurtenis.payload["document"][sleutel]
    staat: dict[str, Any] = {"documenten": {}, "besluiten": {}, "bijeenkomsten": {}}
    soort("document.toegevoegd").pas_toe(staat, gebeurtenis)
    [document] = staat["documenten"].values()
    assert (document["besluit"], document["bijeenkomst"]) == (None, None)
