"""Personal access tokens for the API: the owner's list, create, detail and revoke pages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..access import get_api_token, owned
from ..models import ApiToken
from ..web.limits import page_of
from . import services
from .forms import ApiTokenForm

# The session holds a new token's secret only between its creation and the page that shows it.
NEW_SECRET_KEY = "api_token_new_secret"


def scope_labels(token):
    """Return (name, what it allows) for each of the token's scopes, in the scopes' order."""
    return [(scope.value, scope.label) for scope in ApiToken.Scope if scope in token.scopes]


@require_safe
def api_token_list(request):
    """List the user's tokens, newest first: what each may do, its dates and its state."""
    page = page_of(request, ApiToken.objects.owned_by(request.user))
    return render(request, "interviews/account/tokens/token_list.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
def api_token_create(request):
    """Make a new token, then show its secret once on the token's own page."""
    data = request.POST if request.method == "POST" else None
    form = ApiTokenForm(data)
    if request.method == "POST" and form.is_valid():
        token, secret = services.api_token_create(request.user, **form.cleaned_data)
        request.session[NEW_SECRET_KEY] = {"pk": token.pk, "secret": secret}
        messages.success(request, _("Your token “%(name)s” is ready.") % {"name": token.name})
        return redirect("interviews:api_token_detail", pk=token.pk)
    return render(request, "interviews/account/tokens/token_form.html", {"form": form})


@owned(get_api_token)
@require_safe
def api_token_detail(request, token):
    """Show one token's facts, and its secret only on the first visit after it was made."""
    # Taken out of the session by the first token page opened after creation: never shown twice.
    new = request.session.pop(NEW_SECRET_KEY, None)
    secret = new["secret"] if new and new.get("pk") == token.pk else ""
    return render(
        request,
        "interviews/account/tokens/token_detail.html",
        {"token": token, "scopes": scope_labels(token), "secret": secret},
    )


@owned(get_api_token)
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, token):
    """Ask to confirm, then stop the token opening the API straight away."""
    if request.method == "POST":
        services.api_token_revoke(token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer opens the API.")
            % {"name": token.name},
        )
        return redirect("interviews:api_token_list")
    return render(request, "interviews/account/tokens/token_revoke.html", {"token": token})
