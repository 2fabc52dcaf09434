"""open_bestuursproces, wijzig_bestuursproces (attributes, opdracht, status) and wijzig_status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Besluitmoment, Bestuursproces, IdeeVersie, Lidmaatschap, Status
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import open_proces

from ._hulp import REGISSEUR_NAAM, gebeurtenissen_na, samenvatting, schrijft_niets, verwacht

GEOPEND = dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)

OPDRACHT = Opdracht(
    kaders="Binnen de bestaande begroting",
    budget=Decimal("125000.5"),
    uren=400,
    einddatum=dt.date(2026, 12, 31),
    speelruimte="Vrij in de keuze van partners",
    besluitmomenten=(
        BesluitmomentInvoer(dt.date(2026, 6, 1), "mandaat", "Mandaat voor verkenning"),
        BesluitmomentInvoer(dt.date(2026, 11, 15), "besluit", "Raadsbesluit over het plan"),
    ),
)
OPDRACHT_GEGEVENS = {
    "kaders": "Binnen de bestaande begroting",
    "budget": "125000.50",
    "uren": 400,
    "einddatum": "2026-12-31",
    "speelruimte": "Vrij in de keuze van partners",
    "besluitmomenten": [
        {"datum": "2026-06-01", "soort": "mandaat", "gevraagd": "Mandaat voor verkenning"},
        {"datum": "2026-11-15", "soort": "besluit", "gevraagd": "Raadsbesluit over het plan"},
    ],
}
STANDAARD_OPDRACHT: dict[str, Any] = {
    # what tests.factories.open_proces gives a case
    "kaders": "Binnen de bestaande begroting",
    "budget": None,
    "uren": 400,
    "einddatum": None,
    "speelruimte": "",
    "besluitmomenten": [],
}


def _open_volledig(actor: Actor) -> Bestuursproces:
    return services.open_bestuursproces(
        actor=actor,
        titel="Herinrichting Havenkwartier",
        omschrijving="Van bedrijventerrein naar gemengd stadsdeel",
        rol_gemeente="participerend",
        procesrol="procesmanager",
        aanpak="flipperkast",
        opdracht=OPDRACHT,
        idee=IdeeInhoud(wat="Wonen en werken aan het water", stip_op_de_horizon="2035"),
        archiefnominatie="blijvend_bewaren",
        archiefactiedatum=dt.date(2040, 1, 1),
        toelichting="Start na collegebesluit",
        tijdstip=GEOPEND,
    )


# --- open_bestuursproces -------------------------------------------------------------------


def test_open_bestuursproces_schrijft_geopend_lid_en_idee(regisseur: Any, actor: Actor) -> None:
    bp = _open_volledig(actor)

    bp.refresh_from_db()
    assert bp.titel == "Herinrichting Havenkwartier"
    assert bp.stadium == "voorstelbaar"
    assert bp.status == Status.ACTIEF
    assert bp.uitkomst == ""
    assert bp.budget == Decimal("125000.50")
    assert bp.geopend_op == GEOPEND
    momenten = list(bp.besluitmomenten.order_by("volgorde"))
    assert [(m.datum, m.soort, m.gevraagd, m.volgorde) for m in momenten] == [
        (dt.date(2026, 6, 1), "mandaat", "Mandaat voor verkenning", 0),
        (dt.date(2026, 11, 15), "besluit", "Raadsbesluit over het plan", 1),
    ]
    lid = Lidmaatschap.objects.get(bestuursproces=bp)
    assert (lid.gebruiker, lid.rol, lid.sinds) == (regisseur, "procesregisseur", GEOPEND)
    idee = IdeeVersie.objects.get(bestuursproces=bp)
    assert (idee.versie, idee.wat, idee.auteur, idee.aangemaakt_op) == (
        1,
        "Wonen en werken aan het water",
        regisseur,
        GEOPEND,
    )

    gebeurtenissen = gebeurtenissen_na(bp, 0)
    assert [samenvatting(e) for e in gebeurtenissen] == [
        verwacht(
            1,
            "bestuursproces.geopend",
            {
                "bestuursproces": {
                    "uuid": str(bp.uuid),
                    "titel": "Herinrichting Havenkwartier",
                    "omschrijving": "Van bedrijventerrein naar gemengd stadsdeel",
                    "rolGemeente": "participerend",
                    "procesrol": "procesmanager",
                    "aanpak": "flipperkast",
                    "archiefnominatie": "blijvend_bewaren",
                    "archiefactiedatum": "2040-01-01",
                    "stadium": "voorstelbaar",
                    "status": "actief",
                    "uitkomst": "",
                    "opdracht": OPDRACHT_GEGEVENS,
                    "geopendOp": "2026-03-02T09:30:15.123456Z",
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Start na collegebesluit",
        ),
        verwacht(
            2,
            "lidmaatschap.toegevoegd",
            {
                "lidmaatschap": {
                    "uuid": str(lid.uuid),
                    "gebruiker": "regisseur",
                    "rol": "procesregisseur",
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
        ),
        verwacht(
            3,
            "idee.herzien",
            {
                "idee": {
                    "uuid": str(idee.uuid),
                    "versie": 1,
                    "wat": "Wonen en werken aan het water",
                    "context": "",
                    "sterkte": "",
                    "eigenaren": "",
                    "verrijking": "",
                    "concretisering": "",
                    "framing": "",
                    "stipOpDeHorizon": "2035",
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
        ),
    ]
    assert all(e.tijdstip == GEOPEND for e in gebeurtenissen)


def test_open_bestuursproces_zonder_idee_en_zonder_tijdstip(regisseur: Any) -> None:
    voor = timezone.now()
    bp = open_proces(regisseur, met_idee=False)
    na = timezone.now()

    gebeurtenissen = gebeurtenissen_na(bp, 0)
    assert [e.type for e in gebeurtenissen] == [
        "bestuursproces.geopend",
        "lidmaatschap.toegevoegd",
    ]
    assert gebeurtenissen[0].payload["bestuursproces"]["opdracht"] == STANDAARD_OPDRACHT
    assert gebeurtenissen[0].payload["bestuursproces"]["archiefactiedatum"] is None
    assert voor <= bp.geopend_op <= na
    assert {e.tijdstip for e in gebeurtenissen} == {bp.geopend_op}
    assert not IdeeVersie.objects.filter(bestuursproces=bp).exists()


def test_open_bestuursproces_vraagt_een_gebruiker(db: None) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=Actor.beheer("laad_demo"),
            titel="Zonder opener",
            rol_gemeente="initierend",
            aanpak="lineair",
        )
    assert set(fout.value.fouten) == {"gebruiker"}


def test_open_bestuursproces_meldt_alle_ongeldige_velden_en_schrijft_niets(actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=actor,
            titel="",
            rol_gemeente="dictatoriaal",
            aanpak="lineair",
            procesrol="bemiddelaar",
            opdracht=Opdracht(budget=Decimal("-1"), einddatum=dt.date(2026, 1, 1)),
            archiefnominatie="weggooien",
        )
    assert set(fout.value.fouten) == {
        "titel",
        "rol_gemeente",
        "procesrol",
        "budget",
        "archiefnominatie",
    }
    assert fout.value.fouten["rol_gemeente"][0][0] == "invalid_choice"
    assert fout.value.fouten["titel"][0][0] == "blank"


def test_open_bestuursproces_weigert_ongeldige_besluitmomenten_en_schrijft_niets(
    actor: Actor,
) -> None:
    opdracht = Opdracht(
        besluitmomenten=(
            BesluitmomentInvoer(dt.date(2026, 6, 1), "mandaat", "Goed"),
            BesluitmomentInvoer(dt.date(2026, 7, 1), "gok", "Foute soort"),
            BesluitmomentInvoer(dt.date(2026, 8, 1), "besluit", ""),
        )
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=actor,
            titel="Met foute momenten",
            rol_gemeente="initierend",
            aanpak="lineair",
            opdracht=opdracht,
        )
    assert set(fout.value.fouten) == {"besluitmomenten.1.soort", "besluitmomenten.2.gevraagd"}


# --- wijzig_bestuursproces: attributes ------------------------------------------------------


def test_wijzig_bestuursproces_schrijft_wijzigingen_en_vorige_waarden(
    bestuursproces: Bestuursproces, regisseur: Any, kees: Any
) -> None:
    services.voeg_lid_toe(
        actor=Actor(gebruiker=regisseur, herkomst="test"),
        bestuursproces=bestuursproces,
        gebruiker=kees,
        rol="kernteam",
    )
    voor = timezone.now()
    resultaat = services.wijzig_bestuursproces(
        actor=Actor(gebruiker=kees, herkomst="web@10.0.0.7"),
        bestuursproces=bestuursproces,
        wijzigingen={
            "titel": "Havenkwartier 2.0",
            "aanpak": "cyclisch",  # unchanged: left out of the event
            "archiefactiedatum": dt.date(2045, 5, 1),
        },
        toelichting="Na de eerste verkenning",
    )
    na = timezone.now()

    bestuursproces.refresh_from_db()
    assert resultaat.titel == bestuursproces.titel == "Havenkwartier 2.0"
    assert bestuursproces.archiefactiedatum == dt.date(2045, 5, 1)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {"titel": "Havenkwartier 2.0", "archiefactiedatum": "2045-05-01"},
            "vorigeWaarden": {"titel": "Herinrichting Havenkwartier", "archiefactiedatum": None},
        },
        door=kees,
        naam="Kees Kernteam",
        toelichting="Na de eerste verkenning",
        herkomst="web@10.0.0.7",
    )
    assert gebeurtenis.tijdstip == gebeurtenis.geregistreerd
    assert voor <= gebeurtenis.tijdstip <= na


def test_wijzig_bestuursproces_zonder_verschil_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets():
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": bestuursproces.titel, "aanpak": bestuursproces.aanpak},
            toelichting="Niets nieuws",
        )
        services.wijzig_bestuursproces(actor=actor, bestuursproces=bestuursproces, wijzigingen={})


@pytest.mark.parametrize("veld", ["stadium", "status", "uitkomst", "geopend_op", "uuid", "onzin"])
def test_wijzig_bestuursproces_weigert_velden_buiten_de_lijst(
    bestuursproces: Bestuursproces, actor: Actor, veld: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={veld: "bruikbaar", "titel": "Mag wel"},
        )
    assert fout.value.fouten == {veld: [("read_only", "Dit veld kan hier niet worden gewijzigd.")]}


def test_wijzig_bestuursproces_meldt_ongeldige_waarden_en_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "", "rol_gemeente": "x", "archiefnominatie": "weg"},
            opdracht=Opdracht(uren=-5),
        )
    assert set(fout.value.fouten) == {"titel", "rol_gemeente", "archiefnominatie", "uren"}


# --- wijzig_bestuursproces: the opdracht ----------------------------------------------------


def test_wijzig_bestuursproces_vervangt_de_opdracht_als_geheel(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    oude_momenten = set(bestuursproces.besluitmomenten.values_list("uuid", flat=True))
    assert len(oude_momenten) == 2

    nieuw = Opdracht(
        kaders="Extra geld van de provincie",
        budget=Decimal("200000"),
        besluitmomenten=(BesluitmomentInvoer(dt.date(2027, 2, 1), "besluit", "Krediet aanvragen"),),
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"omschrijving": "Breder"},
        opdracht=nieuw,
        toelichting="Provincie doet mee",
    )

    bestuursproces.refresh_from_db()
    assert bestuursproces.kaders == "Extra geld van de provincie"
    assert bestuursproces.budget == Decimal("200000.00")
    # Replaced as a whole: what the new opdracht leaves out is cleared.
    assert bestuursproces.uren is None
    assert bestuursproces.einddatum is None
    assert bestuursproces.speelruimte == ""
    momenten = list(Besluitmoment.objects.filter(bestuursproces=bestuursproces))
    assert [(m.datum, m.soort, m.gevraagd, m.volgorde) for m in momenten] == [
        (dt.date(2027, 2, 1), "besluit", "Krediet aanvragen", 0)
    ]
    assert not oude_momenten & {m.uuid for m in momenten}

    eerste, tweede = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(eerste) == verwacht(
        4,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {"opdracht": OPDRACHT_GEGEVENS},
            "vorigeWaarden": {"opdracht": STANDAARD_OPDRACHT},
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert samenvatting(tweede) == verwacht(
        5,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {
                "omschrijving": "Breder",
                "opdracht": {
                    "kaders": "Extra geld van de provincie",
                    "budget": "200000.00",
                    "uren": None,
                    "einddatum": None,
                    "speelruimte": "",
                    "besluitmomenten": [
                        {"datum": "2027-02-01", "soort": "besluit", "gevraagd": "Krediet aanvragen"}
                    ],
                },
            },
            "vorigeWaarden": {"omschrijving": "", "opdracht": OPDRACHT_GEGEVENS},
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Provincie doet mee",
    )


def test_wijzig_bestuursproces_met_dezelfde_opdracht_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    # The same opdracht, with the budget written differently (125000.5 == 125000.50).
    zelfde = Opdracht(
        kaders=OPDRACHT.kaders,
        budget=Decimal("125000.50"),
        uren=OPDRACHT.uren,
        einddatum=OPDRACHT.einddatum,
        speelruimte=OPDRACHT.speelruimte,
        besluitmomenten=OPDRACHT.besluitmomenten,
    )
    with schrijft_niets():
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=zelfde
        )


def test_wijzig_bestuursproces_met_fout_besluitmoment_laat_de_opdracht_staan(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    fout_opdracht = Opdracht(
        kaders="Nieuw",
        besluitmomenten=(BesluitmomentInvoer(dt.date(2027, 1, 1), "besluit", ""),),
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "Ook nieuw"},
            opdracht=fout_opdracht,
        )
    assert set(fout.value.fouten) == {"besluitmomenten.0.gevraagd"}


@pytest.mark.parametrize(
    ("opdracht", "velden"),
    [
        (Opdracht(budget=Decimal("-0.01")), {"budget"}),
        (Opdracht(budget=Decimal("1.234")), {"budget"}),
        (Opdracht(budget=Decimal("12345678901.00")), {"budget"}),
        (Opdracht(uren=-1), {"uren"}),
    ],
)
def test_wijzig_bestuursproces_weigert_ongeldige_middelen(
    bestuursproces: Bestuursproces, actor: Actor, opdracht: Opdracht, velden: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=opdracht
        )
    assert set(fout.value.fouten) == velden


# --- status ---------------------------------------------------------------------------------


def test_wijzig_status_pauzeren_hervatten_afronden_heropenen(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stappen = [
        ("gepauzeerd", None, "Wachten op de verkiezingen"),
        ("actief", None, "Nieuw college"),
        ("afgerond", "Plan vastgesteld door de raad", "Klaar"),
        ("actief", None, "Uitvoering loopt vast"),
    ]
    for status, uitkomst, toelichting in stappen:
        resultaat = services.wijzig_status(
            actor=actor,
            bestuursproces=bestuursproces,
            status=status,
            uitkomst=uitkomst,
            toelichting=toelichting,
        )
        assert resultaat.status == status

    bestuursproces.refresh_from_db()
    assert bestuursproces.status == Status.ACTIEF
    # Reopening keeps the last uitkomst (it is history, and a new close may reuse it).
    assert bestuursproces.uitkomst == "Plan vastgesteld door de raad"
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 3)] == [
        verwacht(
            4,
            "status.gewijzigd",
            {"van": "actief", "naar": "gepauzeerd", "uitkomst": ""},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Wachten op de verkiezingen",
        ),
        verwacht(
            5,
            "status.gewijzigd",
            {"van": "gepauzeerd", "naar": "actief", "uitkomst": ""},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuw college",
        ),
        verwacht(
            6,
            "status.gewijzigd",
            {"van": "actief", "naar": "afgerond", "uitkomst": "Plan vastgesteld door de raad"},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Klaar",
        ),
        verwacht(
            7,
            "status.gewijzigd",
            {
                "van": "afgerond",
                "naar": "actief",
                "uitkomst": "Plan vastgesteld door de raad",
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Uitvoering loopt vast",
        ),
    ]


@pytest.mark.parametrize("uitkomst", [None, "", "   \n"])
def test_afronden_vraagt_een_uitkomst(
    bestuursproces: Bestuursproces, actor: Actor, uitkomst: str | None
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst=uitkomst
        )
    assert set(fout.value.fouten) == {"uitkomst"}


def test_wijzig_status_weigert_een_onbekende_status(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="gesloten")
    assert set(fout.value.fouten) == {"status"}


def test_wijzig_status_naar_dezelfde_status_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets():
        resultaat = services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="actief", toelichting="Nog steeds"
        )
    assert resultaat.status == "actief"


def test_afgerond_proces_houdt_zijn_uitkomst_tot_het_heropend_is(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Akkoord"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Iets anders"
        )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, uitkomst="Iets anders"
        )
    # Closing again with the same uitkomst is a no-op, not an error.
    with schrijft_niets():
        services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="afgerond")


def test_wijzig_bestuursproces_afronden_wijzigt_eerst_en_sluit_dan(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"omschrijving": "Afgerond met een plan"},
        status="afgerond",
        uitkomst="Plan vastgesteld",
        toelichting="Raad akkoord",
    )

    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.uitkomst, bestuursproces.omschrijving) == (
        "afgerond",
        "Plan vastgesteld",
        "Afgerond met een plan",
    )
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 3)] == [
        verwacht(
            4,
            "bestuursproces.gewijzigd",
            {
                "wijzigingen": {"omschrijving": "Afgerond met een plan"},
                "vorigeWaarden": {"omschrijving": ""},
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Raad akkoord",
        ),
        verwacht(
            5,
            "status.gewijzigd",
            {"van": "actief", "naar": "afgerond", "uitkomst": "Plan vastgesteld"},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Raad akkoord",
        ),
    ]


def test_wijzig_bestuursproces_heropenen_heropent_eerst_en_wijzigt_dan(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Gestopt"
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"titel": "Havenkwartier, tweede ronde"},
        status="actief",
        toelichting="Nieuwe kans",
    )

    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.titel) == (
        "actief",
        "Havenkwartier, tweede ronde",
    )
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 4)] == [
        verwacht(
            5,
            "status.gewijzigd",
            {"van": "afgerond", "naar": "actief", "uitkomst": "Gestopt"},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuwe kans",
        ),
        verwacht(
            6,
            "bestuursproces.gewijzigd",
            {
                "wijzigingen": {"titel": "Havenkwartier, tweede ronde"},
                "vorigeWaarden": {"titel": "Herinrichting Havenkwartier"},
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuwe kans",
        ),
    ]


def test_wijzig_bestuursproces_afronden_zonder_uitkomst_schrijft_ook_de_wijziging_niet(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "Zou anders blijven staan"},
            status="afgerond",
        )
    assert set(fout.value.fouten) == {"uitkomst"}


def test_wijzig_bestuursproces_heropenen_met_foute_wijziging_blijft_afgerond(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": ""},
            status="actief",
        )
    assert set(fout.value.fouten) == {"titel"}


def test_wijzig_bestuursproces_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={"titel": "Te laat"}
        )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
        )


def test_gepauzeerd_proces_kan_nog_worden_gewijzigd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="gepauzeerd")
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={"titel": "Tijdens de pauze"}
    )
    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.titel) == ("gepauzeerd", "Tijdens de pauze")
    assert [e.type for e in gebeurtenissen_na(bestuursproces, 3)] == [
        "status.gewijzigd",
        "bestuursproces.gewijzigd",
    ]


def test_wijzig_bestuursproces_leest_de_status_onder_het_slot(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    """A stale copy that still says 'actief' must not reopen a case that was closed since."""
    verouderd = Bestuursproces.objects.get(pk=bestuursproces.pk)
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Akkoord"
    )
    assert verouderd.status == "actief"
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=verouderd, wijzigingen={}, uitkomst="Iets anders"
        )
    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.uitkomst) == ("afgerond", "Akkoord")
