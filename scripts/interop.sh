#!/usr/bin/env bash
# Interop matrix: every profile's client against openssl s_server, gnutls-serv and Mbed TLS's
# own ssl_server2 on 127.0.0.1, for each TLS version, group, certificate and suite.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# usage: scripts/interop.sh BUILD_DIR PKI_DIR OUT_DIR [--profiles a,b] [--peers a,b] [--jobs N]
#                           [--claims FILE]
#
# Each server is restricted to one combination (TLS version x group x certificate x suite) and
# serves every profile in turn. What a profile claims comes from tests/interop-claims.csv:
# a claimed cell must succeed with exactly the combination's parameters; any other cell must
# fail, and the client's cause line must name one of the things the profile does not claim
# (version, group, certificate/signature or suite). Writes OUT_DIR/interop.csv and
# OUT_DIR/interop.md (through temporary files), and the client's output for every unexpected
# cell in OUT_DIR/unexpected/. Exits 1 when any cell is unexpected, 2 on bad usage.

set -euo pipefail

readonly PROG="interop"
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly top
CLAIMS_FILE="$top/tests/interop-claims.csv"
readonly PEER_SH="$top/scripts/peer.sh"

# The matrix's axes. TLS 1.2 adds a CBC suite, which only the baseline profile claims.
readonly AXIS_VERSIONS=(1.3 1.2)
readonly AXIS_GROUPS=(x25519 secp256r1 secp384r1)
readonly AXIS_CERTS=(ecdsa-p256 ecdsa-p384 rsa2048 rsa-chain)
readonly AXIS_SUITES_13=(aes128gcm aes256gcm chacha20)
readonly AXIS_SUITES_12=(aes128gcm aes256gcm chacha20 cbc)
readonly ALL_PEERS=(openssl gnutls mbedtls)

# Client limits: a cell never waits longer than this (the client has its own timeouts too).
readonly CLIENT_TIMEOUT_S=30
readonly SERVER_READY_TIMEOUT_S=10
readonly SERVER_START_ATTEMPTS=3

# Cause-line patterns that name each thing a profile may not claim.
readonly CAUSE_VERSION='protocol version mismatch'
readonly CAUSE_GROUP='no common key-exchange group'
readonly CAUSE_CERT="no common signature algorithm|an algorithm that profile '[^']+' leaves out"
readonly CAUSE_SUITE='no common cipher suite'

# What servers log when they refuse a handshake for a reason server_reason() knows: OpenSSL,
# then GnuTLS, then Mbed TLS (debug_level=1).
readonly SERVER_REASONS=(
    'no suitable key share' 'no shared groups' 'no suitable signature' 'no shared cipher'
    'unsupported protocol' 'wrong version number' 'version too low'
    'No common key share' 'No supported cipher suites' 'Insufficient credentials'
    'no matching named group' 'No matched ciphersuite' 'none of them usable'
    'got no ciphersuites in common'
)

# Claims, keyed "profile|version" (the row) and "profile" (the union of the profile's rows).
declare -A CLAIM_GROUPS=() CLAIM_CERTS=() CLAIM_SUITES=()

log() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: scripts/interop.sh BUILD_DIR PKI_DIR OUT_DIR [--profiles a,b] [--peers a,b] [--jobs N]
                          [--claims FILE]

Runs every profile built in BUILD_DIR against openssl s_server, gnutls-serv and ssl_server2
(BUILD_DIR/peer-mbedtls, built by the CMake target mbp-peer-ssl-server2), one server per
combination of TLS version, group, certificate and suite, with the test PKI of PKI_DIR
(scripts/make-pki.sh). Claims come from tests/interop-claims.csv.
  --profiles a,b  profiles to run (default: those in BUILD_DIR/build-info.txt)
  --peers a,b     peers to run among ${ALL_PEERS[*]} (default: all)
  --jobs N        servers run side by side (default: 3; they mostly wait on each other)
  --claims FILE   claims table to check against (default: tests/interop-claims.csv)
Writes OUT_DIR/interop.csv and OUT_DIR/interop.md; exits 1 if any cell is unexpected.
EOF
    exit 2
}

# ---- Claims ----------------------------------------------------------------------------

# Dies when a claims row names something that is not on the matrix's axes.
claims_row_check() { # LINE_NUMBER VERSION GROUPS CERTS SUITES
    local name where="$CLAIMS_FILE line $1"

    in_list "$2" "${AXIS_VERSIONS[*]}" || die "$where: TLS version '$2' is not one of" \
        "${AXIS_VERSIONS[*]}"
    for name in $3; do
        in_list "$name" "${AXIS_GROUPS[*]}" || die "$where: unknown group '$name'"
    done
    for name in $4; do
        in_list "$name" "${AXIS_CERTS[*]}" || die "$where: unknown certificate '$name'"
    done
    for name in $5; do
        in_list "$name" "${AXIS_SUITES_12[*]}" || die "$where: unknown suite '$name'"
    done
    [[ -n "$3" && -n "$4" && -n "$5" ]] || die "$where: groups, certs and suites must not be" \
        "empty (leave the row out to claim nothing for TLS $2)"
}

