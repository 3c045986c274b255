"""Give every new user a profile, record every status move, start the refresh clock at log-in."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Application, Profile, StatusChange
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
