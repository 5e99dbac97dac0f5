# Process supervision for scripts/prod_demo.sh (sourced, bash 5.1+).
#
#   source scripts/supervise.sh
#   supervise_app gunicorn ...                # its end stops everything
#   supervise_restarting worker python ...    # restarted when it ends, with a back-off
#   supervise_wait                            # until an app ends or INT/TERM; then stop all
#
# A restarted process waits SUPERVISE_BACKOFF seconds (default 1), doubled after
# each quick failure up to SUPERVISE_BACKOFF_MAX (default 30), and back to the
# start once it has run SUPERVISE_STABLE seconds (default 60). Whole seconds.
# Each restart is logged on stderr. INT or TERM stops every process with TERM
# (a restart loop passes it on to its child) and waits for all of them.

SUPERVISE_APPS=()
SUPERVISE_LOOPS=()
SUPERVISE_STOPPED=""

supervise_log() { echo "supervise: $*" >&2; }

supervise_app() {
  "$@" &
  SUPERVISE_APPS+=($!)
}

_supervise_loop() {
  local name=$1 child="" delay=${SUPERVISE_BACKOFF:-1} started rc
  shift
  local first=$delay max=${SUPERVISE_BACKOFF_MAX:-30} stable=${SUPERVISE_STABLE:-60}
  # TERM from supervise_stop: pass it on to the child (or the back-off sleep) and end.
  trap 'trap - TERM INT; if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi; exit 0' TERM INT
  while true; do
    started=$SECONDS
    "$@" &
    child=$!
    supervise_log "$name started (pid $child)"
    rc=0
    wait "$child" || rc=$?
    child=""
    if ((SECONDS - started >= stable)); then delay=$first; fi
    supervise_log "$name ended (status $rc); restarting in ${delay}s"
    sleep "$delay" &
    child=$!
    wait "$child" || true
    child=""
    delay=$((delay * 2 > max ? max : delay * 2))
  done
}

supervise_restarting() {
  local name=$1
  shift
  _supervise_loop "$name" "$@" &
  SUPERVISE_LOOPS+=($!)
}

supervise_stop() {
  trap - INT TERM EXIT
  [ -z "$SUPERVISE_STOPPED" ] || return 0
  SUPERVISE_STOPPED=1
  local pids=("${SUPERVISE_APPS[@]}" "${SUPERVISE_LOOPS[@]}")
  supervise_log "stopping ${pids[*]}"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
}

supervise_wait() {
  # Only the app processes end the supervision; a restart loop never ends by itself.
  local rc=0
  wait -n "${SUPERVISE_APPS[@]}" || rc=$?
  supervise_log "an app process ended (status $rc)"
  supervise_stop
}

# From here on, INT, TERM or the end of the script stops whatever was started.
trap 'supervise_stop; exit 130' INT
trap 'supervise_stop; exit 143' TERM
trap supervise_stop EXIT
