"""Helpers that answer the reflection wizard the way a browser would post it."""

from django.urls import reverse

from interviews.models import Reflection


def step_url(interview, step):
    return reverse("interviews:reflect_step", kwargs={"pk": interview.pk, "step": step})


def reflect_url(interview):
    return reverse("interviews:reflect", kwargs={"pk": interview.pk})


def formset(prefix, items):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, item in enumerate(items):
        data.update({f"{prefix}-{index}-{name}": value for name, value in item.items()})
    return data


def answers(*, caught_out=True, outside="no", follow_up="thank_you"):
    """Return a complete, valid set of answers, one dict of POST data per step."""
    causes = [Reflection.Cause.UNDER_PREPARED, Reflection.Cause.NERVES]
    if caught_out:
        causes.append(Reflection.Cause.CAUGHT_OUT)
    return {
        "feelings": {
            "feelings-feelings_before": ["upset", "frustrated"],
            "feelings-intensity_before": "5",
        },
        "what_happened": {
            "what_happened-causes": causes,
            "what_happened-what_happened": "I blanked on the caching question.",
            "what_happened-outside_circumstances": outside,
        },
        "questions": formset(
            "questions",
            [
                {
                    "question": "How would you cache this endpoint?",
                    "what_i_said": "Something about Redis.",
                    "better_answer": "Start from the read pattern, then pick the layer.",
                }
            ],
        ),
        "lessons": formset(
            "lessons",
            [
                {
                    "text": "I need to rehearse system design out loud.",
                    "category": "preparation",
                    "action": "Do two mock design sessions.",
                }
            ],
        ),
        "forgive": {
            "forgive-went_well": "I stayed calm in the intro.",
            "forgive-kind_words": "You did your best with little notice.",
            "forgive-thinking_traps": ["catastrophising"],
            "forgive-reframe": "One hard question is not a verdict.",
            "forgive-intensity_after": "3",
            "forgive-confidence_after": "6",
        },
        "follow_up": {"follow_up-follow_up": follow_up},
        "summary": {},
    }


def post_step(client, interview, step, data=None, *, button=None, query=""):
    """POST one step with the wizard's management field and, optionally, a named button."""
    payload = {f"reflection_{interview.pk}-current_step": step, **(data or {})}
    if button:
        payload.update(button)
    return client.post(step_url(interview, step) + query, payload)


def walk(client, interview, steps, data):
    """Answer the given steps in order with Continue, checking each one moves on."""
    for step in steps:
        response = post_step(client, interview, step, data[step])
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    return response
