"""Django's admin says "De {name} ‘{obj}’ is met succes gewijzigd." in Dutch: right for de-words
(de speler), wrong for het-words (het bestuursproces). An admin of a het-word uses
:class:`HetWoord`, which words the two success messages of a save itself, translatable like
every other text of the project."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext


class HetWoord(admin.ModelAdmin[Any]):
    """The success messages of adding and changing for a model whose Dutch article is "het"."""

    def response_add(
        self, request: HttpRequest, obj: Any, post_url_continue: str | None = None
    ) -> HttpResponse:
        setattr(request, "_bewaard", ("toegevoegd", obj))  # noqa: B010
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        setattr(request, "_bewaard", ("gewijzigd", obj))  # noqa: B010
        return super().response_change(request, obj)

    def message_user(
        self,
        request: HttpRequest,
        message: Any,
        level: int | str = messages.INFO,
        extra_tags: str = "",
        fail_silently: bool = False,
    ) -> None:
        bewaard = getattr(request, "_bewaard", None)
        if bewaard is not None and level == messages.SUCCESS:
            # The one success message of response_add / response_change: our own words.
            message = self.bewaard_melding(request, *bewaard)
            delattr(request, "_bewaard")
        super().message_user(request, message, level, extra_tags, fail_silently)

    def bewaard_melding(self, request: HttpRequest, soort: str, obj: Any) -> str:
        naam = self.opts.verbose_name
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        if soort == "toegevoegd":
            tekst = gettext("Het {name} “{obj}” is toegevoegd.")
        else:
            tekst = gettext("Het {name} “{obj}” is gewijzigd.")
        if "_continue" in request.POST:
            tekst += " " + gettext("U kunt het hieronder verder wijzigen.")
        elif "_addanother" in request.POST:
            tekst += " " + gettext("U kunt hieronder nog een {name} toevoegen.")
        return format_html(tekst, name=naam, obj=format_html('<a href="{}">{}</a>', url, obj))
