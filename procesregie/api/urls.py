"""The API root /api/v1/: case endpoints, tokens, the OpenAPI document and its docs."""

from django.urls import include, path, re_path

from .openapi import OpenApiJson, OpenApiYaml, SwaggerUi
from .problems import niet_gevonden
from .tokens import HuidigTokenView, TokenView

app_name = "api"

urlpatterns = [
    path("", include("cases.api.urls")),
    path("", include("instruments.api.urls")),
    path("tokens", TokenView.as_view(), name="tokens"),
    path("tokens/huidig", HuidigTokenView.as_view(), name="token-huidig"),
    path("openapi.json", OpenApiJson.as_view(), name="openapi-json"),
    path("openapi.yaml", OpenApiYaml.as_view(), name="openapi-yaml"),
    path("docs", SwaggerUi.as_view(url_name="api:openapi-json"), name="docs"),
    # Anything else under the API, trailing slashes included, is a problem+json 404 (also
    # when DEBUG is on, which would otherwise show Django's HTML debug page).
    re_path(r"^.*$", niet_gevonden),
]
