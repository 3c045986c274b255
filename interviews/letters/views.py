"""Follow-up letters: list, start, edit with a tone check, send, and record the answer."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..access import get_interview, get_letter, owned, profile_for
from ..addresses import Unmailable
from ..models import FollowUpLetter, Interview
from ..web.limits import page_of
from . import services
from .delivery import build_eml, eml_filename, mailto_url
from .drafting import NotEligible
from .forms import (
    BODY_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    LetterFilterForm,
    LetterForm,
    LetterInterviewForm,
    LetterResponseForm,
    LetterStartForm,
    MarkSentForm,
    ToneForm,
)
from .recipients import letter_recipients
from .tone import highlight, tone_check, word_count


def _tone(kind, subject, body):
    """Return the tone findings and the highlighted preview for a letter's text."""
    findings = tone_check(kind, subject, body)
    return {"findings": findings, "preview": highlight(body, findings), "words": word_count(body)}


@require_GET
def letter_list(request):
    """List the user's letters, filtered and a page at a time."""
    filter_form = LetterFilterForm(request.GET)
    letters = filter_form.filter(FollowUpLetter.objects.owned_by(request.user))
    page = page_of(request, letters)
    context = {"filter_form": filter_form, "page": page}
    if not page.object_list:
        # The empty state points somewhere different when there is nothing to write about yet.
        context["has_interviews"] = Interview.objects.owned_by(request.user).exists()
    return render(request, "interviews/letters/letter_list.html", context)


@require_GET
def letter_new(request):
    """Ask which interview a new letter is about, then show the kinds that fit it."""
    form = LetterInterviewForm(
        request.GET if "interview" in request.GET else None, user=request.user
    )
    if form.is_valid():
        return redirect("interviews:letter_create", pk=form.cleaned_data["interview"].pk)
    return render(request, "interviews/letters/letter_new.html", {"form": form})


@owned(get_interview)
@require_http_methods(["GET", "POST"])
def letter_create(request, interview):
    """Show which letters fit an interview and draft the one the user picks, to whom they pick."""
    fits = services.letter_eligibility(interview)
    recipients = letter_recipients(interview)
    refusal = ""
    if request.method == "POST":
        form = LetterStartForm(request.POST, recipients=recipients)
        if not form.is_valid():
            if "kind" in form.errors:
                refusal = _("Choose one of the three kinds of letter below.")
            else:
                refusal = _("Check whom the letter is to, below.")
        else:
            try:
                letter = services.letter_start(
                    interview=interview, kind=form.cleaned_data["kind"], recipient=form.chosen()
                )
            except NotEligible as refused:
                refusal = refused.reason
            else:
                messages.success(
                    request, _("Your first draft is ready. Make it sound like you, then save.")
                )
                return redirect("interviews:letter_update", pk=letter.pk)
    else:
        form = LetterStartForm(recipients=recipients)
    existing = list(FollowUpLetter.objects.owned_by(request.user).filter(interview=interview))
    options = [
        {
            "kind": kind,
            "fit": fits[kind],
            "letters": [letter for letter in existing if letter.kind == kind],
        }
        for kind in FollowUpLetter.Kind
    ]
    context = {"interview": interview, "options": options, "refusal": refusal, "form": form}
    return render(request, "interviews/letters/letter_create.html", context)


@owned(get_letter)
@require_http_methods(["GET", "POST"])
def letter_update(request, letter):
    """Edit a letter beside its tone check; saving never waits on the findings."""
    form = LetterForm(request.POST if request.method == "POST" else None, instance=letter)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Saved. The tone check has been updated."))
        target = "letter_detail" if "preview" in request.POST else "letter_update"
        return redirect(f"interviews:{target}", pk=letter.pk)
    if form.is_bound:
        # Check what was typed, even when too long to save, but no more than a letter can hold.
        subject = form.data.get("subject", "")[:SUBJECT_MAX_LENGTH]
        body = form.data.get("body", "")[:BODY_MAX_LENGTH]
    else:
        subject, body = letter.subject, letter.body
    context = {"letter": letter, "form": form, **_tone(letter.kind, subject, body)}
    return render(request, "interviews/letters/letter_update.html", context)


@owned(get_letter)
@require_POST
def letter_tone(request, letter):
    """Return the tone panel for text still being typed (used by letter.js)."""
    form = ToneForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("That text is too long to check."))
    data = form.cleaned_data
    context = {"letter": letter, "live": True, **_tone(letter.kind, data["subject"], data["body"])}
    return render(request, "interviews/letters/partials.html#tone_panel", context)


def _detail(request, letter, *, sent_form=None, response_form=None):
    context = {
        "letter": letter,
        "mailto": mailto_url(letter.recipient_email, letter.subject, letter.body),
        "sent_form": sent_form or MarkSentForm(letter=letter),
        "response_form": response_form or LetterResponseForm(letter=letter),
        "recovery": letter.interview.recovery(),
        **_tone(letter.kind, letter.subject, letter.body),
    }
    return render(request, "interviews/letters/letter_detail.html", context)


@owned(get_letter)
@require_GET
def letter_detail(request, letter):
    """Show the letter ready to send, with its tone check and what happened next."""
    return _detail(request, letter)


@owned(get_letter)
@require_GET
def letter_print(request, letter):
    """Show the letter alone on a page that prints cleanly."""
    return render(request, "interviews/letters/letter_print.html", {"letter": letter})


@owned(get_letter)
@require_GET
def letter_eml(request, letter):
    """Download the letter as an unsent email that a mail program opens as a draft."""
    user = request.user
    try:
        message = build_eml(
            from_name=profile_for(user).display_name or user.get_full_name(),
            from_addr=user.email,
            to_name=letter.recipient_name,
            to_addr=letter.recipient_email,
            subject=letter.subject,
            body=letter.body,
        )
    except Unmailable as refused:
        # Saved before the form refused such addresses: ask for one mail can carry.
        messages.error(
            request,
            _("That address cannot go in an email: %(reason)s Correct it, then download again.")
            % {"reason": refused.reason},
        )
        return redirect("interviews:letter_update", pk=letter.pk)
    disposition = content_disposition_header(True, eml_filename(letter.subject))
    return HttpResponse(
        message, content_type="message/rfc822", headers={"Content-Disposition": disposition}
    )


@owned(get_letter)
@require_POST
def letter_mark_sent(request, letter):
    """Record the day the letter went out."""
    form = MarkSentForm(request.POST, letter=letter)
    if not form.is_valid():
        return _detail(request, letter, sent_form=form)
    services.letter_mark_sent(letter=letter, sent_on=form.cleaned_data["sent_on"])
    messages.success(
        request,
        _("Marked as sent on %(date)s. That is the follow-up done.")
        % {"date": formats.date_format(letter.sent_on, "j F Y")},
    )
    return redirect(letter)


@owned(get_letter)
@require_POST
def letter_response(request, letter):
    """Record how the recipient answered."""
    form = LetterResponseForm(request.POST, letter=letter)
    if not form.is_valid():
        return _detail(request, letter, response_form=form)
    services.letter_record_response(letter=letter, response=form.cleaned_data["response"])
    messages.success(request, _("Response saved."))
    return redirect(letter)


@owned(get_letter)
@require_http_methods(["GET", "POST"])
def letter_delete(request, letter):
    """Ask before deleting a letter, then delete it."""
    if request.method == "POST":
        letter.delete()
        messages.success(request, _("The letter was deleted."))
        return redirect("interviews:letter_list")
    return render(request, "interviews/letters/letter_delete.html", {"letter": letter})
