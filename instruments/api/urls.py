"""Catalogue endpoints under /api/v1/ (no trailing slashes)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
