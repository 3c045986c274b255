"""gunicorn settings for the production image: `gunicorn -c python:rebound.gunicorn`."""

import multiprocessing
import os

wsgi_app = "rebound.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# No access log: its lines carry raw paths and query strings (calendar tokens, reset keys,
# searches). Django logs every request as one masked JSON line on standard output instead.
accesslog = None
# gunicorn's own start-up and worker messages go to standard error.
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The control socket defaults to $HOME/.gunicorn/, which a non-root container user
# may not write and which two instances on one machine would share: keep it off.
control_socket_disable = True


def post_worker_init(worker):
    """Hold gunicorn's own error lines (which quote the raw request URI) to Django's masking."""
    import logging

    from interviews.web.request_log import SecretFilter

    logging.getLogger("gunicorn.error").addFilter(SecretFilter())
