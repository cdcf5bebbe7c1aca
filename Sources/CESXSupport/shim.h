#ifndef ESX_CESXSUPPORT_SHIM_H
#define ESX_CESXSUPPORT_SHIM_H

/*
 * C constants the ESX driver needs that Swift does not import: Linux declares the
 * open file description locks only under _GNU_SOURCE, which Swift's Glibc module lacks.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>

/* Absent where the system has no open file description locks (macOS). */
#if defined(F_OFD_SETLK) && defined(F_OFD_SETLKW) && defined(F_OFD_GETLK)

/** fcntl(2) command: set an open file description lock, failing with EAGAIN on conflict. */
static inline int esx_f_ofd_setlk(void) {
    return F_OFD_SETLK;
}

/** fcntl(2) command: set an open file description lock, waiting on conflict. */
static inline int esx_f_ofd_setlkw(void) {
    return F_OFD_SETLKW;
}

/** fcntl(2) command: test for a conflicting open file description lock. */
static inline int esx_f_ofd_getlk(void) {
    return F_OFD_GETLK;
}
#endif

#endif
