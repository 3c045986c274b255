# Rebound production image: gunicorn serving Django, whitenoise serving static files, and
# the worker for background work (`docker run rebound worker`).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"

WORKDIR /app

RUN pip install --no-cache-dir uv

COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .

# Static files are collected at build time; the dummy secret only lets settings load.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --create-home --uid 10001 rebound \
    && mkdir -p /app/documents \
    && chown -R rebound /app

USER rebound
EXPOSE 8000
# The web process asks gunicorn's own bind address (GUNICORN_BIND) for /healthz/, which
# answers whatever DJANGO_ALLOWED_HOSTS says (interviews/web/health.py). Failures in the first
# minute, while the start command migrates, do not count.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s CMD ["python", "-m", "interviews.web.health"]

# deploy/start: `web` (the default) migrates and starts gunicorn; `worker` runs db_worker.
ENTRYPOINT ["deploy/start"]
CMD ["web"]
