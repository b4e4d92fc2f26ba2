from django.db import migrations


def refill(apps, schema_editor):
    """Keyword and organisation facets again, with the GEMET concepts and place names merged across French and
    English and the laboratories named with their parent bodies grouped (catalogue.records.facet_values)."""
    from catalogue.records import facet_values

    facet_values.refill_facet_columns(apps.get_model("catalogue", "Record"))


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0013_visibility_from_one_fragment"),
    ]

    operations = [
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
