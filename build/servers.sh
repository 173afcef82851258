#!/usr/bin/env bash
# Throwaway PostgreSQL and MariaDB servers for the Database tests and benchmarks.
#
#   eval "$(build/servers.sh start)"   install when missing, start, print export lines
#   build/servers.sh env               print the export lines of running servers
#   build/servers.sh stop              stop both and delete their data
#
# Both listen on 127.0.0.1 only, keep their data under $SCHEMADRIFT_SERVERS_DIR
# (default /tmp/schemadrift-servers) and have one admin user, `schemadrift`, with a
# random password (password authentication over TCP, never trust). Durability is
# switched off: these servers hold nothing worth keeping and start in seconds.
#
# Settings: SCHEMADRIFT_SERVERS_DIR, SCHEMADRIFT_PG_PORT (55432),
# SCHEMADRIFT_MYSQL_PORT (53306), SCHEMADRIFT_SERVERS_WAIT (seconds, 60).
#
# Only the export lines go to stdout; progress and errors go to stderr.
set -euo pipefail

DIR="${SCHEMADRIFT_SERVERS_DIR:-/tmp/schemadrift-servers}"
PG_PORT="${SCHEMADRIFT_PG_PORT:-55432}"
MY_PORT="${SCHEMADRIFT_MYSQL_PORT:-53306}"
WAIT="${SCHEMADRIFT_SERVERS_WAIT:-60}"
ADMIN=schemadrift
PG_DIR="$DIR/postgres"
MY_DIR="$DIR/mariadb"
MY_SOCKET="$MY_DIR/mysqld.sock"
MY_PID="$MY_DIR/mysqld.pid"

say() { echo "servers.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

pg_bin() {
    local d
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    return 1
}

mariadbd_bin() { command -v mariadbd || command -v mysqld || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; }; }

# apt-get install, quietly, without letting the packages start their system-wide services.
install_packages() {
    local missing=()
    pg_bin >/dev/null || missing+=(postgresql)
    mariadbd_bin >/dev/null || missing+=(mariadb-server mariadb-client)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them; install them by hand"
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root (or install them) so apt-get can install them"
    say "installing ${missing[*]} (once)…"
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
    fi
    local log="$DIR/apt.log" rc=0
    {
        DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    } >"$log" 2>&1 || rc=$?
    [ -n "$own_policy" ] && rm -f "$policy"
    [ $rc -eq 0 ] || { tail -20 "$log" >&2; die "apt-get install ${missing[*]} failed (log: $log)"; }
}

