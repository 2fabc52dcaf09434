"""page/pageSize pagination with a Link header (RFC 8288), as the API Design Rules ask."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class Paginering(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100
    invalid_page_message = "Ongeldige pagina."

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