claims_load() {
    local profile version groups certs suites n=0

    [[ -r "$CLAIMS_FILE" ]] || die "claims table '$CLAIMS_FILE' not found"
    while IFS=, read -r profile version groups certs suites; do
        n=$((n + 1))
        [[ -n "$profile" && "$profile" != \#* && "$profile" != profile ]] || continue
        claims_row_check "$n" "$version" "$groups" "$certs" "$suites"
        CLAIM_GROUPS["$profile|$version"]=$groups
        CLAIM_CERTS["$profile|$version"]=$certs
        CLAIM_SUITES["$profile|$version"]=$suites
        CLAIM_GROUPS["$profile"]+=" $groups"
        CLAIM_CERTS["$profile"]+=" $certs"
        CLAIM_SUITES["$profile"]+=" $suites"
    done <"$CLAIMS_FILE"
}

in_list() { # WORD LIST
    [[ " $2 " == *" $1 "* ]]
}

# What the profile does not claim of a cell, e.g. "version group"; empty when it claims it.
# A version the profile lacks is compared against everything the profile claims at all.
cell_unclaimed() { # PROFILE VERSION GROUP CERT SUITE
    local key="$1|$2" missing=""

    if [[ -z "${CLAIM_GROUPS[$key]+set}" ]]; then
        key=$1
        missing="version"
    fi
    in_list "$3" "${CLAIM_GROUPS[$key]}" || missing+=" group"
    in_list "$4" "${CLAIM_CERTS[$key]}" || missing+=" cert"
    in_list "$5" "${CLAIM_SUITES[$key]}" || missing+=" suite"
    printf '%s' "${missing# }"
}

# ---- Names of each combination for the peers and the client ------------------------------

cert_files() { # CERT -> "leaf key chain-for-openssl full-chain ca"
    case "$1" in
    ecdsa-p256) echo "server.crt server.key - server.crt ca.crt" ;;
    ecdsa-p384) echo "server-p384.crt server-p384.key - server-p384.crt ca.crt" ;;
    rsa2048) echo "server-rsa2048.crt server-rsa2048.key - server-rsa2048.crt ca.crt" ;;
    rsa-chain)
        echo "rsa-server.crt rsa-server.key rsa-intermediate-ca.crt rsa-server-chain.crt" \
            "rsa-root-ca.crt"
        ;;
    *) die "internal: unknown certificate '$1'" ;;
    esac
}

# The suite as Mbed TLS names it (what the client reports, what ssl_server2 takes).
suite_mbedtls() { # VERSION CERT SUITE
    local auth=ECDSA

    [[ "$2" != rsa* ]] || auth=RSA
    case "$1:$3" in
    1.3:aes128gcm) echo TLS1-3-AES-128-GCM-SHA256 ;;
    1.3:aes256gcm) echo TLS1-3-AES-256-GCM-SHA384 ;;
    1.3:chacha20) echo TLS1-3-CHACHA20-POLY1305-SHA256 ;;
    1.2:aes128gcm) echo "TLS-ECDHE-$auth-WITH-AES-128-GCM-SHA256" ;;
    1.2:aes256gcm) echo "TLS-ECDHE-$auth-WITH-AES-256-GCM-SHA384" ;;
    1.2:chacha20) echo "TLS-ECDHE-$auth-WITH-CHACHA20-POLY1305-SHA256" ;;
    1.2:cbc) echo "TLS-ECDHE-$auth-WITH-AES-128-CBC-SHA256" ;;
    *) die "internal: no suite '$3' for TLS $1" ;;
    esac
}

suite_openssl() { # VERSION CERT SUITE
    local auth=ECDSA

    [[ "$2" != rsa* ]] || auth=RSA
    case "$1:$3" in
    1.3:aes128gcm) echo "--ciphersuites TLS_AES_128_GCM_SHA256" ;;
    1.3:aes256gcm) echo "--ciphersuites TLS_AES_256_GCM_SHA384" ;;
    1.3:chacha20) echo "--ciphersuites TLS_CHACHA20_POLY1305_SHA256" ;;
    1.2:aes128gcm) echo "--cipher ECDHE-$auth-AES128-GCM-SHA256" ;;
    1.2:aes256gcm) echo "--cipher ECDHE-$auth-AES256-GCM-SHA384" ;;
    1.2:chacha20) echo "--cipher ECDHE-$auth-CHACHA20-POLY1305" ;;
    1.2:cbc) echo "--cipher ECDHE-$auth-AES128-SHA256" ;;
    *) die "internal: no suite '$3' for TLS $1" ;;
    esac
}

