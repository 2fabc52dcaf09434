from django.contrib.auth import views as auth_views
from django.urls import path

from toegang import views as toegang_views

from . import vergelijking, views

app_name = "statuspagina"

urlpatterns = [
    path("processen/", views.processen, name="processen"),
    path("processen/vergelijking/", vergelijking.vergelijking, name="vergelijking"),
    path("processen/<uuid:bestuursproces>/", views.proces, name="proces"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="statuspagina/inloggen.html",
            redirect_authenticated_user=True,
        ),
        name="inloggen",
    ),
    # Also ends the identity provider's session after an SSO login (issue 12 §3).
    path("uitloggen/", toegang_views.uitloggen, name="uitloggen"),
]
