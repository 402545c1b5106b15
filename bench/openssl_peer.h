/* Handshakes of an OpenSSL client (libssl) against the same server as the profiles' client,
 * timed by the project's harness: the peer figures of handshake_peer.csv.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_PEER_H
#define OPENSSL_PEER_H

/* The "handshake" mode of mbp-openssl-bench; argv is main's (argv[1] is "handshake"). Prints
 * one CSV row (and the header unless --no-header) on stdout. Returns the exit status. */
int mbp_openssl_peer_main(int argc, char **argv);

#endif /* OPENSSL_PEER_H */
