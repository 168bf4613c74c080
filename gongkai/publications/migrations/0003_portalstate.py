import uuid

from django.db import migrations, models


def create_state(apps, schema_editor):
    apps.get_model("publications", "PortalState").objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_catalogue_and_search_index")]

    operations = [
        migrations.CreateModel(
            name="PortalState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "门户缓存版本"},
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
