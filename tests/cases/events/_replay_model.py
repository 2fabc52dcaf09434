"""The machinery of the replay property test: hypothesis strategies for service calls, a
model of the case that predicts which calls the domain refuses, and the Uitvoerder that runs
each call against the services and keeps the model up to date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import event
from hypothesis import strategies as st

from cases import services
from cases.exceptions import (
    DomainError,
    LidmaatschapConflict,
    OngeldigeInvoer,
    OngeldigeOvergang,
    PoortGesloten,
    ProcesAfgerond,
)
from cases.models import (
    Bestuursproces,
    Lidmaatschap,
    Opdrachtgever,
    Organisatie,
    Speler,
    Stadium,
    Zichtbaarheid,
)
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.cases.services._hulp import laatste_volgnummer, schrijft_niets
from tests.factories import GebruikerFactory, actor_voor

VOLGORDE = [s.value for s in Stadium]
ANDERE_GEBRUIKERS = ["anna", "bram", "cor"]
ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
# A kernteam member from the start, so that assessments and notes have two kinds of author.
KERNTEAMLID = "kim"
AUTEURS = ["regisseur", KERNTEAMLID]
NIVEAUS = [niveau.value for niveau in Zichtbaarheid]
# Betrokkenheid actions as docs/architecture.md describes them: (from where, to what).
BETROKKENHEID = {
    "aansluiten": ({"nog_te_betrekken"}, "aangehaakt"),
    "aanhaken": ({"afwachtend", "afgehaakt"}, "aangehaakt"),
    "afwachten": ({"nog_te_betrekken", "aangehaakt"}, "afwachtend"),
    "afhaken": ({"nog_te_betrekken", "aangehaakt", "afwachtend"}, "afgehaakt"),
}
# Names that collide when case is ignored, and an empty one (refused).
ORGANISATIENAMEN = ["Gemeente", "gemeente", "GEMEENTE", "Provincie", "Waterschap", ""]
ORGANISATIESOORTEN = ["gemeentelijk_onderdeel", "bedrijf", "bewonersgroep", "vereniging"]
SPELERSOORTEN = ["persoon", "groep"]
VELDEN = ["verbindende", "interne", "uitvoerende", "opdrachtgevende"]  # the last is refused
SPELERROLLEN = ["idee_eigenaar", "initiatiefnemer", "kernteamlid", "sleutelpersoon"]
OPDRACHTGEVERROLLEN = ["bestuurlijk_opdrachtgever", "gemeenteraad", "burgemeester"]  # ditto
STANDPUNTEN = ["voorstander", "tegenstander", "afwachtend", "onbekend"]
MACHTEN = ["productiemacht", "blokkademacht", "diffuse_macht", "geen"]

# Any text PostgreSQL can store: no NUL, no lone surrogates.
tekens = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
tekst = st.text(alphabet=tekens, max_size=12)
tekst_gevuld = st.text(alphabet=tekens, min_size=1, max_size=12)


def _soms_leeg(strategie: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly ``strategie``, about one time in six an empty or blank string."""
    return st.sampled_from(range(6)).flatmap(
        lambda i: st.sampled_from(["", " \t"]) if i == 0 else strategie
    )


