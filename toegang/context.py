from django.http import HttpRequest

from . import oidc


def sso(request: HttpRequest) -> dict[str, bool]:
    """Whether the login pages offer "Inloggen via de gemeente"."""
    return {"sso_ingeschakeld": oidc.ingeschakeld()}
