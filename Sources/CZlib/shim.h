#ifndef NMFVIZ_CZLIB_SHIM_H
#define NMFVIZ_CZLIB_SHIM_H
#include <zlib.h>
#endif
