"""A new password or a deactivated account ends every API token of that user.

A signal on purpose: passwords change in the admin, through `manage.py changepassword`, a
password reset or a future SSO sync, and tokens must end on every one of these paths.
Sessions need nothing here: Django ends them itself when the password hash changes, and an
inactive user's session no longer authenticates.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .tokens import beeindig_alle_tokens


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _onthoud_of_tokens_eindigen(sender: Any, instance: Any, **kwargs: Any) -> None:
    velden = kwargs.get("update_fields")
    if instance.pk is None or (velden is not None and not {"password", "is_active"} & set(velden)):
        return
    vorig = get_user_model().objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._tokens_beeindigen = vorig is not None and (
        vorig["password"] != instance.password or (vorig["is_active"] and not instance.is_active)
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _beeindig_tokens(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if getattr(instance, "_tokens_beeindigen", False):
        beeindig_alle_tokens(instance)
        instance._tokens_beeindigen = False
