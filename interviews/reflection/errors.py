"""The error summary shown at the top of a step: each error with a link to its field."""

from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


def _anchor(bound_field):
    """Return the id of the control that an error link should jump to."""
    if isinstance(bound_field.field.widget, forms.RadioSelect):
        # Radio buttons and checkbox lists: jump to the first choice.
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


def _form_errors(form, lead=""):
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            name = next(iter(form.fields))
        anchor = _anchor(form[name])
        items.extend((anchor, f"{lead}{error}") for error in errors)
    return items


def error_summary(form):
    """Return (anchor id, message) pairs for every error of a step's form or formset."""
    if not form.is_bound:
        return []
    if not isinstance(form, forms.BaseFormSet):
        return _form_errors(form)
    items = [("items-errors", str(error)) for error in form.general_errors()]
    for number, item in enumerate(form.forms, start=1):
        lead = _("%(item)s %(number)d: ") % {"item": form.item_label, "number": number}
        items.extend(_form_errors(item, lead))
    return items


def _given(form, name):
    """Say whether the user gave an answer to this field (a ticked box, a non-blank text)."""
    field = form.fields[name]
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    if isinstance(value, str):
        value = value.strip()
    return value is not False and value not in field.empty_values


def _quiet_form(form):
    given = any(_given(form, name) for name in form.fields)
    for name in list(form.errors):
        if not (given if name == NON_FIELD_ERRORS else _given(form, name)):
            del form.errors[name]
    return given


def quiet_unanswered(form):
    """Keep only the errors of answers given, for a step the user is shown, not submitting.

    Coming back to a step (Back, a step link, resuming) shows what was typed there. It
    points out a problem with an answer the user gave, never one they have yet to give:
    what a step needs is said when they press Continue.
    """
    if not form.is_bound:
        return form
    if not isinstance(form, forms.BaseFormSet):
        _quiet_form(form)
        return form
    form.errors  # noqa: B018 - validate once, so the items' errors exist to be pruned
    given = [_quiet_form(item) for item in form.forms]
    if not any(given):
        form._non_form_errors = form.error_class(error_class="nonform", renderer=form.renderer)
    return form