gnutls_priority() { # VERSION GROUP SUITE
    local group cipher

    case "$2" in
    x25519) group=X25519 ;;
    secp256r1) group=SECP256R1 ;;
    secp384r1) group=SECP384R1 ;;
    *) die "internal: unknown group '$2'" ;;
    esac
    case "$3" in
    aes128gcm) cipher=+AES-128-GCM ;;
    aes256gcm) cipher=+AES-256-GCM ;;
    chacha20) cipher=+CHACHA20-POLY1305 ;;
    cbc) cipher=+AES-128-CBC:-MAC-ALL:+SHA256 ;;
    *) die "internal: unknown suite '$3'" ;;
    esac
    printf 'NORMAL:-VERS-ALL:+VERS-TLS%s:-GROUP-ALL:+GROUP-%s:-CIPHER-ALL:%s' "$1" "$group" \
        "$cipher"
    [[ "$1" != 1.2 ]] || printf ':-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA'
}

openssl_group() { # GROUP
    case "$1" in
    x25519) echo X25519 ;;
    secp256r1) echo P-256 ;;
    secp384r1) echo P-384 ;;
    *) die "internal: unknown group '$1'" ;;
    esac
}

# ---- Servers -----------------------------------------------------------------------------

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1]); s.close()'
}

# ssl_server2 has no "pick a port" option: bind a free one, retry when it was taken meanwhile.
# Writes port= and pid= lines to INFO, the server's output to INFO.log.
mbedtls_start() { # INFO ssl_server2-ARGS...
    local info=$1 port pid attempt i

    shift
    for ((attempt = 1; attempt <= SERVER_START_ATTEMPTS; attempt++)); do
        port=$(free_port)
        "$SSL_SERVER2" server_addr=127.0.0.1 server_port="$port" "$@" </dev/null >"$info.log" 2>&1 &
        pid=$!
        for ((i = 0; i < SERVER_READY_TIMEOUT_S * 20; i++)); do
            if grep -q 'Waiting for a remote connection' "$info.log"; then
                printf 'kind=mbedtls\nport=%s\npid=%s\n' "$port" "$pid" >"$info"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        grep -q 'Bind on .* failed' "$info.log" || break
    done
    log "ssl_server2 did not start: $* (last lines of its output follow)"
    tail -n 5 "$info.log" >&2
    return 1
}

server_stop() { # INFO
    local pid

    [[ -f "$1" ]] || return 0
    pid=$(sed -n 's/^pid=//p' "$1")
    if grep -q '^kind=mbedtls' "$1"; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    else
        "$PEER_SH" stop "$1" >/dev/null 2>&1 || true
    fi
    rm -f "$1"
}

# Starts the PEER restricted to one combination; INFO receives its port= and pid= lines.
server_start() { # INFO PEER VERSION GROUP CERT SUITE
    local info=$1 peer=$2 version=$3 group=$4 cert=$5 suite=$6 leaf key chain full args
    local suite_args

    read -r leaf key chain full _ <<<"$(cert_files "$cert")"
    case "$peer" in
    openssl)
        args=(--cert "$PKI/$leaf" --key "$PKI/$key" "--tls${version/./_}"
            --groups "$(openssl_group "$group")" --num-tickets 0)
        [[ "$chain" == - ]] || args+=(--cert-chain "$PKI/$chain")
        read -r -a suite_args <<<"$(suite_openssl "$version" "$cert" "$suite")"
        "$PEER_SH" start openssl "$info" "${args[@]}" "${suite_args[@]}" >/dev/null 2>"$info.err"
        ;;
    gnutls)
        "$PEER_SH" start gnutls "$info" --cert "$PKI/$full" --key "$PKI/$key" \
            --priority "$(gnutls_priority "$version" "$group" "$suite")" >/dev/null 2>"$info.err"
        ;;
    mbedtls)
        # debug_level=1 makes it log the reason of a refused handshake.
        mbedtls_start "$info" crt_file="$PKI/$full" key_file="$PKI/$key" auth_mode=none \
            force_version="tls${version/./}" groups="$group" \
            force_ciphersuite="$(suite_mbedtls "$version" "$cert" "$suite")" \
            tickets=0 read_timeout=10000 debug_level=1
        ;;
    *) die "internal: unknown peer '$peer'" ;;
    esac
}

