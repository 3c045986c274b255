from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    Profile,
    Reflection,
    Reminder,
    StatusChange,
    Tag,
    User,
    WizardDraft,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone", "cool_off_hours"]
    search_fields = ["user__email"]
    exclude = ["calendar_token"]


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0
    fields = ["kind", "scheduled_at", "rating", "marked_bad", "outcome"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["company", "role", "status", "owner", "applied_on", "updated_at"]
    list_filter = ["status"]
    search_fields = ["company", "role", "owner__email"]
    list_select_related = ["owner"]
    inlines = [InterviewInline]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["application", "kind", "scheduled_at", "rating", "marked_bad", "outcome"]
    list_filter = ["kind", "outcome", "marked_bad"]
    search_fields = ["application__company", "application__role", "interviewers"]
    list_select_related = ["application"]
    date_hierarchy = "scheduled_at"


class QuestionInline(admin.TabularInline):
    model = CaughtOutQuestion
    extra = 0


class LessonInline(admin.TabularInline):
    model = Lesson
    extra = 0


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ["interview", "status", "intensity_before", "intensity_after", "follow_up"]
    list_filter = ["status", "follow_up"]
    search_fields = ["interview__application__company"]
    list_select_related = ["interview__application"]
    inlines = [QuestionInline, LessonInline]


@admin.register(CaughtOutQuestion)
class CaughtOutQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "reflection", "times_practised", "last_practised_at"]
    search_fields = ["question", "reflection__interview__application__company"]
    list_select_related = ["reflection__interview__application"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["text", "category", "action", "done", "done_at"]
    list_filter = ["category", "done"]
    search_fields = ["text", "action"]


@admin.register(FollowUpLetter)
class FollowUpLetterAdmin(admin.ModelAdmin):
    list_display = ["interview", "kind", "status", "response", "sent_on"]
    list_filter = ["kind", "status", "response"]
    search_fields = ["subject", "recipient_name", "interview__application__company"]
    list_select_related = ["interview__application"]


@admin.register(WizardDraft)
class WizardDraftAdmin(admin.ModelAdmin):
    list_display = ["interview", "owner", "current_step", "updated_at"]
    search_fields = ["owner__email", "interview__application__company"]
    list_select_related = ["owner", "interview__application"]
    readonly_fields = ["data"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["application", "from_status", "to_status", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["application__company", "application__owner__email"]
    list_select_related = ["application"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "due_at", "emailed_at", "dismissed_at"]
    list_filter = ["kind"]
    search_fields = ["owner__email"]
    list_select_related = ["owner"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "role", "owner"]
    list_filter = ["role"]
    search_fields = ["name", "company", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "applications"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """List documents by their size and kind; what they say stays with their owner."""

    list_display = ["title", "kind", "application", "size", "sent", "created_at"]
    list_filter = ["kind", "sent"]
    search_fields = ["application__owner__email"]
    list_select_related = ["application"]
    exclude = ["file", "text"]
    readonly_fields = ["application", "file_name", "content_type", "size"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
