"""Load the frameworks shipped in prongsai/ita/frameworks/*.json, so every install has them."""

from django.db import migrations


def load(apps, schema_editor):
    from prongsai.ita.services.frameworks import framework_load

    framework_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("ita", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