server_alive() { # INFO
    local pid

    pid=$(sed -n 's/^pid=//p' "$1" 2>/dev/null)
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# ---- One cell ----------------------------------------------------------------------------

# Runs PROFILE's client against the server of INFO; its output lands in DIR/out and DIR/err.
# Prints the client's exit status (124 when it had to be stopped).
client_run() { # DIR INFO PROFILE CA_FILE
    local rc=0 port

    port=$(sed -n 's/^port=//p' "$2")
    timeout "$CLIENT_TIMEOUT_S" "$BUILD/$3/mbp-client" --quiet --host 127.0.0.1 --port "$port" \
        --server-name localhost --ca-file "$PKI/$4" --connect-timeout-ms 3000 \
        --read-timeout-ms 5000 </dev/null >"$1/out" 2>"$1/err" || rc=$?
    echo "$rc"
}

reported() { # DIR KEY
    sed -n "s/^$2: //p" "$1/out"
}

# What a successful handshake negotiated that differs from the cell; nothing when all match.
success_mismatch() { # DIR VERSION GROUP CERT SUITE
    local dir=$1 got sig

    got=$(reported "$dir" version)
    [[ "$got" == "TLSv$2" ]] || printf 'version %s ' "$got"
    got=$(reported "$dir" group)
    [[ "$got" == "$3" ]] || printf 'group %s ' "$got"
    got=$(reported "$dir" ciphersuite)
    [[ "$got" == "$(suite_mbedtls "$2" "$4" "$5")" ]] || printf 'suite %s ' "$got"
    case "$2:$4" in
    1.3:ecdsa-p256) sig='ecdsa_secp256r1_sha256' ;;
    1.3:ecdsa-p384) sig='ecdsa_secp384r1_sha384' ;;
    1.3:rsa*) sig='rsa_pss_rsae_sha(256|384|512)' ;;
    1.2:ecdsa*) sig='ecdsa_.*' ;;
    *) sig='rsa_.*' ;;
    esac
    got=$(reported "$dir" signature_algorithm)
    [[ "$got" =~ ^($sig)$ ]] || printf 'signature %s ' "$got"
}

# The things of UNCLAIMED (e.g. "version group") that the client's cause line names.
cause_names() { # DIR UNCLAIMED
    local cause named="" dim pattern

    cause=$(sed -n 's/^cause: //p' "$1/err")
    for dim in $2; do
        case "$dim" in
        version) pattern=$CAUSE_VERSION ;;
        group) pattern=$CAUSE_GROUP ;;
        cert) pattern=$CAUSE_CERT ;;
        *) pattern=$CAUSE_SUITE ;;
        esac
        [[ ! "$cause" =~ $pattern ]] || named+=" $dim"
    done
    printf '%s' "${named# }"
}

# "-0x7780 server sent alert handshake_failure (40) in reply to the ClientHello": the code
# and the cause up to its first colon.
failure_detail() { # DIR RC
    local code cause

    if [[ "$2" -eq 124 ]]; then
        printf 'no answer within %s s' "$CLIENT_TIMEOUT_S"
        return
    fi
    code=$(sed -n 's/^error: .* \(-0x[0-9A-Fa-f]*\) .*/\1/p' "$1/err" | head -n 1)
    cause=$(sed -n 's/^cause: //p' "$1/err" | head -n 1)
    cause=${cause%%: *}
    printf 'exit %s %s %s' "$2" "${code:-(no code)}" "${cause:0:120}"
}

