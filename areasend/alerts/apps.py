from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "areasend.alerts"
    verbose_name = "Following an area: feeds and email alerts"
