"""WSGI entry point (gunicorn procesregie.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesregie.settings")

application = get_wsgi_application()

# A worker reads the API's documented query parameters from the OpenAPI document; it is made
# while the worker starts rather than during the first request it serves.
from procesregie.api.queryparameters import bereid_voor  # noqa: E402 (needs the apps loaded)

bereid_voor()