# Mostly real reasons, now and then an empty or blank one (refused where a reason is required).
toelichting = _soms_leeg(tekst_gevuld.map(lambda t: f"Reden {t}"))
datums = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31))
bedragen = st.one_of(
    st.none(),
    # Whole euros without decimals: stored and replayed as "n.00".
    st.integers(min_value=0, max_value=10**9).map(Decimal),
    st.decimals(
        min_value=Decimal("-50"),
        max_value=Decimal("9999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
)
besluitmomenten = st.lists(
    st.builds(
        BesluitmomentInvoer,
        datum=datums,
        soort=st.sampled_from(["mandaat", "besluit"]),
        gevraagd=tekst,
    ),
    max_size=3,
).map(tuple)
opdrachten = st.builds(
    Opdracht,
    kaders=tekst,
    budget=bedragen,
    uren=st.one_of(st.none(), st.integers(min_value=-2, max_value=100_000)),
    einddatum=st.one_of(st.none(), datums),
    speelruimte=tekst,
    besluitmomenten=besluitmomenten,
)
veldwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "titel": _soms_leeg(tekst_gevuld),
        "omschrijving": tekst,
        "rol_gemeente": st.sampled_from(["initierend", "participerend", "faciliterend"]),
        "procesrol": st.sampled_from(["procesregisseur", "procesbegeleider", "procesmanager"]),
        "aanpak": st.sampled_from(["lineair", "flipperkast", "cyclisch"]),
        "archiefnominatie": st.sampled_from(["", "blijvend_bewaren", "vernietigen"]),
        "archiefactiedatum": st.one_of(st.none(), datums),
    },
)
# A speler's veld: mostly valid, now and then the opdrachtgevende (refused).
spelervelden = st.sampled_from(VELDEN[:3] * 3 + VELDEN[3:])
# Scores 1–5 are valid; 0 and 6 now and then.
scores = st.sampled_from([0, 1, 2, 3, 3, 4, 5, 5, 6])
index = st.integers(min_value=0, max_value=9)
soms_index = st.one_of(st.none(), index)
# Now and then an edit names a field that cannot be edited (refused).
onbekend_veld = st.sampled_from([None] * 5 + ["betrokkenheid"])
namen = _soms_leeg(st.sampled_from(["Anna", "Bram", "Cor", "Dirk"]) | tekst_gevuld)
organisatiewijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": st.sampled_from(ORGANISATIENAMEN),
        "soort": st.sampled_from(ORGANISATIESOORTEN),
        "eigen_gemeente": st.booleans(),
    },
)
spelerwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": namen,
        "veld": spelervelden,
        "belang": tekst,
        "organisatie": soms_index,  # an index into the case's organisaties
        "commitment": st.one_of(st.none(), st.booleans()),
    },
)
opdrachtgeverwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": namen,
        "rol": st.sampled_from(OPDRACHTGEVERROLLEN),
        "expliciete_opdracht": tekst,
        "organisatie": soms_index,
    },
)
SOORTEN: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "idee": st.tuples(
        st.just("idee"),
        _soms_leeg(tekst_gevuld),
        tekst,
        # idee-eigenaren: indices into the case's spelers (a repeat is refused)
        st.lists(index, max_size=3),
        toelichting,
    ),
    "vooruit": st.tuples(st.just("vooruit"), st.booleans(), toelichting),
    "terug": st.tuples(st.just("terug"), st.integers(min_value=0, max_value=4), toelichting),
    "velden": st.tuples(st.just("velden"), veldwijzigingen, toelichting),
    "opdracht": st.tuples(st.just("opdracht"), opdrachten, toelichting),
    "status": st.tuples(
        st.just("status"),
        st.sampled_from(["actief", "gepauzeerd", "afgerond"]),
        st.one_of(st.none(), tekst_gevuld, st.just("")),
        st.booleans(),
    ),
    "lid_erbij": st.tuples(
        st.just("lid_erbij"), st.sampled_from(ANDERE_GEBRUIKERS), st.sampled_from(ROLLEN)
    ),
    "lid_rol": st.tuples(
        st.just("lid_rol"), st.integers(min_value=0, max_value=9), st.sampled_from(ROLLEN)
    ),
    "lid_eraf": st.tuples(st.just("lid_eraf"), st.integers(min_value=0, max_value=9)),
    "organisatie": st.tuples(
        st.just("organisatie"),
        st.sampled_from(ORGANISATIENAMEN),
        st.sampled_from(ORGANISATIESOORTEN),
        st.booleans(),
        toelichting,
    ),
    "organisatie_wijzig": st.tuples(
        st.just("organisatie_wijzig"), index, organisatiewijzigingen, onbekend_veld, toelichting
    ),
    "speler": st.tuples(
        st.just("speler"),
        namen,
        st.sampled_from(SPELERSOORTEN),
        spelervelden,
        st.sampled_from(SPELERROLLEN),
        soms_index,
        st.one_of(st.none(), st.booleans()),
        toelichting,
    ),
    "speler_wijzig": st.tuples(
        st.just("speler_wijzig"), index, spelerwijzigingen, onbekend_veld, toelichting
    ),
    "opdrachtgever": st.tuples(
        st.just("opdrachtgever"),
        namen,
        st.sampled_from(OPDRACHTGEVERROLLEN),
        soms_index,
        tekst,
        toelichting,
    ),
    "opdrachtgever_wijzig": st.tuples(
        st.just("opdrachtgever_wijzig"),
        index,
        opdrachtgeverwijzigingen,
        onbekend_veld,
        toelichting,
    ),
    "speler_beoordeling": st.tuples(
        st.just("speler_beoordeling"),
        index,
        st.sampled_from(STANDPUNTEN),
        st.sampled_from(MACHTEN),
        scores,
        scores,
        st.booleans(),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        toelichting,
    ),
    "opdrachtgever_beoordeling": st.tuples(
        st.just("opdrachtgever_beoordeling"),
        index,
        st.sampled_from(STANDPUNTEN),
        scores,
        scores,
        st.one_of(st.none(), st.sampled_from(NIVEAUS)),  # None: the default (regisseur)
        st.sampled_from(AUTEURS),
        tekst,
        toelichting,
    ),
    "betrokkenheid": st.tuples(
        st.just("betrokkenheid"),
        st.sampled_from(["speler", "opdrachtgever"]),
        index,
        st.sampled_from(sorted(BETROKKENHEID)),
        toelichting,
    ),
    "notitie": st.tuples(
        st.just("notitie"),
        _soms_leeg(tekst_gevuld),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        st.sampled_from(["proces", "speler", "opdrachtgever"]),
        index,
    ),
}
# Moving forward, changing status and adding members come up more often than the rest, so
# that sequences reach the later stadia (and the gate), closed cases and several members;
# registering and assessing parties and moving their betrokkenheid likewise, so that
# sequences build a krachtenveld with history.
GEWICHTEN = {
    "vooruit": 3,
    "status": 2,
    "lid_erbij": 2,
    "speler": 3,
    "opdrachtgever": 2,
    "speler_beoordeling": 4,
    "opdrachtgever_beoordeling": 2,
    "betrokkenheid": 4,
    "notitie": 2,
}
acties = st.sampled_from(
    [soort for soort in SOORTEN for _ in range(GEWICHTEN.get(soort, 1))]
).flatmap(SOORTEN.__getitem__)


