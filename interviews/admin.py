"""The admin manages accounts, not diaries.

No reflection answer, letter, question, lesson, note, sting sentence or draft is readable or
editable here: those models are not registered, or show only their state, counts and dates.
Deleting shows how many rows of each kind go, never their names, since a lesson or a
question is named by its own text. tests/test_admin_sealed.py walks every admin page for it.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count
from django.utils import timezone

from .models import (
    ApiToken,
    Application,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Profile,
    Reflection,
    Reminder,
    StatusChange,
    Tag,
    User,
    WizardDraft,
)

# Rows that are nothing but a person's words or practice, or a secret link: not in the admin.
NOT_IN_ADMIN = frozenset(
    {"CaughtOutQuestion", "Lesson", "StingCheck", "Practice", "MentorLink", "MentorLinkView"}
)


class SealedDeletionMixin:
    """Confirm a deletion by counting what goes, not by listing each row's words."""

    def get_deleted_objects(self, objs, request):
        _listed, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        summary = [f"{count} {name}" for name, count in model_count.items()]
        return summary, model_count, perms_needed, [str(len(protected))] if protected else []


class SealedAdmin(SealedDeletionMixin, admin.ModelAdmin):
    """A ModelAdmin whose deletions are confirmed by counts."""


@admin.register(User)
class UserAdmin(SealedDeletionMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["first_name", "last_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Important dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Profile)
class ProfileAdmin(SealedAdmin):
    list_display = ["user", "time_zone", "cool_off_hours"]
    search_fields = ["user__email"]
    exclude = ["calendar_token"]


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0
    fields = ["kind", "scheduled_at", "rating", "marked_bad", "outcome"]


@admin.register(Application)
class ApplicationAdmin(SealedAdmin):
    list_display = ["company", "role", "status", "owner", "applied_on", "updated_at"]
    list_filter = ["status"]
    search_fields = ["company", "role", "owner__email"]
    list_select_related = ["owner"]
    inlines = [InterviewInline]
    exclude = ["notes"]


@admin.register(Interview)
class InterviewAdmin(SealedAdmin):
    list_display = ["application", "kind", "scheduled_at", "rating", "marked_bad", "outcome"]
    list_filter = ["kind", "outcome", "marked_bad"]
    search_fields = ["application__company", "application__role", "interviewers"]
    list_select_related = ["application"]
    date_hierarchy = "scheduled_at"
    exclude = ["notes"]


@admin.register(Reflection)
class ReflectionAdmin(SealedAdmin):
    """Show where a reflection stands and how much it holds; never its answers."""

    list_display = ["interview", "status", "lesson_count", "question_count", "completed_at"]
    list_filter = ["status"]
    search_fields = ["interview__application__owner__email"]
    list_select_related = ["interview__application"]
    fields = ["interview", "status", "lesson_count", "question_count", "completed_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                lessons_total=Count("lessons", distinct=True),
                questions_total=Count("questions", distinct=True),
            )
        )

    @admin.display(description="lessons", ordering="lessons_total")
    def lesson_count(self, reflection):
        return reflection.lessons_total

    @admin.display(description="questions", ordering="questions_total")
    def question_count(self, reflection):
        return reflection.questions_total

    def has_add_permission(self, request):
        return False


@admin.register(FollowUpLetter)
class FollowUpLetterAdmin(SealedAdmin):
    """Show a letter's kind and state; whom it goes to and what it says stay with its owner."""

    list_display = ["interview", "kind", "status", "response", "sent_on", "updated_at"]
    list_filter = ["kind", "status", "response"]
    search_fields = ["interview__application__owner__email"]
    list_select_related = ["interview__application"]
    fields = ["interview", "kind", "status", "response", "sent_on"]
    readonly_fields = ["interview", "kind"]

    def has_add_permission(self, request):
        return False


@admin.register(WizardDraft)
class WizardDraftAdmin(SealedAdmin):
    """Show that a draft exists and when it was last saved, not the answers in it."""

    list_display = ["interview", "owner", "current_step", "updated_at"]
    search_fields = ["owner__email"]
    list_select_related = ["owner", "interview__application"]
    fields = ["interview", "owner", "current_step", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(SealedAdmin):
    list_display = ["application", "from_status", "to_status", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["application__company", "application__owner__email"]
    list_select_related = ["application"]
    exclude = ["note"]


@admin.register(Reminder)
class ReminderAdmin(SealedAdmin):
    list_display = ["owner", "kind", "due_at", "emailed_at", "dismissed_at"]
    list_filter = ["kind"]
    search_fields = ["owner__email"]
    list_select_related = ["owner"]


@admin.register(Contact)
class ContactAdmin(SealedAdmin):
    list_display = ["name", "company", "role", "owner"]
    list_filter = ["role"]
    search_fields = ["name", "company", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "applications"]
    exclude = ["notes"]


@admin.register(Document)
class DocumentAdmin(SealedAdmin):
    """List documents by their size and kind; what they say stays with their owner."""

    list_display = ["title", "kind", "application", "size", "sent", "created_at"]
    list_filter = ["kind", "sent"]
    search_fields = ["application__owner__email"]
    list_select_related = ["application"]
    exclude = ["file", "text"]
    readonly_fields = ["application", "file_name", "content_type", "size"]


@admin.register(Tag)
class TagAdmin(SealedAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]


@admin.register(ApiToken)
class ApiTokenAdmin(SealedAdmin):
    """Show a token's name, owner and dates, never its hash; an operator may only revoke it."""

    list_display = [
        "name",
        "owner",
        "hint",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    exclude = ["digest"]
    readonly_fields = [
        "owner",
        "name",
        "scopes",
        "hint",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked.")
