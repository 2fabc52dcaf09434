#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesregie.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Django swallows a settings error and then fails on something else ("Models aren't
    # loaded yet"); say what is missing instead.
    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading it loads the settings)
    except ImproperlyConfigured as fout:
        sys.stderr.write(
            f"{fout}\n"
            "Zet de ontbrekende waarden in .env (make run schrijft er een voor deze machine), "
            "of gebruik voor ontwikkelcommando's "
            "DJANGO_SETTINGS_MODULE=procesregie.settings_test.\n"
        )
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
