"""Give every new user a profile, record every status move, start the refresh clock at log-in,
schedule the reminders an interview or a letter may call for when it is saved, and remove a
deleted document's file from storage; retire a person's cached dashboard on every write of
their rows."""

import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver
from django.utils import timezone

from .account import tasks as reminder_tasks
from .dashboard import cache as dashboard_cache
from .models import (
    Application,
    Document,
    FollowUpLetter,
    Interview,
    Profile,
    StatusChange,
    rated_or_marked_bad,
)
from .web.middleware import REFRESHED_KEY


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=Application)
def record_status_change(sender, instance, created, raw=False, **kwargs):
    """Add a history entry whenever an application is added or its status changes.

    A view or service may set `status_changed_at` (a back-dated move) and `status_note`
    on the instance before saving; otherwise the move is dated now, without a note.
    """
    if raw:
        return
    before = "" if created else getattr(instance, "saved_status", None)
    # None: the status was not loaded (a deferred field), so there is nothing to compare.
    if before is None or before == instance.status:
        return
    StatusChange.objects.create(
        application=instance,
        from_status=before,
        to_status=instance.status,
        changed_at=getattr(instance, "status_changed_at", None) or timezone.now(),
        note=getattr(instance, "status_note", ""),
    )
    instance.saved_status = instance.status
    instance.status_changed_at = None
    instance.status_note = ""


@receiver(user_logged_in)
def stamp_session_refresh(sender, request, user, **kwargs):
    """Log-in saves the session anyway, so visits within the refresh interval need not."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_KEY] = int(time.time())


def _interview_state(values):
    """Return what the reminders of an interview depend on: its times and whether it went badly."""
    went_badly = rated_or_marked_bad(values.get("rating"), values.get("marked_bad"))
    return (values.get("scheduled_at"), values.get("duration_minutes"), went_badly)


@receiver(post_init, sender=Interview)
def remember_interview_state(sender, instance, **kwargs):
    # A deferred field reads as None here, so a save then schedules once more: harmless.
    instance.saved_reminder_state = _interview_state(instance.__dict__)


@receiver(post_save, sender=Interview)
def schedule_interview_reminders(sender, instance, created, raw=False, **kwargs):
    """Queue an interview's reminders (cool-off, check-ins, evening before) as its moments change.

    They are queued whether or not the person wants them: the task looks when it runs, so
    turning a kind on later still catches what is already booked.
    """
    if raw:
        return
    before = getattr(instance, "saved_reminder_state", None)
    after = _interview_state(instance.__dict__)
    instance.saved_reminder_state = after
    if not created and before == after:
        return
    pk = instance.pk
    if after[2] and (created or not before[2] or before[:2] != after[:2]):
        transaction.on_commit(lambda: reminder_tasks.schedule_cool_off(pk))
        transaction.on_commit(lambda: reminder_tasks.schedule_sting(pk))
    if (created or before[0] != after[0]) and after[0] and after[0] > timezone.now():
        transaction.on_commit(lambda: reminder_tasks.schedule_interview(pk))


@receiver(post_init, sender=FollowUpLetter)
def remember_letter_state(sender, instance, **kwargs):
    instance.saved_sending = (instance.__dict__.get("status"), instance.__dict__.get("sent_on"))


@receiver(post_save, sender=FollowUpLetter)
def schedule_letter_reminder(sender, instance, created, raw=False, **kwargs):
    """Queue the letter-unanswered reminder when a letter is marked sent (or its day changes)."""
    if raw:
        return
    before = getattr(instance, "saved_sending", None)
    after = (instance.status, instance.sent_on)
    instance.saved_sending = after
    if after[0] != FollowUpLetter.Status.SENT or (not created and before == after):
        return
    pk = instance.pk
    transaction.on_commit(lambda: reminder_tasks.schedule_letter(pk))


@receiver(post_delete, sender=Document)
def delete_document_file(sender, instance, **kwargs):
    """Remove the file once the deletion commits: a rolled-back delete keeps its document whole.

    Cascades (an application, an account) send post_delete for each document too.
    """
    name = instance.file.name
    if not name:
        return
    storage = instance.file.storage
    transaction.on_commit(lambda: storage.delete(name), robust=True)


def retire_dashboard_on_save(sender, instance, raw=False, **kwargs):
    """A saved row of a person's data retires their cached dashboard (fixtures aside)."""
    if not raw:
        dashboard_cache.changed_for(instance)


def retire_dashboard_on_delete(sender, instance, origin=None, **kwargs):
    dashboard_cache.deleted(instance, origin)


def retire_dashboard_on_link(sender, instance, action, **kwargs):
    """Tags and contacts are many-to-many: adding or removing a link is a write too."""
    if action in ("post_add", "post_remove", "post_clear"):
        dashboard_cache.changed_for(instance)


for _name in dashboard_cache.OWNER_PATHS:
    _model = apps.get_model("interviews", _name)
    post_save.connect(retire_dashboard_on_save, sender=_model, dispatch_uid=f"dash-save-{_name}")
    post_delete.connect(
        retire_dashboard_on_delete, sender=_model, dispatch_uid=f"dash-delete-{_name}"
    )
    for _field in _model._meta.local_many_to_many:
        m2m_changed.connect(
            retire_dashboard_on_link,
            sender=_field.remote_field.through,
            dispatch_uid=f"dash-link-{_name}-{_field.name}",
        )
