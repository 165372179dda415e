// DejaVu Sans (Assets/DejaVuSans.ttf) compiled into the binary, so text renders the same wherever
// the executable is copied. Licence: Assets/DejaVu-LICENSE.txt.
#ifndef NMFVIZ_CDEJAVU_H
#define NMFVIZ_CDEJAVU_H
#include <stddef.h>
extern const unsigned char nmfviz_dejavu_sans[];
extern const size_t nmfviz_dejavu_sans_size;
#endif
