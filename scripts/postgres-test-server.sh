#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the tests and benchmarks, from Debian's packages (postgresql-15):
#   scripts/postgres-test-server.sh start DIR   initdb into DIR (as an unprivileged user when run as root), start it
#                                               on a free port of 127.0.0.1, print its Npgsql connection string
#   scripts/postgres-test-server.sh restart DIR stop it (fast shutdown, every session ended) and start it again on
#                                               the same port, as an operator's restart or a failover would
#   scripts/postgres-test-server.sh stop DIR    stop it (fast shutdown); DIR is left for the caller to delete
# Durability is switched off (fsync, synchronous_commit, full_page_writes): the data is thrown away after the run and
# the tests measure behaviour, not the disk. Benchmarks that compare with PostgreSQL's ceiling start their own.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|restart|stop DIR" >&2
  exit 2
fi

bin=""
for candidate in "${PG_BIN:-}" /usr/lib/postgresql/*/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/pg_ctl" ]; then bin=$candidate; fi
done
if [ -z "$bin" ] && command -v pg_ctl >/dev/null 2>&1; then bin=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bin" ]; then
  echo "postgres-test-server: no PostgreSQL server binaries (install Debian's postgresql-15)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run it as the packages' postgres user, else nobody.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || user=nobody
  as_user=(runuser -u "$user" --)
fi

case "$command" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # The server's user must reach its folder; DIR may sit under a folder only root can enter (mktemp -d), so when
    # running as root the cluster lives in a folder of that user's own and DIR records where.
    data="$dir/data"
    if [ "${#as_user[@]}" -gt 0 ]; then data=$("${as_user[@]}" mktemp -d /tmp/chatassistant-pg.XXXXXX); fi
    echo "$data" >"$dir/datadir"
    "${as_user[@]}" "$bin/initdb" -D "$data/cluster" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    "${as_user[@]}" "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB" \
      start >/dev/null || { cat "$data/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  restart)
    data=$(cat "$dir/datadir")
    # pg_ctl restart starts it with the options it was started with (postmaster.opts): the same port and settings.
    "${as_user[@]}" "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -m fast -w -t 60 restart >/dev/null \
      || { cat "$data/server.log" >&2; exit 1; }
    ;;
  stop)
    data=$(cat "$dir/datadir" 2>/dev/null || true)
    if [ -n "$data" ] && [ -f "$data/cluster/postmaster.pid" ]; then
      "${as_user[@]}" "$bin/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null || true
    fi
    # The cluster's own folder (root's runs keep it outside DIR) goes with the server.
    if [ -n "$data" ] && [ "$data" != "$dir/data" ]; then rm -rf "$data"; fi
    ;;
  *)
    echo "usage: $0 start|restart|stop DIR" >&2
    exit 2
    ;;
esac