password() {
    if [ ! -s "$DIR/password" ]; then
        # Hex only: safe inside connection strings and shell quotes.
        (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$DIR/password")
    fi
    cat "$DIR/password"
}

wait_for() { # command...
    local i
    for ((i = 0; i < WAIT * 5; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    return 1
}

# Something else already listening (another checkout's servers): say so instead of a bind error.
port_free() { # port, setting
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
        die "127.0.0.1:$1 is already in use by another process; stop it or choose another port with $2"
    fi
}

# ---------------------------------------------------------------- PostgreSQL

pg_running() { [ -f "$PG_DIR/data/postmaster.pid" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

start_postgres() {
    local bin
    bin="$(pg_bin)"
    if pg_running; then
        say "PostgreSQL already running on 127.0.0.1:$PG_PORT"
        return 0
    fi
    port_free "$PG_PORT" SCHEMADRIFT_PG_PORT
    mkdir -p "$PG_DIR"
    chown postgres: "$PG_DIR"
    runuser -u postgres -- test -w "$PG_DIR" ||
        die "the postgres OS user cannot write $PG_DIR; choose a SCHEMADRIFT_SERVERS_DIR it can reach (e.g. under /tmp)"
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        rm -rf "$PG_DIR/data"
        local pwfile="$PG_DIR/pwfile"
        (umask 077; password >"$pwfile")
        chown postgres: "$pwfile"
        # initdb refuses root: run it as the postgres OS user.
        runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -U "$ADMIN" --pwfile="$pwfile" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
            >"$PG_DIR/initdb.log" 2>&1 || { tail -20 "$PG_DIR/initdb.log" >&2; die "PostgreSQL initdb failed"; }
        rm -f "$pwfile"
    fi
    mkdir -p "$PG_DIR/socket" && chown postgres: "$PG_DIR/socket"
    local opts="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c track_counts=on"
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -o "$opts" -w -t "$WAIT" start >/dev/null 2>&1 9>&- ||
        { tail -20 "$PG_DIR/server.log" >&2 || true; die "PostgreSQL did not start on 127.0.0.1:$PG_PORT within ${WAIT}s (log: $PG_DIR/server.log)"; }
    wait_for "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" ||
        die "PostgreSQL started but does not accept TCP connections on 127.0.0.1:$PG_PORT within ${WAIT}s"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
    local bin
    bin="$(pg_bin)" || return 0
    if pg_running; then
        runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t "$WAIT" stop >/dev/null 2>&1 ||
            runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        say "PostgreSQL stopped"
    fi
}

# ---------------------------------------------------------------- MariaDB

my_running() { [ -f "$MY_PID" ] && kill -0 "$(cat "$MY_PID")" 2>/dev/null; }

my_root() { mariadb --no-defaults --protocol=socket --socket="$MY_SOCKET" -uroot "$@"; }

start_mariadb() {
    local bin
    bin="$(mariadbd_bin)"
    if my_running; then
        say "MariaDB already running on 127.0.0.1:$MY_PORT"
        return 0
    fi
    port_free "$MY_PORT" SCHEMADRIFT_MYSQL_PORT
    mkdir -p "$MY_DIR"
    if [ ! -d "$MY_DIR/data/mysql" ]; then
        rm -rf "$MY_DIR/data"
        mariadb-install-db --no-defaults --datadir="$MY_DIR/data" --user=root --skip-test-db \
            --auth-root-authentication-method=socket >"$MY_DIR/install.log" 2>&1 ||
            { tail -20 "$MY_DIR/install.log" >&2; die "mariadb-install-db failed"; }
    fi
    rm -f "$MY_PID" "$MY_SOCKET"
    # --no-defaults: the system's /etc/mysql configuration must not leak in.
    setsid "$bin" --no-defaults --user=root --datadir="$MY_DIR/data" --bind-address=127.0.0.1 --port="$MY_PORT" \
        --socket="$MY_SOCKET" --pid-file="$MY_PID" --log-error="$MY_DIR/server.log" --skip-name-resolve \
        --innodb-flush-log-at-trx-commit=0 --innodb-buffer-pool-size=128M --innodb-log-file-size=48M \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        </dev/null >/dev/null 2>&1 9>&- &
    wait_for my_root -e "SELECT 1" ||
        { tail -20 "$MY_DIR/server.log" >&2 || true; die "MariaDB did not start on 127.0.0.1:$MY_PORT within ${WAIT}s (log: $MY_DIR/server.log)"; }
    local pw
    pw="$(password)"
    my_root -e "CREATE USER IF NOT EXISTS '$ADMIN'@'%' IDENTIFIED BY '$pw';
                ALTER USER '$ADMIN'@'%' IDENTIFIED BY '$pw';
                GRANT ALL PRIVILEGES ON *.* TO '$ADMIN'@'%' WITH GRANT OPTION;" ||
        die "could not create the MariaDB admin user"
    MYSQL_PWD="$pw" wait_for mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$MY_PORT" -u"$ADMIN" ping ||
        die "MariaDB does not accept password logins on 127.0.0.1:$MY_PORT"
    say "MariaDB $("$bin" --version | awk '{print $3}') on 127.0.0.1:$MY_PORT"
}

stop_mariadb() {
    if my_running; then
        local pid i
        pid="$(cat "$MY_PID")"
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < WAIT * 5; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
        say "MariaDB stopped"
    fi
}

# ---------------------------------------------------------------- output

print_env() {
    pg_running || die "PostgreSQL is not running; run build/servers.sh start"
    my_running || die "MariaDB is not running; run build/servers.sh start"
    local pw bin
    pw="$(password)"
    bin="$(pg_bin)"
    echo "export SCHEMADRIFT_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$ADMIN;Password=$pw;Database=postgres'"
    echo "export SCHEMADRIFT_TEST_MYSQL='Server=127.0.0.1;Port=$MY_PORT;User ID=$ADMIN;Password=$pw'"
    echo "export SCHEMADRIFT_PG_DUMP='$bin/pg_dump'"
    echo "export SCHEMADRIFT_PSQL='$bin/psql'"
    echo "export SCHEMADRIFT_MYSQLDUMP='$(command -v mariadb-dump || command -v mysqldump)'"
    echo "export SCHEMADRIFT_MYSQL_CLIENT='$(command -v mariadb || command -v mysql)'"
    echo "export SCHEMADRIFT_SQLITE3='$(command -v sqlite3)'"
}

with_lock() {
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    # The servers started below must not inherit this descriptor (9>&-), or they would hold the lock.
    exec 9>"$DIR/.lock"
    flock -w "$WAIT" 9 || die "another servers.sh holds $DIR/.lock"
}

case "${1:-}" in
    start)
        with_lock
        started=$SECONDS
        install_packages
        start_postgres
        start_mariadb
        say "ready in $((SECONDS - started)) s"
        print_env
        ;;
    env)
        print_env
        ;;
    stop)
        with_lock
        stop_postgres
        stop_mariadb
        rm -rf "$PG_DIR" "$MY_DIR" "$DIR/password" "$DIR/apt.log"
        rm -f "$DIR/.lock"
        rmdir "$DIR" 2>/dev/null || true
        ;;
    *)
        echo "usage: build/servers.sh start|env|stop" >&2
        exit 2
        ;;
esac
