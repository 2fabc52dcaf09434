"""The API root /api/v1/: case endpoints, tokens, the OpenAPI document and its docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerView,
    SpectacularYAMLAPIView,
)

from .problems import niet_gevonden
from .tokens import TokenView

app_name = "api"

urlpatterns = [
    path("", include("cases.api.urls")),
    path("", include("instruments.api.urls")),
    path("tokens", TokenView.as_view(), name="tokens"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi-json"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="openapi-yaml"),
    path("docs", SpectacularSwaggerView.as_view(url_name="api:openapi-json"), name="docs"),
    # Anything else under the API, trailing slashes included, is a problem+json 404 (also
    # when DEBUG is on, which would otherwise show Django's HTML debug page).
    re_path(r"^.*$", niet_gevonden),
]
