"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesregie.settings")

application = get_asgi_application()

# A worker reads the API's documented query parameters from the OpenAPI document; it is made
# while the worker starts rather than during the first request it serves.
from procesregie.api.queryparameters import bereid_voor  # noqa: E402 (needs the apps loaded)

bereid_voor()
