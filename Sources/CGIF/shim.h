#ifndef NMFVIZ_CGIF_SHIM_H
#define NMFVIZ_CGIF_SHIM_H
#include <gif_lib.h>
#endif
