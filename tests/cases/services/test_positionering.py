"""kies_positionering: every choice is a new record with its positionering.gekozen event."""

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
from cases.models import Bestuursproces, Positionering, WyberStap, Zichtbaarheid
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    samenvatting,
    schrijft_niets,
    sluit_af,
    start_stap,
    utc,
    verwacht,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

ALLES = frozenset(Zichtbaarheid.values)
OPENING = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


@contextlib.contextmanager
def niets_geschreven() -> Iterator[None]:
    """No case table changed, positioneringen included."""
    voor = list(Positionering.objects.order_by("pk").values())
    with schrijft_niets():
        yield
    assert list(Positionering.objects.order_by("pk").values()) == voor


@pytest.fixture
def stap(bestuursproces: Bestuursproces, actor: Actor) -> WyberStap:
    """A wyber-stap of the case (event 4)."""
    return start_stap(actor, bestuursproces)


def kies(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> Positionering:
    gegevens: dict[str, Any] = {"veld": "opdrachtgevende", "positie": "adviserende_rol"}
    gegevens.update(velden)
    return services.kies_positionering(actor=actor, bestuursproces=bestuursproces, **gegevens)


def test_kies_positionering_legt_haar_vast_met_haar_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, stap: WyberStap
) -> None:
    tijdstip = timezone.now()

    positionering = kies(
        actor,
        bestuursproces,
        omschrijving="Richting geven aan de besluiten van de stuurgroep",
        sinds=timezone.localdate(tijdstip),
        wyberstap=stap,
        toelichting="De stuurgroep is zwak; zij vraagt om richting",
        tijdstip=tijdstip,
    )

    # vastgelegdOp is when it was recorded; sinds (and the event's tijdstip) when it holds.
    assert positionering.auteur == regisseur
    assert positionering.vastgelegd_op >= tijdstip
    assert positionering.zichtbaarheid == "kernteam"  # the default
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "positionering.gekozen",
        {
            "positionering": {
                "uuid": str(positionering.uuid),
                "veld": "opdrachtgevende",
                "positie": "adviserende_rol",
                "omschrijving": "Richting geven aan de besluiten van de stuurgroep",
                "sinds": timezone.localdate(tijdstip).isoformat(),
                "wyberstap": str(stap.uuid),
                "toelichting": "De stuurgroep is zwak; zij vraagt om richting",
                "zichtbaarheid": "kernteam",
                "auteur": "regisseur",
                "vastgelegdOp": utc(positionering.vastgelegd_op),
            },
            # At event level too, so that the log withholds it from whoever may not see it.
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De stuurgroep is zwak; zij vraagt om richting",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_op_procesniveau_zonder_zichtbaarheid_in_de_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    positionering = kies(
        actor, bestuursproces, veld="verbindende", positie="faciliteren", zichtbaarheid="proces"
    )

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "positionering.gekozen",
        {
            "positionering": {
                "uuid": str(positionering.uuid),
                "veld": "verbindende",
                "positie": "faciliteren",
                "omschrijving": "",
                "sinds": timezone.localdate().isoformat(),
                "wyberstap": None,
                "toelichting": "",
                "zichtbaarheid": "proces",
                "auteur": "regisseur",
                "vastgelegdOp": utc(positionering.vastgelegd_op),
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )


def test_sinds_is_standaard_de_nederlandse_datum_van_het_tijdstip(regisseur: Any) -> None:
    proces = open_proces(regisseur, tijdstip=OPENING)
    # 23:30 UTC on 1 March is already 2 March in Amsterdam.
    laat = dt.datetime(2025, 3, 1, 23, 30, tzinfo=dt.UTC)

    positionering = kies(actor_voor(regisseur), proces, tijdstip=laat)

    assert positionering.sinds == dt.date(2025, 3, 2)


def test_het_interne_veld_vraagt_ook_een_omschrijving(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    positionering = kies(
        actor,
        bestuursproces,
        veld="interne",
        positie="sturen",
        omschrijving="Dicht bij de gemeentesecretaris, bouwen aan intern draagvlak",
    )

    assert (positionering.veld, positionering.positie) == ("interne", "sturen")


def test_een_nieuwe_keuze_is_een_nieuwe_positionering(regisseur: Any) -> None:
    proces = open_proces(regisseur, tijdstip=OPENING)
    actor = actor_voor(regisseur)
    eerste = kies(actor, proces, positie="secretarisrol", sinds=timezone.localdate(OPENING))
    tweede = kies(actor, proces, positie="beslissende_rol")

    assert list(Positionering.objects.filter(bestuursproces=proces)) == [eerste, tweede]
    assert Positionering.objects.get(pk=eerste.pk).positie == "secretarisrol"
    assert selectors.huidige_positioneringen(proces, ALLES)["opdrachtgevende"] == tweede
    assert [e.type for e in gebeurtenissen_na(proces, 3)] == ["positionering.gekozen"] * 2


def weigering(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> dict[str, Any]:
    """The field errors of a refused choice (after asserting it wrote nothing)."""
    with niets_geschreven(), pytest.raises(OngeldigeInvoer) as fout:
        kies(actor, bestuursproces, **velden)
    return {veld: meldingen[0] for veld, meldingen in fout.value.fouten.items()}


@pytest.mark.parametrize(
    ("veld", "positie", "melding"),
    [
        (
            "opdrachtgevende",
            "sturen",
            "In het opdrachtgevende veld kies je uit: secretarisrol, adviserende rol, "
            "beslissende rol.",
        ),
        (
            "verbindende",
            "secretarisrol",
            "In het verbindende veld kies je uit: aansturen, sturen, faciliteren, observeren.",
        ),
        (
            "uitvoerende",
            "observeren",
            "In het uitvoerende veld kies je uit: uitvoerend, meewerkend, coördinerend, "
            "overzicht creërend, stand-by.",
        ),
        ("interne", "meewerkend", None),
        ("opdrachtgevende", "knopen_doorhakken", None),
    ],
)
def test_de_positie_past_bij_het_veld(
    bestuursproces: Bestuursproces, actor: Actor, veld: str, positie: str, melding: str | None
) -> None:
    fouten = weigering(actor, bestuursproces, veld=veld, positie=positie, omschrijving="x")
    assert set(fouten) == {"positie"}
    assert fouten["positie"][0] == "invalid_choice"
    if melding is not None:
        assert fouten["positie"][1] == melding


def test_onbekend_veld(bestuursproces: Bestuursproces, actor: Actor) -> None:
    fouten = weigering(actor, bestuursproces, veld="ontwerpende", positie="sturen")
    assert fouten == {
        "veld": (
            "invalid_choice",
            "Kies een veld uit: opdrachtgevende, verbindende, uitvoerende, interne.",
        )
    }


@pytest.mark.parametrize("omschrijving", ["", "   "])
def test_interne_veld_zonder_omschrijving(
    bestuursproces: Bestuursproces, actor: Actor, omschrijving: str
) -> None:
    fouten = weigering(
        actor, bestuursproces, veld="interne", positie="sturen", omschrijving=omschrijving
    )
    assert fouten == {
        "omschrijving": (
            "required",
            "In het interne veld beschrijf je je positie ook in eigen woorden, naast de plek "
            "op de sturings-as.",
        )
    }


def test_sinds_niet_in_de_toekomst(bestuursproces: Bestuursproces, actor: Actor) -> None:
    morgen = timezone.localdate() + dt.timedelta(days=1)
    assert weigering(actor, bestuursproces, sinds=morgen) == {
        "sinds": ("invalid", "Een positionering kan niet in de toekomst ingaan.")
    }


def test_sinds_niet_voor_de_opening(regisseur: Any) -> None:
    proces = open_proces(regisseur, tijdstip=OPENING)
    assert weigering(actor_voor(regisseur), proces, sinds=dt.date(2025, 2, 28)) == {
        "sinds": (
            "invalid",
            "Een positionering kan niet ingaan vóór de opening van het bestuursproces "
            "(1 maart 2025).",
        )
    }


def test_sinds_op_de_dag_van_opening_mag(regisseur: Any) -> None:
    proces = open_proces(regisseur, tijdstip=OPENING)
    assert kies(actor_voor(regisseur), proces, sinds=dt.date(2025, 3, 1)).sinds == dt.date(
        2025, 3, 1
    )


def test_wyberstap_van_een_ander_proces(
    bestuursproces: Bestuursproces, actor: Actor, ander_proces: Bestuursproces
) -> None:
    elders = start_stap(actor, ander_proces)
    assert weigering(actor, bestuursproces, wyberstap=elders) == {
        "wyberstap": ("does_not_exist", "Deze wyber-stap hoort niet bij dit bestuursproces.")
    }


def test_alle_fouten_tegelijk(bestuursproces: Bestuursproces, actor: Actor) -> None:
    morgen = timezone.localdate() + dt.timedelta(days=1)
    fouten = weigering(actor, bestuursproces, veld="interne", positie="stand_by", sinds=morgen)
    assert set(fouten) == {"positie", "omschrijving", "sinds"}


def test_niet_ruimer_zichtbaar_dan_de_eigen_rol(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    fouten = weigering(actor_voor(kernteamlid), bestuursproces, zichtbaarheid="regisseur")
    assert set(fouten) == {"zichtbaarheid"}
    assert fouten["zichtbaarheid"][0] == "niet_toegestaan"


def test_onbekende_zichtbaarheid(bestuursproces: Bestuursproces, actor: Actor) -> None:
    assert weigering(actor, bestuursproces, zichtbaarheid="geheim")["zichtbaarheid"][0] == (
        "invalid_choice"
    )


def test_vraagt_een_auteur(bestuursproces: Bestuursproces) -> None:
    fouten = weigering(Actor.beheer("import"), bestuursproces)
    assert set(fouten) == {"gebruiker"}


def test_afgerond_proces(bestuursproces: Bestuursproces, actor: Actor) -> None:
    sluit_af(actor, bestuursproces)
    with niets_geschreven(), pytest.raises(ProcesAfgerond):
        kies(actor, bestuursproces)


# --- the current position per veld ------------------------------------------------------------


def test_huidige_positionering_per_veld(regisseur: Any) -> None:
    proces = open_proces(regisseur, tijdstip=OPENING)
    actor = actor_voor(regisseur)
    moment = [OPENING + dt.timedelta(days=dag) for dag in range(1, 5)]
    secretaris = kies(actor, proces, positie="secretarisrol", tijdstip=moment[0])
    kies(actor, proces, veld="verbindende", positie="sturen", tijdstip=moment[1])
    # Recorded later, but in force since before the secretarisrol: not the current one.
    kies(
        actor,
        proces,
        positie="beslissende_rol",
        sinds=timezone.localdate(OPENING),
        tijdstip=moment[2],
    )
    geheim = kies(
        actor,
        proces,
        veld="verbindende",
        positie="observeren",
        zichtbaarheid="regisseur",
        tijdstip=moment[3],
    )

    huidig = selectors.huidige_positioneringen(proces, ALLES)
    assert list(huidig) == ["opdrachtgevende", "verbindende", "uitvoerende", "interne"]
    assert huidig["opdrachtgevende"] == secretaris
    assert huidig["verbindende"] == geheim
    assert huidig["uitvoerende"] is None
    assert huidig["interne"] is None
    # The kernteam does not see the regisseur's own choice: for it, sturen is current.
    kernteam = selectors.huidige_positioneringen(proces, Zichtbaarheid.voor_rol("kernteam"))
    assert getattr(kernteam["verbindende"], "positie", None) == "sturen"
    # On the second day (world time): the secretarisrol, in force since after the beslissende.
    toen = selectors.huidige_positioneringen(proces, ALLES, moment[1])
    assert toen["opdrachtgevende"] == secretaris
    assert getattr(toen["verbindende"], "positie", None) == "sturen"
    # At the opening, by what is recorded now: the beslissende rol, recorded later but in force
    # since the opening; as the file stood after the second day, it was not recorded yet.
    bij_opening = selectors.huidige_positioneringen(proces, ALLES, OPENING)
    assert getattr(bij_opening["opdrachtgevende"], "positie", None) == "beslissende_rol"
    toen_bekend = selectors.huidige_positioneringen(proces, ALLES, OPENING, bekend_op=moment[1])
    assert toen_bekend["opdrachtgevende"] is None
