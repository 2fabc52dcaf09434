"""Recording a party's consent (leg_instemming_vast), and the step settling on the last one.

A step becomes geconsolideerd, with its own event, exactly when the last required party has
ingestemd and formeel besloten.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Instemming, Opdrachtgever, Speler, WyberStap

from ._hulp import (
    AFGEROND_TOELICHTING,
    REGISSEUR_NAAM,
    _fase,
    consolideer,
    gebeurtenissen_na,
    instemming_van,
    laatste_volgnummer,
    samenvatting,
    schrijft_niets,
    stem_in,
    verwacht,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

# --- leg_instemming_vast -----------------------------------------------------------------------


def test_leg_instemming_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, drie: WyberStap, bart: Speler
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    instemming = services.leg_instemming_vast(
        actor=actor,
        instemming=instemming_van(drie, bart),
        status="ingestemd_onder_voorbehoud",
        voorbehoud="Mits er een speeltuin komt",
        formeel_besloten=True,
        besloten_op=timezone.localdate(),
        besluitreferentie="ALV 2026-03",
        toelichting="Brief van de vereniging",
        tijdstip=tijdstip,
    )

    opgeslagen = Instemming.objects.get(pk=instemming.pk)
    assert (
        opgeslagen.status,
        opgeslagen.voorbehoud,
        opgeslagen.formeel_besloten,
        opgeslagen.besloten_op,
        opgeslagen.besluitreferentie,
    ) == (
        "ingestemd_onder_voorbehoud",
        "Mits er een speeltuin komt",
        True,
        timezone.localdate(),
        "ALV 2026-03",
    )
    assert _fase(drie) == "consolideren"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "instemming.vastgelegd",
        {
            "stap": str(drie.uuid),
            "instemming": {
                "uuid": str(instemming.uuid),
                "speler": str(bart.uuid),
                "opdrachtgever": None,
                "status": "ingestemd_onder_voorbehoud",
                "voorbehoud": "Mits er een speeltuin komt",
                "formeelBesloten": True,
                "formeelBesluitNodig": True,
                "beslotenOp": timezone.localdate().isoformat(),
                "besluitreferentie": "ALV 2026-03",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Brief van de vereniging",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_zonder_formeel_besluit_vervallen_datum_en_referentie(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    stem_in(actor, drie, anna, formeel_besloten=False)
    instemming = instemming_van(drie, anna)
    assert (instemming.formeel_besloten, instemming.besloten_op, instemming.besluitreferentie) == (
        False,
        None,
        "",
    )


def test_de_laatste_partij_die_rond_is_consolideert_de_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    stem_in(actor, drie, anna)
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, haven)
    assert _fase(drie) == "consolideren"
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    instemming = stem_in(actor, drie, bart, tijdstip=tijdstip)

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("geconsolideerd", tijdstip)
    vastgelegd, gewijzigd = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(vastgelegd) == verwacht(
        volgnummer + 1,
        "instemming.vastgelegd",
        {
            "stap": str(drie.uuid),
            "instemming": {
                "uuid": str(instemming.uuid),
                "speler": str(bart.uuid),
                "opdrachtgever": None,
                "status": "ingestemd",
                "voorbehoud": "",
                "formeelBesloten": True,
                "formeelBesluitNodig": True,
                "beslotenOp": timezone.localdate().isoformat(),
                "besluitreferentie": "B&W 2026/12",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert samenvatting(gewijzigd) == verwacht(
        volgnummer + 2,
        "wyberstap.fase_gewijzigd",
        {"stap": str(drie.uuid), "van": "consolideren", "naar": "geconsolideerd"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting=AFGEROND_TOELICHTING,
    )
    assert vastgelegd.tijdstip == gewijzigd.tijdstip == tijdstip


@pytest.mark.parametrize(
    ("status", "formeel_besloten"),
    [
        ("ingestemd_onder_voorbehoud", True),
        ("ingestemd", False),
        ("niet_ingestemd", True),
        ("niet_ingestemd", False),
        ("nog_geen_reactie", False),
    ],
)
def test_wie_niet_rond_is_houdt_de_stap_in_consolideren(
    bestuursproces: Bestuursproces,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
    status: str,
    formeel_besloten: bool,
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, haven)
    volgnummer = laatste_volgnummer(bestuursproces)

    stem_in(actor, drie, bart, status=status, formeel_besloten=formeel_besloten)

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("consolideren", None)
    assert [g.type for g in gebeurtenissen_na(bestuursproces, volgnummer)] == [
        "instemming.vastgelegd"
    ]


def test_een_partij_die_terugkomt_op_haar_instemming(
    actor: Actor, drie: WyberStap, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, bart)
    stem_in(actor, drie, anna, status="niet_ingestemd")  # Anna changes her mind
    stem_in(actor, drie, haven)
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, anna)
    assert _fase(drie) == "geconsolideerd"


def test_een_onbekende_status_is_ongeldige_invoer(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        stem_in(actor, drie, anna, status="misschien")
    assert set(fout.value.fouten) == {"status"}


def test_een_formeel_besluit_hoort_bij_een_reactie(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        stem_in(actor, drie, anna, status="nog_geen_reactie", formeel_besloten=True)
    assert set(fout.value.fouten) == {"formeel_besloten"}


def test_na_consolidatie_liggen_de_instemmingen_vast(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    consolideer(actor, stap, [anna])
    stem_in(actor, stap, anna)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        stem_in(actor, stap, anna, status="niet_ingestemd")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)
