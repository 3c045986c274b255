"""The question bank with its practice mode, and every action from every lesson."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access
from ..models import CaughtOutQuestion, Lesson, Practice
from ..web.dates import short_date
from ..web.limits import page_of
from . import leitner, queue
from .forms import (
    ActionFilterForm,
    ActionToggleForm,
    PracticeResultForm,
    QuestionFilterForm,
    QuestionForm,
)
from .services import action_mark, question_practise


def _safe_next(request, default, url=None):
    """Return the `next` URL (posted, or url) when it stays on this site, otherwise the default."""
    url = (request.POST.get("next") if url is None else url) or ""
    # Only a path: redirect() would read any other word as the name of a view.
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _pk_or_404(value):
    if (pk := access.id_or_none(value)) is None:
        raise Http404
    return pk


@require_GET
def question_list(request):
    """List every question that caught the user out, the ones due to practise first."""
    form = QuestionFilterForm(request.GET)
    today = timezone.localtime(timezone.now(), request.user.profile.tzinfo).date()
    questions = form.filter(CaughtOutQuestion.objects.owned_by(request.user).with_company(), today)
    page = page_of(request, questions)
    return render(
        request,
        "interviews/library/question_list.html",
        {"form": form, "page": page, "today": today},
    )


@require_http_methods(["GET", "POST"])
def question_create(request):
    """Add a question to practise by hand, for one application or for any interview."""
    form = QuestionForm(request.POST or None, user=request.user)
    if form.is_valid():
        form.instance.owner = request.user
        form.save()
        messages.success(request, _("Added to your question bank, ready to practise."))
        return redirect("interviews:question_list")
    return render(request, "interviews/library/question_form.html", {"form": form})


def _back(request):
    """Return where the question forms go back to: a page of this site, or the bank."""
    return _safe_next(request, reverse("interviews:question_list"), url=request.GET.get("next", ""))


@access.owned(access.get_question)
@require_http_methods(["GET", "POST"])
def question_update(request, question):
    """Polish a question, whether it came from a reflection or was added by hand."""
    form = QuestionForm(request.POST or None, instance=question, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved your changes."))
        return redirect(_safe_next(request, reverse("interviews:question_list")))
    return render(
        request,
        "interviews/library/question_form.html",
        {"form": form, "question": question, "back": _back(request)},
    )


@access.owned(access.get_question)
@require_http_methods(["GET", "POST"])
def question_delete(request, question):
    """Ask before removing a question from the bank, then remove it."""
    if request.method == "POST":
        question.delete()
        messages.success(request, _("Removed the question from your question bank."))
        return redirect("interviews:question_list")
    return render(request, "interviews/library/question_delete.html", {"question": question})


def _practice_url(interview=None, after=None):
    query = {key: value for key, value in (("interview", interview), ("after", after)) if value}
    return f"{reverse('interviews:question_practice')}?{urlencode(query)}".rstrip("?")


@require_GET
def question_practice(request):
    """Show one question to practise: the one asked for, or the next in Leitner order.

    With `interview`, only the questions due by that interview's day, its own company's and
    kind's first; without, every question, the due ones first.
    """
    user = request.user
    tz = user.profile.tzinfo
    today = timezone.localtime(timezone.now(), tz).date()
    interview = target = None
    if "interview" in request.GET:
        interview = access.get_interview(user, _pk_or_404(request.GET["interview"]))
        target = leitner.Target.for_interview(interview, tz)
    cards = queue.cards(user)
    if target is not None:
        cards = leitner.due_cards(cards, today=today, target=target)
    else:
        cards = leitner.practice_order(cards, today=today)
    if "question" in request.GET:
        question = access.get_question(user, _pk_or_404(request.GET["question"]))
    else:
        # `after` names the question just practised or skipped: move on to another if any.
        after = access.id_or_none(request.GET.get("after"))
        chosen = next((card for card in cards if card.pk != after), cards[0] if cards else None)
        question = access.get_question(user, chosen.pk) if chosen else None
    return render(
        request,
        "interviews/library/question_practice.html",
        {
            "question": question,
            "total": len(cards),
            "interview": interview,
            "today": today,
            "skip_url": _practice_url(interview and interview.pk, question and question.pk),
        },
    )


@access.owned(access.get_question)
@require_POST
def question_practised(request, question):
    """Record how one practice of the question went, move its box and go on to the next."""
    form = PracticeResultForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return HttpResponseBadRequest(error)
    interview = form.cleaned_data["interview"]
    if interview is not None:
        interview = access.get_interview(request.user, interview).pk
    question_practise(question=question, result=form.cleaned_data["result"])
    when = short_date(question.due_on)
    if form.cleaned_data["result"] == Practice.Result.WELL:
        message = _("Nicely done: up to box %(box)s, next due %(when)s.")
    else:
        message = _("Back to box %(box)s, so it comes round again soon: next due %(when)s.")
    messages.success(request, message % {"box": question.box, "when": when})
    return redirect(_practice_url(interview, question.pk))


@require_GET
def action_list(request):
    """List every action from every lesson, open ones first."""
    form = ActionFilterForm(request.GET, user=request.user)
    application = interview = None
    form.is_valid()  # A malformed filter is shown beside its field; the others still apply.
    if form.cleaned_data.get("application") is not None:
        application = access.get_application(request.user, form.cleaned_data["application"])
    if form.cleaned_data.get("interview") is not None:
        interview = access.get_interview(request.user, form.cleaned_data["interview"])
    lessons = form.filter(Lesson.objects.owned_by(request.user), application, interview)
    page = page_of(request, lessons)
    totals = Lesson.objects.owned_by(request.user).aggregate(
        open=Count("pk", filter=Q(done=False)), done=Count("pk", filter=Q(done=True))
    )
    return render(
        request,
        "interviews/library/action_list.html",
        {
            "form": form,
            "page": page,
            "application": application,
            "interview": interview,
            "totals": totals,
        },
    )


@access.owned(access.get_lesson)
@require_POST
def action_toggle(request, lesson):
    """Mark an action done or open again, then go back to where the user was."""
    form = ActionToggleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Say whether the action is done or open."))
    action_mark(lesson=lesson, done=form.cleaned_data["done"])
    if lesson.done:
        messages.success(request, _("Marked as done — one step closer to ready."))
    else:
        messages.info(request, _("Opened again."))
    return redirect(_safe_next(request, reverse("interviews:action_list")))
