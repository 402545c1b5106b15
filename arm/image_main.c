/* main() of the Cortex-M image: the project's client core, once, over the port's transport.
 * Copyright The mbedtls-profiles authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * The same client as mbp-client on the host (src/mbp_client.c, mbp_observe.c, mbp_names.c),
 * without what only a command-line program needs: sockets (mbp_net.c; the port's callbacks
 * replace them), argument parsing, file reading and the diagnosis in words (mbp_diag.c, about
 * 1,000 lines of text a device has no screen for; it reports the error code through
 * mbp_port_result() instead). The client verifies the server against the CA the port gives (by
 * default the one compiled in), sends one HTTP/1.0 GET and passes the response to the port.
 */
#include <string.h>

#include <mbedtls/ssl.h>

#include "mbp_client.h"
#include "mbp_port.h"

/* Name the server's certificate must carry; a port sets its own. */
#if !defined(MBP_IMAGE_SERVER_NAME)
#define MBP_IMAGE_SERVER_NAME "localhost"
#endif

/* Path of the one request. */
#if !defined(MBP_IMAGE_REQUEST_PATH)
#define MBP_IMAGE_REQUEST_PATH "/"
#endif

/* Static rather than on the stack: a device usually keeps its TLS context for the life of the
 * connection, and the image's static RAM figure (data + bss) then includes it. */
static struct mbp_client mbp_image_client;

/* Runs the handshake to its end; a non-blocking port makes it return WANT_READ / WANT_WRITE
 * until its data is there. */
static int mbp_image_handshake(struct mbp_client *client)
{
    int ret;

    do {
        ret = mbp_client_handshake(client);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    return ret;
}

/* Setup, handshake, one request; *step tells how far it got. Returns 0 or a negative error. */
static int mbp_image_run(struct mbp_client *client, int *step)
{
    struct mbp_client_config config;
    int ret;

    memset(&config, 0, sizeof(config));
    config.server_name = MBP_IMAGE_SERVER_NAME;

    *step = MBP_IMAGE_STEP_SETUP;
    ret = mbp_port_ca_get(&config.ca_buf, &config.ca_len);
    if (ret != 0) {
        return ret;
    }
    ret = mbp_client_setup(client, &config);
    if (ret != 0) {
        return ret;
    }
    mbp_client_set_io(client, NULL, mbp_port_send, mbp_port_recv, NULL);

    *step = MBP_IMAGE_STEP_HANDSHAKE;
    ret = mbp_image_handshake(client);
    if (ret != 0) {
        return ret;
    }

    *step = MBP_IMAGE_STEP_REQUEST;
    ret = mbp_client_http_get(client, MBP_IMAGE_REQUEST_PATH, mbp_port_response, NULL);
    if (ret != 0) {
        return ret;
    }
    /* The server may already have closed after its response: nothing to report then. */
    (void)mbp_client_close(client);
    *step = MBP_IMAGE_STEP_DONE;
    return 0;
}

int main(void)
{
    int step = 0;
    int ret;

    mbp_client_init(&mbp_image_client);
    ret = mbp_image_run(&mbp_image_client, &step);
    mbp_client_free(&mbp_image_client);
    mbp_port_result(step, ret);
    return ret == 0 ? 0 : 1;
}
