"""The reflection wizard: one step a page, state kept in the database, finished in one go."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlWizardView

from .. import access
from ..models import Reflection, WizardDraft
from .answers import collect_answers, reflection_sections, summary_sections
from .conditions import CONDITIONS, letter_fit
from .errors import error_summary, quiet_unanswered
from .offline import OFFLINE_STEPS
from .progress import NUMBERED, STEP_TOTAL, step_number
from .services import draft_discard, reflection_complete
from .steps import BY_NAME, FEELINGS, FOLLOW_UP, FORM_LIST, STRONG_FEELING, SUMMARY
from .storage import own_keys

# Names of the wizard's buttons; the default (Continue / Finish) has no special name.
GOTO = "wizard_goto_step"
SAVE_LATER = "wizard_save_later"
ADD_ITEM = "wizard_add"


def bad_request(request, interview):
    """Explain that the page was out of date, with a way back in (never a 500)."""
    return render(
        request, "interviews/reflection/bad_request.html", {"interview": interview}, status=400
    )


class ReflectionWizard(NamedUrlWizardView):
    """Walk through a reflection on one interview, one named step per URL."""

    form_list = FORM_LIST
    condition_dict = CONDITIONS

    storage_name = "interviews.reflection.storage.DraftStorage"
    http_method_names = ["get", "post", "head"]
    # Set on the URL that keeps answers while the user types: it stores, and nothing more.
    keep_only = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # The interview comes first: another user's id is a 404 for every method, before any
        # state is read. formtools builds the storage from the request, so it is kept there too.
        self.interview = request.interview = access.get_interview(request.user, kwargs["pk"])

    def _allowed_methods(self):
        # The bare wizard URL only redirects to a step; answers are posted to the step's URL.
        if self.kwargs.get("step") is None:
            return ["GET", "HEAD"]
        if self.keep_only:
            return ["POST"]
        return super()._allowed_methods()

    def get_prefix(self, request, *args, **kwargs):
        # Pinned per interview, not derived from the class name: renaming the class must not
        # orphan a half-filled form, and a page of one interview cannot post into another.
        return f"reflection_{self.interview.pk}"

    def get_step_url(self, step):
        return reverse(self.url_name, kwargs={"pk": self.interview.pk, "step": step})

    def get_template_names(self):
        return [f"interviews/reflection/{self.steps.current}.html"]

    def get_form_kwargs(self, step=None):
        if step == FOLLOW_UP:
            return {"eligibility": letter_fit(self)}
        return {}

    # Which steps the user has reached -------------------------------------------------

    def step_is_answered(self, step):
        return self.get_cleaned_data_for_step(step) is not None

    def furthest_step(self):
        """Return the first step without valid answers (the summary once all are done)."""
        for step in self.get_form_list():
            if step == self.steps.last or not self.step_is_answered(step):
                return step
        return self.steps.last

    def reflection_is_finished(self):
        reflection = self.interview.reflection_or_none
        return reflection is not None and reflection.is_complete

    def has_reached(self, step):
        steps = list(self.get_form_list())
        return step in steps and steps.index(step) <= steps.index(self.furthest_step())

    def resume_step(self):
        """Return the step where the user stopped, or the furthest they can go."""
        stored = self.storage.current_step
        return stored if self.has_reached(stored) else self.furthest_step()

    # Requests ----------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        """Show a step the user has reached; send anything else to where they stopped."""
        step = kwargs.get("step")
        if self.keep_only:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if step is None and self.reflection_is_finished() and not self.storage.has_draft:
            # Re-opening a finished reflection shows it; its page has the way into the wizard.
            return redirect("interviews:reflection_detail", pk=self.interview.pk)
        if not self.has_reached(step):
            return redirect(self.get_step_url(self.resume_step()))
        self.storage.current_step = step
        return self.render(quiet_unanswered(self.get_form(data=self.storage.current_step_data)))

    def post(self, request, *args, **kwargs):
        """Store the step's answers (even unfinished ones), then act on the button pressed."""
        step = kwargs.get("step")
        if step is None:
            return self.http_method_not_allowed(request, *args, **kwargs)
        if self.keep_only:
            return self.keep(request, step)
        form = self.store_posted(request, step, move=True)
        if form is None:
            return bad_request(request, self.interview)

        if GOTO in request.POST:
            return self.go_to(request.POST[GOTO], form)
        if SAVE_LATER in request.POST:
            messages.success(
                request,
                _("Your answers are saved. Come back when you are ready; you will pick up here."),
            )
            return redirect(self.interview)
        if ADD_ITEM in request.POST:
            return self.add_item(form)
        if not form.is_valid():
            return self.render(form)
        if step == FEELINGS and self.should_offer_pause(form):
            return redirect(self.get_step_url(step))
        if step == self.steps.last:
            return self.render_done(form)
        if request.GET.get("then") == SUMMARY and self.has_reached(SUMMARY):
            return self.go_to(SUMMARY)
        return self.render_next_step(form)

    def store_posted(self, request, step, *, move):
        """Store the step's posted answers, unchecked; return its bound form, or None if refused.

        A refused post (out of date, for a step not reached, a tampered formset) stores
        nothing. With move, the post also makes this the step the user is on.
        """
        management = ManagementForm(request.POST, prefix=self.prefix)
        if not management.is_valid() or management.cleaned_data["current_step"] != step:
            return None
        # Store first, read after: formtools works out which steps apply and each step's
        # answers once per request, so nothing may read them before the new answers are in.
        # Whether this step was reached depends only on the steps before it, which a post to
        # this step leaves alone.
        if move:
            self.storage.current_step = step
        self.storage.set_step_data(step, own_keys(request.POST, step))
        if not self.has_reached(step):
            self.storage.discard_changes()
            return None
        form = self.get_form(step, data=self.storage.get_step_data(step))
        if isinstance(form, forms.BaseFormSet) and not form.management_form.is_valid():
            self.storage.discard_changes()
            return None
        return form

    def keep(self, request, step):
        """Keep the step's answers as they stand while the user types (the page's script).

        Nothing is checked and the wizard does not move: the answers are checked when the
        user presses Continue.
        """
        if self.store_posted(request, step, move=False) is None:
            return bad_request(request, self.interview)
        return HttpResponse(status=204)

    def go_to(self, target, form=None):
        """Move to another step the user has reached (Back, a step link, back to the summary)."""
        if target not in self.get_form_list():
            return bad_request(self.request, self.interview)
        if not self.has_reached(target):
            # The answers just stored block the way: show them with their errors.
            target = self.furthest_step()
            if form is not None and target == self.steps.current:
                return self.render(form)
        self.storage.current_step = target
        return redirect(self.get_step_url(target))

    def add_item(self, formset):
        """Show the same step again with one more empty item (works without JavaScript)."""
        step = self.steps.current
        if not isinstance(formset, forms.BaseFormSet):
            return bad_request(self.request, self.interview)
        total = formset.total_form_count()
        if total >= formset.max_num:
            messages.info(self.request, _("That is as many as fit on one page."))
            return redirect(self.get_step_url(step))
        data = self.storage.get_step_data(step)
        data.setlist(f"{formset.prefix}-TOTAL_FORMS", [str(total + 1)])
        self.storage.set_step_data(step, data)
        return redirect(f"{self.get_step_url(step)}#item-{total + 1}")

    def should_offer_pause(self, form):
        """Suggest a pause once when strong feelings come up inside the cool-off window."""
        strong = form.cleaned_data["intensity_before"] >= STRONG_FEELING
        if not strong or not self.interview.is_cooling_off():
            return False
        if self.storage.extra_data.get("pause_offered"):
            return False
        self.storage.extra_data = {**self.storage.extra_data, "pause_offered": True}
        return True

    def render_done(self, form, **kwargs):
        # Finish straight from the summary's POST, as if on formtools' "done" URL: its own
        # redirect there would finish on a GET, which a prefetch or a reload could trigger.
        return super().render_done(form, **{**kwargs, "step": self.done_step_name})

    def done(self, form_list, form_dict, **kwargs):
        """Save the reflection (and start the chosen letter), then say what really happened."""
        answers = collect_answers(form_dict)
        was_complete = self.reflection_is_finished()
        earlier = set(self.interview.letters.values_list("pk", flat=True))
        _reflection, letter = reflection_complete(
            owner=self.request.user, interview=self.interview, data=answers
        )
        saved = (
            _("Your changes to the reflection are saved.")
            if was_complete
            else _("Your reflection is saved — well done for looking back on it.")
        )
        if letter is None:
            messages.success(
                self.request,
                f"{saved} {_('Your actions are waiting for you before the next interview.')}",
            )
            return redirect(self.interview)
        if letter.pk not in earlier:
            then = _("Here is a first draft of your letter to read through and make your own.")
        elif letter.status == letter.Status.SENT:
            then = _(
                "You already sent this letter on %(date)s, so no new one was drafted; "
                "here it is as it went."
            ) % {"date": date_format(letter.sent_on, "j F Y")}
        else:
            then = _(
                "You had already started this letter, so it is kept as you left it; "
                "here it is to carry on with."
            )
        messages.success(self.request, f"{saved} {then}")
        return redirect(letter)

    # Page context ------------------------------------------------------------------------

    def step_items(self):
        """Return the step indicator: one item per numbered step, marked done, current or to do.

        The questions step shares its number with "What happened", so the count never
        changes as it comes and goes; the item takes its name while the user is on it.
        Every step the user has reached can be opened from here, saving the current answers.
        """
        current = self.steps.current
        applying = list(self.get_form_list())
        items = []
        for name in NUMBERED:
            covered = [step for step in applying if step_number(step) == step_number(name)]
            if current in covered:
                state, label = "current", BY_NAME[current].label
            elif name != SUMMARY and all(self.step_is_answered(step) for step in covered):
                state, label = "done", BY_NAME[name].label
            else:
                state, label = "todo", BY_NAME[name].label
            items.append(
                {
                    "number": step_number(name),
                    "name": name,
                    "label": label,
                    "state": state,
                    "reachable": state != "current" and self.has_reached(name),
                }
            )
        return items

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            interview=self.interview,
            application=self.interview.application,
            step=BY_NAME[step],
            step_items=self.step_items(),
            step_number=step_number(step),
            step_total=STEP_TOTAL,
            errors=error_summary(form),
            has_draft=self.storage.has_draft,
            reflection=self.interview.reflection_or_none,
            cooling_off=self.interview.is_cooling_off(),
            # The first steps can be written on the way home, with no connection.
            offline_step=step in OFFLINE_STEPS,
        )
        if step == FEELINGS:
            context["suggest_pause"] = self.pause_suggested()
        elif step == FOLLOW_UP:
            context["not_offered"] = [
                (Reflection.FollowUp(kind).label, fit.reason)
                for kind, fit in letter_fit(self).items()
                if not fit.offered
            ]
        elif step == SUMMARY:
            context["sections"] = self.summary()
        return context

    def pause_suggested(self):
        """Keep the pause suggestion on the page while the feeling stays strong."""
        if not (self.storage.extra_data.get("pause_offered") and self.interview.is_cooling_off()):
            return False
        answers = self.get_cleaned_data_for_step(FEELINGS) or {}
        return (answers.get("intensity_before") or 0) >= STRONG_FEELING

    def summary(self):
        """Return each step's answers for the summary page, with the link to change them."""
        steps = [step for step in self.get_form_list() if step != SUMMARY]
        forms_by_step = {
            step: self.get_form(step, data=self.storage.get_step_data(step)) for step in steps
        }
        for bound in forms_by_step.values():
            bound.is_valid()
        return [
            (section, self.get_step_url(section.step))
            for section in summary_sections(collect_answers(forms_by_step), steps)
        ]


