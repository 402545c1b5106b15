#!/usr/bin/env bash
# Start and stop the TLS servers (openssl s_server, gnutls-serv) that tests talk to on 127.0.0.1.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Usage:
#   peer.sh start KIND OUTFILE --cert FILE --key FILE [options]
#   peer.sh stop OUTFILE
#
# `start` returns once the server accepts TCP connections and writes key=value lines to
# OUTFILE: kind, port, pid, log (the server's output, OUTFILE.log) and cmd. `stop` reads pid=
# from that file, ends the server and waits for it. Run with --help for the options.
# OUTFILE can be sourced by a shell. Readiness is checked with a bare TCP connection, which the
# server logs as a failed handshake; that line in the log is expected.

set -euo pipefail

readonly PROG="peer"
readonly READY_TIMEOUT_S=10
readonly STOP_TIMEOUT_S=5
readonly POLL_INTERVAL_S=0.1
readonly GNUTLS_PORT_ATTEMPTS=5
readonly LOG_TAIL_LINES=25

# Filled by parse_options: the server's command line without the port, and the --tls1_*
# choice (gnutls turns it into a priority string).
SERVER_ARGS=()
TLS_VERSION_OPTION=""
GNUTLS_PRIORITY=""

log() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: peer.sh start KIND OUTFILE --cert FILE --key FILE [options]
       peer.sh stop OUTFILE

start  launches a TLS server on 127.0.0.1 (port chosen for it), waits until it accepts
       connections (at most ${READY_TIMEOUT_S} s) and writes port=, pid=, kind=, log= and cmd= lines
       to OUTFILE; the server's output goes to OUTFILE.log.
stop   ends the server whose pid= is in OUTFILE and waits for it.

KIND openssl (openssl s_server -www), options:
  --cert FILE  --key FILE  --cert-chain FILE   server certificate, key, extra chain
  --tls1_3 | --tls1_2                          allow only this protocol version
  --groups LIST  --sigalgs LIST                key-exchange groups, signature algorithms
  --ciphersuites LIST  --cipher LIST           TLS 1.3 suites, TLS 1.2 ciphers
  --num-tickets N                              TLS 1.3 session tickets sent (0: none)
KIND gnutls (gnutls-serv --http), options:
  --cert FILE  --key FILE                      certificate (may hold the chain), key
  --priority STRING                            GnuTLS priority string
  --tls1_3 | --tls1_2                          shorthand for NORMAL with only that version
Options may be written with one or two leading dashes and with '-' or '_' inside.
EOF
    exit 2
}

tail_of() {
    if [[ -s "$1" ]]; then
        tail -n "$LOG_TAIL_LINES" "$1" | sed 's/^/    | /' >&2
    else
        printf '    | (the server printed nothing)\n' >&2
    fi
}

# Print why the server did not come up, with its command line and log, then exit.
fail_start() {
    local reason=$1 log_file=$2

    shift 2
    printf '%s: error: %s\n' "$PROG" "$reason" >&2
    printf '  command: %s\n' "$*" >&2
    printf '  last lines of %s:\n' "$log_file" >&2
    tail_of "$log_file"
    exit 1
}

require_file() {
    local what=$1 path=$2

    [[ -r "$path" ]] || die "$what file '$path' not found or not readable" \
        "(the test PKI comes from scripts/make-pki.sh OUTDIR)"
}

# Canonical option name: leading dashes dropped, '-' turned into '_'.
option_name() {
    local name=${1#-}

    name=${name#-}
    printf '%s' "${name//-/_}"
}

# parse_options KIND ARGS...: fills SERVER_ARGS, TLS_VERSION_OPTION and GNUTLS_PRIORITY.
parse_options() {
    local kind=$1 name have_cert=0 have_key=0

    shift
    while (($# > 0)); do
        name=$(option_name "$1")
        case "$kind:$name" in
        *:tls1_3 | *:tls1_2)
            [[ -z "$TLS_VERSION_OPTION" ]] || die "give only one of --tls1_3 and --tls1_2"
            TLS_VERSION_OPTION=$name
            [[ "$kind" != openssl ]] || SERVER_ARGS+=("-$name")
            shift
            continue
            ;;
        *:cert | *:key | openssl:cert_chain | openssl:groups | openssl:sigalgs | \
            openssl:ciphersuites | openssl:cipher | openssl:num_tickets | gnutls:priority) ;;
        *)
            die "option '$1' is not supported for KIND $kind (see peer.sh --help)"
            ;;
        esac
        (($# >= 2)) || die "option '$1' needs a value"
        case "$name" in
        cert) have_cert=1 && require_file certificate "$2" ;;
        key) have_key=1 && require_file key "$2" ;;
        cert_chain) require_file "certificate chain" "$2" ;;
        *) ;;
        esac
        add_server_option "$kind" "$name" "$2"
        shift 2
    done
    ((have_cert == 1 && have_key == 1)) || die "--cert FILE and --key FILE are required"
}

