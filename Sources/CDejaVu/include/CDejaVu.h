// DejaVu Sans (Assets/DejaVuSans.ttf) compiled into the binary, so text renders the same wherever
// the executable is copied. Licence: Assets/DejaVu-LICENSE.txt.
#ifndef NMFVIZ_CDEJAVU_H
#define NMFVIZ_CDEJAVU_H
#include <stddef.h>
extern const unsigned char nmfviz_dejavu_sans[];
extern const size_t nmfviz_dejavu_sans_size;
/* Swift cannot import an array of unknown size: it reads the bytes through this accessor. */
static inline const unsigned char *nmfviz_dejavu_sans_bytes(void) { return nmfviz_dejavu_sans; }
#endif