wizard_view = ReflectionWizard.as_view(url_name="interviews:reflect_step")
keep_view = ReflectionWizard.as_view(url_name="interviews:reflect_step", keep_only=True)


@access.owned(access.get_interview)
@require_http_methods(["GET", "HEAD"])
def reflection_detail(request, interview):
    """Show a finished reflection to read, with the way into the wizard to change it."""
    reflection = interview.reflection_or_none
    if reflection is None or not reflection.is_complete:
        return redirect("interviews:reflect", pk=interview.pk)
    letter = None
    if reflection.follow_up:
        letter = interview.letters.filter(kind=reflection.follow_up).order_by("-created_at").first()
    return render(
        request,
        "interviews/reflection/reflection_detail.html",
        {
            "interview": interview,
            "application": interview.application,
            "reflection": reflection,
            "sections": reflection_sections(reflection),
            "letter": letter,
            "has_draft": WizardDraft.objects.filter(
                owner=request.user, interview=interview
            ).exists(),
            "edit_url": reverse(
                "interviews:reflect_step", kwargs={"pk": interview.pk, "step": SUMMARY}
            ),
        },
    )


@access.owned(access.get_interview)
@require_http_methods(["GET", "POST"])
def reflect_start_over(request, interview):
    """Ask before throwing the draft away; the POST clears it and opens the first step."""
    if request.method == "POST":
        draft_discard(owner=request.user, interview=interview)
        messages.success(request, _("Your draft is cleared. Start again whenever you like."))
        return redirect("interviews:reflect", pk=interview.pk)
    return render(
        request,
        "interviews/reflection/start_over.html",
        {"interview": interview, "reflection": interview.reflection_or_none},
    )