# The server's own reason for refusing a handshake, from what its log gained since byte FROM,
# as "things|reason": things are those of version, group, cert and suite that the reason
# points at (several when the server's words fit more than one). Empty when the log holds no
# reason this table knows. The server logs after it sent its alert, so wait briefly for it.
server_reason() { # LOG FROM
    local text i line pattern

    pattern=$(IFS='|' && echo "${SERVER_REASONS[*]}")
    for ((i = 0; i < 10; i++)); do
        text=$(tail -c +"$(($2 + 1))" "$1" 2>/dev/null || true)
        line=$(grep -m 1 -E "$pattern" <<<"$text" || true)
        [[ -z "$line" ]] || break
        sleep 0.03
    done
    case "$line" in
    *'no suitable key share'* | *'no shared groups'* | *'No common key share'* | \
        *'no matching named group'*) printf 'group' ;;
    *'no suitable signature'* | *'Insufficient credentials'*) printf 'cert' ;;
    *'no shared cipher'* | *'No matched ciphersuite'*) printf 'suite' ;;
    *'unsupported protocol'* | *'wrong version number'* | *'version too low'*) printf 'version' ;;
    # GnuTLS and Mbed TLS say this when no offered suite is usable: with a certificate that
    # none can use, or for a TLS 1.3-only offer to a TLS 1.2 server, too.
    *'No supported cipher suites'* | *'none of them usable'* | *'no ciphersuites in common'*)
        printf 'suite cert version'
        ;;
    *) return 0 ;;
    esac
    line=${line##*error:[0-9A-F]*:SSL routines:}
    line=${line%%:../ssl/*}
    line=${line##*|1| }
    line=${line%%,*}
    printf '|%s' "${line#Error in handshake: }"
}

# Judges a failed run: FAILURE_OUTCOME becomes failure, or wrong-cause when the cell is not
# claimed yet the client's cause names nothing the profile lacks, or the server's own reason
# points at something the profile claims. FAILURE_DETAIL: code, cause, what both name.
failure_judge() { # DIR RC UNCLAIMED SERVER_REASON
    local named thing server_things=${4%%|*} server_fits=0

    FAILURE_OUTCOME=failure
    FAILURE_DETAIL=$(failure_detail "$1" "$2")
    named=$(cause_names "$1" "$3")
    [[ -z "$named" ]] || FAILURE_DETAIL+="; client names: ${named// /+}"
    [[ -z "$4" ]] || FAILURE_DETAIL+="; server: ${4#*|} (${server_things// /|})"
    [[ -n "$3" ]] || return 0
    for thing in $server_things; do
        in_list "$thing" "$3" && server_fits=1
    done
    if [[ -z "$named" ]] || [[ -n "$4" && "$server_fits" -eq 0 ]]; then
        FAILURE_OUTCOME=wrong-cause
    fi
}

# Judges one run of a cell: sets CELL_FIELDS ("claimed,expected,outcome,detail") and CELL_OK.
# outcome is success, failure, wrong-parameters (succeeded with other parameters than the
# cell's) or wrong-cause (failed without naming what the profile does not claim).
cell_judge() { # DIR RC PROFILE VERSION GROUP CERT SUITE SERVER_REASON
    local dir=$1 rc=$2 unclaimed claimed=yes expected=success outcome detail diff

    unclaimed=$(cell_unclaimed "$3" "$4" "$5" "$6" "$7")
    if [[ -n "$unclaimed" ]]; then
        claimed=no
        expected="failure: ${unclaimed// /+}"
    fi
    if [[ "$rc" -eq 0 ]]; then
        outcome=success
        detail="$(reported "$dir" version) $(reported "$dir" ciphersuite) $(reported "$dir" \
            group) $(reported "$dir" signature_algorithm) hello_retry=$(reported "$dir" \
            hello_retry)"
        diff=$(success_mismatch "$dir" "$4" "$5" "$6" "$7")
        if [[ -n "$diff" ]]; then
            outcome=wrong-parameters
            detail+="; differs: ${diff% }"
        fi
    else
        failure_judge "$dir" "$rc" "$unclaimed" "$8"
        outcome=$FAILURE_OUTCOME
        detail=$FAILURE_DETAIL
    fi
    CELL_OK=0
    if [[ "$expected" == success && "$outcome" == success ]] ||
        [[ "$expected" == failure* && "$outcome" == failure ]]; then
        CELL_OK=1
    fi
    detail=${detail//,/;}
    CELL_FIELDS="$claimed,$expected,$outcome,${detail//\"/\'}"
}

# Keeps the client's output and the end of the server's log of an unexpected cell.
unexpected_keep() { # DIR INFO NAME
    {
        printf '== client stdout\n'
        cat "$1/out"
        printf '== client stderr\n'
        cat "$1/err"
        printf '== server (%s), last lines of its log\n' "$(sed -n 's/^kind=//p' "$2")"
        tail -n 15 "$2.log" 2>/dev/null || true
    } >"$WORK/unexpected/$3.txt"
}

# ---- Workers -----------------------------------------------------------------------------

# One row per profile for a server that could not be started: every such cell is unexpected,
# and the server's error is kept with the other unexpected cells.
rows_server_failed() { # ROWS N PEER VERSION GROUP CERT SUITE INFO
    local p unclaimed expected name

    for p in "${!PROFILES[@]}"; do
        name="${PROFILES[p]}_${3}_tls${4}_${5}_${6}_${7}"
        {
            printf '== the %s server did not start; its error output
' "$3"
            cat "$8.err" 2>/dev/null || true
            printf '== last lines of its log
'
            tail -n 15 "$8.log" 2>/dev/null || true
        } >"$WORK/unexpected/$name.txt"
        unclaimed=$(cell_unclaimed "${PROFILES[p]}" "$4" "$5" "$6" "$7")
        expected=success
        [[ -z "$unclaimed" ]] || expected="failure: ${unclaimed// /+}"
        printf '%d %d %s,%s,%s,%s,%s,%s,%s,%s,server-failed,the server did not start\n' \
            "$2" "$p" "${PROFILES[p]}" "$3" "$4" "$5" "$6" "$7" \
            "$([[ -z "$unclaimed" ]] && echo yes || echo no)" "$expected" >>"$1"
    done
}

# Runs every profile against one server configuration; appends the rows to ROWS.
config_run() { # ID ROWS ITEM
    local id=$1 rows=$2 n peer version group cert suite ca p rc name log_from reason
    local info="$WORK/server.$1" dir="$WORK/cell.$1"

    IFS='|' read -r n peer version group cert suite <<<"$3"
    ca=$(cert_files "$cert" | awk '{ print $5 }')
    # A second and third attempt: on a loaded machine a server may miss peer.sh's deadline.
    if ! server_start "$info" "$peer" "$version" "$group" "$cert" "$suite" &&
        ! { sleep 1 && server_start "$info" "$peer" "$version" "$group" "$cert" "$suite"; } &&
        ! { sleep 3 && server_start "$info" "$peer" "$version" "$group" "$cert" "$suite"; }; then
        log "$peer server for TLS $version $group $cert $suite did not start"
        cat "$info.err" >&2 2>/dev/null || true
        rows_server_failed "$rows" "$n" "$peer" "$version" "$group" "$cert" "$suite" "$info"
        return 0
    fi
    for p in "${!PROFILES[@]}"; do
        # A server that died on the previous client is started again, so cells stay apart.
        server_alive "$info" || { server_stop "$info" &&
            server_start "$info" "$peer" "$version" "$group" "$cert" "$suite"; } || true
        log_from=$(stat -c %s "$info.log" 2>/dev/null || echo 0)
        rc=$(client_run "$dir" "$info" "${PROFILES[p]}" "$ca")
        reason=""
        # Exit 2: the client refused its arguments or CA file and never connected.
        [[ "$rc" -eq 0 || "$rc" -eq 2 ]] || reason=$(server_reason "$info.log" "$log_from")
        cell_judge "$dir" "$rc" "${PROFILES[p]}" "$version" "$group" "$cert" "$suite" "$reason"
        printf '%d %d %s,%s,%s,%s,%s,%s,%s\n' "$n" "$p" "${PROFILES[p]}" "$peer" "$version" \
            "$group" "$cert" "$suite" "$CELL_FIELDS" >>"$rows"
        if [[ "$CELL_OK" -ne 1 ]]; then
            name="${PROFILES[p]}_${peer}_tls${version}_${group}_${cert}_${suite}"
            unexpected_keep "$dir" "$info" "$name"
            log "UNEXPECTED: $name: $CELL_FIELDS"
        fi
    done
    server_stop "$info"
}

# Runs its share of the server configurations, one after the other.
worker() { # ID ROWS ITEM...
    local id=$1 rows=$2 item

    shift 2
    mkdir -p "$WORK/cell.$id"
    trap 'server_stop "$WORK/server.$id"' EXIT
    trap 'exit 143' TERM INT
    for item in "$@"; do
        config_run "$id" "$rows" "$item"
    done
}

# Every server configuration, "N|peer|version|group|cert|suite", N giving the table's order.
items_list() {
    local n=0 peer version group cert suite suites

    for peer in "${PEERS[@]}"; do
        for version in "${AXIS_VERSIONS[@]}"; do
            suites=("${AXIS_SUITES_13[@]}")
            [[ "$version" != 1.2 ]] || suites=("${AXIS_SUITES_12[@]}")
            for cert in "${AXIS_CERTS[@]}"; do
                for suite in "${suites[@]}"; do
                    for group in "${AXIS_GROUPS[@]}"; do
                        n=$((n + 1))
                        printf '%d|%s|%s|%s|%s|%s\n' "$n" "$peer" "$version" "$group" "$cert" \
                            "$suite"
                    done
                done
            done
        done
    done
}

# Runs all items on JOBS workers (item i on worker i mod JOBS); rows end up in WORK/rows.*.
workers_run() {
    local items=() shares j i pids=() failed=0

    mapfile -t items < <(items_list)
    for ((j = 0; j < JOBS; j++)); do
        shares=()
        for ((i = j; i < ${#items[@]}; i += JOBS)); do
            shares+=("${items[i]}")
        done
        : >"$WORK/rows.$j"
        worker "$j" "$WORK/rows.$j" "${shares[@]}" &
        pids+=($!)
    done
    WORKER_PIDS="${pids[*]}"
    for j in "${!pids[@]}"; do
        wait "${pids[j]}" || failed=1
    done
    WORKER_PIDS=""
    ((failed == 0)) || die "a worker stopped early; see the messages above"
    log "${#items[@]} server configurations x ${#PROFILES[@]} profiles done"
}

# ---- Results -----------------------------------------------------------------------------

csv_write() { # ELAPSED_S
    local csv="$OUT/interop.csv" tmp info

    info="$BUILD/build-info.txt"
    tmp=$(mktemp "$OUT/.interop.csv.XXXXXX")
    {
        "$top/scripts/provenance.sh" \
            --compiler "$(sed -n 's/^compiler=//p' "$info")" \
            --cflags "$(sed -n 's/^cflags=//p' "$info")" \
            --mbedtls-version "$(sed -n 's/^mbedtls_version=//p' "$info")" \
            --mbedtls-sha256 "$(sed -n 's/^mbedtls_sha256=//p' "$info")" \
            --claims "${CLAIMS_FILE#"$top"/}" \
            --peers "${PEERS[*]}" \
            --gnutls-serv "$(gnutls-serv --version 2>&1 | head -n 1)" \
            --ssl-server2 "$(peer_mbedtls_version)" \
            --elapsed-s "$1"
        echo "profile,peer,tls_version,group,cert,suite,claimed,expected,outcome,detail"
        cat "$WORK"/rows.* | sort -k2,2n -k1,1n | cut -d' ' -f3-
    } >"$tmp"
    mv -f "$tmp" "$csv"
}

peer_mbedtls_version() {
    if [[ -x "$SSL_SERVER2" ]]; then
        "$SSL_SERVER2" build_version=1 2>&1 | sed -n 's/^build version: //p' | head -n 1
    else
        echo "not run"
    fi
}

# interop.md: counts per profile and peer, the unexpected cells, then one grid per profile.
md_write() { # ELAPSED_S
    local tmp

    tmp=$(mktemp "$OUT/.interop.md.XXXXXX")
    grep -v '^#' "$OUT/interop.csv" |
        awk -F, -v elapsed="$1" -v claims="${CLAIMS_FILE#"$top"/}" -f <(md_awk) >"$tmp"
    mv -f "$tmp" "$OUT/interop.md"
}

md_awk() {
    cat <<'AWK'
function ok(e, o) {
    return (e == "success" && o == "success") || (e ~ /^failure/ && o == "failure")
}
function sym(claimed, e, o) {
    if (!ok(e, o)) return "**" o "**"
    return claimed == "yes" ? "ok" : "fails"
}
NR == 1 { next }
{
    p = $1; peer = $2; row = $3 " " $5 " " $6; col = peer " " $4
    if (!(p in seen_p)) { seen_p[p] = 1; profiles[++np] = p }
    if (!((p, row) in seen_r)) { seen_r[p, row] = 1; rows[p, ++nr[p]] = row }
    if (!(col in seen_c)) { seen_c[col] = 1; cols[++nc] = col }
    if (!((p, peer) in seen_pp)) { seen_pp[p, peer] = 1; pairs[++npp] = p SUBSEP peer }
    cell[p, row, col] = sym($7, $8, $9)
    total++
    if ($7 == "yes") { claimed[p, peer]++; if (ok($8, $9)) claimed_ok[p, peer]++ }
    else { unclaimed[p, peer]++; if (ok($8, $9)) unclaimed_ok[p, peer]++ }
    if (!ok($8, $9)) { bad++; bad_lines[bad] = "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 \
        " | " $6 " | " $8 " | " $9 " | " $10 " |" }
}
END {
    print "# Interop matrix"
    print ""
    printf "%d cells, %d unexpected; %s s. Claims: %s; every cell, ", total, bad, elapsed, claims
    print "with its details, is in interop.csv."
    print ""
    printf "| profile | peer | claimed cells that succeeded | "
    print "other cells that failed with their cause named | unexpected |"
    print "|---|---|---|---|---|"
    for (i = 1; i <= npp; i++) {
        split(pairs[i], pp, SUBSEP)
        printf "| %s | %s | %d / %d | %d / %d | %d |\n", pp[1], pp[2], claimed_ok[pairs[i]], \
            claimed[pairs[i]], unclaimed_ok[pairs[i]], unclaimed[pairs[i]], \
            claimed[pairs[i]] + unclaimed[pairs[i]] - claimed_ok[pairs[i]] - unclaimed_ok[pairs[i]]
    }
    print ""
    print "## Unexpected cells"
    print ""
    if (bad == 0) print "None."
    else {
        print "| profile | peer | TLS | group | cert | suite | expected | outcome | detail |"
        print "|---|---|---|---|---|---|---|---|---|"
        for (i = 1; i <= bad; i++) print bad_lines[i]
    }
    print ""
    print "## Cells by profile"
    print ""
    print "ok: claimed, and the handshake succeeded with exactly these parameters. fails: not"
    print "claimed, and the handshake failed with a cause naming what the profile lacks. Anything"
    print "in bold is unexpected: failure (a claimed cell failed), success (an unclaimed one"
    print "succeeded), wrong-cause, wrong-parameters or server-failed."
    for (i = 1; i <= np; i++) {
        p = profiles[i]
        print ""
        print "### " p
        print ""
        line = "| TLS cert suite |"; sep = "|---|"
        for (c = 1; c <= nc; c++) { line = line " " cols[c] " |"; sep = sep "---|" }
        print line; print sep
        for (r = 1; r <= nr[p]; r++) {
            line = "| " rows[p, r] " |"
            for (c = 1; c <= nc; c++) line = line " " cell[p, rows[p, r], cols[c]] " |"
            print line
        }
    }
}
AWK
}

# ---- Main --------------------------------------------------------------------------------

options_parse() { # ARGS...
    local profiles_csv="" peers_csv=""

    (($# >= 3)) || usage
    BUILD=$1 PKI=$2 OUT=$3
    shift 3
    JOBS=3
    while (($# > 0)); do
        case "$1" in
        --profiles) profiles_csv=${2:?--profiles needs a value} ;;
        --peers) peers_csv=${2:?--peers needs a value} ;;
        --jobs) JOBS=${2:?--jobs needs a value} ;;
        --claims) CLAIMS_FILE=${2:?--claims needs a value} ;;
        -h | --help) usage ;;
        *) printf '%s: unknown option %s\n' "$PROG" "$1" >&2 && usage ;;
        esac
        shift 2
    done
    [[ "$JOBS" =~ ^[1-9][0-9]?$ ]] || die "--jobs takes a number from 1 to 99, not '$JOBS'"
    [[ -r "$BUILD/build-info.txt" ]] ||
        die "'$BUILD' is no configured build directory (no build-info.txt); run cmake first"
    [[ -n "$profiles_csv" ]] || profiles_csv=$(sed -n 's/^profiles=//p' "$BUILD/build-info.txt")
    IFS=, read -r -a PROFILES <<<"$profiles_csv"
    [[ -n "$peers_csv" ]] || peers_csv=$(printf '%s,' "${ALL_PEERS[@]}")
    IFS=, read -r -a PEERS <<<"${peers_csv%,}"
}

# Everything the run needs, checked before any server starts, with the fix for each.
prerequisites_check() {
    local p peer

    for p in "${PROFILES[@]}"; do
        [[ -x "$BUILD/$p/mbp-client" ]] ||
            die "no client for profile '$p' in $BUILD; build it: cmake --build $BUILD"
        [[ -n "${CLAIM_GROUPS[$p]+set}" ]] ||
            die "profile '$p' has no row in $CLAIMS_FILE; add what it claims there"
    done
    for peer in "${PEERS[@]}"; do
        case "$peer" in
        openssl)
            command -v openssl >/dev/null || die "openssl not found (apt-get install openssl)"
            ;;
        gnutls)
            command -v gnutls-serv >/dev/null ||
                die "gnutls-serv not found (apt-get install gnutls-bin)"
            ;;
        mbedtls)
            [[ -x "$SSL_SERVER2" ]] || die "no ssl_server2 at $SSL_SERVER2; build it:" \
                "cmake --build $BUILD --target mbp-peer-ssl-server2"
            ;;
        *) die "unknown peer '$peer'; the peers are: ${ALL_PEERS[*]}" ;;
        esac
    done
    [[ -r "$PKI/README" ]] || die "no test PKI in '$PKI'; make it: scripts/make-pki.sh $PKI"
    command -v python3 >/dev/null || die "python3 not found; it picks free ports"
    if ! mkdir -p "$OUT" 2>/dev/null || [[ ! -w "$OUT" ]]; then
        die "cannot write to results directory '$OUT'; give a writable OUT_DIR"
    fi
}

cleanup() {
    local pid

    for pid in ${WORKER_PIDS:-}; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [[ -z "${WORK:-}" ]] || rm -rf "$WORK"
}

main() {
    local start_s elapsed_s unexpected

    options_parse "$@"
    claims_load
    SSL_SERVER2="$BUILD/peer-mbedtls/programs/ssl/ssl_server2"
    prerequisites_check
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/mbp-interop.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    mkdir -p "$WORK/unexpected"
    log "profiles: ${PROFILES[*]}; peers: ${PEERS[*]}; $JOBS servers at a time"

    start_s=$(date +%s)
    workers_run
    elapsed_s=$(($(date +%s) - start_s))
    csv_write "$elapsed_s"
    md_write "$elapsed_s"
    rm -rf "$OUT/unexpected"
    unexpected=$(find "$WORK/unexpected" -type f | wc -l)
    if ((unexpected > 0)); then
        mv "$WORK/unexpected" "$OUT/unexpected"
    fi
    log "$(grep -vc '^#' "$OUT/interop.csv" | awk '{ print $1 - 1 }') cells in ${elapsed_s} s," \
        "$unexpected unexpected; wrote $OUT/interop.csv and $OUT/interop.md"
    ((unexpected == 0)) || die "$unexpected unexpected cells (see $OUT/interop.md and" \
        "$OUT/unexpected/)"
}

main "$@"
