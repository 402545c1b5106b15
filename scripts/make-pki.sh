#!/usr/bin/env bash
# Generate the test PKI (CAs, server certificates, chains) used by the tests on 127.0.0.1.
# Copyright The mbedtls-profiles authors.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: make-pki.sh [--force] OUTDIR
#
# Idempotent: when every expected file is already in OUTDIR, nothing is done. When any file is
# missing, the whole PKI is generated again (certificates must chain to the keys next to them,
# so a partial regeneration is never attempted). Files are built in a staging directory inside
# OUTDIR and moved into place only once every self-check has passed.
#
# Needs the openssl command line tool (written against Debian's OpenSSL 3.0). OpenSSL 3.0's
# `openssl x509 -req` cannot set a start date, so the expired and not-yet-valid certificates
# are signed with `openssl ca`, driven by a minimal configuration written next to them.

set -euo pipefail

readonly PROG="make-pki"
readonly SUBJECT_ORG="mbedtls-profiles test PKI"
readonly CA_DAYS=7300   # roots and intermediates: 20 years
readonly LEAF_DAYS=3650 # server certificates: 10 years
readonly EXPIRED_START="200101000000Z"
readonly EXPIRED_END="210101000000Z"
readonly FUTURE_START="490101000000Z"
readonly FUTURE_END="491231000000Z"
readonly BIG_SAN_COUNT=125 # tuned so that the big chain is about 6 KB of DER
readonly BIG_CHAIN_MIN_BYTES=5500
readonly BIG_CHAIN_MAX_BYTES=7000

# Every file a complete PKI holds; README is written last.
readonly PKI_FILES=(
    ca.key ca.crt
    server.key server.crt
    server-p384.key server-p384.crt
    server-rsa2048.key server-rsa2048.crt
    otherhost.key otherhost.crt
    expired.key expired.crt
    future.key future.crt
    untrusted-ca.key untrusted-ca.crt
    untrusted-server.key untrusted-server.crt
    rsa-root-ca.key rsa-root-ca.crt
    rsa-intermediate-ca.key rsa-intermediate-ca.crt
    rsa-server.key rsa-server.crt rsa-server-chain.crt
    big-root-ca.key big-root-ca.crt
    big-intermediate-1.key big-intermediate-1.crt
    big-intermediate-2.key big-intermediate-2.crt
    big-server.key big-server.crt big-server-chain.crt big-server-intermediates.crt
    extensions.cnf openssl-ca.cnf
    README
)

log() {
    printf '%s: %s\n' "$PROG" "$*" >&2
}

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

usage() {
    cat >&2 <<EOF
usage: $PROG [--force] OUTDIR

Generates the test PKI into OUTDIR (created if needed); see OUTDIR/README afterwards.
  --force   regenerate even when OUTDIR already holds a complete PKI
EOF
    exit 2
}

# Run a command quietly; on failure show the command and everything it printed.
run() {
    local out

    if ! out=$("$@" 2>&1); then
        die "command failed: $*"$'\n'"$out"
    fi
}

pki_is_complete() {
    local dir=$1 f

    for f in "${PKI_FILES[@]}"; do
        [[ -s "$dir/$f" ]] || return 1
    done
    return 0
}

