"""wijzig_stadium: forward one at a time, back any number, always with a reason; gates.

The real gate (a consolidated wyber-stap, registered at start-up) is in force: forward moves
here rest on a step consolidated through the services (``tests.factories.consolideer_stap``).
Tests of the gate mechanism itself swap in an empty registry (``poorten``) and fake gates;
the wyber-stap gate has its own tests in test_stadiumpoort.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.events import poorten as poorten_module
from cases.events.replay_typen import Momentopname
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, PoortGesloten, ProcesAfgerond
from cases.models import Bestuursproces, Stadium, Stadiumovergang
from tests.factories import actor_voor, consolideer_stap, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    verwacht,
)

VOLGORDE = ["voorstelbaar", "houdbaar", "maakbaar", "uitvoerbaar", "bruikbaar"]


@pytest.fixture
def poorten(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """An empty gate registry for this test; the real one comes back afterwards."""
    leeg: list[Any] = []
    monkeypatch.setattr(poorten_module, "_POORTEN", leeg)
    return leeg


class Poort:
    """A gate that records what it was asked and answers with fixed objections.

    A gate is asked with the folded state of the case at the move's moment: it records the
    case's uuid and the stadium it stood in then, with the stadia left and reached.
    """

    def __init__(self, *bezwaren: str) -> None:
        self.bezwaren = list(bezwaren)
        self.gevraagd: list[tuple[str, str, str, str]] = []

    def __call__(self, staat: Momentopname, van: str, naar: str) -> list[str]:
        proces = staat["bestuursproces"]
        self.gevraagd.append((proces["uuid"], proces["stadium"], van, naar))
        return list(self.bezwaren)


def _naar(bestuursproces: Bestuursproces, actor: Actor, *stadia: str) -> None:
    """Forward, each move resting on a step consolidated in the stadium it leaves."""
    for stadium in stadia:
        consolideer_stap(bestuursproces, actor.gebruiker)
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar=stadium, toelichting=f"naar {stadium}"
        )


def test_een_stadium_vooruit(bestuursproces: Bestuursproces, regisseur: Any) -> None:
    consolideer_stap(bestuursproces, regisseur)
    vorige = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()  # explicit, between the last event and the recording
    overgang = services.wijzig_stadium(
        actor=Actor(gebruiker=regisseur, herkomst="web@127.0.0.1"),
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Partijen zien het idee als houdbaar (wyber-stap 2 geconsolideerd)",
        tijdstip=tijdstip,
    )

    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == "houdbaar"
    assert Stadiumovergang.objects.get(bestuursproces=bestuursproces) == overgang
    assert (overgang.van, overgang.naar, overgang.richting, overgang.geforceerd) == (
        "voorstelbaar",
        "houdbaar",
        "vooruit",
        False,
    )
    assert (overgang.door, overgang.tijdstip) == (regisseur, tijdstip)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, vorige)
    assert samenvatting(gebeurtenis) == verwacht(
        vorige + 1,
        "stadium.gewijzigd",
        {
            "overgang": {
                "uuid": str(overgang.uuid),
                "van": "voorstelbaar",
                "naar": "houdbaar",
                "richting": "vooruit",
                "geforceerd": False,
                "toelichting": "Partijen zien het idee als houdbaar (wyber-stap 2 geconsolideerd)",
            },
            "bezwaren": [],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Partijen zien het idee als houdbaar (wyber-stap 2 geconsolideerd)",
        herkomst="web@127.0.0.1",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_stap_voor_stap_tot_bruikbaar_en_niet_verder(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    _naar(bestuursproces, actor, *VOLGORDE[1:])
    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == "bruikbaar"
    assert [(o.van, o.naar) for o in selectors.stadiumovergangen(bestuursproces)] == list(
        itertools.pairwise(VOLGORDE)
    )
    assert [
        e.payload["overgang"]["naar"]
        for e in gebeurtenissen_na(bestuursproces, 3)
        if e.type == "stadium.gewijzigd"
    ] == VOLGORDE[1:]
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="bruikbaar", toelichting="Verder"
        )
    assert (fout.value.code, fout.value.veld) == ("zelfde-stadium", "naar")


@pytest.mark.parametrize(("van", "naar"), [(0, 2), (0, 4), (1, 3), (2, 4)])
def test_vooruit_mag_geen_stadium_overslaan(
    bestuursproces: Bestuursproces, actor: Actor, van: int, naar: int
) -> None:
    _naar(bestuursproces, actor, *VOLGORDE[1 : van + 1])
    consolideer_stap(bestuursproces, actor.gebruiker)  # the gate would let one stadium pass
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar=VOLGORDE[naar], toelichting="Snel"
        )
    assert (fout.value.code, fout.value.veld) == ("stadium-overgeslagen", "naar")
    assert VOLGORDE[van + 1] in fout.value.detail


def test_naar_hetzelfde_stadium_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="voorstelbaar", toelichting="Blijf"
        )
    assert fout.value.code == "zelfde-stadium"


def test_onbekend_stadium_is_ongeldige_invoer(bestuursproces: Bestuursproces, actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="denkbaar", toelichting="Nieuw"
        )
    assert set(fout.value.fouten) == {"naar"}


@pytest.mark.parametrize("toelichting", ["", "   ", "\n\t"])
def test_een_toelichting_is_verplicht(
    bestuursproces: Bestuursproces, actor: Actor, toelichting: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting=toelichting
        )
    assert set(fout.value.fouten) == {"toelichting"}


def test_een_overgang_vraagt_iemand_die_hem_maakt(bestuursproces: Bestuursproces) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_stadium(
            actor=Actor.beheer("import"),
            bestuursproces=bestuursproces,
            naar="houdbaar",
            toelichting="Door een script",
        )
    assert set(fout.value.fouten) == {"gebruiker"}


@pytest.mark.parametrize(("van", "naar"), [(1, 0), (3, 0), (4, 1), (4, 3), (2, 1)])
def test_terug_mag_meerdere_stadia(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, van: int, naar: int
) -> None:
    _naar(bestuursproces, actor, *VOLGORDE[1 : van + 1])
    vorige = laatste_volgnummer(bestuursproces)
    voor = timezone.now()

    overgang = services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar=VOLGORDE[naar],
        toelichting="Een partij trekt haar steun in",
    )

    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == VOLGORDE[naar]
    assert (overgang.van, overgang.naar, overgang.richting) == (
        VOLGORDE[van],
        VOLGORDE[naar],
        "terug",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, vorige)
    assert samenvatting(gebeurtenis) == verwacht(
        vorige + 1,
        "stadium.gewijzigd",
        {
            "overgang": {
                "uuid": str(overgang.uuid),
                "van": VOLGORDE[van],
                "naar": VOLGORDE[naar],
                "richting": "terug",
                "geforceerd": False,
                "toelichting": "Een partij trekt haar steun in",
            },
            "bezwaren": [],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Een partij trekt haar steun in",
    )
    assert voor <= gebeurtenis.tijdstip <= gebeurtenis.geregistreerd


def test_forceren_zonder_poort_wordt_vastgelegd(
    bestuursproces: Bestuursproces, actor: Actor, poorten: Any
) -> None:
    overgang = services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Op eigen gezag",
        forceren=True,
    )
    assert overgang.geforceerd is True
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert gebeurtenis.payload["overgang"]["geforceerd"] is True
    assert gebeurtenis.payload["bezwaren"] == []


def test_poort_houdt_een_stap_vooruit_tegen(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, poorten: list[Any]
) -> None:
    poort = Poort("Wyber-stap 1 is niet geconsolideerd.")
    services.registreer_poort(poort)
    assert poorten == [poort]

    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Door"
        )
    assert fout.value.bezwaren == ["Wyber-stap 1 is niet geconsolideerd."]
    assert (fout.value.code, fout.value.status, fout.value.veld) == ("poort-gesloten", 409, "naar")
    assert poort.gevraagd == [
        (str(bestuursproces.uuid), "voorstelbaar", Stadium.VOORSTELBAAR, Stadium.HOUDBAAR)
    ]


def test_forceren_zet_door_ondanks_de_poort_en_legt_de_bezwaren_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, poorten: list[Any]
) -> None:
    services.registreer_poort(Poort("Niet geconsolideerd.", "Opdrachtgever niet akkoord."))

    overgang = services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Bestuurlijk afgesproken",
        forceren=True,
    )

    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == "houdbaar"
    assert overgang.geforceerd is True
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "stadium.gewijzigd",
        {
            "overgang": {
                "uuid": str(overgang.uuid),
                "van": "voorstelbaar",
                "naar": "houdbaar",
                "richting": "vooruit",
                "geforceerd": True,
                "toelichting": "Bestuurlijk afgesproken",
            },
            "bezwaren": ["Niet geconsolideerd.", "Opdrachtgever niet akkoord."],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Bestuurlijk afgesproken",
    )


def test_poort_zonder_bezwaren_laat_door(
    bestuursproces: Bestuursproces, actor: Actor, poorten: list[Any]
) -> None:
    poort = Poort()
    services.registreer_poort(poort)
    overgang = services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Akkoord"
    )
    assert overgang.geforceerd is False
    assert poort.gevraagd == [
        (str(bestuursproces.uuid), "voorstelbaar", Stadium.VOORSTELBAAR, Stadium.HOUDBAAR)
    ]


def test_poort_wordt_bij_een_stap_terug_niet_gevraagd(
    bestuursproces: Bestuursproces, actor: Actor, poorten: list[Any]
) -> None:
    _naar(bestuursproces, actor, "houdbaar", "maakbaar")
    vorige = laatste_volgnummer(bestuursproces)
    poort = Poort("Altijd dicht.")
    services.registreer_poort(poort)

    overgang = services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="voorstelbaar", toelichting="Terug"
    )

    assert overgang.richting == "terug"
    assert overgang.geforceerd is False
    assert poort.gevraagd == []
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, vorige)
    assert gebeurtenis.payload["bezwaren"] == []


def test_registreer_poort_is_een_decorator_en_registreert_eenmaal(
    poorten: list[Any],
) -> None:
    @services.registreer_poort
    def poort(staat: Momentopname, van: str, naar: str) -> list[str]:
        return []

    assert services.registreer_poort(poort) is poort
    assert poorten == [poort]


def test_de_echte_poortenlijst_blijft_onaangeroerd_door_deze_tests() -> None:
    assert poorten_module._POORTEN
    assert all(not isinstance(poort, Poort) for poort in poorten_module._POORTEN)


def test_wijzig_stadium_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_stadium(
            actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Te laat"
        )


@pytest.mark.parametrize(
    ("huidig", "naar", "richting"),
    [(0, 1, "vooruit"), (2, 3, "vooruit"), (3, 0, "terug"), (4, 3, "terug")],
)
def test_controleer_stadiumovergang_geeft_de_richting(
    huidig: int, naar: int, richting: str
) -> None:
    bestuursproces = Bestuursproces(stadium=VOLGORDE[huidig])
    assert services.controleer_stadiumovergang(bestuursproces, VOLGORDE[naar]) == richting


def test_een_gedateerde_overgang_noemt_het_stadium_van_dat_moment(regisseur: Any) -> None:
    """Entered late, a move is checked against the stadium the case stood in at its moment,
    and its refusal names that moment: the case may stand elsewhere now (here: back in
    voorstelbaar), which a bare "is al houdbaar" contradicts."""
    actor = actor_voor(regisseur)
    dag = [dt.datetime(2025, 3, d, 9, 0, tzinfo=dt.UTC) for d in (3, 10, 17, 24)]
    proces = open_proces(regisseur, tijdstip=dag[0])
    for naar, moment in (("houdbaar", dag[1]), ("voorstelbaar", dag[3])):
        services.wijzig_stadium(
            actor=actor,
            bestuursproces=proces,
            naar=naar,
            toelichting=naar,
            forceren=True,
            tijdstip=moment,
        )
    for naar, code, zin in (
        ("houdbaar", "zelfde-stadium", "Op 17 maart 2025 was het bestuursproces al houdbaar."),
        (
            "uitvoerbaar",
            "stadium-overgeslagen",
            "Op 17 maart 2025 was het bestuursproces houdbaar, en vooruit gaat één stadium "
            "tegelijk: van daar alleen naar maakbaar.",
        ),
    ):
        with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
            services.wijzig_stadium(
                actor=actor,
                bestuursproces=proces,
                naar=naar,
                toelichting="Vergeten",
                forceren=True,
                tijdstip=dag[2],
            )
        assert (fout.value.code, fout.value.veld, fout.value.detail) == (code, "naar", zin)
