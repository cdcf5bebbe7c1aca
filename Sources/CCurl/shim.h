#ifndef VI_CCURL_SHIM_H
#define VI_CCURL_SHIM_H

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
 * Each wrapper fixes the type of the single variadic argument.
 */

/* MARK: global */

/** curl_global_init(CURL_GLOBAL_ALL); the macro is not importable as a constant. */
static inline CURLcode vi_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

/** Size of the buffer CURLOPT_ERRORBUFFER writes into. */
static inline long vi_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

/* MARK: curl_easy_setopt */

static inline CURLcode vi_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vi_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vi_curl_easy_setopt_ptr(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/** For string options; libcurl copies the string (since 7.17), except CURLOPT_POSTFIELDS. */
static inline CURLcode vi_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vi_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/** CURLOPT_WRITEFUNCTION. */
static inline CURLcode vi_curl_easy_setopt_write_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/** CURLOPT_READFUNCTION (request bodies streamed from a file). */
static inline CURLcode vi_curl_easy_setopt_read_callback(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/** CURLOPT_HEADERFUNCTION (same signature as the write callback). */
static inline CURLcode vi_curl_easy_setopt_header_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/** CURLOPT_XFERINFOFUNCTION; also turns the progress machinery on (CURLOPT_NOPROGRESS 0). */
static inline CURLcode vi_curl_easy_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    CURLcode rc = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

/** Restricts the handle (and redirects, which are off anyway) to http and https. */
static inline CURLcode vi_curl_easy_restrict_protocols_http(CURL *handle) {
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    return curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    return curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

/** CURLOPT_OPENSOCKETFUNCTION. */
static inline CURLcode vi_curl_easy_setopt_opensocket_callback(CURL *handle, curl_opensocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

/** CURLOPT_CLOSESOCKETFUNCTION. */
static inline CURLcode vi_curl_easy_setopt_closesocket_callback(CURL *handle, curl_closesocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, callback);
}

/* MARK: sockets (for the open/close socket callbacks) */

static inline curl_socket_t vi_curl_socket_bad(void) {
    return CURL_SOCKET_BAD;
}

/** socket(2) with close-on-exec; CURL_SOCKET_BAD on failure. */
static inline curl_socket_t vi_socket_open(int family, int type, int protocol) {
#ifdef SOCK_CLOEXEC
    int fd = socket(family, type | SOCK_CLOEXEC, protocol);
#else
    int fd = socket(family, type, protocol);
    if (fd >= 0) (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
#endif
    return fd < 0 ? CURL_SOCKET_BAD : (curl_socket_t)fd;
}

static inline int vi_socket_close(curl_socket_t fd) {
    return close(fd);
}

/** shutdown(2) both directions: a poll on the socket returns at once, the socket stays open. */
static inline void vi_socket_interrupt(curl_socket_t fd) {
    (void)shutdown(fd, SHUT_RDWR);
}

/* MARK: curl_easy_getinfo */

static inline CURLcode vi_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vi_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vi_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vi_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
