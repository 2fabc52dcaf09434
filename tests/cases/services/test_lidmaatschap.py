"""voeg_lid_toe, wijzig_lidmaatschap, beeindig_lidmaatschap; the case keeps a procesregisseur."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.exceptions import LidmaatschapConflict, OngeldigeInvoer
from cases.models import Bestuursproces, Lidmaatschap, Rol

from ._hulp import REGISSEUR_NAAM, gebeurtenissen_na, samenvatting, schrijft_niets, verwacht


def _regisseurslid(bestuursproces: Bestuursproces, regisseur: Any) -> Lidmaatschap:
    return Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=regisseur)


@pytest.mark.parametrize("rol", Rol.values)
def test_voeg_lid_toe(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any, rol: str
) -> None:
    tijdstip = timezone.now()  # explicit, between the last event and the recording
    lid = services.voeg_lid_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        gebruiker=kees,
        rol=rol,
        toelichting="Versterkt het kernteam",
        tijdstip=tijdstip,
    )

    assert Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=kees) == lid
    assert (lid.rol, lid.sinds) == (rol, tijdstip)
    assert list(selectors.bestuursprocessen_voor(kees)) == [bestuursproces]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "lidmaatschap.toegevoegd",
        {"lidmaatschap": {"uuid": str(lid.uuid), "gebruiker": "kees", "rol": rol}},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Versterkt het kernteam",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_voeg_lid_toe_zonder_tijdstip_gebruikt_nu(
    bestuursproces: Bestuursproces, actor: Actor, kees: Any
) -> None:
    voor = timezone.now()
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="evaluator"
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert voor <= lid.sinds == gebeurtenis.tijdstip <= gebeurtenis.geregistreerd


def test_een_gebruiker_is_maar_eenmaal_lid(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any
) -> None:
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    for gebruiker, rol in [(kees, "evaluator"), (kees, "kernteam"), (regisseur, "kernteam")]:
        with schrijft_niets(), pytest.raises(LidmaatschapConflict) as fout:
            services.voeg_lid_toe(
                actor=actor, bestuursproces=bestuursproces, gebruiker=gebruiker, rol=rol
            )
        assert (fout.value.veld, fout.value.status) == ("gebruiker", 409)
        assert gebruiker.get_username() in fout.value.detail


@pytest.mark.parametrize("rol", ["", "beheerder", "PROCESREGISSEUR"])
def test_voeg_lid_toe_met_onbekende_rol(
    bestuursproces: Bestuursproces, actor: Actor, kees: Any, rol: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voeg_lid_toe(actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol=rol)
    assert set(fout.value.fouten) == {"rol"}


def test_wijzig_lidmaatschap(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any
) -> None:
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    voor = timezone.now()

    resultaat = services.wijzig_lidmaatschap(
        actor=Actor.beheer("rollen", regisseur),
        lidmaatschap=lid,
        rol="procesregisseur",
        toelichting="Neemt de regie over",
    )

    assert resultaat.rol == "procesregisseur"
    lid.refresh_from_db()
    assert lid.rol == "procesregisseur"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "lidmaatschap.gewijzigd",
        {
            "lidmaatschap": {"uuid": str(lid.uuid), "gebruiker": "kees", "rol": "procesregisseur"},
            "vorigeRol": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Neemt de regie over",
        herkomst="beheer:rollen",
    )
    assert voor <= gebeurtenis.tijdstip <= gebeurtenis.geregistreerd


def test_wijzig_lidmaatschap_naar_dezelfde_rol_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, kees: Any
) -> None:
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    with schrijft_niets():
        resultaat = services.wijzig_lidmaatschap(actor=actor, lidmaatschap=lid, rol="kernteam")
    assert resultaat.rol == "kernteam"


def test_wijzig_lidmaatschap_met_onbekende_rol(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_lidmaatschap(
            actor=actor, lidmaatschap=_regisseurslid(bestuursproces, regisseur), rol="baas"
        )
    assert set(fout.value.fouten) == {"rol"}


@pytest.mark.parametrize("rol", ["kernteam", "opdrachtgever", "evaluator"])
def test_de_laatste_procesregisseur_kan_niet_worden_teruggezet(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, rol: str
) -> None:
    with schrijft_niets(), pytest.raises(LidmaatschapConflict) as fout:
        services.wijzig_lidmaatschap(
            actor=actor, lidmaatschap=_regisseurslid(bestuursproces, regisseur), rol=rol
        )
    assert (fout.value.veld, fout.value.code) == ("rol", "lidmaatschap-conflict")


def test_de_laatste_procesregisseur_kan_niet_worden_verwijderd(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any
) -> None:
    # Other members (even other roles) do not count: a procesregisseur must stay.
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    with schrijft_niets(), pytest.raises(LidmaatschapConflict) as fout:
        services.beeindig_lidmaatschap(
            actor=actor, lidmaatschap=_regisseurslid(bestuursproces, regisseur)
        )
    assert fout.value.veld == "rol"


def test_met_een_tweede_procesregisseur_mag_de_eerste_weg(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any
) -> None:
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="procesregisseur"
    )
    eigen = _regisseurslid(bestuursproces, regisseur)

    services.wijzig_lidmaatschap(actor=actor, lidmaatschap=eigen, rol="kernteam")
    # Now kees is the only procesregisseur left and cannot be demoted.
    kees_lid = Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=kees)
    with schrijft_niets(), pytest.raises(LidmaatschapConflict):
        services.wijzig_lidmaatschap(actor=actor, lidmaatschap=kees_lid, rol="kernteam")

    services.beeindig_lidmaatschap(actor=Actor(gebruiker=kees, herkomst="test"), lidmaatschap=eigen)
    assert [lid.gebruiker for lid in selectors.lidmaatschappen(bestuursproces)] == [kees]
    assert [e.type for e in gebeurtenissen_na(bestuursproces, 3)] == [
        "lidmaatschap.toegevoegd",
        "lidmaatschap.gewijzigd",
        "lidmaatschap.beeindigd",
    ]


def test_beeindig_lidmaatschap(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, kees: Any
) -> None:
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="opdrachtgever"
    )
    services.wijzig_lidmaatschap(actor=actor, lidmaatschap=lid, rol="evaluator")
    voor = timezone.now()

    services.beeindig_lidmaatschap(actor=actor, lidmaatschap=lid, toelichting="Project verlaten")

    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    assert list(selectors.bestuursprocessen_voor(kees)) == []
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "lidmaatschap.beeindigd",
        # The snapshot is taken at the moment it ends, with the role it had then.
        {"lidmaatschap": {"uuid": str(lid.uuid), "gebruiker": "kees", "rol": "evaluator"}},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Project verlaten",
    )
    assert voor <= gebeurtenis.tijdstip <= gebeurtenis.geregistreerd

    # A former member can come back, with a new membership.
    terug = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    assert terug.uuid != lid.uuid


def test_lidmaatschappen_van_een_afgerond_proces_blijven_te_beheren(
    bestuursproces: Bestuursproces, actor: Actor, kees: Any
) -> None:
    """Access is not case content: an evaluator can be let in after the case was closed."""
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="evaluator"
    )
    services.wijzig_lidmaatschap(actor=actor, lidmaatschap=lid, rol="opdrachtgever")
    services.beeindig_lidmaatschap(actor=actor, lidmaatschap=lid)
    assert [e.type for e in gebeurtenissen_na(bestuursproces, 4)] == [
        "lidmaatschap.toegevoegd",
        "lidmaatschap.gewijzigd",
        "lidmaatschap.beeindigd",
    ]
