from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from procesregie.api.problems import serverfout

urlpatterns = [
    path("", RedirectView.as_view(url="/processen/", permanent=False)),
    path("", include("statuspagina.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("procesregie.api.urls")),
]


def handler500(request, *args, **kwargs):
    if request.path.startswith("/api/"):
        return serverfout(request)
    from django.views.defaults import server_error

    return server_error(request, *args, **kwargs)