# Extension sections for every kind of certificate; used by req, x509 and ca alike.
write_extensions() {
    local i

    cat >extensions.cnf <<EOF
# Certificate extensions of the mbedtls-profiles test PKI (written by scripts/make-pki.sh).
[ req ]
distinguished_name = req_dn
prompt = no

[ req_dn ]
CN = unused

[ root_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ intermediate_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ leaf_ec_localhost ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @san_localhost

[ leaf_rsa_localhost ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @san_localhost

[ leaf_ec_otherhost ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @san_otherhost

[ leaf_ec_big ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @san_big

[ san_localhost ]
DNS.1 = localhost
IP.1 = 127.0.0.1

[ san_otherhost ]
DNS.1 = otherhost.example

[ san_big ]
DNS.1 = localhost
IP.1 = 127.0.0.1
EOF
    # Many names, like the certificates of large shared front ends, make the leaf big.
    for ((i = 1; i <= BIG_SAN_COUNT; i++)); do
        printf 'DNS.%d = svc-%03d.big-chain.mbp-test.example\n' $((i + 1)) "$i"
    done >>extensions.cnf
}

# Minimal `openssl ca` set-up, only used for certificates with explicit start and end dates.
write_ca_config() {
    mkdir -p ca-db/newcerts
    : >ca-db/index.txt
    openssl rand -hex 8 >ca-db/serial
    cat >openssl-ca.cnf <<'EOF'
# Minimal `openssl ca` configuration of the mbedtls-profiles test PKI (scripts/make-pki.sh).
# It exists only because OpenSSL 3.0's `openssl x509 -req` cannot set a start date; paths are
# relative to the directory the PKI was generated in.
[ ca ]
default_ca = mbp_ca

[ mbp_ca ]
database = ca-db/index.txt
new_certs_dir = ca-db/newcerts
serial = ca-db/serial
default_md = sha256
policy = mbp_policy
unique_subject = no
email_in_dn = no
copy_extensions = none

[ mbp_policy ]
organizationName = optional
commonName = supplied
EOF
}

# gen_key NAME ALGORITHM: ALGORITHM is P-256, P-384, rsa2048 or rsa4096.
gen_key() {
    local name=$1 alg=$2

    case "$alg" in
    P-256 | P-384)
        run openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$alg" \
            -pkeyopt ec_param_enc:named_curve -out "$name.key"
        ;;
    rsa2048 | rsa4096)
        run openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${alg#rsa}" -out "$name.key"
        ;;
    *)
        die "internal: unknown key algorithm '$alg'"
        ;;
    esac
}

subject_of() {
    printf '/O=%s/CN=%s' "$SUBJECT_ORG" "$1"
}

# make_root NAME ALGORITHM COMMON_NAME: self-signed root CA.
make_root() {
    local name=$1 alg=$2 cn=$3

    log "root CA $name ($alg, \"$cn\")"
    gen_key "$name" "$alg"
    run openssl req -new -x509 -config extensions.cnf -extensions root_ca -sha256 \
        -key "$name.key" -subj "$(subject_of "$cn")" -days "$CA_DAYS" \
        -set_serial "0x$(openssl rand -hex 8)" -out "$name.crt"
}

# make_signed NAME ALGORITHM COMMON_NAME ISSUER EXTENSION_SECTION DAYS
make_signed() {
    local name=$1 alg=$2 cn=$3 issuer=$4 ext=$5 days=$6

    log "certificate $name ($alg, \"$cn\", issued by $issuer)"
    gen_key "$name" "$alg"
    run openssl req -new -config extensions.cnf -key "$name.key" -subj "$(subject_of "$cn")" \
        -out "$name.csr"
    run openssl x509 -req -in "$name.csr" -CA "$issuer.crt" -CAkey "$issuer.key" -sha256 \
        -set_serial "0x$(openssl rand -hex 8)" -days "$days" \
        -extfile extensions.cnf -extensions "$ext" -out "$name.crt"
    rm -f "$name.csr"
}

# make_dated NAME COMMON_NAME ISSUER START END: P-256 server certificate with explicit dates.
make_dated() {
    local name=$1 cn=$2 issuer=$3 start=$4 end=$5

    log "certificate $name (P-256, \"$cn\", valid $start to $end, issued by $issuer)"
    gen_key "$name" P-256
    run openssl req -new -config extensions.cnf -key "$name.key" -subj "$(subject_of "$cn")" \
        -out "$name.csr"
    run openssl ca -batch -config openssl-ca.cnf -cert "$issuer.crt" -keyfile "$issuer.key" \
        -in "$name.csr" -out "$name.crt" -startdate "$start" -enddate "$end" -notext \
        -extfile extensions.cnf -extensions leaf_ec_localhost
    rm -f "$name.csr"
}

# UTCTime as used by `openssl ca` (YYMMDDhhmmssZ, years 20YY) to YYYY-MM-DD.
utctime_to_date() {
    printf '20%s-%s-%s' "${1:0:2}" "${1:2:2}" "${1:4:2}"
}

der_bytes() {
    openssl x509 -in "$1" -outform DER | wc -c
}

generate_all() {
    write_extensions
    write_ca_config

    make_root ca P-256 "mbp test CA"
    make_signed server P-256 localhost ca leaf_ec_localhost "$LEAF_DAYS"
    make_signed server-p384 P-384 localhost ca leaf_ec_localhost "$LEAF_DAYS"
    make_signed server-rsa2048 rsa2048 localhost ca leaf_rsa_localhost "$LEAF_DAYS"
    make_signed otherhost P-256 otherhost.example ca leaf_ec_otherhost "$LEAF_DAYS"
    make_dated expired localhost ca "$EXPIRED_START" "$EXPIRED_END"
    make_dated future localhost ca "$FUTURE_START" "$FUTURE_END"

    make_root untrusted-ca P-256 "mbp untrusted CA"
    make_signed untrusted-server P-256 localhost untrusted-ca leaf_ec_localhost "$LEAF_DAYS"

    make_root rsa-root-ca rsa4096 "mbp RSA-4096 root CA"
    make_signed rsa-intermediate-ca rsa2048 "mbp RSA-2048 intermediate CA" rsa-root-ca \
        intermediate_ca "$CA_DAYS"
    make_signed rsa-server rsa2048 localhost rsa-intermediate-ca leaf_rsa_localhost "$LEAF_DAYS"
    cat rsa-server.crt rsa-intermediate-ca.crt >rsa-server-chain.crt

    make_root big-root-ca P-256 "mbp big-chain root CA"
    make_signed big-intermediate-1 P-256 "mbp big-chain intermediate CA 1" big-root-ca \
        intermediate_ca "$CA_DAYS"
    make_signed big-intermediate-2 P-256 "mbp big-chain intermediate CA 2" big-intermediate-1 \
        intermediate_ca "$CA_DAYS"
    make_signed big-server P-256 localhost big-intermediate-2 leaf_ec_big "$LEAF_DAYS"
    cat big-intermediate-2.crt big-intermediate-1.crt >big-server-intermediates.crt
    cat big-server.crt big-server-intermediates.crt >big-server-chain.crt
}

# expect_verify_ok LABEL OPENSSL_VERIFY_ARGS...
expect_verify_ok() {
    local label=$1 out

    shift
    if ! out=$(openssl verify "$@" 2>&1); then
        die "self-check failed: $label does not verify: $out"
    fi
}

# expect_verify_error LABEL EXPECTED_TEXT OPENSSL_VERIFY_ARGS...
expect_verify_error() {
    local label=$1 expected=$2 out

    shift 2
    if out=$(openssl verify "$@" 2>&1); then
        die "self-check failed: $label verifies but should fail with '$expected'"
    fi
    [[ "$out" == *"$expected"* ]] ||
        die "self-check failed: $label fails, but not with '$expected': $out"
}

self_check() {
    local big_bytes

    log "self-checks"
    expect_verify_ok server -CAfile ca.crt server.crt
    expect_verify_ok server-p384 -CAfile ca.crt server-p384.crt
    expect_verify_ok server-rsa2048 -CAfile ca.crt server-rsa2048.crt
    expect_verify_ok otherhost -CAfile ca.crt otherhost.crt
    expect_verify_ok untrusted-server -CAfile untrusted-ca.crt untrusted-server.crt
    expect_verify_error "untrusted-server against ca.crt" "unable to get local issuer" \
        -CAfile ca.crt untrusted-server.crt
    expect_verify_error expired "certificate has expired" -CAfile ca.crt expired.crt
    expect_verify_error future "certificate is not yet valid" -CAfile ca.crt future.crt
    expect_verify_ok "expired, ignoring dates" -no_check_time -CAfile ca.crt expired.crt
    expect_verify_ok "future, ignoring dates" -no_check_time -CAfile ca.crt future.crt
    expect_verify_ok rsa-server -CAfile rsa-root-ca.crt -untrusted rsa-intermediate-ca.crt \
        rsa-server.crt
    expect_verify_ok big-server -CAfile big-root-ca.crt \
        -untrusted <(cat big-intermediate-1.crt big-intermediate-2.crt) big-server.crt

    big_bytes=$(($(der_bytes big-server.crt) + $(der_bytes big-intermediate-2.crt) +
        $(der_bytes big-intermediate-1.crt)))
    if ((big_bytes < BIG_CHAIN_MIN_BYTES || big_bytes > BIG_CHAIN_MAX_BYTES)); then
        die "self-check failed: big chain is $big_bytes DER bytes, expected" \
            "$BIG_CHAIN_MIN_BYTES..$BIG_CHAIN_MAX_BYTES; adjust BIG_SAN_COUNT in $0"
    fi
}

# One line per file: name, then purpose.
write_readme() {
    local big_leaf big_int2 big_int1 expired_dates future_dates

    expired_dates="$(utctime_to_date "$EXPIRED_START") to $(utctime_to_date "$EXPIRED_END")"
    future_dates="$(utctime_to_date "$FUTURE_START") to $(utctime_to_date "$FUTURE_END")"
    big_leaf=$(der_bytes big-server.crt)
    big_int2=$(der_bytes big-intermediate-2.crt)
    big_int1=$(der_bytes big-intermediate-1.crt)
    cat >README <<EOF
mbedtls-profiles test PKI, generated by scripts/make-pki.sh
generated:  $(date -u +%Y-%m-%dT%H:%M:%SZ) with $(openssl version)
validity:   roots and intermediates $CA_DAYS days, server certificates $LEAF_DAYS days from
            generation, except expired.crt and future.crt (fixed dates below).
subjects:   O=$SUBJECT_ORG, CN as listed. Every localhost certificate carries
            subjectAltName DNS:localhost and IP:127.0.0.1.
keys:       unencrypted PKCS#8 PEM, for test servers only. Never use them elsewhere.

Trusted root: "mbp test CA" (ECDSA P-256)
  ca.crt, ca.key                 root CA that clients are given (C1, C3, C4, C8, C11, C14)
  server.crt, server.key         ECDSA P-256 leaf, CN=localhost (C1, C14 and most tests)
  server-p384.crt/.key           ECDSA P-384 leaf, CN=localhost, signed with ecdsa-with-SHA256
  server-rsa2048.crt/.key        RSA-2048 leaf, CN=localhost, signed by the ECDSA CA above, so
                                 ca.crt verifies it and only the server's own key is RSA (C8, C11)
  otherhost.crt, otherhost.key   ECDSA P-256 leaf for otherhost.example only (C3)
  expired.crt, expired.key       ECDSA P-256 leaf, valid $expired_dates (C4)
  future.crt, future.key         ECDSA P-256 leaf, valid $future_dates (C4);
                                 its start lies after the root's expiry, which clients do not
                                 check for this case

Independent root: "mbp untrusted CA" (ECDSA P-256), never given to clients
  untrusted-ca.crt/.key          the CA (C2)
  untrusted-server.crt/.key      ECDSA P-256 leaf, CN=localhost, signed by it (C2)

RSA chain like much of the public web (C13)
  rsa-root-ca.crt/.key           RSA-4096 root "mbp RSA-4096 root CA", give it to the client
  rsa-intermediate-ca.crt/.key   RSA-2048 intermediate, signed by the root
  rsa-server.crt/.key            RSA-2048 leaf, CN=localhost, signed by the intermediate
  rsa-server-chain.crt           leaf + intermediate: the chain the server sends
                                 (gnutls-serv --x509certfile; openssl s_server takes
                                 -cert rsa-server.crt -cert_chain rsa-intermediate-ca.crt)

Chain of about 6 KB, for the input buffer case (C10); every certificate is ECDSA P-256 so
that every profile can verify it
  big-root-ca.crt/.key           root "mbp big-chain root CA", give it to the client
  big-intermediate-1.crt/.key    intermediate signed by the root ($big_int1 bytes DER)
  big-intermediate-2.crt/.key    intermediate signed by intermediate 1 ($big_int2 bytes DER)
  big-server.crt/.key            leaf, CN=localhost, $((BIG_SAN_COUNT + 2)) subjectAltName entries
                                 ($big_leaf bytes DER)
  big-server-chain.crt           leaf + intermediate 2 + intermediate 1: the chain the server
                                 sends, $((big_leaf + big_int2 + big_int1)) bytes DER in total
                                 (gnutls-serv --x509certfile)
  big-server-intermediates.crt   intermediate 2 + intermediate 1, for openssl s_server
                                 -cert big-server.crt -cert_chain big-server-intermediates.crt

Generation inputs
  extensions.cnf                 extension sections used for every certificate
  openssl-ca.cnf                 minimal 'openssl ca' configuration, used only for the dated
                                 certificates (OpenSSL 3.0's 'x509 -req' has no start date)
  README                         this file
EOF
}

install_staged() {
    local staging=$1 outdir=$2 f

    for f in "${PKI_FILES[@]}"; do
        mv -f "$staging/$f" "$outdir/$f"
    done
}

main() {
    local force=0 outdir staging

    while (($# > 0)); do
        case "$1" in
        --force) force=1 ;;
        -h | --help) usage ;;
        -*) die "unknown option '$1' (try --help)" ;;
        *) break ;;
        esac
        shift
    done
    (($# == 1)) || usage
    outdir=$1
    command -v openssl >/dev/null || die "openssl not found; install it (apt-get install openssl)"

    if ((force == 0)) && pki_is_complete "$outdir"; then
        log "PKI in $outdir is complete, nothing to do (use --force to regenerate)"
        return 0
    fi
    mkdir -p "$outdir" 2>/dev/null ||
        die "cannot create output directory '$outdir'; fix: name a directory in a writable place"
    staging=$(mktemp -d "$outdir/.staging.XXXXXX") ||
        die "cannot create a staging directory in '$outdir'; fix: make it writable, or name" \
            "another directory"
    # shellcheck disable=SC2064 # the path is fixed now, on purpose
    trap "rm -rf '$staging'" EXIT

    log "generating test PKI in $outdir"
    (
        cd "$staging"
        generate_all
        self_check
        write_readme
    )
    install_staged "$staging" "$outdir"
    log "done: $outdir/README lists every file"
}

main "$@"
