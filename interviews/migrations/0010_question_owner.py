"""Give each question an owner of its own, so one can be added without a reflection.

Existing questions take the owner of their reflection's application. Going back removes
the questions added by hand, since the older shape has nowhere to keep them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_owner(apps, schema_editor):
    """Give every question the owner of the application its reflection belongs to."""
    question_model = apps.get_model("interviews", "CaughtOutQuestion")
    reflection_model = apps.get_model("interviews", "Reflection")
    owner = reflection_model.objects.filter(pk=OuterRef("reflection_id")).values(
        "interview__application__owner_id"
    )[:1]
    question_model.objects.using(schema_editor.connection.alias).update(owner_id=Subquery(owner))
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL will not alter a table with checks pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def drop_added_by_hand(apps, schema_editor):
    """Delete the questions that have no reflection: the older shape cannot hold them."""
    question_model = apps.get_model("interviews", "CaughtOutQuestion")
    question_model.objects.using(schema_editor.connection.alias).filter(
        reflection__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0009_profile_display_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="caughtoutquestion",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="caughtoutquestion",
            name="application",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="added_questions",
                to="interviews.application",
                verbose_name="application",
            ),
        ),
        migrations.AlterField(
            model_name="caughtoutquestion",
            name="reflection",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="interviews.reflection",
            ),
        ),
        migrations.RunPython(fill_owner, drop_added_by_hand),
        migrations.AlterField(
            model_name="caughtoutquestion",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="caughtoutquestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reflection__isnull", True), ("application__isnull", True), _connector="OR"
                ),
                name="question_from_reflection_or_application",
                violation_error_message=(
                    "A question from a reflection belongs to that interview's application."
                ),
            ),
        ),
    ]
