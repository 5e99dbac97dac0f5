# Written by manage.py startjurisdiction so the plugin installs without
# running makemigrations. After changing models.py, run
# ``manage.py makemigrations no_troms_transition``.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("plugins", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Plan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("draft", "Draft"), ("shared", "Shared with the family"), ("approved", "Approved")], default="draft", max_length=20, verbose_name="status")),
                ("summary", models.TextField(blank=True, verbose_name="summary")),
                ("student", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="no_troms_transition_plans", to="plugins.student", verbose_name="student")),
            ],
            options={
                "verbose_name": "plan",
                "verbose_name_plural": "plans",
                "ordering": ["pk"],
            },
        ),
    ]
