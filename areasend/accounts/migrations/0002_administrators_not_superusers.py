"""Administrators made before ADR 0022 were superusers: make them staff with the role's
permissions instead (those that exist yet: on a new database there are no people)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

#: The administrator role's permissions when this migration was written (a migration must not
#: change with the code: areasend/accounts/services.py has the live list).
ADMINISTRATOR_PERMISSIONS = frozenset({
    "accounts.view_organisation", "accounts.add_organisation", "accounts.change_organisation",
    "accounts.view_person", "accounts.add_person", "accounts.change_person",
    "accounts.view_auditentry",
    "auth.view_user", "auth.add_user", "auth.change_user",
    "otp_totp.view_totpdevice", "otp_totp.delete_totpdevice",
    "axes.view_accessattempt", "axes.delete_accessattempt",
    "areas.view_officialinspectionrecord",
    "register.view_themecorrection", "register.add_themecorrection",
    "register.change_themecorrection",
})  # fmt: skip


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Person = apps.get_model("accounts", "Person")
    Permission = apps.get_model("auth", "Permission")
    names = ADMINISTRATOR_PERMISSIONS
    wanted = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if f"{permission.content_type.app_label}.{permission.codename}" in names
    ]
    for person in Person.objects.filter(role="administrator").select_related("user"):
        user = person.user
        user.is_superuser = False
        user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
        user.user_permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
