#include "CTLSPin.h"

#if defined(__linux__) && !(__has_include(<openssl/ssl.h>) && __has_include(<curl/curl.h>))
/* Without this, a build on a machine lacking the headers would silently lose pinning. */
#error "CTLSPin needs libssl-dev and libcurl4-openssl-dev: run Scripts/install-deps.sh, then rebuild"
#endif

#if __has_include(<openssl/ssl.h>) && __has_include(<curl/curl.h>)
#include <curl/curl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* Replaces OpenSSL's chain verification: only the leaf's SHA-256 counts. */
static int vi_tls_pin_verify(X509_STORE_CTX *store, void *arg) {
    vi_tls_pin *pin = arg;
    X509 *leaf = X509_STORE_CTX_get0_cert(store);
    unsigned int length = 0;
    if (leaf == NULL || X509_digest(leaf, EVP_sha256(), pin->found, &length) != 1 || length != VI_TLS_PIN_SIZE) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_UNSPECIFIED);
        return 0;
    }
    pin->seen = 1;
    if (pin->pinned && CRYPTO_memcmp(pin->found, pin->expected, VI_TLS_PIN_SIZE) != 0) {
        pin->mismatch = 1;
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
        return 0;
    }
    return 1;
}

/* CURLOPT_SSL_CTX_FUNCTION: runs on each new connection before its handshake. */
static CURLcode vi_tls_pin_ssl_ctx(CURL *curl, void *ssl_ctx, void *arg) {
    (void)curl;
    SSL_CTX *context = ssl_ctx;
    /* libcurl set SSL_VERIFY_NONE (peer verification is off): make a refusal fail the handshake. */
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_cert_verify_callback(context, vi_tls_pin_verify, arg);
    return CURLE_OK;
}

int vi_tls_pin_install(void *handle, vi_tls_pin *pin) {
    CURLcode rc = curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, vi_tls_pin_ssl_ctx);
    if (rc == CURLE_OK) rc = curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, (void *)pin);
    if (rc == CURLE_OK) rc = curl_easy_setopt(handle, CURLOPT_SSL_SESSIONID_CACHE, 0L);
    return (int)rc;
}

#else

int vi_tls_pin_install(void *handle, vi_tls_pin *pin) {
    (void)handle;
    (void)pin;
    return 4; /* CURLE_NOT_BUILT_IN */
}

#endif
