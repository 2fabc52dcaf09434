"""Pages of a list in world-time order that a client can walk while others write.

A page number counts items from the start: when a fact entered late lands before a client's
position, every later item moves one place on, and the next page repeats one. So the next
link of such a list names its last item instead (``na``, a cursor): the page after it is read
on the order's index, whatever was recorded meanwhile before it. ``page`` still opens any
page directly; ``count`` and the links to the first and last page stay as on every list.

The items are ordered by ``(tijdstip, volgnummer)``; a sequence that can cut itself after a
position (``na(tijdstip, volgnummer)``, as :class:`cases.selectors.tijdlijn.Tijdlijnreeks`
and :class:`cases.selectors.krachtenveld.Verschuivingenreeks` do in SQL) is asked to, any
other sequence (a list folded from the log) is filtered here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .pagination import Paginering

Positie = tuple[dt.datetime, int]


def positie(item: Any) -> Positie:
    """Where an item (an object, or a dict as the shifts are) stands in the list."""
    if isinstance(item, Mapping):
        return item["tijdstip"], item["volgnummer"]
    return item.tijdstip, item.volgnummer


def cursor_van(item: Any) -> str:
    """The cursor of an item: its position, opaque to clients (they follow links)."""
    tijdstip, volgnummer = positie(item)
    tekst = f"{tijdstip.astimezone(dt.UTC).isoformat()}|{volgnummer}"
    return base64.urlsafe_b64encode(tekst.encode()).decode().rstrip("=")


def positie_van(cursor: str) -> Positie:
    """The position a cursor names; ValueError when it names none."""
    try:
        tekst = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, volgnummer = tekst.split("|")
        tijdstip = dt.datetime.fromisoformat(moment)
    except (binascii.Error, UnicodeDecodeError, ValueError) as fout:
        raise ValueError(cursor) from fout
    if tijdstip.tzinfo is None or not volgnummer.isdigit():
        raise ValueError(cursor)
    return tijdstip, int(volgnummer)


class Sleutelpaginering(Paginering):
    cursor_query_param = "na"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self.request = request
        self._na: Positie | None = None
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor is None:
            return super().paginate_queryset(queryset, request, view)
        if request.query_params.get(self.page_query_param) is not None:
            raise ValidationError(
                {
                    self.cursor_query_param: [
                        ErrorDetail(gettext("Geef page of na, niet allebei."), code="invalid")
                    ]
                }
            )
        try:
            self._na = positie_van(cursor)
        except ValueError:
            raise ValidationError(
                {
                    self.cursor_query_param: [
                        ErrorDetail(
                            gettext("Dit is geen cursor van deze lijst: volg de next-link."),
                            code="invalid",
                        )
                    ]
                }
            ) from None
        grootte = self.get_page_size(request)
        gevonden = list(self._na_positie(queryset, self._na)[: grootte + 1])
        self._totaal = len(queryset)
        self._meer = len(gevonden) > grootte
        self._items = gevonden[:grootte]
        return self._items

    @staticmethod
    def _na_positie(items: Sequence[Any], na: Positie) -> Sequence[Any]:
        knip = getattr(items, "na", None)
        if callable(knip):
            return knip(*na)
        return [item for item in items if positie(item) > na]

    def _url(self) -> str:
        assert self.request is not None
        return self.request.build_absolute_uri()

    def get_next_link(self) -> str | None:
        if self._na is None:
            if self.page is None or not self.page.has_next():
                return None
            laatste = self.page.object_list[-1]
        else:
            if not self._meer:
                return None
            laatste = self._items[-1]
        url = remove_query_param(self._url(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor_van(laatste))

    def get_previous_link(self) -> str | None:
        if self._na is None:
            return super().get_previous_link()
        return None  # a cursor page knows what follows it, not its number

    def _link_header(self) -> str:
        if self._na is None:
            return super()._link_header()
        url = remove_query_param(self._url(), self.cursor_query_param)
        grootte = self.get_page_size(self.request)  # type: ignore[arg-type]
        laatste = max(1, -(-self._totaal // grootte))
        links = [(remove_query_param(url, self.page_query_param), "first")]
        if (volgende := self.get_next_link()) is not None:
            links.append((volgende, "next"))
        links.append((replace_query_param(url, self.page_query_param, laatste), "last"))
        return ", ".join(f'<{href}>; rel="{rel}"' for href, rel in links)

    def get_paginated_response(self, data: Any) -> Response:
        if self._na is None:
            return super().get_paginated_response(data)
        response = Response(
            {
                "count": self._totaal,
                "next": self.get_next_link(),
                "previous": None,
                "results": data,
            }
        )
        response["Link"] = self._link_header()
        return response

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "De pagina na dit item (uit de next-link; niet samen met page). Wie zo "
                    "verder bladert, ziet geen item twee keer als er intussen iets eerders "
                    "wordt vastgelegd."
                ),
                "schema": {"type": "string"},
            },
        ]
