"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesregie.settings")

application = get_asgi_application()

# What a worker prepares before its first request (the OpenAPI document, the collector).
from procesregie.werker import start  # noqa: E402 (needs the apps loaded)

start()
