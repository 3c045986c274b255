#!/usr/bin/env bash
# Serve Rebound with gunicorn under production settings and load two pages with wrk:
# /healthz/ (no database) and the dashboard of a signed-in user with 1,000 interviews.
# Prints requests per second for each and the ratio dashboard ÷ healthz.
#
#   bench/throughput.sh                       # 10 s per page, 8 connections, 2 threads
#   BENCH_DURATION=30s BENCH_CONNECTIONS=16 bench/throughput.sh
#
# Everything lives in a temporary folder (database, static files, logs) and gunicorn
# listens on a free loopback port; both are removed/stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
GUNICORN="${GUNICORN:-$ROOT/.venv/bin/gunicorn}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
THREADS="${BENCH_THREADS:-2}"
INTERVIEWS="${BENCH_INTERVIEWS:-1000}"
EMAIL="bench@example.com"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi

WORK="$(mktemp -d -t rebound-throughput-XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

export DJANGO_SETTINGS_MODULE="${BENCH_SETTINGS:-rebound.settings}"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="bench-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
export DJANGO_FIELD_KEYS="$("$PYTHON" -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
export DJANGO_STATIC_ROOT="$WORK/static"
export GUNICORN_BIND="127.0.0.1:$PORT"

cd "$ROOT"
echo "Preparing a database with $INTERVIEWS interviews in $WORK ..."
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py createcachetable -v 0
"$PYTHON" manage.py collectstatic --noinput -v 0
"$PYTHON" manage.py seed_demo --email "$EMAIL" --password "bench-password-0123" \
  --interviews "$INTERVIEWS" >/dev/null

# A signed-in session made straight in the database, as the login form would leave it.
SESSION="$("$PYTHON" - "$EMAIL" <<'PY'
import sys

import django

django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from interviews.models import User

user = User.objects.get(email=sys.argv[1])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
PY
)"
COOKIE="Cookie: sessionid=$SESSION"

"$GUNICORN" -c python:rebound.gunicorn >"$WORK/gunicorn.log" 2>&1 &
SERVER_PID=$!

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$BASE/healthz/" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/gunicorn.log" >&2; exit 1; fi
  sleep 0.2
done
WORKERS="$(pgrep -P "$SERVER_PID" | wc -l)"

status="$(curl -s -o "$WORK/dashboard.html" -w '%{http_code}' -H "$COOKIE" "$BASE/dashboard/")"
if [[ "$status" != 200 ]] || ! grep -q "Recovering" "$WORK/dashboard.html"; then
  echo "The dashboard did not answer 200 for the signed-in session (got $status)." >&2
  exit 1
fi

# Print requests per second for one URL after a short warm-up; report any errors.
measure() {
  local name="$1" url="$2"
  shift 2
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s "$@" "$url" >/dev/null
  local out
  out="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency "$@" "$url")"
  local rps latency errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  latency="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  printf '%-10s %10s req/s   median latency %s\n' "$name" "$rps" "$latency" >&2
  [[ -z "$errors" ]] || echo "           $errors" >&2
  echo "$rps"
}

echo "gunicorn with $WORKERS workers on $BASE; wrk -t $THREADS -c $CONNECTIONS -d $DURATION" >&2
HEALTHZ="$(measure healthz "$BASE/healthz/")"
DASHBOARD="$(measure dashboard "$BASE/dashboard/" -H "$COOKIE")"
if [[ -n "${BENCH_EXTRA:-}" ]]; then measure extra "$BASE$BENCH_EXTRA" -H "$COOKIE" >/dev/null; fi
"$PYTHON" -c "import sys; print(f'dashboard / healthz = {float(sys.argv[1]) / float(sys.argv[2]):.0%}')" \
  "$DASHBOARD" "$HEALTHZ"

# Memory: load the signed-in pages until the workers have served BENCH_MEMORY_REQUESTS in all
# (counting the runs above), then print each worker's resident set.
SERVED="$(grep -c '"status"' "$WORK/gunicorn.log" || true)"
TARGET="${BENCH_MEMORY_REQUESTS:-10000}"
PAGES=(/dashboard/ /applications/board/ /applications/ /interviews/ /questions/ /letters/ /contacts/)
while (( SERVED < TARGET )); do
  for page in "${PAGES[@]}"; do
    wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s -H "$COOKIE" "$BASE$page" >/dev/null
  done
  SERVED="$(grep -c '"status"' "$WORK/gunicorn.log" || true)"
done
echo "after $SERVED requests across ${#PAGES[@]} signed-in pages and /healthz/, resident memory per worker:" >&2
for pid in $(pgrep -P "$SERVER_PID"); do
  awk -v pid="$pid" '/^VmRSS:/ {printf "  worker %s: %.0f MB\n", pid, $2 / 1024}' "/proc/$pid/status" >&2
done
