"""Access to the register of parties in the admin: assessments and notes shown only to the
roles that may read their level, lists scoped to the viewer's own cases, nothing deleted."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cases import services
from cases.models import Gebeurtenis, Opdrachtgever, Organisatie, Speler, Zichtbaarheid

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import _fouten, _url, formulierdata, laatste, prefix

NIVEAUS = [niveau.value for niveau in Zichtbaarheid]


def _kanaries(regisseur: Any, speler: Speler, opdrachtgever: Opdrachtgever) -> None:
    """A unique string at each level, in assessments and notes of both kinds of party."""
    actor = actor_voor(regisseur)
    for niveau in NIVEAUS:
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt="voorstander",
            macht="productiemacht",
            invloed=3,
            vertrouwen=4,
            toelichting=f"KANARIE-{niveau}-spelerbeoordeling",
            zichtbaarheid=niveau,
        )
        services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            stevigheid=2,
            steun="afwachtend",
            onderling_vertrouwen=3,
            impliciete_opdracht=f"KANARIE-{niveau}-opdrachtgeverbeoordeling",
            zichtbaarheid=niveau,
        )
        for partij in ({"speler": speler}, {"opdrachtgever": opdrachtgever}):
            services.maak_notitie(
                actor=actor,
                bestuursproces=speler.bestuursproces,
                tekst=f"KANARIE-{niveau}-notitie-{next(iter(partij))}",
                zichtbaarheid=niveau,
                **partij,
            )


SOORTEN = {
    "speler": ["spelerbeoordeling", "notitie-speler"],
    "opdrachtgever": ["opdrachtgeverbeoordeling", "notitie-opdrachtgever"],
    "gebeurtenis": ["spelerbeoordeling"],  # the list shows the toelichting, not the payload
}


def _kanaries_in(html: str) -> set[str]:
    return set(re.findall(r"KANARIE-[a-z]+-[a-z-]+", html))


def _verwacht(pagina: str, niveaus: list[str]) -> set[str]:
    """The canaries a page should show to a viewer who may read ``niveaus``."""
    return {f"KANARIE-{niveau}-{soort}" for niveau in niveaus for soort in SOORTEN[pagina]}


# --- confidentiality: each role reads only its levels -----------------------------------------


def test_kernteam_ziet_en_kiest_geen_regisseursniveau(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    client = browser(leden["kernteam"])

    for model, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        pagina = client.get(_url(model, "change", partij.pk))
        html = pagina.content.decode()
        assert _kanaries_in(html) == _verwacht(model, ["proces", "evaluatie", "kernteam"])
        assert 'value="regisseur"' not in html
        for inline in pagina.context["inline_admin_formsets"]:
            if "zichtbaarheid" in inline.formset.form.base_fields:
                keuzes = inline.formset.form.base_fields["zichtbaarheid"].choices
                assert [waarde for waarde, _ in keuzes] == ["proces", "evaluatie", "kernteam"]

    pagina = client.get(_url("speler", "change", speler.pk))
    data = formulierdata(pagina)
    notitie = prefix(pagina, "notitie", nieuw=True)
    data[f"{notitie}-0-tekst"] = "Alleen voor de regisseur?"
    data[f"{notitie}-0-zichtbaarheid"] = "regisseur"
    voor = laatste(speler.bestuursproces)
    response = client.post(_url("speler", "change", speler.pk), data)
    assert response.status_code == 200
    assert "zichtbaarheid" in _fouten(response, "notitie")
    assert laatste(speler.bestuursproces) == voor


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_zien_alleen_procesniveau_en_wijzigen_niets(
    browser: Any,
    leden: dict[str, Any],
    speler: Speler,
    opdrachtgever: Opdrachtgever,
    organisatie: Organisatie,
    rol: str,
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    client = browser(leden[rol])
    voor = laatste(speler.bestuursproces)

    for model, partij in (
        ("speler", speler),
        ("opdrachtgever", opdrachtgever),
        ("organisatie", organisatie),
    ):
        pagina = client.get(_url(model, "change", partij.pk))
        assert pagina.status_code == 200
        assert pagina.context["has_change_permission"] is False
        if model != "organisatie":
            # An evaluator also reads what was released for evaluation.
            leesbaar = [n for n in NIVEAUS if n in Zichtbaarheid.voor_rol(rol)]
            assert _kanaries_in(pagina.content.decode()) == _verwacht(model, leesbaar)
            assert all(  # no add-only forms for readers
                not inline.opts.__class__.__name__.startswith("Nieuw")
                for inline in pagina.context["inline_admin_formsets"]
            )
        response = client.post(_url(model, "change", partij.pk), {"naam": "Gekaapt"})
        assert response.status_code == 403, model

    assert client.get(_url("speler", "add")).status_code == 403
    assert laatste(speler.bestuursproces) == voor


def test_gebeurtenissen_schermen_af_wat_de_rol_niet_mag_lezen(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    bestuursproces = speler.bestuursproces
    geheim = bestuursproces.gebeurtenissen.get(
        type="speler.beoordeeld", payload__zichtbaarheid="regisseur"
    )
    lijst = _url("gebeurtenis", "changelist") + f"?bestuursproces={bestuursproces.uuid}"

    kernteam = browser(leden["kernteam"])
    html = kernteam.get(lijst).content.decode()
    assert _kanaries_in(html) == _verwacht("gebeurtenis", ["proces", "evaluatie", "kernteam"])
    detail = kernteam.get(_url("gebeurtenis", "change", geheim.pk)).content.decode()
    assert "KANARIE" not in detail
    assert "afgeschermd" in detail
    assert geheim.hash in detail
    gezocht = kernteam.get(lijst + "&q=KANARIE-regisseur")
    assert gezocht.context["cl"].result_count == 0
    gezocht = kernteam.get(lijst + "&q=KANARIE-kernteam-spelerbeoordeling")
    assert gezocht.context["cl"].result_count == 1

    regisseur = browser(leden["procesregisseur"])
    assert _kanaries_in(regisseur.get(lijst).content.decode()) == _verwacht("gebeurtenis", NIVEAUS)
    gezocht = regisseur.get(lijst + "&q=KANARIE-regisseur-spelerbeoordeling")
    assert [g.pk for g in gezocht.context["cl"].result_list] == [geheim.pk]


# --- scoping: only own cases, nothing deleted -------------------------------------------------


def test_lijsten_tonen_alleen_eigen_processen(
    browser: Any,
    leden: dict[str, Any],
    speler: Speler,
    opdrachtgever: Opdrachtgever,
    organisatie: Organisatie,
) -> None:
    vreemde_regisseur = GebruikerFactory(username="vreemde-regisseur")
    elders = open_proces(vreemde_regisseur, titel="Geheim project elders")
    actor = actor_voor(vreemde_regisseur)
    services.registreer_organisatie(
        actor=actor, bestuursproces=elders, naam="Vreemde organisatie", soort="bedrijf"
    )
    services.registreer_speler(
        actor=actor,
        bestuursproces=elders,
        naam="Vreemde speler",
        soort="persoon",
        veld="interne",
        rol_in_proces="betrokkene",
    )
    services.registreer_opdrachtgever(
        actor=actor, bestuursproces=elders, naam="Vreemde opdrachtgever", rol="gemeenteraad"
    )
    client = browser(leden["kernteam"])

    for model, eigen in (
        ("speler", speler),
        ("opdrachtgever", opdrachtgever),
        ("organisatie", organisatie),
    ):
        response = client.get(_url(model, "changelist"))
        html = response.content.decode()
        assert response.context["cl"].result_count == 1, model  # once, though 4 members
        assert eigen.naam in html
        assert "Vreemde" not in html
        assert "Geheim project elders" not in html
        assert speler.bestuursproces.titel in html  # the case filter offers own cases


def test_buitenstaander_ziet_geen_partijen(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    client = browser(leden["buitenstaander"])
    for model, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        lijst = client.get(_url(model, "changelist"))
        assert partij.naam not in lijst.content.decode()
        assert client.get(_url(model, "change", partij.pk)).status_code == 302
        assert client.get(_url(model, "add")).status_code == 403
    voor = laatste(speler.bestuursproces)
    response = client.post(_url("speler", "change", speler.pk), {"naam": "Gekaapt"})
    assert response.status_code == 302
    assert laatste(speler.bestuursproces) == voor


def test_partijen_worden_niet_verwijderd(
    browser: Any, leden: dict[str, Any], speler: Speler, organisatie: Organisatie
) -> None:
    client = browser(leden["procesregisseur"])
    for model, partij in (("speler", speler), ("organisatie", organisatie)):
        response = client.post(_url(model, "delete", partij.pk), {"post": "yes"})
        assert response.status_code == 403
    assert Speler.objects.filter(pk=speler.pk).exists()
    assert Gebeurtenis.objects.filter(bestuursproces=speler.bestuursproces).exists()
