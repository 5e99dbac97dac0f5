#!/usr/bin/env bash
# The production shape on one machine (docs/deploy.md): two gunicorn app
# processes and one task worker, production settings, the local PostgreSQL,
# Redis when it answers. Plain HTTP on loopback only. Ctrl-C stops all three.
# A worker that stops is restarted (scripts/supervise.sh); an app process that
# stops ends the demo.
#
#   make prod-demo                      # or scripts/prod_demo.sh
#   PROD_DEMO_DATA=1 make prod-demo     # also load the fictional demo accounts
#
# Settings (environment): PROD_DEMO_PG (server URL without database,
# default postgres://postgres@127.0.0.1:5432), PROD_DEMO_DB (portal_prod_demo),
# PROD_DEMO_PORTS ("8101 8102"), PROD_DEMO_DIR (state: secret key, media,
# private files, static files; default $TMPDIR/portal-prod-demo),
# PROD_DEMO_REDIS (redis://127.0.0.1:6379/0; "none" for local memory),
# PORTAL_BASE_URL (http://127.0.0.1:<first port>).
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
GUNICORN=.venv/bin/gunicorn
test -x "$GUNICORN" || { echo "gunicorn missing: run make install" >&2; exit 1; }

PG=${PROD_DEMO_PG:-postgres://postgres@127.0.0.1:5432}
DB=${PROD_DEMO_DB:-portal_prod_demo}
PORTS=${PROD_DEMO_PORTS:-"8101 8102"}
STATE=${PROD_DEMO_DIR:-${TMPDIR:-/tmp}/portal-prod-demo}
REDIS=${PROD_DEMO_REDIS:-redis://127.0.0.1:6379/0}
mkdir -p "$STATE/media" "$STATE/private" "$STATE/static"

# One secret key for the demo's lifetime, so sessions survive a restart.
if [ ! -s "$STATE/secret_key" ]; then
  (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$STATE/secret_key")
fi

export DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$(cat "$STATE/secret_key")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="$PG/$DB"
export MEDIA_ROOT="$STATE/media" PRIVATE_STORAGE_ROOT="$STATE/private" STATIC_ROOT="$STATE/static"
export PORTAL_PLAIN_HTTP_LOOPBACK=1  # refused unless ALLOWED_HOSTS is loopback only
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
set -- $PORTS
# The address in e-mails, the Wagtail Site record and the API's absolute URLs
# (make prod-demo sets it; default: the first app process).
export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://127.0.0.1:$1}"
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-$PORTAL_BASE_URL}"

unset REDIS_URL
if [ "$REDIS" != none ] && "$PY" - "$REDIS" <<'EOF'
import sys
import redis
sys.exit(0 if redis.Redis.from_url(sys.argv[1], socket_timeout=1).ping() else 1)
EOF
then
  export REDIS_URL="$REDIS"
  echo "Cache: Redis at $REDIS_URL"
else
  echo "Cache: local memory per process (no Redis answered)"
fi

"$PY" - "$PG" "$DB" <<'EOF'
import sys
import psycopg
from psycopg import sql
server, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}")
EOF

"$PY" manage.py migrate --noinput
"$PY" manage.py configure_site
"$PY" manage.py collectstatic --noinput -v1
if [ -n "${PROD_DEMO_DATA:-}" ]; then
  # The demo refuses production settings (its passwords are published); it is
  # loaded through the development settings into the same database.
  DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py load_demo
fi

# The app processes' end stops everything; the worker is restarted when it ends
# (killed, crashed), after a back-off, and recovers what it left running.
source scripts/supervise.sh
for port in "$@"; do
  supervise_app "$GUNICORN" portal.wsgi:application --bind "127.0.0.1:$port" --workers 2 \
    --timeout 120 --access-logfile - --no-control-socket --name "portal-$port"
done
supervise_restarting worker "$PY" manage.py task_worker --worker-id "prod-demo-worker"

echo
for port in "$@"; do echo "App process: http://127.0.0.1:$port/"; done
echo "Worker: manage.py task_worker (restarted if it stops); state in $STATE"
echo "Ctrl-C stops all three."
supervise_wait
