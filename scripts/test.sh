#!/usr/bin/env bash
# The test command: start real Redis and PostgreSQL, build the solution, run every test project.
#
#   scripts/test.sh                                   everything
#   scripts/test.sh --filter "FullyQualifiedName~Storage"   extra arguments go to `dotnet test`
#
# The last line printed is "N passed, N failed" summed over all test projects. The exit code is
# non-zero when the build fails, a test fails, or no test results were produced. The servers are
# stopped on exit, whatever happens; STORYTELLING_KEEP_SERVERS=1 leaves them running for the next run.
# shellcheck disable=SC2317 # summarize and finish run from the EXIT trap, which shellcheck cannot see
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS_DIR="$ROOT/artifacts/test-results"
SERVERS=(bash "$ROOT/scripts/servers.sh")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# counter NAME COUNTERS: the value of attribute NAME in a TRX <Counters .../> element (0 if absent).
counter() {
  local value
  value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
  printf '%s' "${value:-0}"
}

# Prints the summary line from the TRX files; fails when there are none or a test failed.
summarize() {
  local file counters total=0 passed=0 failed=0 skipped=0 files=0
  for file in "$RESULTS_DIR"/*.trx; do
    [[ -f "$file" ]] || continue
    counters="$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)"
    if [[ -z "$counters" ]]; then
      echo "test: no <Counters> element in $file" >&2
      failed=$((failed + 1))
      continue
    fi
    files=$((files + 1))
    total=$((total + $(counter total "$counters")))
    passed=$((passed + $(counter passed "$counters")))
    # A test that errored, timed out or was aborted did not pass either.
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
    # Skipped tests are counted in total but not in executed (the notExecuted counter stays 0).
    skipped=$((skipped + $(counter total "$counters") - $(counter executed "$counters")))
  done
  local rc=0
  if ((files == 0)); then
    echo "test: no test results (.trx) were produced in $RESULTS_DIR" >&2
    rc=1
  fi
  ((failed == 0)) || rc=1
  if ((skipped > 0)); then
    echo "$total tests in $files test projects; $skipped skipped"
  else
    echo "$total tests in $files test projects"
  fi
  echo "$passed passed, $failed failed"
  return "$rc"
}

finish() {
  local status=$?
  trap - EXIT INT TERM
  if [[ "${STORYTELLING_KEEP_SERVERS:-}" == 1 ]]; then
    echo "test: leaving the servers running (STORYTELLING_KEEP_SERVERS=1); stop them with scripts/servers.sh stop" >&2
  else
    "${SERVERS[@]}" stop || status=1
  fi
  summarize || status=1
  exit "$status"
}

# Test runs on one machine share the servers' ports and directory: run them one after another.
# flock -o holds the lock itself, so servers and build servers started by this run never inherit it.
serialize_runs() {
  [[ -z "${STORYTELLING_TEST_LOCKED:-}" ]] && command -v flock >/dev/null 2>&1 || return 0
  local servers_dir="${STORYTELLING_SERVERS_DIR:-${TMPDIR:-/tmp}/storytelling-servers}"
  local lock="$servers_dir.test.lock"
  mkdir -p "$(dirname "$servers_dir")"
  if ! flock -n "$lock" true; then
    echo "test: another scripts/test.sh run is using the test servers; waiting for it (lock $lock)" >&2
  fi
  STORYTELLING_TEST_LOCKED=1 exec flock -o "$lock" bash "${BASH_SOURCE[0]}" "$@"
}

main() {
  serialize_runs "$@"
  cd "$ROOT"
  rm -rf "$RESULTS_DIR"
  command -v dotnet >/dev/null 2>&1 || { echo "test: dotnet is not on PATH (see global.json for the SDK)" >&2; exit 1; }

  trap finish EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  local env_lines
  env_lines="$("${SERVERS[@]}" start)" || { echo "test: the test servers did not start (see above)" >&2; exit 1; }
  eval "$env_lines"
  export STORYTELLING_TEST_REDIS STORYTELLING_TEST_POSTGRES

  echo "test: building Storytelling.slnx" >&2
  if ! dotnet build Storytelling.slnx -warnaserror -nologo </dev/null; then
    echo "test: BUILD FAILED; no tests were run" >&2
    exit 1
  fi

  mkdir -p "$RESULTS_DIR"
  local rc=0
  dotnet test Storytelling.slnx --no-build --nologo \
    --results-directory "$RESULTS_DIR" \
    --logger "trx;LogFilePrefix=tests" \
    --logger "console;verbosity=minimal" \
    "$@" </dev/null || rc=$?
  if ((rc != 0)); then
    echo "test: dotnet test exited with $rc" >&2
  fi
  exit "$rc"
}

main "$@"
