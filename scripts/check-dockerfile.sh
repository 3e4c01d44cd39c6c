#!/usr/bin/env bash
# Checks that the Dockerfile builds, without Docker: lays out a temporary folder exactly as the build stage's
# COPY lines would (from the build context Docker would send: this working tree minus what .dockerignore
# excludes, so a developer's bin/ and obj/ are left out as they must be), runs the build stage's RUN steps in
# it, then checks that what the runtime stage copies and starts exists.
# Run it on a fresh clone and after a local `dotnet build`; CI runs it after its build (obj/ present).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
dockerfile=${1:-Dockerfile}

fail() { echo "check-dockerfile: $*" >&2; exit 1; }
[ -f "$dockerfile" ] || fail "no $dockerfile in $repo"

work=$(mktemp -d "${TMPDIR:-/tmp}/check-dockerfile.XXXXXX")
trap 'rm -rf "$work"' EXIT
context=$work/context # the build context Docker would receive
root=$work/root       # the build stage's file system: /src is $root/src, /app is $root/app

# --- The build context: every file in the working tree, minus .dockerignore (Docker's rules: patterns are
# relative to the context root, `**` spans folders, `*` and `?` stay within one name, `!` re-includes, the
# last matching line wins, and a path is excluded when it or one of its parent folders matches).
patterns=$work/patterns
: >"$patterns"
if [ -f .dockerignore ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line=$(printf '%s' "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
    case $line in '' | '#'*) continue ;; esac
    negate=0
    if [ "${line#!}" != "$line" ]; then negate=1; line=${line#!}; fi
    line=${line#/}
    line=${line%/}
    line=${line#./}
    # Glob to an anchored extended regular expression.
    regex=$(printf '%s' "$line" | sed -e 's/[.+^$(){}|]/\\&/g' \
      -e 's#\*\*/#\x01#g' -e 's#\*\*#\x02#g' -e 's#\*#[^/]*#g' -e 's#?#[^/]#g' \
      -e 's#\x01#(.*/)?#g' -e 's#\x02#.*#g')
    printf '%s\t^%s$\n' "$negate" "$regex" >>"$patterns"
  done <.dockerignore
fi

(find . -path ./.git -prune -o \( -type f -o -type l \) -print | sed 's#^\./##') |
  awk -F'\t' -v patterns="$patterns" '
    BEGIN { n = 0; while ((getline l < patterns) > 0) { split(l, p, "\t"); n++; neg[n] = p[1]; re[n] = p[2] } }
    {
      path = $0; excluded = 0
      for (i = 1; i <= n; i++) {
        # The path itself and each of its parent folders.
        hit = 0; prefix = path
        while (1) {
          if (prefix ~ re[i]) { hit = 1; break }
          k = match(prefix, /\/[^\/]*$/); if (k == 0) break
          prefix = substr(prefix, 1, k - 1)
        }
        if (hit) excluded = (neg[i] == "0")
      }
      if (!excluded) print path
    }' >"$work/files"

mkdir -p "$context" "$root"
(cd "$repo" && tar -cf - -T "$work/files") | (cd "$context" && tar -xf -)
echo "check-dockerfile: build context: $(wc -l <"$work/files") files"

# --- The Dockerfile's instructions, one per line (continuations joined, comments dropped).
instructions=$work/instructions
sed -e 's/\r$//' "$dockerfile" | awk '
  /^[[:space:]]*#/ && cont == "" { next }
  {
    line = $0
    if (line ~ /\\[[:space:]]*$/) { sub(/\\[[:space:]]*$/, "", line); cont = cont line " "; next }
    line = cont line; cont = ""
    if (line ~ /^[[:space:]]*$/) next
    print line
  }' >"$instructions"

stages=$(grep -ciE '^[[:space:]]*FROM[[:space:]]' "$instructions" || true)
[ "$stages" -ge 2 ] || fail "expected a build stage and a runtime stage, found $stages FROM line(s)"

# An absolute path in the image is a path under $root here.
map() { case $1 in /*) printf '%s%s' "$root" "$1" ;; *) printf '%s/%s' "$workdir" "$1" ;; esac; }

stage=0
workdir=$root
runtime_checks=0
healthcheck=0
runtime_env=()
while IFS= read -r line; do
  keyword=$(printf '%s' "$line" | awk '{ print toupper($1) }')
  rest=$(printf '%s' "$line" | sed -E 's/^[[:space:]]*[A-Za-z]+[[:space:]]+//')
  case $keyword in
    FROM)
      stage=$((stage + 1))
      workdir=$root
      echo "check-dockerfile: stage $stage: $rest"
      ;;
    WORKDIR)
      [ "$stage" -lt "$stages" ] || continue
      workdir=$(map "$rest")
      mkdir -p "$workdir"
      ;;
    COPY)
      read -r -a words <<<"$rest"
      from=""
      args=()
      for w in "${words[@]}"; do
        case $w in
          --from=*) from=${w#--from=} ;;
          --*) ;;
          *) args+=("$w") ;;
        esac
      done
      [ "${#args[@]}" -ge 2 ] || fail "COPY needs a source and a destination: $line"
      dest=${args[-1]}
      unset 'args[-1]'
      if [ "$stage" -lt "$stages" ]; then
        [ -z "$from" ] || fail "the build stage copies from another stage, which this check does not follow: $line"
        target=$(map "$dest")
        case $dest in */) mkdir -p "$target" ;; esac
        for source in "${args[@]}"; do
          source=${source#./}
          [ -e "$context/$source" ] || fail "COPY source '$source' is not in the build context (missing, or excluded by .dockerignore): $line"
          if [ -d "$context/$source" ]; then
            mkdir -p "$target"
            cp -a "$context/$source/." "$target/"
          elif [ "${#args[@]}" -gt 1 ] || [ -d "$target" ]; then
            mkdir -p "$target"
            cp -a "$context/$source" "$target/"
          else
            mkdir -p "$(dirname "$target")"
            cp -a "$context/$source" "$target"
          fi
        done
      else
        # The runtime stage: its sources must exist, from the build stage or the context.
        for source in "${args[@]}"; do
          if [ -n "$from" ]; then
            path=$root/${source#/}
          else
            path=$context/${source#./}
          fi
          [ -e "$path" ] || fail "the runtime stage copies '$source'${from:+ from $from}, which does not exist: $line"
          if [ -d "$path" ] && [ -z "$(ls -A "$path")" ]; then fail "the runtime stage copies '$source', which is empty: $line"; fi
          runtime_checks=$((runtime_checks + 1))
        done
      fi
      ;;
    RUN)
      [ "$stage" -lt "$stages" ] || continue
      # Absolute paths (the output folder) are rewritten under $root; the rest runs as written.
      command=$(printf '%s' "$rest" | sed -E "s#(^|[[:space:]=])/([A-Za-z])#\\1$root/\\2#g")
      echo "check-dockerfile: RUN $rest"
      # An empty package folder, as in a fresh image: a warm cache would hide a restore that missed a package
      # publish needs (NETSDK1094 passes here when the ReadyToRun compiler happens to be cached already).
      (cd "$workdir" && NUGET_PACKAGES=$work/nuget DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 bash -euo pipefail -c "$command") ||
        fail "the build stage's step failed: RUN $rest"
      ;;
    ENV)
      [ "$stage" -eq "$stages" ] || continue
      # The runtime stage's settings, for the probes below: `ENV a=b c=d` (values without spaces, as this
      # Dockerfile writes them); an absolute path in the image is a path under $root here.
      for pair in $rest; do
        [ "${pair#*=}" != "$pair" ] || fail "ENV should use the key=value form: $line"
        value=${pair#*=}
        case $value in /*) value=$root$value ;; esac
        runtime_env+=("${pair%%=*}=$value")
      done
      ;;
    ENTRYPOINT | CMD | HEALTHCHECK)
      [ "$stage" -eq "$stages" ] || continue
      [ "$keyword" != HEALTHCHECK ] || healthcheck=1
      # The exec form's file arguments under the published folder must exist.
      for dll in $(printf '%s' "$rest" | grep -oE '/app/[^"]+\.dll' || true); do
        [ -f "$root$dll" ] || fail "$keyword starts $dll, which the build did not produce"
        runtime_checks=$((runtime_checks + 1))
      done
      ;;
  esac
done <"$instructions"

[ "$runtime_checks" -gt 0 ] || fail "the runtime stage copies nothing this check could verify"
[ "$healthcheck" -eq 1 ] || fail "the runtime stage has no HEALTHCHECK"

# The published application starts and its HEALTHCHECK command answers with its one line. Against a database
# that does not exist, so the answer is "unhealthy" with exit 1: what matters here is that it runs.
probe=$(grep -iE '^[[:space:]]*HEALTHCHECK[[:space:]]' "$instructions" | sed -E 's/.*[[:space:]]CMD[[:space:]]+//')
case $probe in
  \[*) mapfile -t argv < <(printf '%s' "$probe" | sed -E 's/^\[[[:space:]]*"//; s/"[[:space:]]*\][[:space:]]*$//; s/"[[:space:]]*,[[:space:]]*"/\n/g') ;;
  *) fail "HEALTHCHECK should use the exec form CMD [\"...\"]: $probe" ;;
esac
for i in "${!argv[@]}"; do case ${argv[$i]} in /app/*) argv[$i]=$root${argv[$i]} ;; esac; done
# With the runtime stage's ENV, as the container has it (a setting it cannot read fails here).
probe() { env "${runtime_env[@]}" "$@" "${argv[@]}" 2>&1; }
set +e
answer=$(probe Storage__Path="$work/no-such.db")
set -e
printf '%s\n' "$answer" | head -1 | grep -qE '^(un)?healthy: ' ||
  fail "the HEALTHCHECK command did not answer with its health line: $answer"
echo "check-dockerfile: HEALTHCHECK runs: $answer"

# The same image on PostgreSQL (Storage__Provider=Postgres by environment): Npgsql is managed code, so what publish
# put in /app is all it needs. A server nobody listens on gets the health line, unhealthy and about that server (not
# the SQLite file Storage__Path names)...
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
set +e
answer=$(probe Storage__Provider=Postgres "Storage__ConnectionString=Host=127.0.0.1;Port=$closed_port;Username=postgres;Database=postgres;Timeout=5")
status=$?
set -e
[ "$status" -ne 0 ] && printf '%s\n' "$answer" | head -1 | grep -qE "^unhealthy: .*127\.0\.0\.1:$closed_port" ||
  fail "on PostgreSQL with no server, the HEALTHCHECK command did not answer unhealthy about that server: $answer"
echo "check-dockerfile: HEALTHCHECK on PostgreSQL with no server: $answer"

# ...and with a server (CHATASSISTANT_TEST_PG, which .ci/run sets): in a database of its own, the published `migrate`
# creates the schema and the HEALTHCHECK answers healthy (no channel is enabled, so only the database counts).
if [ -n "${CHATASSISTANT_TEST_PG:-}" ]; then
  psql_bin=""
  for candidate in "${PG_BIN:-}" /usr/lib/postgresql/*/bin; do
    if [ -n "$candidate" ] && [ -x "$candidate/psql" ]; then psql_bin=$candidate/psql; fi
  done
  [ -n "$psql_bin" ] || psql_bin=$(command -v psql || true)
  if [ -z "$psql_bin" ]; then
    echo "check-dockerfile: no psql to create a database with; the PostgreSQL migrate and health probe is skipped"
  else
    # psql takes no Npgsql connection string: its parts.
    pg_args=()
    pg_password=""
    pg_rest=()
    IFS=';' read -r -a pg_parts <<<"$CHATASSISTANT_TEST_PG"
    for part in "${pg_parts[@]}"; do
      key=$(printf '%s' "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
      value=${part#*=}
      case $key in
        host | server) pg_args+=(-h "$value") ;;
        port) pg_args+=(-p "$value") ;;
        username | userid | user) pg_args+=(-U "$value") ;;
        database | db) ;;
        password) pg_password=$value ;;
      esac
      case $key in database | db | '') ;; *) pg_rest+=("$part") ;; esac
    done
    pg_database=check_dockerfile_$$_$(date +%s)
    pg() { PGPASSWORD=$pg_password PGCONNECT_TIMEOUT=10 "$psql_bin" "${pg_args[@]}" -d postgres -X -q -v ON_ERROR_STOP=1 -c "$1"; }
    pg "CREATE DATABASE $pg_database" >/dev/null || fail "cannot create a database on CHATASSISTANT_TEST_PG's server"
    trap 'pg "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    connection="$(IFS=';'; printf '%s' "${pg_rest[*]}");Database=$pg_database"
    entry=$(grep -iE '^[[:space:]]*ENTRYPOINT[[:space:]]' "$instructions" | sed -E 's/^[[:space:]]*ENTRYPOINT[[:space:]]+//')
    mapfile -t entry_argv < <(printf '%s' "$entry" | sed -E 's/^\[[[:space:]]*"//; s/"[[:space:]]*\][[:space:]]*$//; s/"[[:space:]]*,[[:space:]]*"/\n/g')
    for i in "${!entry_argv[@]}"; do case ${entry_argv[$i]} in /app/*) entry_argv[$i]=$root${entry_argv[$i]} ;; esac; done
    set +e
    migrated=$(env "${runtime_env[@]}" Storage__Provider=Postgres "Storage__ConnectionString=$connection" "${entry_argv[@]}" migrate 2>&1)
    status=$?
    set -e
    [ "$status" -eq 0 ] || fail "the published migrate failed on PostgreSQL (exit $status): $migrated"
    set +e
    answer=$(probe Storage__Provider=Postgres "Storage__ConnectionString=$connection")
    status=$?
    set -e
    [ "$status" -eq 0 ] && printf '%s\n' "$answer" | head -1 | grep -qE '^healthy: ' ||
      fail "on a migrated PostgreSQL database the HEALTHCHECK command did not answer healthy: $answer"
    echo "check-dockerfile: migrate and HEALTHCHECK on PostgreSQL: $answer"
  fi
else
  echo "check-dockerfile: CHATASSISTANT_TEST_PG is not set; the PostgreSQL migrate and health probe is skipped"
fi

echo "check-dockerfile: ok ($stages stages; the build stage's RUN steps passed; $runtime_checks runtime source(s) present)"
