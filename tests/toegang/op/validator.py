from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Profile claims, and ``amr`` saying whether the provider did MFA: users whose name
    starts with ``mfa-`` stand for people who passed a second factor at the provider."""

    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        gebruiker = request.user
        return {
            "preferred_username": gebruiker.username,
            "given_name": gebruiker.first_name,
            "family_name": gebruiker.last_name,
            "email": gebruiker.email,
            "amr": ["pwd", "mfa"] if gebruiker.username.startswith("mfa-") else ["pwd"],
        }
