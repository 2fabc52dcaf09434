"""Case endpoints under /api/v1/ (no trailing slashes)."""

from django.urls import path

from . import views
from .views.zichtbaarheid import AfschermingView, VrijgavenView

PROCES = "bestuursprocessen/<uuid:uuid>"
STAP = f"{PROCES}/wyberstappen/<uuid:stap>"
DOCUMENT = f"{PROCES}/documenten/<uuid:document>"

urlpatterns = [
    path("bestuursprocessen", views.BestuursprocesLijstView.as_view(), name="bestuursproces-lijst"),
    path(
        "bestuursprocessen/<uuid:uuid>",
        views.BestuursprocesDetailView.as_view(),
        name="bestuursproces-detail",
    ),
    path("bestuursprocessen/<uuid:uuid>/idee", views.IdeeView.as_view(), name="idee"),
    path(
        "bestuursprocessen/<uuid:uuid>/idee/versies",
        views.IdeeVersiesView.as_view(),
        name="idee-versies",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/stadiumovergangen",
        views.StadiumovergangenView.as_view(),
        name="stadiumovergangen",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/stadiumovergangen/<uuid:overgang>",
        views.StadiumovergangDetailView.as_view(),
        name="stadiumovergang-detail",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/lidmaatschappen",
        views.LidmaatschappenView.as_view(),
        name="lidmaatschappen",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/lidmaatschappen/<uuid:lidmaatschap>",
        views.LidmaatschapDetailView.as_view(),
        name="lidmaatschap-detail",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/gebeurtenissen",
        views.GebeurtenissenView.as_view(),
        name="gebeurtenissen",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/gebeurtenissen/<int:volgnummer>",
        views.GebeurtenisDetailView.as_view(),
        name="gebeurtenis-detail",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/gebeurtenissen/<int:volgnummer>/datumcorrecties",
        views.DatumcorrectiesView.as_view(),
        name="gebeurtenis-datumcorrecties",
    ),
    path(
        "bestuursprocessen/<uuid:uuid>/momentopname",
        views.MomentopnameView.as_view(),
        name="momentopname",
    ),
    path(f"{PROCES}/organisaties", views.OrganisatiesView.as_view(), name="organisaties"),
    path(
        f"{PROCES}/organisaties/<uuid:organisatie>",
        views.OrganisatieDetailView.as_view(),
        name="organisatie-detail",
    ),
    path(f"{PROCES}/spelers", views.SpelersView.as_view(), name="spelers"),
    path(f"{PROCES}/spelers/<uuid:speler>", views.SpelerDetailView.as_view(), name="speler-detail"),
    path(
        f"{PROCES}/spelers/<uuid:speler>/beoordelingen",
        views.SpelerBeoordelingenView.as_view(),
        name="speler-beoordelingen",
    ),
    path(
        f"{PROCES}/spelers/<uuid:speler>/betrokkenheid",
        views.SpelerBetrokkenheidswijzigingenView.as_view(),
        name="speler-betrokkenheid",
    ),
    path(f"{PROCES}/opdrachtgevers", views.OpdrachtgeversView.as_view(), name="opdrachtgevers"),
    path(
        f"{PROCES}/opdrachtgevers/<uuid:opdrachtgever>",
        views.OpdrachtgeverDetailView.as_view(),
        name="opdrachtgever-detail",
    ),
    path(
        f"{PROCES}/opdrachtgevers/<uuid:opdrachtgever>/beoordelingen",
        views.OpdrachtgeverBeoordelingenView.as_view(),
        name="opdrachtgever-beoordelingen",
    ),
    path(
        f"{PROCES}/opdrachtgevers/<uuid:opdrachtgever>/betrokkenheid",
        views.OpdrachtgeverBetrokkenheidswijzigingenView.as_view(),
        name="opdrachtgever-betrokkenheid",
    ),
    path(f"{PROCES}/notities", views.NotitiesView.as_view(), name="notities"),
    path(f"{PROCES}/vrijgaven", VrijgavenView.as_view(), name="vrijgaven"),
    path(f"{PROCES}/afscherming", AfschermingView.as_view(), name="afscherming"),
    path(f"{PROCES}/krachtenveld", views.KrachtenveldView.as_view(), name="krachtenveld"),
    path(
        f"{PROCES}/krachtenveld/verschuivingen",
        views.VerschuivingenView.as_view(),
        name="krachtenveld-verschuivingen",
    ),
    path(f"{PROCES}/wyberstappen", views.WyberStappenView.as_view(), name="wyberstappen"),
    path(
        f"{STAP}",
        views.WyberStapDetailView.as_view(),
        name="wyberstap-detail",
    ),
    path(f"{STAP}/opties", views.OptiesView.as_view(), name="wyberstap-opties"),
    path(f"{STAP}/opties/<uuid:optie>", views.OptieDetailView.as_view(), name="optie-detail"),
    path(
        f"{STAP}/faseovergangen",
        views.FaseovergangenView.as_view(),
        name="wyberstap-faseovergangen",
    ),
    path(f"{STAP}/consolidatie", views.ConsolidatieView.as_view(), name="wyberstap-consolidatie"),
    path(f"{STAP}/instemmingen", views.InstemmingenView.as_view(), name="wyberstap-instemmingen"),
    path(
        f"{STAP}/instemmingen/<uuid:instemming>",
        views.InstemmingDetailView.as_view(),
        name="instemming-detail",
    ),
    path(f"{STAP}/heropeningen", views.HeropeningenView.as_view(), name="wyberstap-heropeningen"),
    path(f"{PROCES}/tijdlijn", views.TijdlijnView.as_view(), name="tijdlijn"),
    path(f"{PROCES}/aandacht", views.AandachtView.as_view(), name="aandacht"),
    path(
        f"{PROCES}/instrument-suggesties",
        views.InstrumentSuggestiesView.as_view(),
        name="instrument-suggesties",
    ),
    path(f"{PROCES}/positioneringen", views.PositioneringenView.as_view(), name="positioneringen"),
    path(
        f"{PROCES}/positioneringen/huidig",
        views.HuidigePositioneringenView.as_view(),
        name="positioneringen-huidig",
    ),
    path(
        f"{PROCES}/positioneringen/huidig/per-regisseur",
        views.HuidigePositioneringenPerRegisseurView.as_view(),
        name="positioneringen-huidig-per-regisseur",
    ),
    path(
        f"{PROCES}/positioneringen/<uuid:positionering>",
        views.PositioneringDetailView.as_view(),
        name="positionering-detail",
    ),
    path(f"{PROCES}/procesontwerp", views.ProcesontwerpView.as_view(), name="procesontwerp"),
    path(
        f"{PROCES}/procesontwerp/versies",
        views.ProcesontwerpVersiesView.as_view(),
        name="procesontwerp-versies",
    ),
    path(f"{PROCES}/interventies", views.InterventiesView.as_view(), name="interventies"),
    path(f"{PROCES}/documenten", views.DocumentenView.as_view(), name="documenten"),
    path(f"{DOCUMENT}", views.DocumentDetailView.as_view(), name="document-detail"),
    path(f"{DOCUMENT}/versies", views.DocumentVersiesView.as_view(), name="document-versies"),
    path(
        f"{DOCUMENT}/versies/<int:nummer>",
        views.DocumentVersieView.as_view(),
        name="documentversie",
    ),
    path(
        f"{DOCUMENT}/versies/<int:nummer>/inhoud",
        views.DocumentInhoudView.as_view(),
        name="documentversie-inhoud",
    ),
    path(
        f"{PROCES}/interventies/<uuid:interventie>",
        views.InterventieDetailView.as_view(),
        name="interventie-detail",
    ),
    path(
        f"{PROCES}/interventies/<uuid:interventie>/reflecties",
        views.ReflectiesView.as_view(),
        name="interventie-reflecties",
    ),
    path(f"{PROCES}/besluiten", views.BesluitenView.as_view(), name="besluiten"),
    path(
        f"{PROCES}/besluiten/<uuid:besluit>",
        views.BesluitDetailView.as_view(),
        name="besluit-detail",
    ),
    path(f"{PROCES}/besluitmomenten", views.BesluitmomentenView.as_view(), name="besluitmomenten"),
    path(f"{PROCES}/afspraken", views.AfsprakenView.as_view(), name="afspraken"),
    path(
        f"{PROCES}/afspraken/<uuid:afspraak>",
        views.AfspraakDetailView.as_view(),
        name="afspraak-detail",
    ),
    path(f"{PROCES}/bijeenkomsten", views.BijeenkomstenView.as_view(), name="bijeenkomsten"),
    path(
        f"{PROCES}/bijeenkomsten/aanwezigheid",
        views.AanwezigheidView.as_view(),
        name="bijeenkomsten-aanwezigheid",
    ),
    path(
        f"{PROCES}/bijeenkomsten/<uuid:bijeenkomst>",
        views.BijeenkomstDetailView.as_view(),
        name="bijeenkomst-detail",
    ),
    path(
        f"{PROCES}/bijeenkomsten/<uuid:bijeenkomst>/afloop",
        views.AfloopView.as_view(),
        name="bijeenkomst-afloop",
    ),
    path(f"{PROCES}/export", views.ExportView.as_view(), name="export"),
    path(f"{PROCES}/exports", views.ExporttakenView.as_view(), name="exporttaken"),
    path(
        f"{PROCES}/exports/<uuid:taak>",
        views.ExporttaakDetailView.as_view(),
        name="exporttaak-detail",
    ),
    path(
        f"{PROCES}/exports/<uuid:taak>/bestand",
        views.ExporttaakBestandView.as_view(),
        name="exporttaak-bestand",
    ),
    # Across cases (issue 15): every case the user may see, in one file.
    path("export", views.ExportOverProcessenView.as_view(), name="overzicht-export"),
    path("exports", views.ExporttakenOverProcessenView.as_view(), name="overzicht-exporttaken"),
    path(
        "exports/<uuid:taak>",
        views.ExporttaakOverProcessenDetailView.as_view(),
        name="overzicht-exporttaak-detail",
    ),
    path(
        "exports/<uuid:taak>/bestand",
        views.ExporttaakOverProcessenBestandView.as_view(),
        name="overzicht-exporttaak-bestand",
    ),
]
