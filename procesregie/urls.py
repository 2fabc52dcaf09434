from typing import Any

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from procesregie.api.problems import serverfout
from toegang.urls import tweede_factor_instellen
from werkruimte.openen import nieuw as nieuw_bestuursproces


class _Pictogram(RedirectView):
    """/favicon.ico, which browsers ask for on pages without an icon of their own (the
    admin's): the site's icon, found at request time (its name carries a hash after
    collectstatic)."""

    permanent = True

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("statuspagina/favicon.svg")


urlpatterns = [
    path("", RedirectView.as_view(url="/processen/", permanent=False)),
    path("favicon.ico", _Pictogram.as_view()),
    path("processen/nieuw/", nieuw_bestuursproces, name="werkruimte_nieuw"),
    path("", include("statuspagina.urls")),
    # The workspace: one page per task of a case, beside the status page (its Overzicht).
    path("processen/<uuid:bestuursproces>/", include("werkruimte.urls")),
    path("admin/", admin.site.urls),
    # Issue 12 §3/§4: SSO, the beheer second factor and its setup (not two_factor's login).
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("beheer/", include("toegang.urls")),
    path("beheer/", include(tweede_factor_instellen)),
    path("api/v1/", include("procesregie.api.urls")),
]


def handler500(request, *args, **kwargs):
    if request.path.startswith("/api/"):
        return serverfout(request)
    from django.views.defaults import server_error

    return server_error(request, *args, **kwargs)
