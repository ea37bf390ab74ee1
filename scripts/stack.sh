#!/usr/bin/env bash
# The whole distributed pipeline on this machine, natively, for a developer or an end-to-end check:
# Redis and PostgreSQL (scripts/servers.sh) plus every service role of the storytelling tool on 127.0.0.1.
#
#   scripts/stack.sh start   build (Release), start the servers and the roles, wait until the APIs answer
#   scripts/stack.sh stop    stop the roles (SIGTERM, then SIGKILL after 20 s) and the servers, by recorded pid
#   scripts/stack.sh status  say which roles run and what each one's /health/ready answers
#   scripts/stack.sh e2e     start, submit samples/articles.jsonl to the Stage 1 API, wait for Stage 2's job and
#                            storylines through the NLP API, check the counts and that every role is ready, stop
#                            (the seed's e2e scenario)
#
# Settings (environment): STACK_DIR (${TMPDIR:-/tmp}/storytelling-stack), STACK_NLP_WORKERS (2),
# STACK_STAGE1_PORT (8101), STACK_NLP_API_PORT (8102), STACK_HEALTH_PORT (8110: event-consumer; stage1-worker +1,
# storyline-builder +3, nlp-worker-N +10+N), STORYTELLING_TEST_REDIS_PORT (6392), STORYTELLING_TEST_PG_PORT (5442).
# Logs: $STACK_DIR/<role>.log. The API key is "stack-key".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_DIR="${STACK_DIR:-${TMPDIR:-/tmp}/storytelling-stack}"
NLP_WORKERS="${STACK_NLP_WORKERS:-2}"
STAGE1_PORT="${STACK_STAGE1_PORT:-8101}"
NLP_API_PORT="${STACK_NLP_API_PORT:-8102}"
HEALTH_PORT="${STACK_HEALTH_PORT:-8110}"
API_KEY=stack-key
# Servers of its own (not the test suite's): another directory and other ports by default.
export STORYTELLING_SERVERS_DIR="${STORYTELLING_SERVERS_DIR:-$STACK_DIR/servers}"
export STORYTELLING_TEST_REDIS_PORT="${STORYTELLING_TEST_REDIS_PORT:-6392}"
export STORYTELLING_TEST_PG_PORT="${STORYTELLING_TEST_PG_PORT:-5442}"
CLI="$ROOT/src/Storytelling.Cli/bin/Release/net10.0/storytelling.dll"