@dataclass
class Model:
    """What the test expects of the case, to predict which calls the domain refuses."""

    stadium: str = "voorstelbaar"
    status: str = "actief"
    uitkomst: str = ""
    leden: dict[str, str] = field(default_factory=lambda: {"regisseur": "procesregisseur"})
    # In registration order: organisatie names, and the betrokkenheid of each party.
    organisaties: list[str] = field(default_factory=list)
    spelers: list[str] = field(default_factory=list)
    opdrachtgevers: list[str] = field(default_factory=list)

    @property
    def afgerond(self) -> bool:
        return self.status == "afgerond"

    def mag_vastleggen(self, auteur: str, niveau: str) -> bool:
        """Whether a member may record content at this level (what its role may read)."""
        return niveau in Zichtbaarheid.voor_rol(self.leden.get(auteur))

    def naam_bezet(self, naam: str, behalve: int | None = None) -> bool:
        """Whether another organisatie already has this name, ignoring case."""
        return any(
            andere.lower() == naam.lower()
            for i, andere in enumerate(self.organisaties)
            if i != behalve
        )

    def laatste_regisseur(self, gebruiker: str) -> bool:
        regisseurs = [g for g, rol in self.leden.items() if rol == "procesregisseur"]
        return regisseurs == [gebruiker]


def _opdracht_geldig(opdracht: Opdracht) -> bool:
    return (
        (opdracht.budget is None or opdracht.budget >= 0)
        and (opdracht.uren is None or opdracht.uren >= 0)
        and all(b.gevraagd for b in opdracht.besluitmomenten)
    )


def _status_fout(model: Model, doel: str, uitkomst: str | None) -> type[DomainError] | None:
    nieuwe_uitkomst = model.uitkomst if uitkomst is None else uitkomst
    if uitkomst is not None and uitkomst != model.uitkomst and doel != "afgerond":
        return OngeldigeInvoer  # an uitkomst is recorded when closing, not along the way
    if doel == "afgerond" and not nieuwe_uitkomst.strip():
        return OngeldigeInvoer
    if doel == model.status == "afgerond" and nieuwe_uitkomst != model.uitkomst:
        return ProcesAfgerond
    return None


