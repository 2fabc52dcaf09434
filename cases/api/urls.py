"""Case endpoints under /api/v1/ (no trailing slashes)."""

from django.urls import path

from . import views

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
        "bestuursprocessen/<uuid:uuid>/momentopname",
        views.MomentopnameView.as_view(),
        name="momentopname",
    ),
]
