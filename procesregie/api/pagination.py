"""page/pageSize pagination with a Link header (RFC 8288), as the API Design Rules ask."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class Paginering(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100
    # Lazy: DRF formats it per request, in that request's language.
    invalid_page_message = gettext_lazy("Deze pagina bestaat niet.")  # type: ignore[assignment]

    def _positief_getal(
        self, request: Request, naam: str, hoogstens: int | None = None
    ) -> int | None:
        waarde = request.query_params.get(naam)
        if waarde is None:
            return None
        if not waarde.isdigit() or int(waarde) < 1:
            raise ValidationError(
                {
                    naam: [
                        ErrorDetail(gettext("Geef een geheel getal van 1 of meer."), code="invalid")
                    ]
                }
            )
        if hoogstens is not None and int(waarde) > hoogstens:
            raise ValidationError(
                {
                    naam: [
                        ErrorDetail(
                            gettext("Hoogstens %(aantal)s per pagina.") % {"aantal": hoogstens},
                            code="max_value",
                        )
                    ]
                }
            )
        return int(waarde)

    def get_page_size(self, request: Request) -> int:
        gevraagd = self._positief_getal(request, self.page_size_query_param, self.max_page_size)
        return gevraagd or self.page_size

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        # A page that is not a number is bad input (400); a page past the end is not found.
        self._positief_getal(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Aantal resultaten per pagina (standaard {self.page_size}, "
                    f"hoogstens {self.max_page_size})."
                )
            else:
                parameter["description"] = "Paginanummer, vanaf 1."
        return parameters

    def _link_header(self) -> str:
        assert self.request is not None
        assert self.page is not None
        url = self.request.build_absolute_uri()
        laatste = self.page.paginator.num_pages
        links = [(remove_query_param(url, self.page_query_param), "first")]
        if self.page.has_previous():
            links.append((self.get_previous_link() or "", "prev"))
        if self.page.has_next():
            links.append((self.get_next_link() or "", "next"))
        links.append((replace_query_param(url, self.page_query_param, laatste), "last"))
        return ", ".join(f'<{href}>; rel="{rel}"' for href, rel in links)

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response["Link"] = self._link_header()
        return response