def _gebruiker(gebruikersnaam: str) -> Any:
    return GebruikerFactory(username=gebruikersnaam)


class Uitvoerder:
    """Runs one generated action against the services and keeps the model up to date."""

    def __init__(self, bestuursproces: Bestuursproces, regisseur: Any) -> None:
        self.bestuursproces = bestuursproces
        self.actor = actor_voor(regisseur)
        self.model = Model()
        services.voeg_lid_toe(
            actor=self.actor,
            bestuursproces=bestuursproces,
            gebruiker=_gebruiker(KERNTEAMLID),
            rol="kernteam",
        )
        self.model.leden[KERNTEAMLID] = "kernteam"
        self.auteurs = {"regisseur": self.actor, KERNTEAMLID: actor_voor(_gebruiker(KERNTEAMLID))}
        # The case's parties, in registration order (the model keeps what it predicts by).
        self.organisaties: list[Organisatie] = []
        self.spelers: list[Speler] = []
        self.opdrachtgevers: list[Opdrachtgever] = []

    def voer_uit(self, actie: tuple[Any, ...]) -> None:
        soort, *args = actie
        fout, doe = getattr(self, f"_{soort}")(*args)
        # --hypothesis-show-statistics shows how often each action ran or was refused.
        event(f"{soort}: {fout.__name__ if fout else 'uitgevoerd' if doe else 'geen partij'}")
        if doe is None:
            return
        if fout is None:
            doe()
            return
        volgnummer = laatste_volgnummer(self.bestuursproces)
        with schrijft_niets(), pytest.raises(fout):
            doe()
        assert laatste_volgnummer(self.bestuursproces) == volgnummer

    # Each handler returns (the error it expects or None, a callable doing the call). The
    # model is updated only inside the callable's success path.

    def _idee(self, wat: str, context: str, eigenaren: list[int], reden: str) -> Any:
        spelers = [self.spelers[i % len(self.spelers)] for i in eigenaren] if self.spelers else []
        uuids = tuple(speler.uuid for speler in spelers)
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not wat or len(set(uuids)) != len(uuids):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.herzie_idee(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                inhoud=IdeeInhoud(wat=wat, context=context, eigenaar_spelers=uuids),
                toelichting=reden,
            )

        return fout, doe

    def _stadium(self, naar: str, reden: str, forceren: bool) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        doel = VOLGORDE.index(naar)
        fout: type[DomainError] | None = None
        if not reden.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif doel == huidig:
            fout = OngeldigeOvergang
        elif naar == "uitvoerbaar" and doel > huidig and not forceren:
            fout = PoortGesloten

        def doe() -> None:
            services.wijzig_stadium(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naar=naar,
                toelichting=reden,
                forceren=forceren,
            )
            self.model.stadium = naar

        return fout, doe

    def _vooruit(self, forceren: bool, reden: str) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        return self._stadium(VOLGORDE[min(huidig + 1, 4)], reden, forceren)

    def _terug(self, n: int, reden: str) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        return self._stadium(VOLGORDE[n % (huidig + 1)], reden, False)

    def _velden(self, wijzigingen: dict[str, Any], reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif wijzigingen.get("titel") == "":
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen=wijzigingen,
                toelichting=reden,
            )

        return fout, doe

    def _opdracht(self, opdracht: Opdracht, reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not _opdracht_geldig(opdracht):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen={},
                opdracht=opdracht,
                toelichting=reden,
            )

        return fout, doe

    def _status(self, doel: str, uitkomst: str | None, via_wijzig: bool) -> Any:
        fout = _status_fout(self.model, doel, uitkomst)
        if via_wijzig and doel == "afgerond" and self.model.afgerond:
            # The edits come before the close, and a closed case takes no edits.
            fout = ProcesAfgerond

        def doe() -> None:
            if via_wijzig:
                services.wijzig_bestuursproces(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    wijzigingen={"omschrijving": f"Status naar {doel}"},
                    status=doel,
                    uitkomst=uitkomst,
                )
            else:
                services.wijzig_status(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    status=doel,
                    uitkomst=uitkomst,
                )
            self.model.status = doel
            if uitkomst is not None:
                self.model.uitkomst = uitkomst

        return fout, doe

    def _lid_erbij(self, gebruikersnaam: str, rol: str) -> Any:
        fout = LidmaatschapConflict if gebruikersnaam in self.model.leden else None

        def doe() -> None:
            services.voeg_lid_toe(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                gebruiker=_gebruiker(gebruikersnaam),
                rol=rol,
            )
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid(self, n: int) -> tuple[str, Lidmaatschap]:
        gebruikersnaam = sorted(self.model.leden)[n % len(self.model.leden)]
        return gebruikersnaam, Lidmaatschap.objects.get(
            bestuursproces=self.bestuursproces, gebruiker__username=gebruikersnaam
        )

    def _lid_rol(self, n: int, rol: str) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = None
        if rol != lid.rol and self.model.laatste_regisseur(gebruikersnaam):
            fout = LidmaatschapConflict

        def doe() -> None:
            services.wijzig_lidmaatschap(actor=self.actor, lidmaatschap=lid, rol=rol)
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid_eraf(self, n: int) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = LidmaatschapConflict if self.model.laatste_regisseur(gebruikersnaam) else None

        def doe() -> None:
            services.beeindig_lidmaatschap(actor=self.actor, lidmaatschap=lid)
            del self.model.leden[gebruikersnaam]

        return fout, doe

    # --- parties ---

    def _niets(self) -> Any:
        """For an action on a party when the case has none of that kind yet: nothing to do."""
        return None, None

    def _organisatie_bij(self, n: int | None) -> Organisatie | None:
        if n is None or not self.organisaties:
            return None
        return self.organisaties[n % len(self.organisaties)]

    def _organisatie(self, naam: str, soort: str, eigen: bool, reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or soort not in Organisatie.Soort.values or self.model.naam_bezet(naam):
            fout = OngeldigeInvoer

        def doe() -> None:
            organisatie = services.registreer_organisatie(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                soort=soort,
                eigen_gemeente=eigen,
                toelichting=reden,
            )
            self.organisaties.append(organisatie)
            self.model.organisaties.append(naam)

        return fout, doe

    def _organisatie_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.organisaties:
            return self._niets()
        i = n % len(self.organisaties)
        if onbekend:
            wijzigingen = {**wijzigingen, onbekend: "x"}
        naam = wijzigingen.get("naam")
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            onbekend
            or naam == ""
            or (naam is not None and self.model.naam_bezet(naam, behalve=i))
            or wijzigingen.get("soort", "bedrijf") not in Organisatie.Soort.values
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_organisatie(
                actor=self.actor,
                organisatie=self.organisaties[i],
                wijzigingen=wijzigingen,
                toelichting=reden,
            )
            if naam is not None:
                self.model.organisaties[i] = naam

        return fout, doe

    def _speler(
        self,
        naam: str,
        soort: str,
        veld: str,
        rol: str,
        organisatie: int | None,
        commitment: bool | None,
        reden: str,
    ) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or veld not in VELDEN[:3]:
            fout = OngeldigeInvoer

        def doe() -> None:
            speler = services.registreer_speler(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                soort=soort,
                veld=veld,
                rol_in_proces=rol,
                organisatie=self._organisatie_bij(organisatie),
                commitment=commitment,
                toelichting=reden,
            )
            self.spelers.append(speler)
            self.model.spelers.append("nog_te_betrekken")

        return fout, doe

    def _speler_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.spelers:
            return self._niets()
        speler = self.spelers[n % len(self.spelers)]
        wijzigingen = dict(wijzigingen)
        if "organisatie" in wijzigingen:
            wijzigingen["organisatie"] = self._organisatie_bij(wijzigingen["organisatie"])
        if onbekend:
            wijzigingen[onbekend] = "aangehaakt"
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif onbekend or wijzigingen.get("naam") == "" or wijzigingen.get("veld") == VELDEN[3]:
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_speler(
                actor=self.actor, speler=speler, wijzigingen=wijzigingen, toelichting=reden
            )

        return fout, doe

    def _opdrachtgever(
        self, naam: str, rol: str, organisatie: int | None, opdracht: str, reden: str
    ) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or rol not in Opdrachtgever.Rol.values:
            fout = OngeldigeInvoer

        def doe() -> None:
            opdrachtgever = services.registreer_opdrachtgever(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                rol=rol,
                organisatie=self._organisatie_bij(organisatie),
                expliciete_opdracht=opdracht,
                toelichting=reden,
            )
            self.opdrachtgevers.append(opdrachtgever)
            self.model.opdrachtgevers.append("nog_te_betrekken")

        return fout, doe

    def _opdrachtgever_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.opdrachtgevers:
            return self._niets()
        opdrachtgever = self.opdrachtgevers[n % len(self.opdrachtgevers)]
        wijzigingen = dict(wijzigingen)
        if "organisatie" in wijzigingen:
            wijzigingen["organisatie"] = self._organisatie_bij(wijzigingen["organisatie"])
        if onbekend:
            wijzigingen[onbekend] = "aangehaakt"
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            onbekend
            or wijzigingen.get("naam") == ""
            or wijzigingen.get("rol", "gemeenteraad") not in Opdrachtgever.Rol.values
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_opdrachtgever(
                actor=self.actor,
                opdrachtgever=opdrachtgever,
                wijzigingen=wijzigingen,
                toelichting=reden,
            )

        return fout, doe

    def _speler_beoordeling(
        self,
        n: int,
        standpunt: str,
        macht: str,
        invloed: int,
        vertrouwen: int,
        uniek: bool,
        niveau: str,
        auteur: str,
        reden: str,
    ) -> Any:
        if not self.spelers:
            return self._niets()
        speler = self.spelers[n % len(self.spelers)]
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau) or not (
            1 <= invloed <= 5 and 1 <= vertrouwen <= 5
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.beoordeel_speler(
                actor=self.auteurs[auteur],
                speler=speler,
                standpunt=standpunt,
                macht=macht,
                invloed=invloed,
                vertrouwen=vertrouwen,
                unieke_macht=uniek,
                zichtbaarheid=niveau,
                toelichting=reden,
            )

        return fout, doe

    def _opdrachtgever_beoordeling(
        self,
        n: int,
        steun: str,
        stevigheid: int,
        vertrouwen: int,
        niveau: str | None,
        auteur: str,
        impliciet: str,
        reden: str,
    ) -> Any:
        if not self.opdrachtgevers:
            return self._niets()
        opdrachtgever = self.opdrachtgevers[n % len(self.opdrachtgevers)]
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau or "regisseur") or not (
            1 <= stevigheid <= 5 and 1 <= vertrouwen <= 5
        ):
            fout = OngeldigeInvoer
        niveau_arg: dict[str, Any] = {} if niveau is None else {"zichtbaarheid": niveau}

        def doe() -> None:
            services.beoordeel_opdrachtgever(
                actor=self.auteurs[auteur],
                opdrachtgever=opdrachtgever,
                steun=steun,
                stevigheid=stevigheid,
                onderling_vertrouwen=vertrouwen,
                impliciete_opdracht=impliciet,
                toelichting=reden,
                **niveau_arg,
            )

        return fout, doe

    def _betrokkenheid(self, soort: str, n: int, actie: str, reden: str) -> Any:
        partijen: list[Any] = self.spelers if soort == "speler" else self.opdrachtgevers
        standen = self.model.spelers if soort == "speler" else self.model.opdrachtgevers
        if not partijen:
            return self._niets()
        i = n % len(partijen)
        vanaf, naar = BETROKKENHEID[actie]
        fout: type[DomainError] | None = None
        if not reden.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif standen[i] not in vanaf:
            fout = OngeldigeOvergang

        def doe() -> None:
            services.wijzig_betrokkenheid(
                actor=self.actor, partij=partijen[i], actie=actie, reden=reden
            )
            standen[i] = naar

        return fout, doe

    def _notitie(self, tekst: str, niveau: str, auteur: str, over: str, n: int) -> Any:
        partijen: list[Any] = []
        if over == "speler":
            partijen = self.spelers
        elif over == "opdrachtgever":
            partijen = self.opdrachtgevers
        partij: dict[str, Any] = {over: partijen[n % len(partijen)]} if partijen else {}
        fout: type[DomainError] | None = None
        if not tekst.strip():
            fout = OngeldigeInvoer  # the service checks its input before the case
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.maak_notitie(
                actor=self.auteurs[auteur],
                bestuursproces=self.bestuursproces,
                tekst=tekst,
                zichtbaarheid=niveau,
                **partij,
            )

        return fout, doe
