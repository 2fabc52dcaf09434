"""The published OpenAPI document (readable from any origin) and its Swagger UI."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerSplitView,
    SpectacularYAMLAPIView,
)
from rest_framework.request import Request
from rest_framework.response import Response


class _VoorIedereOorsprong:
    """ADR /core/publish-openapi: tools on other origins (linters, portals, a Swagger UI
    elsewhere) read the document with CORS, preflight included. The document is public and
    read without credentials, so ``*`` gives nothing away."""

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = Response(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        gevraagd = request.headers.get("Access-Control-Request-Headers")
        if gevraagd:
            response["Access-Control-Allow-Headers"] = gevraagd
        response["Access-Control-Max-Age"] = "86400"
        return response

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "API-Version"
        return response


class OpenApiJson(_VoorIedereOorsprong, SpectacularJSONAPIView):
    pass


class OpenApiYaml(_VoorIedereOorsprong, SpectacularYAMLAPIView):
    pass


class SwaggerUi(SpectacularSwaggerSplitView):
    """The split view serves its start-up script from its own URL, so that the page needs no
    inline script under the Content-Security-Policy; the template's small inline stylesheet
    is allowed for this page only."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        response = super().get(request, *args, **kwargs)
        response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response
