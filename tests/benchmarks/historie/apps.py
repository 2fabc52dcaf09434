from django.apps import AppConfig


class HistorieConfig(AppConfig):
    name = "tests.benchmarks.historie"
    label = "benchmark_historie"
    default_auto_field = "django.db.models.BigAutoField"
