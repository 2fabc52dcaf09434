"""verruim_zichtbaarheid: the regisseur releases items, never narrows; replay and reads follow."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Interventie,
    Positionering,
    Rol,
    SpelerBeoordeling,
    Zichtbaarheid,
)
from cases.selectors.toestand import huidige_toestand, momentopname
from cases.services.zichtbaarheid import (
    NietsTeVerruimen,
    Vernauwing,
    VrijgevenNietToegestaan,
    verruim_zichtbaarheid,
)
from tests.cases._vrijgeven import Vrijgavedossier, vrijgavedossier
from tests.factories import actor_voor

from ._hulp import gebeurtenissen_na, laatste_volgnummer, samenvatting, schrijft_niets, verwacht

REDEN = "Voor de evaluatie van het eerste stadium"


@pytest.fixture
def zaak(regisseur: Any) -> Vrijgavedossier:
    return vrijgavedossier(regisseur)


def _over(zaak: Vrijgavedossier, interventie: Interventie) -> list[int]:
    """The volgnummers of the events about an interventie (read apart from the service)."""
    volgnummers = []
    for e in Gebeurtenis.objects.filter(bestuursproces=zaak.proces).order_by("volgnummer"):
        waarde = e.payload.get("interventie")
        uuid = waarde.get("uuid") if isinstance(waarde, dict) else waarde
        if uuid == str(interventie.uuid) and e.type.startswith("interventie."):
            volgnummers.append(e.volgnummer)
    return volgnummers


def _geef_stadium_vrij(zaak: Vrijgavedossier, regisseur: Any) -> Gebeurtenis:
    return verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=zaak.proces,
        onderdeel="interventies",
        naar="evaluatie",
        selectie={"stadium": "voorstelbaar"},
        toelichting=REDEN,
    )


def test_de_interventies_van_een_stadium_vrijgeven(zaak: Vrijgavedossier, regisseur: Any) -> None:
    voor = laatste_volgnummer(zaak.proces)

    _geef_stadium_vrij(zaak, regisseur)

    een, twee, drie = zaak.in_stadium
    assert [samenvatting(e) for e in gebeurtenissen_na(zaak.proces, voor)] == [
        verwacht(
            voor + 1,
            "zichtbaarheid.verruimd",
            {
                "naar": "evaluatie",
                "onderdeel": "interventies",
                "selectie": {"stadium": "voorstelbaar"},
                "items": [
                    {
                        "onderdeel": "interventie",
                        "uuid": str(i.uuid),
                        "van": "kernteam",
                        "gebeurtenissen": _over(zaak, i),
                    }
                    for i in (een, twee, drie)
                ],
                "zichtbaarheid": "evaluatie",
            },
            door=regisseur,
            naam="Rina Regisseur",
            toelichting=REDEN,
        )
    ]
    assert len(_over(zaak, een)) == 2  # gelogd and geevalueerd
    niveaus = dict(Interventie.objects.values_list("uuid", "zichtbaarheid"))
    assert niveaus == {
        een.uuid: "evaluatie",
        twee.uuid: "evaluatie",
        drie.uuid: "evaluatie",
        zaak.buiten_stadium.uuid: "regisseur",
    }


def test_een_beoordeling_van_een_speler_vrijgeven_voor_iedereen(
    zaak: Vrijgavedossier, regisseur: Any
) -> None:
    verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=zaak.proces,
        onderdeel="spelerbeoordelingen",
        naar="proces",
        selectie={"speler": str(zaak.speler.uuid)},
        toelichting=REDEN,
    )

    assert list(SpelerBeoordeling.objects.values_list("zichtbaarheid", flat=True)) == ["proces"]
    vers = Bestuursproces.objects.get(pk=zaak.proces.pk)
    opdrachtgever = huidige_toestand(vers, Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER))
    [speler] = opdrachtgever["spelers"]
    assert speler["huidigeBeoordeling"]["standpunt"] == "tegenstander"


def test_vernauwen_wordt_geweigerd(zaak: Vrijgavedossier, regisseur: Any) -> None:
    _geef_stadium_vrij(zaak, regisseur)
    een = zaak.in_stadium[0]

    with schrijft_niets(), pytest.raises(Vernauwing) as fout:
        verruim_zichtbaarheid(
            actor=actor_voor(regisseur),
            bestuursproces=zaak.proces,
            onderdeel="interventies",
            naar="kernteam",
            uuids=[str(een.uuid)],
            toelichting=REDEN,
        )
    assert fout.value.status == 409


def test_niets_te_verruimen_wordt_geweigerd(zaak: Vrijgavedossier, regisseur: Any) -> None:
    _geef_stadium_vrij(zaak, regisseur)

    with schrijft_niets(), pytest.raises(NietsTeVerruimen):
        _geef_stadium_vrij(zaak, regisseur)


def test_alleen_de_procesregisseur_geeft_vrij(zaak: Vrijgavedossier) -> None:
    with schrijft_niets(), pytest.raises(VrijgevenNietToegestaan):
        verruim_zichtbaarheid(
            actor=actor_voor(zaak.leden[Rol.KERNTEAM]),
            bestuursproces=zaak.proces,
            onderdeel="positioneringen",
            naar="evaluatie",
            toelichting=REDEN,
        )


@pytest.mark.parametrize(
    ("velden", "foutveld"),
    [
        ({"onderdeel": "stadia", "naar": "evaluatie"}, "onderdeel"),
        ({"onderdeel": "interventies", "naar": "regisseur"}, "naar"),
        ({"onderdeel": "interventies", "naar": "evaluatie", "toelichting": " "}, "toelichting"),
        (
            {"onderdeel": "besluiten", "naar": "proces", "selectie": {"stadium": "houdbaar"}},
            "stadium",
        ),
        ({"onderdeel": "interventies", "naar": "proces", "uuids": ["geen-uuid"]}, "uuids"),
    ],
)
def test_ongeldige_invoer_noemt_het_veld(
    zaak: Vrijgavedossier, regisseur: Any, velden: dict[str, Any], foutveld: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        verruim_zichtbaarheid(
            actor=actor_voor(regisseur),
            bestuursproces=zaak.proces,
            **{"toelichting": REDEN, **velden},
        )
    assert foutveld in fout.value.fouten


@pytest.mark.parametrize("rol", list(Rol))
def test_replay_na_vrijgeven_is_de_tabellen(
    zaak: Vrijgavedossier, regisseur: Any, rol: str
) -> None:
    _geef_stadium_vrij(zaak, regisseur)
    services.kies_positionering(
        actor=actor_voor(regisseur),
        bestuursproces=zaak.proces,
        veld="verbindende",
        positie="sturen",
        sinds=timezone.localdate(),
    )
    verruim_zichtbaarheid(
        actor=actor_voor(regisseur),
        bestuursproces=zaak.proces,
        onderdeel="positioneringen",
        naar="evaluatie",
        toelichting=REDEN,
    )
    zichtbaar = Zichtbaarheid.voor_rol(rol)

    vers = Bestuursproces.objects.get(pk=zaak.proces.pk)

    assert herbouw(geschiedenis(vers.pk), zichtbaar) == huidige_toestand(vers, zichtbaar)
    assert set(Positionering.objects.values_list("zichtbaarheid", flat=True)) == {"evaluatie"}


def test_de_momentopname_van_de_evaluator_toont_wat_is_vrijgegeven(
    zaak: Vrijgavedossier, regisseur: Any
) -> None:
    evaluator = Zichtbaarheid.voor_rol(Rol.EVALUATOR)
    opdrachtgever = Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER)
    stadium_voorbij = Gebeurtenis.objects.get(
        bestuursproces=zaak.proces, type="stadium.gewijzigd"
    ).tijdstip
    voor = momentopname(zaak.proces, stadium_voorbij, evaluator)
    assert voor is not None
    assert voor["interventies"] == []

    _geef_stadium_vrij(zaak, regisseur)

    # A past moment, so it is folded from the log (the events keep their logged level).
    na = momentopname(zaak.proces, stadium_voorbij, Zichtbaarheid.voor_rol(Rol.EVALUATOR))
    assert na is not None
    assert sorted(i["uuid"] for i in na["interventies"]) == sorted(
        str(i.uuid) for i in zaak.in_stadium
    )
    [geevalueerd] = [i for i in na["interventies"] if i["uitgepakt"]]
    assert geevalueerd["uitgepakt"] == "ja"
    nu = momentopname(zaak.proces, timezone.now(), Zichtbaarheid.voor_rol(Rol.EVALUATOR))
    assert nu is not None
    assert len(nu["interventies"]) == 3
    # Released for evaluation is not released to the opdrachtgever.
    bij_opdrachtgever = momentopname(zaak.proces, timezone.now(), opdrachtgever)
    assert bij_opdrachtgever is not None
    assert bij_opdrachtgever["interventies"] == []
