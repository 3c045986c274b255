"""Re-encrypt the diary's text with the first key in DJANGO_FIELD_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interviews.crypto import EncryptedFieldMixin, UndecryptableValue


def encrypted_fields():
    """Return (model, names of its encrypted fields) for every model that has some."""
    found = []
    for model in apps.get_app_config("interviews").get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]
        if names:
            found.append((model, names))
    return found


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the first key in DJANGO_FIELD_KEYS, so the "
        "keys after it can be removed. Safe to run again; prints counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows re-encrypted per transaction (default 500).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        total = 0
        for model, names in encrypted_fields():
            rows, values = self.rotate(model, names, batch_size)
            total += values
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {values} values in {rows} rows re-encrypted."
            )
        self.stdout.write(self.style.SUCCESS(f"{total} values re-encrypted with the first key."))

    def rotate(self, model, names, batch_size):
        """Re-encrypt model's values a batch at a time; return the rows and values rewritten."""
        manager = model._base_manager
        ids = list(manager.order_by("pk").values_list("pk", flat=True))
        rows = values = 0
        for start in range(0, len(ids), batch_size):
            # Locked while rewritten, so an edit made meanwhile is never overwritten.
            with transaction.atomic():
                batch = manager.select_for_update().filter(pk__in=ids[start : start + batch_size])
                try:
                    stored = list(batch.values_list("pk", *names))
                except UndecryptableValue as error:
                    raise CommandError(f"{model._meta.verbose_name_plural}: {error}") from None
                for pk, *current in stored:
                    # Empty text is stored as it is, never as a token: nothing to rewrite.
                    changes = {
                        name: value
                        for name, value in zip(names, current, strict=True)
                        if value not in ("", None)
                    }
                    if changes:
                        manager.filter(pk=pk).update(**changes)
                        rows += 1
                        values += len(changes)
        return rows, values
