"""The health check: answer /healthz/ before host validation, and the image's own probe.

Docker probes the container at 127.0.0.1 and an orchestrator often at the container's own
address, neither of which is a real host name: so /healthz/ is answered before
CommonMiddleware validates the Host header. It reads no database and echoes nothing of the
request, so answering it for any host gives nothing away.

`python -m interviews.web.health` is the image's HEALTHCHECK: it asks gunicorn's own bind
address for /healthz/ and exits 0 only on a 200.
"""

import sys
import urllib.request

from django.urls import reverse

# Hosts gunicorn may bind to that a probe cannot connect to as they are.
_ANY_ADDRESS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "[::]": "[::1]"}  # noqa: S104


class HealthCheckMiddleware:
    """Answer /healthz/ whatever the Host header, before any middleware validates it."""

    def __init__(self, get_response):
        # Imported here, once apps are ready: the probe below runs without Django set up.
        from .views import healthz

        self.get_response = get_response
        self.healthz = healthz

    def __call__(self, request):
        if request.path_info == reverse("healthz"):
            return self.healthz(request)
        return self.get_response(request)


def probe_url(bind):
    """Return the /healthz/ URL on gunicorn's bind address (host:port)."""
    host, _, port = bind.rpartition(":")
    return f"http://{_ANY_ADDRESS.get(host, host)}:{port}/healthz/"


def main():
    from rebound.gunicorn import bind

    try:
        with urllib.request.urlopen(probe_url(bind), timeout=2) as response:  # noqa: S310
            healthy = response.status == 200
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