log() { printf 'stack: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

# The settings every role shares: the throwaway servers, the stack's own output folder, text logs.
role_environment() {
  local redis_port pg_port
  redis_port="${STORYTELLING_TEST_REDIS##*:}"
  pg_port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$STORYTELLING_TEST_POSTGRES")"
  export STORYTELLING__REDIS__HOST=127.0.0.1 STORYTELLING__REDIS__PORT="$redis_port"
  export STORYTELLING__POSTGRES__HOST=127.0.0.1 STORYTELLING__POSTGRES__PORT="$pg_port"
  export STORYTELLING__POSTGRES__USERNAME=storytelling STORYTELLING__POSTGRES__PASSWORD=storytelling-test
  export STORYTELLING__STAGE1__OUTPUT_DIR="$STACK_DIR/stage1-output" STORYTELLING__STAGE2__OUTPUT_DIR="$STACK_DIR/stage2-output"
  export STORYTELLING__STAGE1__API_PORT="$STAGE1_PORT" STORYTELLING__STAGE2__API_PORT="$NLP_API_PORT"
  export STORYTELLING__SERVICE__API_KEY="$API_KEY" STORYTELLING__SERVICE__LOG_FORMAT=text
}

# start_role NAME ROLE HEALTH_PORT: the APIs answer /health/ready on their API port, the other roles on HEALTH_PORT.
start_role() {
  local name="$1" role="$2" port="$3" args=()
  [[ "$role" == *-api ]] || args=(--health-urls "http://127.0.0.1:$port")
  STORYTELLING__SERVICE__HOST_NAME="stack-$name" nohup dotnet "$CLI" serve --role "$role" "${args[@]}" >"$STACK_DIR/$name.log" 2>&1 &
  echo $! >"$STACK_DIR/$name.pid"
  echo "http://127.0.0.1:$port/health/ready" >"$STACK_DIR/$name.health"
  log "started $name (serve --role $role, pid $!, health http://127.0.0.1:$port, log $STACK_DIR/$name.log)"
}

wait_http() {
  local url="$1" name="$2" deadline=$((SECONDS + 120))
  until curl -fsS "$url" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { tail -n 30 "$STACK_DIR/$name.log" >&2 || true; die "$name did not answer $url within 120 s"; }
    [[ -e "/proc/$(cat "$STACK_DIR/$name.pid")" ]] || { tail -n 30 "$STACK_DIR/$name.log" >&2 || true; die "$name exited"; }
    sleep 1
  done
}

cmd_start() {
  mkdir -p "$STACK_DIR/stage1-output"
  log "building the storytelling tool (Release)"
  dotnet build "$ROOT/src/Storytelling.Cli" -c Release -v quiet -nologo >"$STACK_DIR/build.log" 2>&1 || { tail -n 30 "$STACK_DIR/build.log" >&2; die "build failed"; }
  # shellcheck disable=SC1090
  source <(bash "$ROOT/scripts/servers.sh" start)
  role_environment
  cd "$ROOT"
  start_role stage1-api stage1-api "$STAGE1_PORT"
  wait_http "http://127.0.0.1:$STAGE1_PORT/health" stage1-api
  start_role stage1-worker stage1-worker $((HEALTH_PORT + 1))
  start_role event-consumer event-consumer "$HEALTH_PORT"
  local i
  for ((i = 1; i <= NLP_WORKERS; i++)); do start_role "nlp-worker-$i" nlp-worker $((HEALTH_PORT + 10 + i)); done
  start_role storyline-builder storyline-builder $((HEALTH_PORT + 3))
  start_role nlp-api nlp-api "$NLP_API_PORT"
  wait_http "http://127.0.0.1:$NLP_API_PORT/health" nlp-api
  log "up: Stage 1 API http://127.0.0.1:$STAGE1_PORT, NLP API http://127.0.0.1:$NLP_API_PORT (X-API-Key: $API_KEY)"
}

cmd_stop() {
  local pidfile pid name deadline
  for pidfile in "$STACK_DIR"/*.pid; do
    [[ -e "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    name="$(basename "$pidfile" .pid)"
    if kill -TERM "$pid" 2>/dev/null; then
      deadline=$((SECONDS + 20))
      while [[ -e "/proc/$pid" ]] && ((SECONDS < deadline)); do sleep 0.2; done
      if [[ -e "/proc/$pid" ]]; then kill -KILL "$pid" 2>/dev/null || true; log "killed $name (pid $pid)"; else log "stopped $name"; fi
    fi
    rm -f "$pidfile" "$STACK_DIR/$name.health"
  done
  bash "$ROOT/scripts/servers.sh" stop
}

# What GET /health/ready answers, in one line: "ready", or "not ready (503): check: error; ...", or "no answer".
readiness() {
  local url="$1" body code
  body="$(mktemp)"
  code="$(curl -sS -m 10 -o "$body" -w '%{http_code}' "$url" 2>/dev/null)" || code=000
  if [[ "$code" == 000 ]]; then echo "no answer at $url"
  else python3 -c '
import json, sys
code, path = sys.argv[1], sys.argv[2]
try:
    checks = json.load(open(path))["checks"]
except (ValueError, KeyError):
    print(f"answer {code} is not a health report"); sys.exit()
failing = ["%s: %s" % (name, c.get("error")) for name, c in checks.items() if not c.get("healthy")]
print("ready" if code == "200" and not failing else f"not ready ({code}): " + "; ".join(failing))' "$code" "$body"
  fi
  rm -f "$body"
}

cmd_status() {
  local pidfile name running=0
  for pidfile in "$STACK_DIR"/*.pid; do
    [[ -e "$pidfile" ]] || continue
    name="$(basename "$pidfile" .pid)"
    if [[ -e "/proc/$(cat "$pidfile")" ]]; then
      echo "$name: running (pid $(cat "$pidfile")), $(readiness "$(cat "$STACK_DIR/$name.health" 2>/dev/null)")"; running=1
    else echo "$name: not running"; fi
  done
  ((running)) || { echo "stack: nothing runs"; return 1; }
}

# GET on the NLP API with the key; prints the body.
nlp_get() { curl -fsS -H "X-API-Key: $API_KEY" "http://127.0.0.1:$NLP_API_PORT$1"; }

cmd_e2e() {
  trap cmd_stop EXIT
  cmd_start
  local articles="$ROOT/samples/articles.jsonl" expected job state deadline storylines
  expected="$(grep -c . "$articles")"
  job="$(curl -fsS -X POST -H "X-API-Key: $API_KEY" -H "Content-Type: application/x-ndjson" --data-binary @"$articles" \
    "http://127.0.0.1:$STAGE1_PORT/v1/jobs?batch_id=stack-e2e" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')"
  log "submitted $expected articles as Stage 1 job $job; waiting for Stage 2"
  deadline=$((SECONDS + 300))
  until state="$(nlp_get "/v1/jobs/$job" 2>/dev/null | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["state"], j["counts"]["processed"], "of", j["counts"]["total"])' 2>/dev/null)" && [[ "$state" == completed* ]]; do
    ((SECONDS < deadline)) || die "Stage 2 job $job not completed within 300 s (last: ${state:-no answer})"
    sleep 2
  done
  log "Stage 2 job $job: $state"
  local documents="$STACK_DIR/stage2-output/$job/documents.jsonl" processed
  processed="$(cut -d' ' -f2 <<<"$state")"
  [[ -f "$documents" && "$(grep -c . "$documents")" == "$processed" ]] || die "Stage 2's JSONL backend did not write $processed documents to $documents"
  log "Stage 2 JSONL files: $documents ($processed documents), $(grep -c . "$STACK_DIR/stage2-output/$job/events.jsonl") events"
  deadline=$((SECONDS + 120))
  until storylines="$(nlp_get "/v1/storylines?limit=500" | python3 -c '
import json, sys
page = json.load(sys.stdin)
items = page["storylines"]
print(sum(s["document_count"] for s in items), len(items))')" && [[ "${storylines%% *}" == "$expected" ]]; do
    ((SECONDS < deadline)) || die "storylines hold ${storylines%% *} of $expected documents after 120 s"
    sleep 2
  done
  local health name ready
  for health in "$STACK_DIR"/*.health; do
    name="$(basename "$health" .health)"
    ready="$(readiness "$(cat "$health")")"
    [[ "$ready" == ready ]] || die "$name: /health/ready: $ready"
  done
  log "every role answers /health/ready: ready"
  log "e2e passed: $expected articles -> Stage 2 job completed -> ${storylines##* } storylines holding every document"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  e2e) cmd_e2e ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
