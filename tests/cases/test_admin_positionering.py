"""Positioneringen and procesontwerp versions in the admin: per case for its members, at the
levels their role may read, read-only once recorded, added through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Positionering, ProcesontwerpVersie
from cases.services.procesontwerp import ProcesontwerpInhoud

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import _url, als_staf, gebeurtenistypen, laatste

# Not (yet) among the permissions members get (cases.demo.GEBRUIKERSRECHTEN).
RECHTEN = [
    "view_positionering",
    "add_positionering",
    "view_procesontwerpversie",
    "add_procesontwerpversie",
]


@pytest.fixture
def staf(client: Client) -> Any:
    def _staf(gebruiker: Any) -> Client:
        als_staf(client, gebruiker)
        gebruiker.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="cases", codename__in=RECHTEN)
        )
        return client

    return _staf


def kies(proces: Bestuursproces, regisseur: Any, **velden: Any) -> Positionering:
    gegevens: dict[str, Any] = {"veld": "verbindende", "positie": "sturen"} | velden
    return services.kies_positionering(
        actor=actor_voor(regisseur), bestuursproces=proces, **gegevens
    )


def fouten(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200, response
    return dict(response.context["adminform"].form.errors)


# --- positioneringen ----------------------------------------------------------------------------


def test_regisseur_kiest_een_positionering(staf, leden, bestuursproces):
    regisseur = leden["procesregisseur"]
    elders = open_proces(GebruikerFactory(username="ander"), titel="Elders als kernteam")
    services.voeg_lid_toe(
        actor=actor_voor(elders.lidmaatschappen.get().gebruiker),
        bestuursproces=elders,
        gebruiker=regisseur,
        rol="kernteam",
    )
    stap = services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, doel="Kade"
    )
    client = staf(regisseur)

    pagina = client.get(_url("positionering", "add"))

    assert pagina.status_code == 200
    form = pagina.context["adminform"].form
    assert set(form.fields["bestuursproces"].queryset) == {bestuursproces}  # not as kernteam
    assert list(form.fields["wyberstap"].queryset) == [stap]
    voor = laatste(bestuursproces)
    response = client.post(
        _url("positionering", "add"),
        {
            "bestuursproces": bestuursproces.pk,
            "veld": "opdrachtgevende",
            "positie": "adviserende_rol",
            "omschrijving": "Richting geven",
            "wyberstap": stap.pk,
            "toelichting": "De stuurgroep is zwak",
            "zichtbaarheid": "kernteam",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == ["positionering.gekozen"]
    positionering = Positionering.objects.get()
    assert (positionering.positie, positionering.sinds, positionering.wyberstap) == (
        "adviserende_rol",
        timezone.localdate(),
        stap,
    )
    assert positionering.auteur == regisseur


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        (
            {"veld": "opdrachtgevende", "positie": "sturen"},
            {
                "positie": [
                    "In het opdrachtgevende veld kies je uit: secretarisrol, adviserende rol, "
                    "beslissende rol."
                ]
            },
        ),
        (
            {"veld": "interne", "positie": "sturen"},
            {
                "omschrijving": [
                    "In het interne veld beschrijf je je positie ook in eigen woorden, naast de "
                    "plek op de sturings-as."
                ]
            },
        ),
        (
            {"sinds": "2999-01-01"},
            {"sinds": ["Een positionering kan niet in de toekomst ingaan."]},
        ),
    ],
)
def test_weigeringen_als_formulierfout(staf, leden, bestuursproces, velden, verwacht):
    client = staf(leden["procesregisseur"])
    voor = laatste(bestuursproces)
    data = {
        "bestuursproces": bestuursproces.pk,
        "veld": "verbindende",
        "positie": "sturen",
        "zichtbaarheid": "kernteam",
    } | velden

    assert fouten(client.post(_url("positionering", "add"), data)) == verwacht
    assert laatste(bestuursproces) == voor
    assert not Positionering.objects.exists()


def test_wyberstap_van_een_ander_proces_is_een_formulierfout(staf, leden, bestuursproces):
    regisseur = leden["procesregisseur"]
    ander = open_proces(regisseur, titel="Ander")
    elders = services.start_wyberstap(actor=actor_voor(regisseur), bestuursproces=ander, doel="X")
    data = {
        "bestuursproces": bestuursproces.pk,
        "veld": "verbindende",
        "positie": "sturen",
        "wyberstap": elders.pk,
        "zichtbaarheid": "kernteam",
    }

    assert fouten(staf(regisseur).post(_url("positionering", "add"), data)) == {
        "wyberstap": ["Deze wyber-stap hoort niet bij dit bestuursproces."]
    }
    assert not Positionering.objects.exists()


def test_weigering_van_de_dienst_in_het_formulier(staf, leden, bestuursproces):
    regisseur = leden["procesregisseur"]
    services.wijzig_status(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, status="afgerond", uitkomst="Ok"
    )
    voor = laatste(bestuursproces)
    data = {
        "bestuursproces": bestuursproces.pk,
        "veld": "verbindende",
        "positie": "sturen",
        "zichtbaarheid": "kernteam",
    }

    response = staf(regisseur).post(_url("positionering", "add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Het bestuursproces is afgerond" in " ".join(form.non_field_errors())
    assert (form["veld"].value(), form["positie"].value()) == ("verbindende", "sturen")
    assert laatste(bestuursproces) == voor
    assert not Positionering.objects.exists()


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("procesregisseur", {"faciliteren", "sturen", "observeren"}),
        ("kernteam", {"faciliteren", "sturen"}),
        ("opdrachtgever", {"faciliteren"}),
    ],
)
def test_elk_lid_ziet_wat_zijn_rol_mag_zien(staf, leden, bestuursproces, rol, ziet):
    regisseur = leden["procesregisseur"]
    for positie, niveau in [("faciliteren", "proces"), ("sturen", "kernteam")]:
        kies(bestuursproces, regisseur, positie=positie, zichtbaarheid=niveau)
    geheim = kies(bestuursproces, regisseur, positie="observeren", zichtbaarheid="regisseur")
    ander = GebruikerFactory(username="ander")
    kies(open_proces(ander, titel="Ander"), ander, positie="aansturen")  # not a member there
    client = staf(leden[rol])

    lijst = client.get(_url("positionering", "changelist"))

    assert lijst.status_code == 200
    assert {p.positie for p in lijst.context["cl"].result_list} == ziet
    gefilterd = client.get(_url("positionering", "changelist"), {"zichtbaarheid__exact": "proces"})
    assert {p.positie for p in gefilterd.context["cl"].result_list} == {"faciliteren"}
    detail = client.get(_url("positionering", "change", geheim.pk))
    assert detail.status_code == (200 if rol == "procesregisseur" else 302)


@pytest.mark.parametrize("rol", ["kernteam", "opdrachtgever"])
def test_alleen_de_regisseur_voegt_toe(staf, leden, bestuursproces, rol):
    client = staf(leden[rol])
    assert client.get(_url("positionering", "add")).status_code == 403
    response = client.post(
        _url("positionering", "add"),
        {"bestuursproces": bestuursproces.pk, "veld": "verbindende", "positie": "sturen"},
    )
    assert response.status_code == 403
    assert not Positionering.objects.exists()


def test_een_positionering_wordt_nooit_gewijzigd(staf, leden, bestuursproces):
    regisseur = leden["procesregisseur"]
    positionering = kies(bestuursproces, regisseur)
    client = staf(regisseur)

    pagina = client.get(_url("positionering", "change", positionering.pk))

    assert pagina.status_code == 200
    assert not pagina.context["has_change_permission"]
    assert "Vastgelegd op" in pagina.content.decode()
    response = client.post(
        _url("positionering", "change", positionering.pk),
        {"bestuursproces": bestuursproces.pk, "veld": "verbindende", "positie": "observeren"},
    )
    assert response.status_code == 403
    assert Positionering.objects.get().positie == "sturen"


# --- procesontwerp ----------------------------------------------------------------------------


def herzie(proces: Bestuursproces, gebruiker: Any, **velden: Any) -> ProcesontwerpVersie:
    inhoud: dict[str, Any] = {"processtrategie": "Eerst verbinden", "aanpak": "lineair"} | velden
    return services.herzie_procesontwerp(
        actor=actor_voor(gebruiker), bestuursproces=proces, inhoud=ProcesontwerpInhoud(**inhoud)
    )


def test_nieuwe_versie_begint_bij_de_huidige(staf, leden, bestuursproces):
    regisseur = leden["procesregisseur"]
    huidig = herzie(
        bestuursproces,
        regisseur,
        spelregels="Open kaart",
        geplande_stappen=[
            {"titel": "Verkenning", "gepland": dt.date(2026, 5, 1), "omschrijving": "Gesprekken"},
            {"titel": "Besluit"},
        ],
    )
    client = staf(leden["kernteam"])

    detail = client.get(_url("procesontwerpversie", "change", huidig.pk))
    assert detail.status_code == 200
    link = f"{_url('procesontwerpversie', 'add')}?bestuursproces={bestuursproces.pk}"
    assert link in detail.content.decode()
    pagina = client.get(link)

    assert pagina.status_code == 200
    initial = pagina.context["adminform"].form.initial
    assert {k: initial[k] for k in ("processtrategie", "aanpak", "spelregels", "stappen")} == {
        "processtrategie": "Eerst verbinden",
        "aanpak": "lineair",
        "spelregels": "Open kaart",
        "stappen": "Verkenning | 2026-05-01 | Gesprekken\nBesluit",
    }
    voor = laatste(bestuursproces)
    response = client.post(
        _url("procesontwerpversie", "add"),
        {
            "bestuursproces": bestuursproces.pk,
            "processtrategie": "Eerst verbinden, dan versnellen",
            "aanpak": "flipperkast",
            "spelregels": "Open kaart",
            "stappen": "Verkenning | 2026-05-01 | Gesprekken\n\nAtelier |  | Met bewoners\nBesluit",
            "toelichting": "Na het atelier",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == ["procesontwerp.herzien"]
    nieuw = ProcesontwerpVersie.objects.get(versie=2)
    assert nieuw.auteur == leden["kernteam"]
    assert nieuw.geplande_stappen == [
        {"titel": "Verkenning", "gepland": "2026-05-01", "omschrijving": "Gesprekken"},
        {"titel": "Atelier", "gepland": None, "omschrijving": "Met bewoners"},
        {"titel": "Besluit", "gepland": None, "omschrijving": ""},
    ]
    assert Bestuursproces.objects.get(pk=bestuursproces.pk).aanpak == "flipperkast"


def test_eerste_versie_begint_bij_de_aanpak_van_het_proces(staf, leden, bestuursproces):
    client = staf(leden["procesregisseur"])
    pagina = client.get(_url("procesontwerpversie", "add"), {"bestuursproces": bestuursproces.pk})
    assert pagina.context["adminform"].form.initial["aanpak"] == "cyclisch"


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        (
            {"stappen": "Verkenning\n\nAtelier | 1 mei"},
            {"stappen": ["Regel 3: Geef een datum als JJJJ-MM-DD, of laat hem leeg."]},
        ),
        (
            {"stappen": "A | 2026-05-01 | B | C"},
            {"stappen": ["Regel 1: geef titel | datum | omschrijving."]},
        ),
        (
            {"stappen": " | 2026-05-01"},
            {"stappen": ["Regel 1: Geef de stap een titel."]},
        ),
        (
            {"processtrategie": "x" * 1001},
            {
                "processtrategie": [
                    "Vat de processtrategie samen in een paar eenvoudige zinnen die iedereen "
                    "begrijpt: hoogstens 1000 tekens."
                ]
            },
        ),
    ],
)
def test_procesontwerp_weigeringen_als_formulierfout(staf, leden, bestuursproces, velden, verwacht):
    client = staf(leden["procesregisseur"])
    voor = laatste(bestuursproces)
    data = {
        "bestuursproces": bestuursproces.pk,
        "processtrategie": "Eerst verbinden",
        "aanpak": "lineair",
    } | velden

    assert fouten(client.post(_url("procesontwerpversie", "add"), data)) == verwacht
    assert laatste(bestuursproces) == voor
    assert not ProcesontwerpVersie.objects.exists()


def test_lezers_zien_het_procesontwerp_maar_herzien_niet(staf, leden, bestuursproces):
    herzie(bestuursproces, leden["procesregisseur"])
    herzie(
        open_proces(GebruikerFactory(username="ander"), titel="Elders"), leden["procesregisseur"]
    )
    client = staf(leden["opdrachtgever"])

    lijst = client.get(_url("procesontwerpversie", "changelist"), {"aanpak__exact": "lineair"})

    assert [v.bestuursproces for v in lijst.context["cl"].result_list] == [bestuursproces]
    assert client.get(_url("procesontwerpversie", "add")).status_code == 403
