#ifndef VI_CTLSPIN_H
#define VI_CTLSPIN_H

/*
 * Certificate thumbprint pinning for libcurl built with OpenSSL (Debian's libcurl4-openssl-dev).
 *
 * CURLOPT_PINNEDPUBLICKEY pins the public key, not the certificate, and CURLINFO_CERTINFO is only
 * available after a transfer (when the request, password included, has been sent). So the check
 * runs inside the TLS handshake instead: CURLOPT_SSL_CTX_FUNCTION installs an OpenSSL certificate
 * verification callback that hashes the peer's DER leaf certificate with SHA-256 and fails the
 * handshake unless it matches. No HTTP byte is written before the handshake succeeds.
 */

/** Bytes of a SHA-256 digest. */
#define VI_TLS_PIN_SIZE 32

/** Per-handle pinning state; the callback reads `expected` and writes the rest. */
typedef struct vi_tls_pin {
    /** SHA-256 the leaf certificate must have when `pinned` is 1. */
    unsigned char expected[VI_TLS_PIN_SIZE];
    /** 1: accept only `expected`; 0: accept any certificate and record it (trust on first use). */
    int pinned;
    /** SHA-256 of the last leaf certificate seen, valid when `seen` is 1. */
    unsigned char found[VI_TLS_PIN_SIZE];
    int seen;
    /** 1 when the last handshake was refused because `found` differs from `expected`. */
    int mismatch;
} vi_tls_pin;

/**
 * Makes the next transfers of the curl easy handle `handle` check (or record) the leaf
 * certificate in `pin`, which must outlive them, and turns TLS session reuse off so that every
 * new connection presents its certificate. Returns a CURLcode: 0 on success, 4
 * (CURLE_NOT_BUILT_IN) when libcurl's TLS backend is not OpenSSL.
 */
int vi_tls_pin_install(void *handle, vi_tls_pin *pin);

#endif
