"""WSGI entry point (gunicorn procesregie.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesregie.settings")

application = get_wsgi_application()

# What a worker prepares before its first request (the OpenAPI document, the collector).
from procesregie.werker import start  # noqa: E402 (needs the apps loaded)

start()
