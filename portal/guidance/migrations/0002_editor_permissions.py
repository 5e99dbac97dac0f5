"""Let Wagtail's Editors and Moderators groups manage legal references and translate pages.

Editors write the guidance; the legal references they cite are snippets, which
need model permissions of their own, and "Translate" (wagtail.contrib.
simple_translation) needs its submit permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

CODENAMES = ["add_legalreference", "change_legalreference", "delete_legalreference"]
TRANSLATE = "submit_translation"


def _permissions(Permission):
    return Permission.objects.filter(
        Q(content_type__app_label="guidance", codename__in=CODENAMES)
        | Q(content_type__app_label="simple_translation", codename=TRANSLATE)
    )


def grant(apps, schema_editor):
    for label in ("guidance", "simple_translation"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = _permissions(Permission)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = _permissions(Permission)
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
