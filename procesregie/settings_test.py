"""Test settings: the normal settings with a fast password hasher and plain static storage."""

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-sleutel-niet-voor-productie")


def _lokale_testsleutel() -> str:
    """A signing key for the event log, made once per checkout and git-ignored. Written aside
    and linked into place, so that parallel test workers never read a half-written key and
    all end up with the same one."""
    pad = Path(__file__).resolve().parent.parent / ".gebeurtenis-sleutel-test"
    if not pad.exists():
        fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=".gebeurtenis-sleutel-")
        with os.fdopen(fd, "w") as bestand:
            bestand.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tijdelijk, pad)
        except FileExistsError:
            pass
        finally:
            os.unlink(tijdelijk)
    return str(pad)


if not os.environ.get("GEBEURTENIS_SLEUTEL"):
    os.environ.setdefault("GEBEURTENIS_SLEUTELBESTAND", _lokale_testsleutel())
if "GEBEURTENIS_CHECKPOINT_MAP" not in os.environ:
    # One map per test run (the test workers and subprocesses inherit it through the
    # environment). It is made when the first checkpoint is written, not here: a process
    # that only loads the settings and ends without its exit handlers (mypy's plugin) leaves
    # nothing behind. The process that named it removes it when it ends.
    _checkpoints = Path(tempfile.gettempdir()) / f"procesregie-checkpoints-{secrets.token_hex(8)}"
    atexit.register(shutil.rmtree, _checkpoints, ignore_errors=True)
    os.environ["GEBEURTENIS_CHECKPOINT_MAP"] = str(_checkpoints)

from procesregie.settings import *  # noqa: E402, F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documenten": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Static files come from the app finders in tests; nothing is collected.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "procesregie.sqlite":  # noqa: F405
    # A file rather than memory, so that the tests run in the journal mode of `make run` (WAL
    # needs a file) and the live-server tests have separate connections that really contend
    # for the write lock (an in-memory database hands every server thread one connection).
    # The process id keeps parallel runs apart; pytest-xdist adds a suffix per worker.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"procesregie-test-{os.getpid()}.sqlite3")
    }
# The test client speaks plain HTTP; HSTS and the other production headers stay on.
SECURE_SSL_REDIRECT = False
# Jobs run at once, in the process that enqueues them; the tests of the real worker switch
# to the database backend themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The benchmarks' reference for the event-log write (tests/benchmarks/historie): a test-only
# app with django-simple-history, a dev dependency; never in the product's settings.
INSTALLED_APPS = [*INSTALLED_APPS, "simple_history", "tests.benchmarks.historie"]  # noqa: F405
