#!/usr/bin/env bash
# Throwaway Redis and PostgreSQL servers for the test suite.
#
#   scripts/servers.sh start    install what is missing, start both, print `export` lines
#   scripts/servers.sh stop     stop both (by recorded pid) and delete their directory
#   scripts/servers.sh status   say whether each one runs (exit 0 only if both run)
#   scripts/servers.sh env      print the `export` lines again
#
# Use in a shell: source <(scripts/servers.sh start)
#
# Settings (environment): STORYTELLING_TEST_REDIS_PORT (6391), STORYTELLING_TEST_PG_PORT (5441),
# STORYTELLING_SERVERS_DIR (${TMPDIR:-/tmp}/storytelling-servers), STORYTELLING_SERVERS_TIMEOUT (60 s).
# Both servers listen on 127.0.0.1 only and keep nothing worth keeping: no systemd, no Debian cluster.
set -euo pipefail

# Debian packages the test tooling needs; a package is installed only when its program is missing.
APT_PACKAGES="redis-server postgresql prometheus chromium"

REDIS_PORT="${STORYTELLING_TEST_REDIS_PORT:-6391}"
PG_PORT="${STORYTELLING_TEST_PG_PORT:-5441}"
SERVERS_DIR="${STORYTELLING_SERVERS_DIR:-${TMPDIR:-/tmp}/storytelling-servers}"
START_TIMEOUT="${STORYTELLING_SERVERS_TIMEOUT:-60}"
STOP_TIMEOUT=15
PG_SUPERUSER=storytelling
# A throwaway server bound to 127.0.0.1: the password only exists so clients use real authentication.
PG_PASSWORD=storytelling-test

REDIS_DIR="$SERVERS_DIR/redis"
REDIS_PIDFILE="$SERVERS_DIR/redis.pid"
REDIS_LOG="$SERVERS_DIR/redis.log"
PG_DIR="$SERVERS_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_PIDFILE="$SERVERS_DIR/postgres.pid"
PG_LOG="$PG_DIR/postgres.log"
PG_READY_MARKER="$PG_DIR/initialized"
ENV_FILE="$SERVERS_DIR/env"

log() { printf 'servers: %s\n' "$*" >&2; }
die() { printf 'servers: error: %s\n' "$*" >&2; exit 1; }

