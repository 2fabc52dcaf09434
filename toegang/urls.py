from django.urls import path
from two_factor.views import (
    BackupTokensView,
    ProfileView,
    QRGeneratorView,
    SetupCompleteView,
    SetupView,
)

from . import views

app_name = "toegang"

urlpatterns = [
    path("tweede-factor/", views.tweede_factor, name="tweede_factor"),
]

# django-two-factor-auth's setup of a TOTP device, under its own namespace, without its
# login view: the admin login and /inloggen/ are the only password doors.
tweede_factor_instellen = (
    [
        path("tweede-factor/instellen/", SetupView.as_view(), name="setup"),
        path("tweede-factor/qr/", QRGeneratorView.as_view(), name="qr"),
        path("tweede-factor/klaar/", SetupCompleteView.as_view(), name="setup_complete"),
        path("tweede-factor/", ProfileView.as_view(), name="profile"),
        path("tweede-factor/reservecodes/", BackupTokensView.as_view(), name="backup_tokens"),
    ],
    "two_factor",
)
