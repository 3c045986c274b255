"""URLconfs that add one leaking view each, to prove the URL walk refuses to skip them."""

from django.http import HttpResponse

from interviews.models import Application


def leak(request, pk):
    """Show any application by id, whoever owns it: the bug the walk exists to catch."""
    return HttpResponse(Application.objects.get(pk=pk).company)
