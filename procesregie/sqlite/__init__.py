"""Django's SQLite backend with the placeholder rewrite kept per statement (see ``base``)."""
