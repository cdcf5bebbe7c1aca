#ifndef VI_CLIBXML2_SHIM_H
#define VI_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its ICU headers clash with Foundation's copy of ICU
   in Swift's module system. Nothing here uses ICU converters, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function-pointer variable, which Swift 6 treats as shared mutable state. */
static inline void vi_xml_free(void *pointer) { xmlFree(pointer); }
#endif
