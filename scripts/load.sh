#!/usr/bin/env bash
# `make load`: the load scenario (bench/locustfile.py) against the production shape on
# loopback (gunicorn, one task worker for bundles, PostgreSQL, Redis), bounded in time
# and users, with figures per endpoint at the end.
#
#   make load                                   # 10,000 students, 100,000 documents, 60 s
#   LOAD_TIME=30s LOAD_USERS=20 make load       # shorter, fewer users
#
# Environment: LOAD_STUDENTS (10000), LOAD_DOCUMENTS (100000), LOAD_USERS (30),
# LOAD_SPAWN (5 per second), LOAD_TIME (60s), LOAD_WORKERS (gunicorn workers, 2),
# LOAD_PORT (8201), LOAD_DB (portal_load), LOAD_DIR (state, /tmp/portal-load).
# The data is made once per database (drop it to start again).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
STUDENTS=${LOAD_STUDENTS:-10000}
DOCUMENTS=${LOAD_DOCUMENTS:-100000}
USERS=${LOAD_USERS:-30}
SPAWN=${LOAD_SPAWN:-5}
TIME=${LOAD_TIME:-60s}
WORKERS=${LOAD_WORKERS:-2}
PORT=${LOAD_PORT:-8201}
PG=postgres://postgres@127.0.0.1:5432
DB=${LOAD_DB:-portal_load}
STATE=${LOAD_DIR:-/tmp/portal-load}
mkdir -p "$STATE/media" "$STATE/private" "$STATE/static"
if [ ! -s "$STATE/secret_key" ]; then
  (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$STATE/secret_key")
fi
export DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$(cat "$STATE/secret_key")
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1,localhost DATABASE_URL="$PG/$DB"
export MEDIA_ROOT="$STATE/media" PRIVATE_STORAGE_ROOT="$STATE/private" STATIC_ROOT="$STATE/static"
export PORTAL_PLAIN_HTTP_LOOPBACK=1 REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}

"$PY" - "$PG" "$DB" <<'PYEOF'
import sys
import psycopg
from psycopg import sql
server, name = sys.argv[1], sys.argv[2]
with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PYEOF
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
if ! "$PY" manage.py shell -c "from plugins.models import Organisation; import sys; sys.exit(0 if Organisation.objects.filter(slug='load-municipality').exists() else 1)" 2>/dev/null; then
  echo "Making the data: demo, then $STUDENTS students and $DOCUMENTS documents"
  DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py load_demo
  DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py no_iskole_bulk_data \
    --students "$STUDENTS" --documents "$DOCUMENTS"
fi

.venv/bin/gunicorn portal.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" --access-logfile /dev/null \
  --error-logfile "$STATE/gunicorn.log" &
server=$!
"$PY" manage.py task_worker --worker-id "load-worker" >"$STATE/worker.log" 2>&1 &
worker=$!
trap 'kill $server $worker 2>/dev/null; wait $server $worker 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 1
done
.venv/bin/locust -f bench/locustfile.py --headless -u "$USERS" -r "$SPAWN" -t "$TIME" \
  --host "http://127.0.0.1:$PORT" --csv "$STATE/stats" --only-summary --loglevel WARNING
"$PY" bench/load_report.py "$STATE/stats_stats.csv" --workers "$WORKERS" --users "$USERS" \
  --students "$STUDENTS" --documents "$DOCUMENTS" --time "$TIME"
