"""Create the database cache table, so that `migrate` alone gives a working site.

allauth's log-in rate limits read the cache on every log-in; without the table the log-in
page is a 500. createcachetable reads settings.CACHES, so this creates nothing when the
cache is Redis (CACHE_URL), and is a no-op when the table already exists.
"""

from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    existing = schema_editor.connection.introspection.table_names()
    for alias in caches:
        cache = caches[alias]
        if isinstance(cache, BaseDatabaseCache) and cache._table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(cache._table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0007_reflection_conduct_causes_and_to_own"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table, elidable=False),
    ]
