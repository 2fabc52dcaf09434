"""registreer_opdrachtgever, wijzig_opdrachtgever and beoordeel_opdrachtgever."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Opdrachtgever, OpdrachtgeverBeoordeling, Organisatie
from tests.factories import actor_voor

from ._hulp import (
    REGISSEUR_NAAM,
    beoordeel_og,
    gebeurtenissen_na,
    maak_opdrachtgever,
    maak_organisatie,
    samenvatting,
    schrijft_niets,
    sluit_af,
    utc,
    verwacht,
)


@pytest.fixture
def organisatie(bestuursproces: Bestuursproces, actor: Actor) -> Organisatie:
    """Gemeente Havenstad, event 4."""
    return maak_organisatie(actor, bestuursproces, eigen_gemeente=True)


@pytest.fixture
def opdrachtgever(bestuursproces: Bestuursproces, actor: Actor) -> Opdrachtgever:
    """Wethouder Haven, bestuurlijk opdrachtgever, without organisatie: event 4."""
    return maak_opdrachtgever(actor, bestuursproces)


# --- registreer_opdrachtgever ----------------------------------------------------------------


def test_registreer_opdrachtgever_schrijft_de_opdrachtgever_en_haar_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, organisatie: Organisatie
) -> None:
    tijdstip = timezone.now()
    opdrachtgever = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Directeur Stadsontwikkeling",
        rol="ambtelijk_opdrachtgever",
        organisatie=organisatie,
        expliciete_opdracht="Een gedragen ontwikkelvisie voor de zomer",
        toelichting="Uit het startgesprek",
        tijdstip=tijdstip,
    )

    opgeslagen = Opdrachtgever.objects.get(pk=opdrachtgever.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.naam,
        opgeslagen.rol,
        opgeslagen.organisatie_id,
        opgeslagen.expliciete_opdracht,
        opgeslagen.betrokkenheid,
    ) == (
        bestuursproces.pk,
        "Directeur Stadsontwikkeling",
        "ambtelijk_opdrachtgever",
        organisatie.pk,
        "Een gedragen ontwikkelvisie voor de zomer",
        "nog_te_betrekken",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "opdrachtgever.geregistreerd",
        {
            "opdrachtgever": {
                "uuid": str(opdrachtgever.uuid),
                "naam": "Directeur Stadsontwikkeling",
                "rol": "ambtelijk_opdrachtgever",
                "expliciteOpdracht": "Een gedragen ontwikkelvisie voor de zomer",
                "formeelBesluitNodig": True,
                "organisatie": str(organisatie.uuid),
                "betrokkenheid": "nog_te_betrekken",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Uit het startgesprek",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_registreer_opdrachtgever_door_een_beheercommando(bestuursproces: Bestuursproces) -> None:
    opdrachtgever = maak_opdrachtgever(Actor.beheer("import"), bestuursproces, rol="gemeenteraad")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "opdrachtgever.geregistreerd",
        {
            "opdrachtgever": {
                "uuid": str(opdrachtgever.uuid),
                "naam": "Wethouder Haven",
                "rol": "gemeenteraad",
                "expliciteOpdracht": "",
                "formeelBesluitNodig": True,
                "organisatie": None,
                "betrokkenheid": "nog_te_betrekken",
            }
        },
        door=None,
        naam="",
        herkomst="beheer:import",
    )


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"rol": "burgemeester"}, {"rol"}),
        ({"rol": ""}, {"rol"}),
        ({"naam": "", "rol": "x"}, {"naam", "rol"}),
    ],
)
def test_registreer_opdrachtgever_met_ongeldige_gegevens_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_opdrachtgever(actor, bestuursproces, **velden)
    assert set(fout.value.fouten) == fouten


def test_registreer_opdrachtgever_met_organisatie_van_een_ander_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    vreemd = maak_organisatie(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_opdrachtgever(actor, bestuursproces, organisatie=vreemd)
    assert set(fout.value.fouten) == {"organisatie"}


def test_registreer_opdrachtgever_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        maak_opdrachtgever(actor, bestuursproces)


# --- wijzig_opdrachtgever --------------------------------------------------------------------


def test_wijzig_opdrachtgever_schrijft_wijzigingen_en_vorige_waarden(
    bestuursproces: Bestuursproces,
    opdrachtgever: Opdrachtgever,
    regisseur: Any,
    actor: Actor,
) -> None:
    organisatie = maak_organisatie(actor, bestuursproces)  # event 5
    resultaat = services.wijzig_opdrachtgever(
        actor=actor,
        opdrachtgever=opdrachtgever,
        wijzigingen={
            "rol": "lid_opdrachtgeverscollectief",
            "organisatie": organisatie,
            "naam": "Wethouder Haven",  # unchanged: left out of the event
            "expliciete_opdracht": "Samen met de provincie",
        },
        toelichting="Collectief gevormd",
    )

    opgeslagen = Opdrachtgever.objects.get(pk=opdrachtgever.pk)
    assert (opgeslagen.rol, opgeslagen.organisatie_id, opgeslagen.expliciete_opdracht) == (
        "lid_opdrachtgeverscollectief",
        organisatie.pk,
        "Samen met de provincie",
    )
    assert resultaat.rol == "lid_opdrachtgeverscollectief"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "opdrachtgever.gewijzigd",
        {
            "opdrachtgever": str(opdrachtgever.uuid),
            "wijzigingen": {
                "rol": "lid_opdrachtgeverscollectief",
                "organisatie": str(organisatie.uuid),
                "expliciteOpdracht": "Samen met de provincie",
            },
            "vorigeWaarden": {
                "rol": "bestuurlijk_opdrachtgever",
                "organisatie": None,
                "expliciteOpdracht": "",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Collectief gevormd",
    )


def test_wijzig_opdrachtgever_zonder_verschil_schrijft_niets(
    opdrachtgever: Opdrachtgever, actor: Actor
) -> None:
    with schrijft_niets():
        services.wijzig_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            wijzigingen={"naam": "Wethouder Haven", "organisatie": None},
        )
        services.wijzig_opdrachtgever(actor=actor, opdrachtgever=opdrachtgever, wijzigingen={})


@pytest.mark.parametrize(
    ("wijzigingen", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"rol": "burgemeester"}, {"rol"}),
        ({"betrokkenheid": "aangehaakt"}, {"betrokkenheid"}),
        # The implicit opdracht is the regisseur's dated reading: an assessment, not an edit.
        ({"impliciete_opdracht": "Rust in de raad"}, {"impliciete_opdracht"}),
        ({"stevigheid": 4, "naam": "Iets"}, {"stevigheid"}),
        ({"expliciteOpdracht": "x"}, {"expliciteOpdracht"}),  # payload key
    ],
)
def test_wijzig_opdrachtgever_met_ongeldige_of_onbekende_velden_schrijft_niets(
    opdrachtgever: Opdrachtgever, actor: Actor, wijzigingen: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_opdrachtgever(
            actor=actor, opdrachtgever=opdrachtgever, wijzigingen=wijzigingen
        )
    assert set(fout.value.fouten) == fouten


def test_wijzig_opdrachtgever_naar_organisatie_van_een_ander_proces_wordt_geweigerd(
    opdrachtgever: Opdrachtgever, ander_proces: Bestuursproces, actor: Actor
) -> None:
    vreemd = maak_organisatie(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_opdrachtgever(
            actor=actor, opdrachtgever=opdrachtgever, wijzigingen={"organisatie": vreemd}
        )
    assert set(fout.value.fouten) == {"organisatie"}


def test_wijzig_opdrachtgever_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_opdrachtgever(
            actor=actor, opdrachtgever=opdrachtgever, wijzigingen={"naam": "Te laat"}
        )


# --- beoordeel_opdrachtgever -----------------------------------------------------------------


def test_beoordeel_opdrachtgever_is_standaard_alleen_voor_de_regisseur(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, regisseur: Any, actor: Actor
) -> None:
    tijdstip = timezone.now()
    beoordeling = services.beoordeel_opdrachtgever(
        actor=actor,
        opdrachtgever=opdrachtgever,
        stevigheid=2,
        steun="afwachtend",
        onderling_vertrouwen=4,
        mandaat="Alleen verkennen, niet toezeggen",
        open_rekeningen="Het mislukte stationsproject",
        impliciete_opdracht="Houd de raad rustig tot de verkiezingen",
        toelichting="Na het bilaterale overleg",
        tijdstip=tijdstip,
    )

    opgeslagen = OpdrachtgeverBeoordeling.objects.get(pk=beoordeling.pk)
    assert (
        opgeslagen.opdrachtgever_id,
        opgeslagen.zichtbaarheid,
        opgeslagen.auteur,
        opgeslagen.stadium,
        opgeslagen.tijdstip,
        opgeslagen.impliciete_opdracht,
    ) == (
        opdrachtgever.pk,
        "regisseur",
        regisseur,
        "voorstelbaar",
        tijdstip,
        "Houd de raad rustig tot de verkiezingen",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "opdrachtgever.beoordeeld",
        {
            "opdrachtgever": str(opdrachtgever.uuid),
            "beoordeling": {
                "uuid": str(beoordeling.uuid),
                "tijdstip": utc(tijdstip),
                "auteur": "regisseur",
                "stadium": "voorstelbaar",
                "toelichting": "Na het bilaterale overleg",
                "zichtbaarheid": "regisseur",
                "mandaat": "Alleen verkennen, niet toezeggen",
                "stevigheid": 2,
                "steun": "afwachtend",
                "onderlingVertrouwen": 4,
                "openRekeningen": "Het mislukte stationsproject",
                "implicieteOpdracht": "Houd de raad rustig tot de verkiezingen",
            },
            "zichtbaarheid": "regisseur",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Na het bilaterale overleg",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_beoordeel_opdrachtgever_op_procesniveau(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, actor: Actor
) -> None:
    beoordeling = beoordeel_og(actor, opdrachtgever, zichtbaarheid="proces")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert "zichtbaarheid" not in gebeurtenis.payload
    assert gebeurtenis.payload["beoordeling"]["zichtbaarheid"] == "proces"
    assert beoordeling.zichtbaarheid == "proces"


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"stevigheid": 0}, {"stevigheid"}),
        ({"stevigheid": 6}, {"stevigheid"}),
        ({"onderling_vertrouwen": 0}, {"onderling_vertrouwen"}),
        ({"onderling_vertrouwen": 6}, {"onderling_vertrouwen"}),
        ({"stevigheid": 7, "onderling_vertrouwen": -2}, {"stevigheid", "onderling_vertrouwen"}),
        ({"steun": "enthousiast"}, {"steun"}),
        ({"zichtbaarheid": "geheim"}, {"zichtbaarheid"}),
    ],
)
def test_beoordeel_opdrachtgever_met_ongeldige_gegevens_schrijft_niets(
    opdrachtgever: Opdrachtgever, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel_og(actor, opdrachtgever, **velden)
    assert set(fout.value.fouten) == fouten


def test_kernteamlid_kan_de_standaard_regisseurszichtbaarheid_niet_gebruiken(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, kernteamlid: Any
) -> None:
    kernteam = actor_voor(kernteamlid)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel_og(kernteam, opdrachtgever)  # default: regisseur
    assert [code for code, _ in fout.value.fouten["zichtbaarheid"]] == ["niet_toegestaan"]

    beoordeling = beoordeel_og(kernteam, opdrachtgever, zichtbaarheid="kernteam")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert (gebeurtenis.type, gebeurtenis.payload["zichtbaarheid"], gebeurtenis.actor_id) == (
        "opdrachtgever.beoordeeld",
        "kernteam",
        kernteamlid.pk,
    )
    assert beoordeling.auteur == kernteamlid


@pytest.mark.parametrize("niveau", ["kernteam", "regisseur"])
def test_opdrachtgever_lid_legt_niets_vast_boven_procesniveau(
    opdrachtgever: Opdrachtgever, leden: dict[str, Any], niveau: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel_og(actor_voor(leden["opdrachtgever"]), opdrachtgever, zichtbaarheid=niveau)
    assert set(fout.value.fouten) == {"zichtbaarheid"}


def test_beoordeel_opdrachtgever_vraagt_een_gebruiker(opdrachtgever: Opdrachtgever) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        beoordeel_og(Actor.beheer("import"), opdrachtgever)
    assert set(fout.value.fouten) == {"gebruiker"}


def test_beoordeel_opdrachtgever_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, opdrachtgever: Opdrachtgever, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        beoordeel_og(actor, opdrachtgever)