show_log_tail() {
  local file="$1"
  if [[ -f "$file" ]]; then
    printf -- '--- last lines of %s ---\n' "$file" >&2
    tail -n 25 "$file" >&2 || true
    printf -- '---\n' >&2
  else
    printf 'servers: (no log at %s)\n' "$file" >&2
  fi
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

validate_settings() {
  local name value
  for name in REDIS_PORT PG_PORT START_TIMEOUT; do
    value="${!name}"
    [[ "$value" =~ ^[0-9]+$ ]] || die "$name must be a number, got '$value'"
  done
  ((REDIS_PORT >= 1 && REDIS_PORT <= 65535)) || die "STORYTELLING_TEST_REDIS_PORT out of range: $REDIS_PORT"
  ((PG_PORT >= 1 && PG_PORT <= 65535)) || die "STORYTELLING_TEST_PG_PORT out of range: $PG_PORT"
  [[ "$REDIS_PORT" != "$PG_PORT" ]] || die "Redis and PostgreSQL cannot share port $PG_PORT"
  [[ "$SERVERS_DIR" == /* ]] || die "STORYTELLING_SERVERS_DIR must be an absolute path, got '$SERVERS_DIR'"
  [[ "$SERVERS_DIR" != "/" ]] || die "STORYTELLING_SERVERS_DIR must not be /"
}

# ---------------------------------------------------------------- installation

pg_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  fi
  # Debian keeps the server programs out of PATH; take the newest installed major version.
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    printf '%s\n' "$dir"
    return 0
  fi
  return 1
}

package_present() {
  case "$1" in
    redis-server) command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 ;;
    postgresql) pg_bindir >/dev/null ;;
    prometheus) command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

install_missing() {
  local missing=() package
  for package in $APT_PACKAGES; do
    package_present "$package" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0

  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root or install them (apt-get install ${missing[*]})"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and apt-get is not available: install them yourself"
  log "installing ${missing[*]} with apt-get"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq </dev/null >&2 \
    || die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2 \
    || die "apt-get install ${missing[*]} failed"
  for package in "${missing[@]}"; do
    package_present "$package" || die "installed $package but its programs are still missing"
  done
}

# ---------------------------------------------------------------- processes

read_pid() {
  local file="$1" pid=""
  [[ -f "$file" ]] && pid="$(head -n 1 "$file" 2>/dev/null | tr -cd '0-9')"
  printf '%s' "$pid"
}

# True when $1 is a live process whose command line contains $2 (guards against recycled pids).
process_is() {
  local pid="$1" name="$2" cmdline
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$name"* ]]
}

port_in_use() {
  (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

describe_port_holder() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null || true
  fi
}

# stop_pid PID NAME FIRST_SIGNAL: signal, wait up to STOP_TIMEOUT, then KILL.
stop_pid() {
  local pid="$1" name="$2" signal="$3" waited=0
  kill "-$signal" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "$name (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# PostgreSQL processes whose working directory is this data directory (the postmaster and its
# children chdir there), so leftovers of a killed run are found without touching any other server.
postgres_pids_in_data_dir() {
  local data pid
  data="$(cd "$PG_DATA" 2>/dev/null && pwd -P)" || return 0
  for pid in $(pgrep -x postgres || true); do
    [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$data" ]] && printf '%s\n' "$pid"
  done
  return 0
}

is_our_postmaster() {
  local pids
  [[ -n "$1" ]] || return 1
  pids="$(postgres_pids_in_data_dir)"
  [[ $'\n'"$pids"$'\n' == *$'\n'"$1"$'\n'* ]]
}

kill_postgres_leftovers() {
  local waited=0 pids
  pids="$(postgres_pids_in_data_dir)"
  [[ -n "$pids" ]] || return 0
  log "killing PostgreSQL processes left from a previous run: $(echo "$pids" | tr '\n' ' ')"
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $pids 2>/dev/null || true
  while [[ -n "$(postgres_pids_in_data_dir)" ]] && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
}

wait_until() {
  local what="$1" log_file="$2" pid_check="$3"
  shift 3
  local deadline=$((SECONDS + START_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$pid_check" ]] && ! kill -0 "$pid_check" 2>/dev/null; then
      show_log_tail "$log_file"
      die "$what exited during start-up (log: $log_file)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$log_file"
      die "$what did not answer within ${START_TIMEOUT}s (log: $log_file)"
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------- Redis

redis_ping() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

# The server answering on the port is the one this directory started.
redis_healthy() {
  local pid info
  pid="$(read_pid "$REDIS_PIDFILE")"
  is_our_redis "$pid" || return 1
  redis_ping || return 1
  info="$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r')" || return 1
  [[ $'\n'"$info"$'\n' == *$'\n'"process_id:$pid"$'\n'* ]]
}

# Redis sets its process title to "redis-server <bind>:<port>".
is_our_redis() {
  process_is "$1" "redis-server 127.0.0.1:$REDIS_PORT"
}

redis_stop() {
  local pid
  pid="$(read_pid "$REDIS_PIDFILE")"
  if is_our_redis "$pid"; then
    log "stopping Redis (pid $pid)"
    stop_pid "$pid" Redis TERM
  fi
  rm -f "$REDIS_PIDFILE"
}

redis_start() {
  if redis_healthy; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT (pid $(read_pid "$REDIS_PIDFILE"))"
    return 0
  fi
  redis_stop # a recorded server that is not healthy, or a stale pid file
  if port_in_use "$REDIS_PORT"; then
    describe_port_holder "$REDIS_PORT" >&2
    die "port $REDIS_PORT is held by a process this script did not start; stop it or set STORYTELLING_TEST_REDIS_PORT"
  fi
  mkdir -p "$REDIS_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --save '' --appendonly no --daemonize no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" \
    </dev/null >>"$REDIS_LOG" 2>&1 &
  local pid=$! # Redis logs to stdout, which goes to $REDIS_LOG
  printf '%s\n' "$pid" >"$REDIS_PIDFILE"
  wait_until "Redis" "$REDIS_LOG" "$pid" redis_ping
  log "Redis running on 127.0.0.1:$REDIS_PORT (pid $pid)"
}

redis_status() {
  if redis_healthy; then
    echo "redis: running on 127.0.0.1:$REDIS_PORT (pid $(read_pid "$REDIS_PIDFILE"))"
  else
    echo "redis: not running"
    return 1
  fi
}

# ---------------------------------------------------------------- PostgreSQL

as_postgres() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_sql() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" \
    -U "$PG_SUPERUSER" -d postgres -v ON_ERROR_STOP=1 -tA -c "$1"
}

pg_answers() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 || return 1
  [[ "$(pg_sql 'SELECT 1' 2>/dev/null)" == "1" ]]
}

pg_healthy() {
  local pid
  pid="$(read_pid "$PG_PIDFILE")"
  is_our_postmaster "$pid" || return 1
  pg_answers || return 1
  [[ "$(pg_sql 'SHOW data_directory' 2>/dev/null)" == "$(cd "$PG_DATA" 2>/dev/null && pwd -P)" ]]
}

pg_stop() {
  local pid
  # The recorded pid, or the one in postmaster.pid when a run died before recording it.
  for pid in $(read_pid "$PG_PIDFILE") $(read_pid "$PG_DATA/postmaster.pid"); do
    if is_our_postmaster "$pid"; then
      # SIGINT is PostgreSQL's fast shutdown; SIGTERM ("smart") would wait for every client to leave.
      log "stopping PostgreSQL (pid $pid)"
      stop_pid "$pid" PostgreSQL INT
    fi
  done
  # Backends that outlived a killed postmaster still hold its shared memory.
  kill_postgres_leftovers
  rm -f "$PG_PIDFILE"
}

pg_init() {
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' is missing (it comes with the postgresql package)"
    chown postgres: "$PG_DIR"
  fi
  as_postgres test -w "$PG_DIR" \
    || die "the postgres user cannot write $PG_DIR; choose another STORYTELLING_SERVERS_DIR"
  local pwfile="$PG_DIR/pwfile"
  (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
  is_root && chown postgres: "$pwfile"
  log "creating a PostgreSQL cluster in $PG_DATA"
  if ! as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$PG_DIR/initdb.log" 2>&1; then
    show_log_tail "$PG_DIR/initdb.log"
    die "initdb failed"
  fi
  rm -f "$pwfile"
  printf "include_if_exists = 'storytelling.conf'\n" | as_postgres tee -a "$PG_DATA/postgresql.conf" >/dev/null
  as_postgres touch "$PG_READY_MARKER"
}

pg_write_config() {
  # Rewritten on every start so a changed port or directory takes effect on a reused cluster.
  as_postgres tee "$PG_DATA/storytelling.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
}

pg_start() {
  PG_BIN="$(pg_bindir)" || die "PostgreSQL server programs not found (pg_config --bindir, /usr/lib/postgresql/*/bin)"
  if pg_healthy; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT (pid $(read_pid "$PG_PIDFILE"))"
    return 0
  fi
  pg_stop
  if port_in_use "$PG_PORT"; then
    describe_port_holder "$PG_PORT" >&2
    die "port $PG_PORT is held by a process this script did not start; stop it or set STORYTELLING_TEST_PG_PORT"
  fi
  if [[ ! -f "$PG_READY_MARKER" || ! -f "$PG_DATA/PG_VERSION" ]]; then
    pg_init
  fi
  # Left behind by a killed server; its processes are gone (pg_stop made sure).
  rm -f "$PG_DATA/postmaster.pid" "$PG_DIR"/.s.PGSQL.*
  pg_write_config
  as_postgres truncate -s 0 "$PG_LOG" 2>/dev/null || as_postgres touch "$PG_LOG"
  if ! as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -s -w -t "$START_TIMEOUT" </dev/null >&2; then
    show_log_tail "$PG_LOG"
    die "PostgreSQL did not start (log: $PG_LOG)"
  fi
  local pid
  pid="$(read_pid "$PG_DATA/postmaster.pid")"
  [[ -n "$pid" ]] || { show_log_tail "$PG_LOG"; die "PostgreSQL started but wrote no postmaster.pid"; }
  printf '%s\n' "$pid" >"$PG_PIDFILE"
  wait_until "PostgreSQL" "$PG_LOG" "$pid" pg_answers
  log "PostgreSQL running on 127.0.0.1:$PG_PORT (pid $pid)"
}

pg_status() {
  PG_BIN="$(pg_bindir)" || { echo "postgres: not installed"; return 1; }
  if pg_healthy; then
    echo "postgres: running on 127.0.0.1:$PG_PORT (pid $(read_pid "$PG_PIDFILE"))"
  else
    echo "postgres: not running"
    return 1
  fi
}

# ---------------------------------------------------------------- commands

write_env() {
  {
    printf "export STORYTELLING_TEST_REDIS='127.0.0.1:%s'\n" "$REDIS_PORT"
    printf "export STORYTELLING_TEST_POSTGRES='Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=postgres'\n" \
      "$PG_PORT" "$PG_SUPERUSER" "$PG_PASSWORD"
  } >"$ENV_FILE"
}

cmd_start() {
  install_missing
  mkdir -p "$SERVERS_DIR"
  chmod 755 "$SERVERS_DIR"
  redis_start
  pg_start
  write_env
  cat "$ENV_FILE"
}

cmd_stop() {
  if [[ ! -d "$SERVERS_DIR" ]]; then
    log "nothing to stop ($SERVERS_DIR does not exist)"
    return 0
  fi
  redis_stop
  PG_BIN="$(pg_bindir || true)"
  pg_stop
  rm -rf "$SERVERS_DIR"
  log "stopped; removed $SERVERS_DIR"
}

cmd_status() {
  local rc=0
  if command -v redis-cli >/dev/null 2>&1; then
    redis_status || rc=1
  else
    echo "redis: not installed"
    rc=1
  fi
  pg_status || rc=1
  return "$rc"
}

cmd_env() {
  [[ -f "$ENV_FILE" ]] || die "servers are not started: run scripts/servers.sh start (or scripts/test.sh)"
  cat "$ENV_FILE"
}

# One servers.sh at a time per directory: a start racing a stop (or another start) would kill the
# other's half-started server. flock -o holds the lock itself, so the servers never inherit it.
with_lock() {
  if [[ -z "${STORYTELLING_SERVERS_LOCKED:-}" ]] && command -v flock >/dev/null 2>&1; then
    local lock="$SERVERS_DIR.lock"
    mkdir -p "$(dirname "$SERVERS_DIR")"
    if ! flock -n "$lock" true; then
      log "another servers.sh is starting or stopping the servers in $SERVERS_DIR; waiting for it"
    fi
    STORYTELLING_SERVERS_LOCKED=1 exec flock -o -w "$((START_TIMEOUT * 3))" "$lock" bash "${BASH_SOURCE[0]}" "$@"
  fi
}

main() {
  validate_settings
  [[ "${1:-}" == env ]] || with_lock "$@"
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *)
      echo "usage: $0 start|stop|status|env" >&2
      exit 2
      ;;
  esac
}

main "$@"
