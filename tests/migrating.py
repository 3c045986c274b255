"""Run the project's migrations to a given point, for tests of a data migration."""

from django.apps import apps as project_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target):
    """Migrate the test database to target and return the historical models there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_latest():
    """Put the schema back for later tests."""
    call_command("migrate", verbosity=0)
    # Running migrations by hand leaves the project's models holding caches of the
    # historical ones; later tests must see the real models again.
    project_apps.clear_cache()
