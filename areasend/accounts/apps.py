from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "areasend.accounts"
    verbose_name = "People, organisations and roles"
