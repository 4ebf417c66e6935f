from django.apps import AppConfig


class WatcherConfig(AppConfig):
    name = "areasend.watcher"
    verbose_name = "Ofsted publications watcher"