add_server_option() {
    local kind=$1 name=$2 value=$3

    case "$kind:$name" in
    openssl:*) SERVER_ARGS+=("-$name" "$value") ;;
    gnutls:cert) SERVER_ARGS+=("--x509certfile=$value") ;;
    gnutls:key) SERVER_ARGS+=("--x509keyfile=$value") ;;
    gnutls:priority) GNUTLS_PRIORITY=$value ;;
    *) die "internal: no mapping for $kind option $name" ;;
    esac
}

gnutls_priority() {
    if [[ -n "$GNUTLS_PRIORITY" && -n "$TLS_VERSION_OPTION" ]]; then
        die "give either --priority or --$TLS_VERSION_OPTION for gnutls, not both" \
            "(put the version into the priority string, e.g. NORMAL:-VERS-ALL:+VERS-TLS1.3)"
    fi
    case "$TLS_VERSION_OPTION" in
    tls1_3) printf 'NORMAL:-VERS-ALL:+VERS-TLS1.3' ;;
    tls1_2) printf 'NORMAL:-VERS-ALL:+VERS-TLS1.2' ;;
    *) printf '%s' "${GNUTLS_PRIORITY:-NORMAL}" ;;
    esac
}

is_alive() {
    local state

    kill -0 "$1" 2>/dev/null || return 1
    # A finished child whose parent has not reaped it yet still answers kill -0.
    state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ "$state" != Z ]]
}

tcp_connects() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("0.0.0.0", 0));
print(s.getsockname()[1]); s.close()'
        return
    fi
    # Fallback: a random port in the dynamic range that nothing answers on.
    local port

    while :; do
        port=$((49152 + RANDOM % 16000))
        tcp_connects "$port" || break
    done
    printf '%s\n' "$port"
}

# The port of s_server's "ACCEPT host:port" line in LOG, once the whole line is written (a line
# caught half-written would give the first digits of the port only).
openssl_port() { # LOG
    local text re=$'(^|\n)ACCEPT [^\n]*:([0-9]+)\n'

    text=$(cat "$1" 2>/dev/null; echo .)
    [[ $text =~ $re ]] && printf '%s\n' "${BASH_REMATCH[2]}"
}

# wait_openssl PID LOG: prints the port once s_server listens and accepts.
wait_openssl() {
    local pid=$1 log_file=$2 port="" i

    for ((i = 0; i < READY_TIMEOUT_S * 10; i++)); do
        is_alive "$pid" || return 1
        port=$(openssl_port "$log_file") || true
        if [[ -n "$port" ]] && tcp_connects "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
        sleep "$POLL_INTERVAL_S"
    done
    return 2
}

# wait_gnutls PID LOG PORT: 0 when accepting, 1 when dead, 2 on timeout, 3 on port collision.
wait_gnutls() {
    local pid=$1 log_file=$2 port=$3 i

    for ((i = 0; i < READY_TIMEOUT_S * 10; i++)); do
        is_alive "$pid" || return 1
        # gnutls-serv stays alive without any socket when bind() fails.
        grep -q 'IPv4.*bind() failed' "$log_file" && return 3
        if grep -q "listening on IPv4 .* port $port\.\.\.done" "$log_file" &&
            tcp_connects "$port"; then
            return 0
        fi
        sleep "$POLL_INTERVAL_S"
    done
    return 2
}

stop_pid() {
    local pid=$1 i

    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < STOP_TIMEOUT_S * 10; i++)); do
        is_alive "$pid" || return 0
        sleep "$POLL_INTERVAL_S"
    done
    log "pid $pid ignored SIGTERM for ${STOP_TIMEOUT_S} s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
}

write_outfile() {
    local outfile=$1 kind=$2 port=$3 pid=$4 log_file=$5 tmp

    shift 5
    tmp="$outfile.tmp.$$"
    {
        printf 'kind=%s\nport=%s\npid=%s\nlog=%s\n' "$kind" "$port" "$pid" "$log_file"
        # Quoted, so that a shell may source OUTFILE.
        if [[ "$*" != *"'"* ]]; then
            printf "cmd='%s'\n" "$*"
        else
            printf 'cmd=%q\n' "$*"
        fi
    } >"$tmp"
    mv -f "$tmp" "$outfile"
}

