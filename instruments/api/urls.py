"""Catalogue endpoints under /api/v1/ (no trailing slashes)."""

from django.urls import path

from . import views

urlpatterns = [
    path("velden", views.VeldLijstView.as_view(), name="veld-lijst"),
    path("velden/<str:code>", views.VeldDetailView.as_view(), name="veld-detail"),
    path("instrumenten", views.InstrumentLijstView.as_view(), name="instrument-lijst"),
    path(
        "instrumenten/<uuid:uuid>",
        views.InstrumentDetailView.as_view(),
        name="instrument-detail",
    ),
    path("strategieen", views.StrategieLijstView.as_view(), name="strategie-lijst"),
    path("krachten", views.KrachtLijstView.as_view(), name="kracht-lijst"),
]
