#ifndef VI_CCURL_SHIM_H
#define VI_CCURL_SHIM_H
#include <curl/curl.h>
#endif
