"""Let Wagtail's Editors and Moderators groups manage legal references.

Editors write the guidance; the legal references they cite are snippets, which
need model permissions of their own. (wagtail-localize grants the same groups
its "submit translation" permission in its own migrations.)
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

CODENAMES = ["add_legalreference", "change_legalreference", "delete_legalreference"]


def _permissions(Permission):
    return Permission.objects.filter(
        Q(content_type__app_label="guidance", codename__in=CODENAMES)
    )


def grant(apps, schema_editor):
    for label in ("guidance",):
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
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