start_openssl() {
    local outfile=$1 log_file=$2 pid port rc=0
    local cmd=(openssl s_server -accept 127.0.0.1:0 -www "${SERVER_ARGS[@]}")

    command -v openssl >/dev/null || die "openssl not found; install it (apt-get install openssl)"
    "${cmd[@]}" </dev/null >"$log_file" 2>&1 &
    pid=$!
    port=$(wait_openssl "$pid" "$log_file") || rc=$?
    case "$rc" in
    0) ;;
    1) fail_start "openssl s_server exited before accepting connections" "$log_file" "${cmd[@]}" ;;
    *)
        stop_pid "$pid"
        fail_start "openssl s_server did not accept connections within ${READY_TIMEOUT_S} s" \
            "$log_file" "${cmd[@]}"
        ;;
    esac
    write_outfile "$outfile" openssl "$port" "$pid" "$log_file" "${cmd[@]}"
    log "openssl s_server pid $pid accepting on 127.0.0.1:$port (log: $log_file)"
}

start_gnutls() {
    local outfile=$1 log_file=$2 priority attempt pid port rc cmd

    command -v gnutls-serv >/dev/null ||
        die "gnutls-serv not found; install it (apt-get install gnutls-bin)"
    priority=$(gnutls_priority)
    for ((attempt = 1; attempt <= GNUTLS_PORT_ATTEMPTS; attempt++)); do
        port=$(free_port)
        # gnutls-serv has no listen-address option: it binds every address; tests use 127.0.0.1.
        cmd=(gnutls-serv --http --disable-client-cert --port="$port" --priority="$priority"
            "${SERVER_ARGS[@]}")
        "${cmd[@]}" </dev/null >"$log_file" 2>&1 &
        pid=$!
        rc=0
        wait_gnutls "$pid" "$log_file" "$port" || rc=$?
        case "$rc" in
        0)
            write_outfile "$outfile" gnutls "$port" "$pid" "$log_file" "${cmd[@]}"
            log "gnutls-serv pid $pid accepting on 127.0.0.1:$port (log: $log_file)"
            return 0
            ;;
        1) fail_start "gnutls-serv exited before accepting connections" "$log_file" "${cmd[@]}" ;;
        2)
            stop_pid "$pid"
            fail_start "gnutls-serv did not accept connections within ${READY_TIMEOUT_S} s" \
                "$log_file" "${cmd[@]}"
            ;;
        *)
            stop_pid "$pid"
            log "port $port was taken meanwhile, trying another ($attempt/$GNUTLS_PORT_ATTEMPTS)"
            ;;
        esac
    done
    fail_start "gnutls-serv found no free port in $GNUTLS_PORT_ATTEMPTS attempts" "$log_file" \
        "${cmd[@]}"
}

cmd_start() {
    local kind outfile log_file

    (($# >= 2)) || usage
    kind=$1
    outfile=$2
    shift 2
    case "$kind" in
    openssl | gnutls) ;;
    *) die "unknown KIND '$kind'; use openssl or gnutls" ;;
    esac
    [[ -d "$(dirname "$outfile")" ]] ||
        die "directory of OUTFILE '$outfile' does not exist; create it first"
    parse_options "$kind" "$@"
    log_file="$outfile.log"
    rm -f "$outfile"
    "start_$kind" "$outfile" "$log_file"
}

cmd_stop() {
    local outfile=$1 pid comm

    [[ -r "$outfile" ]] || die "'$outfile' not found; give the OUTFILE that 'peer.sh start' wrote"
    pid=$(sed -n 's/^pid=\([0-9][0-9]*\)$/\1/p' "$outfile")
    [[ -n "$pid" ]] || die "'$outfile' has no pid=<number> line; was it written by peer.sh start?"
    if ! is_alive "$pid"; then
        log "server pid $pid from $outfile is not running any more"
        return 0
    fi
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    case "$comm" in
    openssl | gnutls-serv) ;;
    *) die "pid $pid is now '$comm', not a server started by peer.sh; not stopping it" ;;
    esac
    stop_pid "$pid"
    log "stopped $comm pid $pid"
}

main() {
    (($# >= 1)) || usage
    case "$1" in
    start)
        shift
        cmd_start "$@"
        ;;
    stop)
        (($# == 2)) || usage
        cmd_stop "$2"
        ;;
    -h | --help | help) usage ;;
    *) die "unknown command '$1'; use start or stop (see peer.sh --help)" ;;
    esac
}

main "$@"
